/**
 * Loopback TCP proxy for fault injection: `cut()` drops every open connection and refuses
 * new ones (the server looks unreachable), `restore()` lets traffic through again.
 */
import net from 'node:net';

export interface FaultProxy {
  url: string;
  cut(): void;
  /** Cuts the connection that carries the client's `n`-th byte from now on (once). */
  cutAfterBytes(n: number): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<net.Socket>();
  let cut = false;
  let budget = Infinity;
  const server = net.createServer((client) => {
    if (cut) return client.destroy();
    const upstream = net.connect(Number(port), hostname);
    sockets.add(client);
    sockets.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.on('data', (chunk: Buffer) => {
      if (chunk.length < budget) {
        budget -= chunk.length;
        upstream.write(chunk);
        return;
      }
      // Forward the bytes before the cut, then drop both sides mid-request.
      upstream.write(chunk.subarray(0, budget), () => drop());
      budget = Infinity;
    });
    upstream.pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${addr.port}`,
    cut() {
      cut = true;
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
    cutAfterBytes(n) {
      budget = n;
    },
    restore() {
      cut = false;
      budget = Infinity;
    },
    async close() {
      cut = true;
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

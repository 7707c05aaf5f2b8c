/**
 * A small loopback load balancer, standing in for the reverse proxy of deploy/compose.yaml
 * where no container engine runs: TCP connections go round robin to the upstreams whose
 * `/ready` answered 200 at the last probe, the way the proxy's active health checks choose.
 */
import net from 'node:net';

export interface Balancer {
  url: string;
  /** Connections handed to each upstream so far, in the order given. */
  connections(): number[];
  close(): Promise<void>;
}

export async function startBalancer(upstreams: string[], probeEveryMs = 200): Promise<Balancer> {
  const targets = upstreams.map((u) => {
    const { hostname, port } = new URL(u);
    return { url: u, hostname, port, ready: true, connections: 0 };
  });
  const sockets = new Set<net.Socket>();
  let next = 0;
  let closed = false;

  const probe = async (): Promise<void> => {
    await Promise.all(
      targets.map(async (t) => {
        try {
          t.ready = (await fetch(`${t.url}/ready`, { signal: AbortSignal.timeout(1000) })).ok;
        } catch {
          t.ready = false;
        }
      }),
    );
  };
  await probe();
  const timer = setInterval(() => void probe(), probeEveryMs);

  const server = net.createServer((client) => {
    const ready = targets.filter((t) => t.ready);
    if (closed || ready.length === 0) return client.destroy();
    const target = ready[next++ % ready.length]!;
    target.connections += 1;
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => targets.map((t) => t.connections),
    async close() {
      closed = true;
      clearInterval(timer);
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

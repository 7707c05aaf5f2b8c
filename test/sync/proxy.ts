/**
 * Loopback TCP proxy for fault injection: `cut()` drops every open connection and refuses
 * new ones (the server looks unreachable), `restore()` lets traffic through again.
 */
import http from 'node:http';
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

/**
 * Loopback HTTP proxy that orders one client's traffic on purpose: it can hold back the bytes
 * of a collection's live stream (the events wait in the proxy), hold a collection's push or
 * pull requests (they reach the server only when released) and hold the server's answers to
 * its pushes (the server has stored the push; the client does not know yet). Every other
 * request passes through.
 */
export interface GateProxy {
  url: string;
  /** From now on the stream's bytes wait in the proxy. */
  holdStream(collection: string): void;
  /** Sends the bytes held so far; with `keepHolding`, later bytes wait again. */
  releaseStream(collection: string, keepHolding?: boolean): void;
  /** From now on push requests of the collection wait in the proxy before reaching the server. */
  holdPushes(collection: string): void;
  /** Every byte of the stream from now on reaches the client `ms` later (in order); 0 ends the delay. */
  delayStream(collection: string, ms: number): void;
  /** Push requests waiting now. */
  heldPushes(collection: string): number;
  /** Lets the waiting push requests through and stops holding. */
  releasePushes(collection: string): void;
  /** From now on pull requests of the collection wait in the proxy; `releasePulls` lets them go. */
  holdPulls(collection: string): void;
  heldPulls(collection: string): number;
  releasePulls(collection: string): void;
  /** Pull answers delivered to the client in full. */
  pullsAnswered(collection: string): number;
  /** From now on the server's answers to push requests wait in the proxy; `releasePushAnswers` sends them. */
  holdPushAnswers(collection: string): void;
  heldPushAnswers(collection: string): number;
  releasePushAnswers(collection: string): void;
  close(): Promise<void>;
}

export async function startGateProxy(target: string): Promise<GateProxy> {
  const { hostname, port } = new URL(target);
  const agent = new http.Agent({ keepAlive: true });
  /** Per collection: whether its stream is held, and each open stream's held bytes. */
  const streams = new Map<string, { held: boolean; delayMs: number; sinks: Map<http.ServerResponse, Buffer[]> }>();
  const pushes = new Map<string, { held: boolean; waiting: (() => void)[] }>();
  const pulls = new Map<string, { held: boolean; waiting: (() => void)[] }>();
  const pushAnswers = new Map<string, { held: boolean; waiting: (() => void)[] }>();
  const answeredPulls = new Map<string, number>();
  const gateOf = (gates: typeof pushes, c: string) => gates.get(c) ?? (gates.set(c, { held: false, waiting: [] }), gates.get(c)!);
  const release = (gates: typeof pushes, c: string) => {
    const g = gateOf(gates, c);
    g.held = false;
    for (const go of g.waiting.splice(0)) go();
  };
  /** Hold, count and release what waits at one kind of gate, per collection. */
  const controls = (gates: typeof pushes) => ({
    hold: (c: string) => void (gateOf(gates, c).held = true),
    held: (c: string) => gateOf(gates, c).waiting.length,
    release: (c: string) => release(gates, c),
  });
  const [pushGate, pullGate, answerGate] = [controls(pushes), controls(pulls), controls(pushAnswers)];
  const streamOf = (c: string) => streams.get(c) ?? (streams.set(c, { held: false, delayMs: 0, sinks: new Map() }), streams.get(c)!);
  const pushesOf = (c: string) => gateOf(pushes, c);
  const sockets = new Set<net.Socket>();

  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://proxy').pathname;
    const m = /^\/sync\/([^/]+)\/(stream|push|pull)$/.exec(path);
    const forward = () => {
      const upstream = http.request({ host: hostname, port: Number(port), method: req.method, path: req.url, headers: req.headers, agent }, (up) => {
        const answer = () => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          if (m?.[2] === 'pull') res.on('finish', () => answeredPulls.set(m[1]!, (answeredPulls.get(m[1]!) ?? 0) + 1));
          up.pipe(res);
        };
        if (m?.[2] === 'push' && gateOf(pushAnswers, m[1]!).held) {
          up.pause();
          return void gateOf(pushAnswers, m[1]!).waiting.push(answer);
        }
        if (m?.[2] !== 'stream') return void answer();
        res.writeHead(up.statusCode ?? 502, up.headers);
        const s = streamOf(m[1]!);
        const buffered: Buffer[] = [];
        s.sinks.set(res, buffered);
        res.flushHeaders();
        // Delayed bytes leave in order, each at its own time.
        let delayed = Promise.resolve();
        up.on('data', (chunk: Buffer) => {
          if (s.held || buffered.length > 0) return void buffered.push(chunk);
          const at = Date.now() + s.delayMs;
          delayed = delayed.then(() => new Promise<void>((r) => setTimeout(r, Math.max(0, at - Date.now())))).then(() => void res.write(chunk));
        });
        up.on('end', () => res.end());
        res.on('close', () => {
          s.sinks.delete(res);
          up.destroy();
        });
      });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    };
    const gate = m?.[2] === 'push' ? pushesOf(m[1]!) : m?.[2] === 'pull' ? gateOf(pulls, m[1]!) : undefined;
    if (gate?.held) {
      // The body is read by `forward` once released (the request stream pauses meanwhile).
      req.pause();
      gate.waiting.push(forward);
    } else forward();
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${addr.port}`,
    holdStream(c) {
      streamOf(c).held = true;
    },
    releaseStream(c, keepHolding = false) {
      const s = streamOf(c);
      for (const [sink, buffered] of s.sinks) for (const chunk of buffered.splice(0)) sink.write(chunk);
      s.held = keepHolding;
    },
    delayStream(c, ms) {
      streamOf(c).delayMs = ms;
    },
    holdPushes: pushGate.hold,
    heldPushes: pushGate.held,
    releasePushes: pushGate.release,
    holdPulls: pullGate.hold,
    heldPulls: pullGate.held,
    releasePulls: pullGate.release,
    pullsAnswered(c) {
      return answeredPulls.get(c) ?? 0;
    },
    holdPushAnswers: answerGate.hold,
    heldPushAnswers: answerGate.held,
    releasePushAnswers: answerGate.release,
    async close() {
      for (const s of sockets) s.destroy();
      agent.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

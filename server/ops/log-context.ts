import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';

/**
 * The request id of the request being served, carried through async calls. Modules that log
 * through the process logger (the sync engine, the stream hub, audit) have no `request.log`;
 * the logger's mixin reads the id from here, so their lines carry it too.
 */
const context = new AsyncLocalStorage<{ reqId: string }>();

/** Fastify's per-request loggers already bind `reqId`: the mixin must not add it twice. */
const requestLoggers = new WeakSet<object>();

export const REQUEST_ID_HEADER = 'x-request-id';

export function currentRequestId(): string | undefined {
  return context.getStore()?.reqId;
}

export function createLogger(config: { logLevel: string }, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    base: { service: 'cims-server' },
    mixin(_merge, _level, logger) {
      const reqId = context.getStore()?.reqId;
      return reqId && !requestLoggers.has(logger) ? { reqId } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * Request ids: a caller's (a reverse proxy's) `x-request-id` is kept when it looks like an
 * id, so one id follows a request across the proxy and every server process; anything else
 * is replaced, so a client cannot write arbitrary text into the logs.
 */
export function genReqId(req: IncomingMessage): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
}

export const childLoggerFactory = function (this: FastifyInstance, logger: Logger, bindings: pino.Bindings, opts: pino.ChildLoggerOptions): Logger {
  const child = logger.child(bindings, opts);
  requestLoggers.add(child);
  return child;
};

/** Must be the first onRequest hook: everything after it runs inside the request's context. */
export function installRequestContext(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    context.run({ reqId: request.id }, done);
  });
}

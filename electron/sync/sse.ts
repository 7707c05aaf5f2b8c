/**
 * `text/event-stream` (WHATWG Server-Sent Events) over a fetch response body, parsed by
 * eventsource-parser. Not the EventSource API: the stream request carries headers (bearer
 * token, protocol version) that the browser EventSource cannot send.
 */
import { createParser, type EventSourceParser } from 'eventsource-parser';

export interface SseMessage {
  event: string;
  data: string;
  id?: string;
}

/** Incremental parser fed with byte or text chunks; keeps the last event id as the spec does. */
export class SseParser {
  private readonly decoder = new TextDecoder();
  private readonly parser: EventSourceParser;
  private completed: SseMessage[] = [];
  private lastId: string | undefined;

  constructor() {
    this.parser = createParser({
      onEvent: (e) => {
        if (e.id !== undefined) this.lastId = e.id;
        const msg: SseMessage = { event: e.event ?? 'message', data: e.data };
        if (this.lastId !== undefined) msg.id = this.lastId;
        this.completed.push(msg);
      },
    });
  }

  /** Feeds a chunk; returns the messages completed by it. */
  push(chunk: Uint8Array | string): SseMessage[] {
    this.parser.feed(typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true }));
    const out = this.completed;
    this.completed = [];
    return out;
  }
}

/** Reads a fetch body as SSE messages until it ends or the signal aborts. */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseMessage> {
  const parser = new SseParser();
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      for (const msg of parser.push(value)) yield msg;
    }
  } finally {
    reader.releaseLock();
  }
}

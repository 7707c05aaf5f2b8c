import { describe, expect, it } from 'vitest';
import { readSse, SseParser } from './sse';

const enc = new TextEncoder();

describe('SseParser', () => {
  it('parses data lines, event names, ids and ignores comments', () => {
    const p = new SseParser();
    const msgs = p.push(': keep-alive\n\nevent: change\nid: 7\ndata: {"a":1}\n\ndata: x\ndata: y\n\n');
    expect(msgs).toEqual([
      { event: 'change', data: '{"a":1}', id: '7' },
      { event: 'message', data: 'x\ny', id: '7' },
    ]);
  });

  it('handles messages split at any byte, CRLF and CR line ends, and multi-byte UTF-8', () => {
    const text = 'data: {"kind":"RESYNC"}\r\n\r\ndata: 工单\r\rdata: last\n\n';
    const bytes = enc.encode(text);
    for (let cut = 1; cut < bytes.length; cut++) {
      const p = new SseParser();
      const msgs = [...p.push(bytes.slice(0, cut)), ...p.push(bytes.slice(cut))];
      expect(msgs.map((m) => m.data)).toEqual(['{"kind":"RESYNC"}', '工单', 'last']);
    }
  });

  it('does not emit an unterminated message', () => {
    const p = new SseParser();
    expect(p.push('data: half')).toEqual([]);
    expect(p.push('\n')).toEqual([]);
    expect(p.push('\n')).toEqual([{ event: 'message', data: 'half' }]);
  });
});

describe('readSse', () => {
  it('reads messages from a byte stream until it ends', async () => {
    const chunks = ['data: 1\n', '\ndata: 2\n\n', 'data: 3\n\n'];
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const c of chunks) controller.enqueue(enc.encode(c));
        controller.close();
      },
    });
    const got: string[] = [];
    for await (const m of readSse(body)) got.push(m.data);
    expect(got).toEqual(['1', '2', '3']);
  });
});

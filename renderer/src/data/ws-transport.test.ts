import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readServerMessage, wsTransport } from './ws-transport';

/**
 * The socket is the one piece replaced here: the real harness server is exercised against the
 * same schema in electron/harness/server.test.ts and end to end in test/e2e.
 */
class ScriptedSocket {
  static OPEN = 1;
  static last: ScriptedSocket | null = null;
  readyState = 0;
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {
    ScriptedSocket.last = this;
  }
  send(text: string) {
    this.sent.push(JSON.parse(text));
  }
  open() {
    this.readyState = ScriptedSocket.OPEN;
    this.onopen?.();
  }
  reply(data: string) {
    this.onmessage?.({ data });
  }
}

describe('harness messages in the renderer', () => {
  it('reads the messages the core sends', () => {
    expect(readServerMessage('{"type":"result","id":2,"result":{"ok":true,"value":{"n":1}}}')).toEqual({
      ok: true,
      value: { type: 'result', id: 2, result: { ok: true, value: { n: 1 } } },
    });
    // A command with no value: JSON drops `undefined`.
    expect(readServerMessage('{"type":"result","id":3,"result":{"ok":true}}').ok).toBe(true);
    expect(readServerMessage('{"type":"live","id":1,"result":{"ok":false,"error":{"code":"NOT_FOUND","message":"x"}}}').ok).toBe(true);
    expect(readServerMessage('{"type":"error","error":{"code":"VALIDATION_FAILED","message":"Malformed message","fields":[]}}').ok).toBe(true);
  });

  it.each([
    ['not JSON', 'nope', undefined],
    ['null', 'null', undefined],
    ['unknown type', '{"type":"hello","id":1}', 1],
    ['result without a Result', '{"type":"result","id":4}', 4],
    ['ok missing', '{"type":"result","id":5,"result":{"value":1}}', 5],
    ['unknown error code', '{"type":"result","id":6,"result":{"ok":false,"error":{"code":"OOPS","message":"x"}}}', 6],
    ['string id', '{"type":"live","id":"7","result":{"ok":true,"value":1}}', undefined],
  ])('refuses %s, keeping the id to answer', (_label, data, id) => {
    expect(readServerMessage(data)).toEqual(id === undefined ? { ok: false } : { ok: false, id });
  });

  describe('transport', () => {
    const original = globalThis.WebSocket;
    beforeEach(() => {
      globalThis.WebSocket = ScriptedSocket as unknown as typeof WebSocket;
    });
    afterEach(() => {
      globalThis.WebSocket = original;
    });

    it('answers a command whose reply is malformed with TRANSPORT_FAILED instead of waiting forever', async () => {
      const transport = wsTransport('ws://127.0.0.1:1/api?token=t');
      const socket = ScriptedSocket.last!;
      socket.open();
      const bad = transport.invoke('app.info', {});
      const good = transport.invoke('app.info', {});
      expect(socket.sent).toEqual([
        { type: 'command', id: 1, name: 'app.info', input: {} },
        { type: 'command', id: 2, name: 'app.info', input: {} },
      ]);
      socket.reply('{"type":"result","id":1,"result":{"value":"no ok flag"}}');
      socket.reply('{"type":"result","id":2,"result":{"ok":true,"value":{"version":"1"}}}');
      expect(await bad).toMatchObject({ ok: false, error: { code: 'TRANSPORT_FAILED' } });
      expect(await good).toEqual({ ok: true, value: { version: '1' } });
    });

    it('passes a malformed live update to its subscriber as a failure', () => {
      const transport = wsTransport('ws://127.0.0.1:1/api?token=t');
      const socket = ScriptedSocket.last!;
      socket.open();
      const seen: unknown[] = [];
      transport.subscribe('sync.status', {}, (r) => seen.push(r));
      socket.reply('{"type":"live","id":1,"result":{"ok":true,"value":{"state":"online"}}}');
      socket.reply('{"type":"live","id":1,"result":"garbage"}');
      expect(seen).toEqual([{ ok: true, value: { state: 'online' } }, expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'TRANSPORT_FAILED' }) })]);
    });
  });
});

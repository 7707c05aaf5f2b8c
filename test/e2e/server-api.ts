/**
 * The demo server as a test reaches it over HTTP: sign in as a demo user, pull a collection
 * as that user (the same read rules as the app's sync), push documents. A server busy with
 * the desktops' first syncs may answer 503 (under pressure): each request is asked again, as
 * the app does, for up to two minutes.
 */
import { expect } from 'vitest';
import { bearer, call } from '../../server/testing/harness';
import { DEMO_PASSWORD } from '../../shared/domain/demo';
import { newId } from '../../shared/domain/testing/builders';
import { MAX_PULL_BATCH, type LoginResponse, type PullResponse, type WireDocument } from '../../shared/sync/protocol';

export const demoServer = (serverUrl: string) => {
  const ask = async (...args: Parameters<typeof call>) => {
    for (let attempt = 0; ; attempt++) {
      const r = await call(...args);
      if (r.status === 200 || attempt >= 120) {
        expect(r.status, `${args[2]}: ${JSON.stringify(r.body)}`).toBe(200);
        return r;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  };
  const asUser = async (username: string) => bearer((await ask(serverUrl, 'POST', '/auth/login', { username, password: DEMO_PASSWORD })).body as LoginResponse);
  return {
    asUser,
    /** Every live document of a collection that the user's pull answers. */
    async pullAs(username: string, collection: string): Promise<WireDocument[]> {
      const auth = await asUser(username);
      const docs: WireDocument[] = [];
      for (let checkpoint: PullResponse['checkpoint'] = null; ; ) {
        const body = (await ask(serverUrl, 'POST', `/sync/${collection}/pull`, { checkpoint, batchSize: MAX_PULL_BATCH }, auth)).body as PullResponse;
        docs.push(...body.documents.filter((d) => !d._deleted));
        if (body.documents.length < MAX_PULL_BATCH) return docs;
        checkpoint = body.checkpoint;
      }
    },
    /** Pushes new documents as the user; the server must take every one. */
    async push(username: string, collection: string, docs: readonly object[]): Promise<void> {
      const rows = docs.map((d) => ({ newDocumentState: { ...d, _deleted: false } }));
      const r = await ask(serverUrl, 'POST', `/sync/${collection}/push`, { pushId: `e2e-${collection}-${newId()}`, rows }, await asUser(username));
      expect(r.body).toMatchObject({ conflicts: [] });
    },
  };
};

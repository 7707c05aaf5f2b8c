import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscriptionId } from '../../shared/domain/reportPacks';
import type { ReportPackRecord } from '../../shared/schema/records';
import { cimsRegistry } from '../access/cims';
import { createUser } from '../auth/users';
import { migrate } from '../db/migrate';
import { writeServerDocs } from '../sync/engine';
import { cimsOrg, writeOrg } from '../testing/cims-org';
import { createTestDb, type TestDb } from '../testing/test-db';
import { smtpMailer } from './mail';
import { deliverPackMail, generatePacks } from './packs';

interface Received {
  to: string[];
  raw: string;
}

/** The decoded Subject header of a raw message (RFC 2047 encoded words, B or Q). */
function subjectOf(raw: string): string {
  const headers = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const value = /^Subject: (.*)$/im.exec(headers)?.[1] ?? '';
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
    );
}

/** The named attachment's bytes. */
function attachmentOf(raw: string, filename: string): Buffer | null {
  const part = raw.split(/\r?\n--/).find((p) => p.includes(filename) && /Content-Disposition: attachment/i.test(p));
  if (!part) return null;
  const body = part.split(/\r?\n\r?\n/).slice(1).join('');
  return Buffer.from(body.replace(/\s/g, ''), 'base64');
}

// Mail of monthly packs through a local SMTP server (smtp-server on 127.0.0.1, a free port).
describe('report packs by mail (PostgreSQL, local SMTP server)', () => {
  const org = cimsOrg();
  const reg = cimsRegistry();
  let t: TestDb;
  let smtp: SMTPServer;
  let port = 0;
  let refuse = true;
  const received: Received[] = [];
  const warnings: unknown[] = [];
  const logger = { warn: (o: unknown) => void warnings.push(o) };
  const now = Date.parse('2026-08-03T01:00:00.000Z');
  const east = 'manager.east@example.com';
  const root = 'root@example.com';

  beforeAll(async () => {
    smtp = new SMTPServer({
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData(stream, session, done) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (refuse) return done(Object.assign(new Error('mailbox busy, try later'), { responseCode: 451 }));
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
          done();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    port = (smtp.server.address() as AddressInfo).port;
    t = await createTestDb('pg');
    await migrate(t.db);
    org.people.find((p) => p.id === org.id.M)!.email = east;
    org.people.find((p) => p.id === org.id.admin)!.email = root;
    await writeOrg(t.db, org);
    for (const key of ['M', 'admin'] as const) {
      const p = org.people.find((x) => x.id === org.id[key])!;
      await createUser(t.db, { id: p.id, username: p.username, password: 'correct horse battery', roles: p.roles, teamId: p.teamId }, 1024);
    }
    const at = '2026-07-01T00:00:00.000Z';
    const sub = (person: string, locale: 'en' | 'zh-CN') => ({ id: subscriptionId(person), createdAt: at, updatedAt: at, kind: 'reportSubscription', ref: person, ref2: '', status: 'active', body: { pack: 'monthlyReview', locale, mail: true } });
    await t.db.transaction((tx) => writeServerDocs(tx, reg.get('records')!, [{ doc: sub(org.id.M, 'zh-CN') }, { doc: sub(org.id.admin, 'en') }]));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await t.drop();
  });

  const stored = async () =>
    (await t.db.query<{ doc: ReportPackRecord }>(`select doc from sync_docs where collection = 'records' and doc->>'kind' = 'reportPack' order by doc->>'ref'`)).rows.map((r) => r.doc);

  it('keeps the pack and retries later when the mail server refuses; sends each pack once, in its language, with the figures attached', async () => {
    const mailer = smtpMailer(`smtp://127.0.0.1:${port}`, 'cims@example.com');
    expect(await generatePacks(t.db, reg, now, { mailer })).toHaveLength(2);
    expect((await stored()).map((p) => [p.body.mail.state, p.body.mail.to]).sort()).toEqual([
      ['pending', east],
      ['pending', root],
    ]);

    // The server answers 451: nothing is lost, the failure is logged and the packs wait.
    expect(await deliverPackMail(t.db, reg, now, mailer, logger)).toBe(0);
    expect(warnings).toHaveLength(2);
    for (const p of await stored()) expect(p.body.mail).toMatchObject({ state: 'pending', attempts: 1, nextAttemptAt: new Date(now + 5 * 60_000).toISOString() });
    expect((await stored())[0]!.body.mail.lastError).toMatch(/busy/);
    // Not before the wait is over.
    refuse = false;
    expect(await deliverPackMail(t.db, reg, now + 60_000, mailer, logger)).toBe(0);
    expect(received).toHaveLength(0);

    expect(await deliverPackMail(t.db, reg, now + 6 * 60_000, mailer, logger)).toBe(2);
    expect(received.map((r) => r.to).sort()).toEqual([[east], [root]]);
    const zh = received.find((r) => r.to[0] === east)!;
    const en = received.find((r) => r.to[0] === root)!;
    expect(subjectOf(zh.raw)).toBe('CIMS 月度管理评审报告 2026-07');
    expect(subjectOf(en.raw)).toBe('CIMS monthly review pack 2026-07');
    const xlsx = attachmentOf(zh.raw, 'review-pack-2026-07-zh-CN.xlsx');
    expect(xlsx).not.toBeNull();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx! as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['摘要', 'TL 9000']);
    expect(book.getWorksheet('TL 9000')!.getRow(1).getCell(1).value).toBe('产品线');
    expect(book.getWorksheet('摘要')!.getRow(2).getCell(1).value).toBe('TL 9000 问题报告数');

    // Sent is sent: later runs send nothing again.
    expect(await deliverPackMail(t.db, reg, now + 86_400_000, mailer, logger)).toBe(0);
    expect(received).toHaveLength(2);
    for (const p of await stored()) expect(p.body.mail).toMatchObject({ state: 'sent', attempts: 2, sentAt: new Date(now + 6 * 60_000).toISOString() });
  });
});

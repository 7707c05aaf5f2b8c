import { mkdtemp, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeStartupError } from '../i18n/startup';
import { createCore } from './core';

// RELIABILITY D4 as the user meets it: a damaged store stops the start with a message that
// names the file and says what to do, and the file is left as it was.
describe('start-up with a damaged local store', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cims-startup-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const dbFile = () => join(dir, 'cims.sqlite');

  it('refuses a corrupted file with a coded error, keeps it, and explains in both languages', async () => {
    const core = await createCore({ dataDir: dir, shell: 'harness', version: '0' });
    await core.router.dispatch('tickets.create', { title: 'Kept ticket', severity: 'minor', type: 'fault', channel: 'phone', newCustomerName: 'A', contact: { name: 'A' }, problemReport: true });
    await core.close();
    const size = (await stat(dbFile())).size;
    // Overwrite the middle of the file with garbage, past the header.
    const bytes = await readFile(dbFile());
    bytes.fill(0x5a, 4096, Math.min(bytes.length, 4096 * 6));
    await writeFile(dbFile(), bytes);

    const error = await createCore({ dataDir: dir, shell: 'harness', version: '0' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'STORAGE_CORRUPT' });
    expect((await stat(dbFile())).size).toBe(size);
    const en = describeStartupError(error, 'en');
    expect(en.message).toContain(dbFile());
    expect(en.message).toContain('Nothing was deleted');
    expect(describeStartupError(error, 'zh-CN').message).toContain('未删除任何数据');
  });

  it('refuses a truncated file', async () => {
    const core = await createCore({ dataDir: dir, shell: 'harness', version: '0' });
    await core.close();
    await truncate(dbFile(), 1000);
    await expect(createCore({ dataDir: dir, shell: 'harness', version: '0' })).rejects.toMatchObject({ code: 'STORAGE_CORRUPT' });
  });

  it('explains an unknown failure without hiding its detail', () => {
    expect(describeStartupError(new Error('boom'), 'en').message).toContain('boom');
  });
});

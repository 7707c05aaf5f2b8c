/**
 * B1, generated: every command and live query of the contract, fuzzed from its own input
 * schema against a real core on a real SQLite file. Whatever arrives, the answer is a Result
 * with a known, non-internal code, nothing throws, the prototype is never polluted, and a
 * refused command leaves the store and the device files as they were. A new command is
 * fuzzed the day it joins the contract.
 *
 * A failure prints fast-check's seed and path; replay with FUZZ_SEED=<seed>.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorCodes, type Result } from '../../shared/api/result';
import { commands, liveQueries } from '../../shared/api/contract';
import { createCore, type Core } from '../../electron/core/core';
import { inputsFor } from './arbitrary';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);

// Commands whose well-formed input reaches outside this process. Only inputs their schema
// refuses are sent to them; their accepted inputs are tested where the outside exists.
const OUTWARD: ReadonlySet<string> = new Set([
  // Signs in to the server the input names (test/sync and shared/api/session tests).
  'session.signIn',
]);

const KNOWN_CODES: ReadonlySet<string> = new Set(apiErrorCodes);

describe(`every command and live query, fuzzed from its schema (seed ${SEED})`, () => {
  let dir: string;
  let core: Core;
  const ids: string[] = [];
  /** Per command: inputs sent, and those the schema let through to the handler. */
  const reach = new Map<string, { sent: number; handled: number }>();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cims-fuzz-'));
    core = await createCore({ dataDir: dir, shell: 'harness', version: '1.0.0' });
    for (const severity of ['critical', 'major', 'minor'] as const) {
      const created = await core.router.dispatch('tickets.create', {
        title: `Fuzz base ${severity}`,
        severity,
        type: 'fault',
        channel: 'phone',
        newCustomerName: `客户 ${severity}`,
        contact: { name: '王工' },
        problemReport: true,
      });
      expect(created.ok).toBe(true);
    }
    for (const collection of Object.values(core.db.collections)) {
      for (const doc of await collection.find().exec()) ids.push(doc.primary as string);
    }
  }, 60_000);

  afterAll(async () => {
    await core?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Every document's id and revision, and every device file beside the SQLite store. */
  const fingerprint = async (): Promise<string> => {
    const hash = createHash('sha256');
    for (const [name, collection] of Object.entries(core.db.collections).sort(([a], [b]) => a.localeCompare(b))) {
      const docs = await collection.find().exec();
      hash.update(name);
      for (const doc of docs) hash.update(`${doc.primary as string}@${doc.revision}`);
    }
    for (const file of (await readdir(dir)).sort()) {
      if (!file.endsWith('.json')) continue;
      hash.update(file).update(await readFile(join(dir, file)));
    }
    return hash.digest('hex');
  };

  const expectCoded = (result: Result<unknown>, label: string) => {
    if (result.ok) return;
    expect(KNOWN_CODES.has(result.error.code), `${label}: unknown code ${result.error.code}`).toBe(true);
    expect(result.error.code, `${label}: ${result.error.message}`).not.toBe('INTERNAL');
  };

  const polluted = () => ({} as Record<string, unknown>).polluted;

  for (const [name, spec] of Object.entries(commands)) {
    it(`${name}: a Result with a coded error, nothing written when refused`, async () => {
      const schema = spec.input as Parameters<typeof inputsFor>[0];
      const inputs = fc.oneof(inputsFor(schema, { hostile: false, ids }), inputsFor(schema, { hostile: true, ids }));
      await fc.assert(
        fc.asyncProperty(inputs, async (input) => {
          if (OUTWARD.has(name) && schema.safeParse(input).success) return;
          const before = await fingerprint();
          const result = await core.router.dispatch(name, input);
          const tally = reach.get(name) ?? { sent: 0, handled: 0 };
          tally.sent += 1;
          if (result.ok || result.error.code !== 'VALIDATION_FAILED' || schema.safeParse(input).success) tally.handled += 1;
          reach.set(name, tally);
          expect(typeof result.ok).toBe('boolean');
          expectCoded(result, name);
          if (!result.ok) expect(await fingerprint(), `${name} refused with ${result.error.code} but changed the store`).toBe(before);
          expect(polluted()).toBeUndefined();
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    }, 120_000);
  }

  for (const [name, spec] of Object.entries(liveQueries)) {
    it(`${name}: a Result with a coded error, first or refused`, async () => {
      const schema = spec.params as Parameters<typeof inputsFor>[0];
      const inputs = fc.oneof(inputsFor(schema, { hostile: false, ids }), inputsFor(schema, { hostile: true, ids }));
      await fc.assert(
        fc.asyncProperty(inputs, async (params) => {
          let answered: (result: Result<unknown>) => void = () => {};
          const first = new Promise<Result<unknown>>((resolve) => (answered = resolve));
          const subscribed = core.router.subscribe(name, params, (r) => answered(r));
          if (!subscribed.ok) answered(subscribed);
          let timer: NodeJS.Timeout | undefined;
          // A live query must answer once subscribed, with a value or a coded error.
          const result = await Promise.race([
            first,
            new Promise<Result<unknown>>((_, reject) => (timer = setTimeout(() => reject(new Error(`${name} gave no first answer`)), 10_000))),
          ]).finally(() => {
            clearTimeout(timer);
            if (subscribed.ok) subscribed.value();
          });
          expectCoded(result, name);
          expect(polluted()).toBeUndefined();
        }),
        { seed: SEED, numRuns: Math.max(4, Math.round(RUNS / 2)), endOnFailure: true },
      );
    }, 120_000);
  }

  // Run last (tests of a file run in order): a fuzzer whose inputs all fail the schemas
  // would pass while testing nothing but zod.
  it('sends most commands inputs their schema accepts, so the handlers are fuzzed too', () => {
    const starved = [...reach].filter(([, t]) => t.handled === 0).map(([name]) => name);
    const sent = [...reach.values()].reduce((n, t) => n + t.sent, 0);
    const handled = [...reach.values()].reduce((n, t) => n + t.handled, 0);
    console.log(`fuzz: ${sent} commands sent, ${handled} past their schema; none reached: ${starved.join(', ') || '-'}`);
    expect(reach.size).toBe(Object.keys(commands).length);
    expect(handled / sent).toBeGreaterThan(0.3);
    expect(starved.length).toBeLessThanOrEqual(Object.keys(commands).length / 10);
  });
});

/**
 * Maintenance commands of the main process. Each checks the rule the server enforces
 * (server/access/records/maintenance.ts) and the domain's rules (shared/domain/maintenance.ts)
 * before it writes, and writes records that pass the shared schema to the local store first:
 * a round is done offline and syncs later. Refused input: VALIDATION_FAILED naming the field,
 * with the `maintenance` i18n key `errors.<code>`; nothing is written.
 */
import type { z } from 'zod';
import type {
  makeRoundReportInput,
  photoInput,
  PlanSummary,
  raiseFaultInput,
  RaisedFault,
  readingInput,
  RecordedReading,
  RoundSummary,
  savePlanInput,
  saveTemplateInput,
  signOffInput,
  TemplateView,
} from '../../../shared/api/maintenance';
import type { CreateTicketInput, TicketSummary } from '../../../shared/api/tickets';
import type { Person } from '../../../shared/schema';
import {
  checkPlan,
  checkReadingFits,
  checkRoundOpen,
  checkTemplateItems,
  faultProposal,
  faultReason,
  MaintenanceRuleError,
  meterItemOf,
  missingReadings,
  nextTemplateVersion,
  parseReading,
  roundTemplateOf,
} from '../../../shared/domain/maintenance';
import { recordSchema, type CimsRecord } from '../../../shared/schema/records';
import type { MaintenanceFaultRecord, MaintenancePlanRecord, MaintenanceReadingRecord, MaintenanceRoundRecord } from '../../../shared/schema/records';
import type { CimsDatabase } from '../../db/open';
import { DomainError } from '../../core/errors';
import { newId } from '../../core/settings';
import type { BlobStore } from '../fieldwork/blobs';
import type { PrintToPdf } from '../fieldwork/report';
import { isKeeper, worksFor, type MaintenanceStore, type MaintenanceViewer } from './store';
import { planSummary, roundSummary, templateView } from './views';

type Input<S extends z.ZodType> = z.output<S>;

const checked = <R extends CimsRecord>(record: R): R => {
  const r = recordSchema.safeParse(record);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new DomainError('VALIDATION_FAILED', `records: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, [
      { path: issue.path.slice(issue.path[0] === 'body' ? 1 : 0).join('.'), code: 'invalid', message: 'errors.invalid' },
    ]);
  }
  return record;
};

/** The domain's coded refusals become field errors the screens translate. */
const rule = async <T>(fn: () => T | Promise<T>): Promise<T> => {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof MaintenanceRuleError) throw new DomainError('VALIDATION_FAILED', e.message, [{ path: e.path, code: e.code, message: `errors.${e.code}` }]);
    throw e;
  }
};

const pngBytes = (dataUrl: string): Uint8Array => {
  const bytes = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
  const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 64 || PNG.some((b, i) => bytes[i] !== b)) throw new MaintenanceRuleError('signature_empty', 'signaturePng');
  return new Uint8Array(bytes);
};

export interface MaintenanceCommandDeps {
  db: CimsDatabase;
  store: MaintenanceStore;
  viewer: () => Promise<MaintenanceViewer | null>;
  blobs: BlobStore;
  /** Creates a ticket as the new-ticket form does (electron/services/tickets). */
  createTicket: (input: CreateTicketInput) => Promise<TicketSummary>;
  /** Adds a photo to a ticket's timeline (attachments), when the shell has them. */
  attachToTicket?: (ticketId: string, sha256: string, bytes: Uint8Array) => Promise<void>;
  printToPdf: PrintToPdf | null;
  deviceId: () => string;
  clock?: () => Date;
}

export const createMaintenanceCommands = ({ db, store, viewer, blobs, createTicket, attachToTicket, printToPdf, deviceId, clock = () => new Date() }: MaintenanceCommandDeps) => {
  const me = async (): Promise<MaintenanceViewer> => {
    const v = await viewer();
    if (!v) throw new DomainError('UNAUTHORIZED', 'Sign in to work on maintenance');
    return v;
  };
  const keeper = async () => {
    const v = await me();
    if (!isKeeper(v)) throw new DomainError('FORBIDDEN', 'Templates and plans are kept by managers and admins');
    return v;
  };
  const worker = async (round: MaintenanceRoundRecord) => {
    const v = await me();
    if (!worksFor(v, round.ref2)) throw new DomainError('FORBIDDEN', 'Rounds are done by field staff of their team');
    return v;
  };
  const summaryOf = async (r: MaintenanceRoundRecord): Promise<RoundSummary> => {
    const [plans, templates, customers, sites, readings, faults] = await Promise.all([store.plans(), store.templates(), store.customerNames(), store.sites(), store.readings(r.id), store.faults()]);
    return roundSummary(r, { plans: new Map(plans.map((p) => [p.id, p])), templates: new Map(templates.map((t) => [t.id, t])), customers, sites, readings, faults, now: clock().getTime() });
  };
  const saveRound = async (r: MaintenanceRoundRecord, patch: { status?: MaintenanceRoundRecord['status']; body?: Partial<MaintenanceRoundRecord['body']> }) => {
    const next = checked({ ...r, ...patch, body: { ...r.body, ...patch.body }, updatedAt: clock().toISOString() } as MaintenanceRoundRecord);
    await db.records.upsert(next);
    return next;
  };

  const raise = async (reading: MaintenanceReadingRecord, round: MaintenanceRoundRecord, locale: 'en' | 'zh-CN', v: MaintenanceViewer): Promise<RaisedFault> => {
    const existing = (await store.faults()).find((f) => f.ref === reading.id);
    if (existing) throw new MaintenanceRuleError('fault_already_raised', 'readingId');
    const item = checkReadingFits(round, reading.ref2, reading.body.itemKey);
    const asset = (await store.assets([reading.ref2])).get(reading.ref2);
    const proposal = faultProposal(item, reading.body.value, {
      assetCode: asset?.assetCode ?? reading.ref2,
      roundDue: round.body.dueDate,
      templateName: round.body.template!.name[locale],
      locale,
    });
    if (!proposal) throw new MaintenanceRuleError('not_out_of_range', 'readingId');
    const customer = await store.customer(round.body.customerId);
    const siteId = asset?.siteId ?? round.body.siteId ?? customer?.sites[0]?.id ?? '';
    const contact = customer?.contacts[0];
    const ticket = await createTicket({
      title: proposal.title.slice(0, 200),
      description: `${proposal.description}\n\nround ${round.id} · reading ${reading.id}`,
      severity: proposal.severity,
      type: 'fault',
      channel: 'onsite',
      customerId: round.body.customerId,
      siteId,
      assetId: asset ? asset.id : '',
      contact: { name: contact?.name ?? v.displayName, phone: contact?.phone ?? '', email: contact?.email ?? '' },
      problemReport: false,
    });
    const at = clock().toISOString();
    const link = checked<MaintenanceFaultRecord>({
      id: newId(),
      createdAt: at,
      updatedAt: at,
      kind: 'maintenanceFault',
      ref: reading.id,
      ref2: ticket.id,
      status: '',
      body: { roundId: round.id, assetId: reading.ref2, itemKey: reading.body.itemKey, teamId: round.ref2, by: v.id, at },
    });
    await db.records.insert(link);
    // The reading's photos go with the ticket, so its readers see what the technician saw.
    if (attachToTicket) {
      for (const sha of reading.body.photos) {
        const bytes = await blobs.get(sha);
        if (bytes) await attachToTicket(ticket.id, sha, bytes);
      }
    }
    return { ticketId: ticket.id, ticketNumber: ticket.number, severity: proposal.severity };
  };

  return {
    /** A manager saves a template: a new one is version 1, each change one more. Open rounds keep theirs. */
    saveTemplate: (input: Input<typeof saveTemplateInput>): Promise<TemplateView> =>
      rule(async () => {
        const v = await keeper();
        checkTemplateItems(input.items);
        const current = input.templateId ? await store.template(input.templateId) : null;
        const version = nextTemplateVersion(current ? current.body : null, input.baseVersion);
        const at = clock().toISOString();
        const next = checked({
          id: current?.id ?? newId(),
          createdAt: current?.createdAt ?? at,
          updatedAt: at,
          kind: 'checklistTemplate' as const,
          ref: input.model,
          ref2: '',
          status: current?.status ?? ('active' as const),
          body: { name: input.name, version, items: input.items, faults: input.faults, updatedBy: v.id },
        });
        await db.records.upsert(next);
        return templateView(next, await store.rounds());
      }),

    /** A manager saves a plan; the server generates its rounds. */
    savePlan: (input: Input<typeof savePlanInput>): Promise<PlanSummary> =>
      rule(async () => {
        const v = await keeper();
        checkPlan(input);
        const template = await store.template(input.templateId);
        if (input.frequency.unit === 'running_hours' && !meterItemOf(template.body.items)) throw new MaintenanceRuleError('plan_template_without_meter', 'templateId');
        const teams = await store.teams();
        const team = teams.get(input.teamId);
        if (!team) throw new DomainError('NOT_FOUND', 'No such team', [{ path: 'teamId', code: 'not_found', message: 'errors.not_found' }]);
        // Rounds go to an active technician or engineer of the plan's team (the form offers only those).
        if (input.assigneeId !== null) {
          const person = (await db.people.findOne(input.assigneeId).exec())?.toJSON() as Person | undefined;
          if (!person?.active || person.teamId !== team.id || !person.roles.some((r) => r === 'technician' || r === 'engineer')) throw new MaintenanceRuleError('assignee_not_in_team', 'assigneeId');
        }
        const current = input.planId ? await store.plan(input.planId) : null;
        const at = clock().toISOString();
        const next = checked<MaintenancePlanRecord>({
          id: current?.id ?? newId(),
          createdAt: current?.createdAt ?? at,
          updatedAt: at,
          kind: 'maintenancePlan',
          ref: template.id,
          ref2: team.id,
          status: current?.status ?? 'active',
          body: {
            name: input.name,
            customerId: input.customerId,
            siteId: input.siteId,
            scope: input.scope,
            model: input.scope === 'model' ? input.model : '',
            // A site or model plan lists no assets: the server finds them for each round.
            assetIds: input.scope === 'assets' ? input.assetIds : [],
            frequency: input.frequency,
            workWindow: input.workWindow,
            startDate: input.startDate,
            windowDays: input.windowDays,
            assigneeId: input.assigneeId,
            region: team.region ?? '',
            updatedBy: v.id,
          },
        });
        await db.records.upsert(next);
        const [templates, customers, sites] = await Promise.all([store.templates(), store.customerNames(), store.sites()]);
        return planSummary(next, { templates: new Map(templates.map((t) => [t.id, t])), teams, customers, sites, now: clock().getTime() });
      }),

    /** Opens (or resumes) a round: the first opening copies the template version it keeps. */
    openRound: (input: { roundId: string }): Promise<RoundSummary> =>
      rule(async () => {
        const round = await store.round(input.roundId);
        const v = await worker(round);
        if (round.status === 'done') throw new MaintenanceRuleError('round_done', 'status');
        if (round.status === 'in_progress') return summaryOf(round);
        const at = clock().toISOString();
        const template = round.body.template ?? roundTemplateOf(await store.template(round.body.templateId));
        const next = await saveRound(round, {
          status: 'in_progress',
          body: { template, openedBy: round.body.openedBy ?? v.id, openedAt: round.body.openedAt ?? at, pausedAt: null },
        });
        return summaryOf(next);
      }),

    pauseRound: (input: { roundId: string }): Promise<RoundSummary> =>
      rule(async () => {
        const round = await store.round(input.roundId);
        await worker(round);
        checkRoundOpen(round);
        return summaryOf(await saveRound(round, { status: 'paused', body: { pausedAt: clock().toISOString() } }));
      }),

    /** One reading, append-only; flagged out of range at once; a "create" template raises the ticket too. */
    recordReading: (input: Input<typeof readingInput>): Promise<RecordedReading> =>
      rule(async () => {
        const round = await store.round(input.roundId);
        const v = await worker(round);
        checkRoundOpen(round);
        const item = checkReadingFits(round, input.assetId, input.itemKey);
        const value = parseReading(item, input.value, input.photos.length);
        const at = clock().toISOString();
        const reading = checked<MaintenanceReadingRecord>({
          id: newId(),
          createdAt: at,
          updatedAt: at,
          kind: 'maintenanceReading',
          ref: round.id,
          ref2: input.assetId,
          status: '',
          body: {
            itemKey: item.key,
            templateVersion: round.body.template!.version,
            value,
            outOfRange: faultReason(item, value) !== null,
            photos: input.photos,
            note: input.note,
            region: round.body.region,
            teamId: round.ref2,
            by: v.id,
            at,
            deviceId: deviceId(),
          },
        });
        await db.records.insert(reading);
        // A paused round that takes a reading is being worked on again.
        if (round.status === 'paused') await saveRound(round, { status: 'in_progress', body: { pausedAt: null } });
        const fault = reading.body.outOfRange && round.body.template!.faults === 'create' ? await raise(reading, round, input.locale, v) : null;
        return { readingId: reading.id, outOfRange: reading.body.outOfRange, fault };
      }),

    /** A photo for a reading, kept on the device by hash. */
    addPhoto: (input: Input<typeof photoInput>): Promise<{ sha256: string }> =>
      rule(async () => {
        const round = await store.round(input.roundId);
        await worker(round);
        const bytes = new Uint8Array(Buffer.from(input.dataBase64, 'base64'));
        const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
        const png = bytes[0] === 0x89 && bytes[1] === 0x50;
        if (!(input.mimeType === 'image/jpeg' ? jpeg : png)) throw new DomainError('ATTACHMENT_TYPE_REFUSED', 'not the declared image type', [{ path: 'dataBase64', code: 'type', message: 'errors.photo_type' }]);
        const stored = await blobs.put(bytes, input.mimeType, round.id);
        return { sha256: stored.sha256 };
      }),

    /** The fault ticket for a reading out of range (or a "no" on a safety item), linked to round, asset and reading. */
    raiseFault: (input: Input<typeof raiseFaultInput>): Promise<RaisedFault> =>
      rule(async () => {
        const reading = await store.reading(input.readingId);
        const round = await store.round(reading.ref);
        const v = await worker(round);
        return raise(reading, round, input.locale, v);
      }),

    /** The customer signs the round off: every item read on every asset, the signature kept by hash. */
    signOff: (input: Input<typeof signOffInput>): Promise<RoundSummary> =>
      rule(async () => {
        const round = await store.round(input.roundId);
        const v = await worker(round);
        checkRoundOpen(round);
        const missing = missingReadings(round.body.template!, round.body.assetIds, await store.readings(round.id));
        if (missing.length > 0) throw new MaintenanceRuleError('readings_missing', 'roundId');
        const png = pngBytes(input.signaturePng);
        const stored = await blobs.put(png, 'image/png', round.id);
        const at = clock().toISOString();
        return summaryOf(await saveRound(round, { status: 'done', body: { signedBy: v.id, signedAt: at, customerSigner: input.signerName, signatureSha256: stored.sha256, pausedAt: null } }));
      }),

    /** The round's report as a PDF, printed from its print view (same machinery as the service report). */
    makeReport: (input: Input<typeof makeRoundReportInput>): Promise<{ fileName: string; base64: string; sizeBytes: number }> =>
      rule(async () => {
        const round = await store.round(input.roundId);
        await me();
        if (!printToPdf) throw new DomainError('CONFLICT', 'this shell cannot print', [{ path: 'roundId', code: 'pdf_unavailable', message: 'errors.pdf_unavailable' }]);
        const bytes = await printToPdf(`/maintenance/rounds/${encodeURIComponent(round.id)}/report?lang=${encodeURIComponent(input.locale)}&print=1`);
        if (bytes.byteLength < 5 || Buffer.from(bytes.subarray(0, 5)).toString('latin1') !== '%PDF-') throw new DomainError('INTERNAL', 'the print view did not give a PDF');
        await blobs.put(bytes, 'application/pdf', round.id);
        return { fileName: `round-${round.body.dueDate}-${round.id.slice(-6)}.pdf`, base64: Buffer.from(bytes).toString('base64'), sizeBytes: bytes.byteLength };
      }),
  };
};
export type MaintenanceCommands = ReturnType<typeof createMaintenanceCommands>;

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SavePolicyBody } from '../../../../../shared/sync/adminPolicies';
import { localDate } from '../../../../../shared/domain/calendar';
import { ORGANISATION_TIME_ZONE } from '../../../../../shared/domain/policyForms';
import { useCommand } from '../../../data/useCommand';

/**
 * Today where a version's effective date is counted (effectiveDateZone: a calendar's zone,
 * otherwise the organisation's), the default effective date of a new version. Not this
 * computer's day: the server judges in that zone.
 */
export const todayIn = (zone: string = ORGANISATION_TIME_ZONE): string => {
  try {
    return localDate(Date.now(), zone);
  } catch {
    // A zone still being typed in the calendar form is not one yet.
    return localDate(Date.now(), ORGANISATION_TIME_ZONE);
  }
};

/** A well-formed effective date after today in `zone`: the version waits for that day (or null). */
export const scheduledFor = (effectiveFrom: string, zone?: string): string | null => (/^\d{4}-\d{2}-\d{2}$/.test(effectiveFrom) && effectiveFrom > todayIn(zone) ? effectiveFrom : null);

/** A well-formed effective date before today in `zone`: running tickets may be re-evaluated. */
export const isRetroactive = (effectiveFrom: string, zone?: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(effectiveFrom) && effectiveFrom < todayIn(zone);

/**
 * Saves a version. A past effective date with running tickets is refused by the server until
 * the admin confirms re-evaluating them; `pending` then holds the body to send again. A later
 * date is scheduled, and the message says from when.
 */
export const useSavePolicy = (success: () => string) => {
  const { t } = useTranslation('admin');
  const save = useCommand('admin.policies.save', { errors: 'inline', success: (r) => (r.scheduledFrom ? t('policies.scheduledSaved', { date: r.scheduledFrom }) : success()) });
  const [pending, setPending] = useState<SavePolicyBody | null>(null);
  const send = async (body: SavePolicyBody): Promise<boolean> => {
    const result = await save.run(body);
    if (result.ok) {
      setPending(null);
      return true;
    }
    setPending(result.error.fields?.some((f) => f.path === 'confirmReevaluation') ? body : null);
    return false;
  };
  return {
    send,
    error: pending ? null : save.error,
    needsConfirm: pending !== null,
    confirm: () => (pending ? send({ ...pending, confirmReevaluation: true }) : Promise.resolve(false)),
    cancel: () => setPending(null),
  };
};

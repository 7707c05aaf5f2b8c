import { useState } from 'react';
import type { SavePolicyBody } from '../../../../../shared/sync/adminPolicies';
import { localDate } from '../../../../../shared/domain/calendar';
import { useCommand } from '../../../data/useCommand';

/** Today in this computer's zone, the default effective date of a new version. */
export const todayHere = (): string => localDate(Date.now(), Intl.DateTimeFormat().resolvedOptions().timeZone);

/** A well-formed effective date before today: running tickets may be re-evaluated. */
export const isRetroactive = (effectiveFrom: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(effectiveFrom) && effectiveFrom < todayHere();

/**
 * Saves a version. A past effective date with running tickets is refused by the server until
 * the admin confirms re-evaluating them; `pending` then holds the body to send again.
 */
export const useSavePolicy = (success: () => string) => {
  const save = useCommand('admin.policies.save', { errors: 'inline', success });
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

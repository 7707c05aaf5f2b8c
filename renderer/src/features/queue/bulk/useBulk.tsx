import { Button } from '@mui/material';
import { useSnackbar } from 'notistack';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulkAction, BulkResult } from '../../../../../shared/api/board';
import { useCommand } from '../../../data/useCommand';

/** How long the undo stays offered after a bulk action. */
export const UNDO_MS = 8_000;

const REFUSALS = [
  'same_level',
  'ticket_not_open',
  'role_forbidden',
  'invalid_transition',
  'pending_reason_required',
  'unchanged',
  'not_in_team',
  'ticket_not_found',
  'changed_since',
  'not_undoable',
] as const;
const SHOWN_REFUSALS = 5;

/**
 * Runs a bulk action in main and tells the user what happened: how many changed, which were
 * left as they were and why, and an "Undo" for a few seconds that puts the changes back
 * through the same ticket actions.
 */
export const useBulk = () => {
  const { t } = useTranslation('bulk');
  const { enqueueSnackbar, closeSnackbar } = useSnackbar();
  const bulk = useCommand('board.bulk');
  const undo = useCommand('board.undo');

  const report = useCallback(
    (result: BulkResult, changedKey: 'result.changed' | 'result.undone', onUndo?: () => void) => {
      const refused = result.outcomes.flatMap((o) => (o.ok ? [] : [o]));
      const list = refused
        .slice(0, SHOWN_REFUSALS)
        .map((o) => t('result.item', { number: o.number || '—', reason: t(`refusal.${(REFUSALS as readonly string[]).includes(o.code) ? (o.code as (typeof REFUSALS)[number]) : 'other'}`) }))
        .join(', ');
      const text = [
        t(changedKey, { count: result.changed }),
        ...(refused.length ? [t('result.refused', { count: refused.length, list: refused.length > SHOWN_REFUSALS ? `${list}, …` : list })] : []),
      ].join(' ');
      enqueueSnackbar(text, {
        variant: refused.length ? 'warning' : 'success',
        autoHideDuration: UNDO_MS,
        ...(onUndo && result.changed > 0
          ? {
              action: (key) => (
                <Button
                  color="inherit"
                  size="small"
                  data-testid="bulk-undo"
                  onClick={() => {
                    closeSnackbar(key);
                    onUndo();
                  }}
                >
                  {t('result.undo')}
                </Button>
              ),
            }
          : {}),
      });
    },
    [t, enqueueSnackbar, closeSnackbar],
  );

  const run = useCallback(
    async (ticketIds: string[], action: BulkAction) => {
      const outcome = await bulk.run({ ticketIds, action });
      if (!outcome.ok) return false;
      const changes = outcome.value.outcomes.flatMap((o) => (o.ok ? [o.change] : []));
      report(outcome.value, 'result.changed', () => {
        void undo.run({ kind: action.kind, changes }).then((back) => back.ok && report(back.value, 'result.undone'));
      });
      return true;
    },
    [bulk, undo, report],
  );
  return { run, pending: bulk.pending };
};

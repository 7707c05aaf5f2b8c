import { Button, Paper, Stack, Typography } from '@mui/material';
import { memo, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { BulkKind } from '../../../../../shared/api/board';
import { BulkDialog } from './BulkDialog';
import { useBulk } from './useBulk';

/** Keys typed into a field are text; a row's checkbox keeps the shortcuts working. */
const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    ['TEXTAREA', 'SELECT'].includes(target.tagName) ||
    (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button'].includes(target.type)));

/**
 * Actions on the selected tickets: assign (a), change status, escalate (e). Shown while
 * something is selected; the selection is cleared once main has answered.
 */
export const BulkToolbar = memo(function BulkToolbar({ selected, onClear }: { selected: string[]; onClear: () => void }) {
  const { t } = useTranslation('bulk');
  const [kind, setKind] = useState<BulkKind | null>(null);
  const bulk = useBulk();
  const navigate = useNavigate();
  const count = selected.length;

  useEffect(() => {
    if (count === 0 || kind) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      if (e.key === 'a' || e.key === 'e') {
        e.preventDefault();
        setKind(e.key === 'a' ? 'assign' : 'escalate');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [count, kind]);

  if (count === 0) return null;
  return (
    <Paper variant="outlined" role="toolbar" aria-label={t('toolbar.label')} data-testid="bulk-toolbar" sx={{ px: 2, py: 1 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography sx={{ fontWeight: 600, mr: 1 }} data-testid="bulk-count">
          {t('toolbar.selected', { count })}
        </Typography>
        <Button size="small" variant="outlined" onClick={() => setKind('assign')} data-testid="bulk-assign">
          {t('toolbar.assign')}
        </Button>
        <Button size="small" variant="outlined" onClick={() => setKind('transition')} data-testid="bulk-status">
          {t('toolbar.status')}
        </Button>
        <Button size="small" variant="outlined" onClick={() => setKind('escalate')} data-testid="bulk-escalate">
          {t('toolbar.escalate')}
        </Button>
        <Button size="small" variant="outlined" onClick={() => void navigate(`/problems/new?tickets=${selected.join(',')}`)} data-testid="bulk-problem">
          {t('toolbar.problem')}
        </Button>
        <Button size="small" onClick={onClear}>
          {t('toolbar.clear')}
        </Button>
      </Stack>
      {kind && (
        <BulkDialog
          key={kind}
          kind={kind}
          count={count}
          pending={bulk.pending}
          onCancel={() => setKind(null)}
          onConfirm={(action) =>
            void bulk.run(selected, action).then((done) => {
              setKind(null);
              if (done) onClear();
            })
          }
        />
      )}
    </Paper>
  );
});

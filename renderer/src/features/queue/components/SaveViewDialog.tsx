import { Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { savedViewInput, type GridPrefs, type QueueFilterInput, type QueueSort } from '../../../../../shared/api/queue';
import { useCommand } from '../../../data/useCommand';

/** Names the current filters, sort and columns as the user's own view, then opens it. */
export const SaveViewDialog = ({
  initialName,
  existingId,
  filter,
  sort,
  grid,
  onClose,
}: {
  initialName: string;
  existingId: string | undefined;
  filter: QueueFilterInput;
  sort: QueueSort | undefined;
  grid: GridPrefs;
  onClose: () => void;
}) => {
  const { t } = useTranslation('queue');
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const [name, setName] = useState(initialName);
  const [problem, setProblem] = useState<string | null>(null);
  const save = useCommand('queue.saveView', { success: (v) => t('views.saved_done', { name: v.name }) });

  const submit = async () => {
    const input = { name, filter, grid, ...(sort ? { sort } : {}), ...(existingId ? { id: existingId } : {}) };
    const parsed = savedViewInput.safeParse({ name, filter, grid, ...(sort ? { sort } : {}) });
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? 'validation.viewNameRequired');
      return;
    }
    const result = await save.run(input);
    if (result.ok) {
      onClose();
      void navigate(`/queue/saved-${result.value.id}`);
    }
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="save-view-title" data-testid="save-view-dialog">
      <DialogTitle id="save-view-title">{t('views.saveTitle')}</DialogTitle>
      <DialogContent>
        <TextField
          autoFocus
          fullWidth
          margin="dense"
          label={t('views.name')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && void submit()}
          error={!!problem}
          helperText={problem ? t(problem as 'validation.viewNameRequired') : ' '}
          slotProps={{ htmlInput: { 'data-testid': 'save-view-name' } }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{tc('common.cancel')}</Button>
        <Button variant="contained" onClick={() => void submit()} disabled={save.pending} data-testid="save-view-submit">
          {t('views.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

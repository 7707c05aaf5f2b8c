import AddOutlined from '@mui/icons-material/AddOutlined';
import { Box, Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, Skeleton, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ProblemDetail } from '../../../../../shared/api/problems';
import { useCommand } from '../../../data/useCommand';
import { useLiveQuery } from '../../../data/useLiveQuery';

/** Links more tickets to a problem: the candidates of its tickets' traits, one click each. */
export const LinkTicketsDialog = ({ problem, onClose }: { problem: ProblemDetail; onClose: () => void }) => {
  const { t } = useTranslation('problems');
  const { data, loading } = useLiveQuery('problems.candidates', { ticketIds: problem.tickets.map((x) => x.id), productLine: problem.productLine, causeCategory: problem.causeCategory });
  const link = useCommand('problems.link');
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="md" aria-labelledby="link-title">
      <DialogTitle id="link-title">{t('form.candidates')}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {t('form.intro')}
        </Typography>
        {loading && <Skeleton height={60} />}
        {data?.candidates.length === 0 && <Typography variant="body2">{t('form.noCandidates')}</Typography>}
        <Stack component="ul" spacing={0.5} sx={{ p: 0, m: 0, listStyle: 'none' }} data-testid="link-candidates">
          {data?.candidates.map((c) => (
            <Stack component="li" key={c.id} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <Box sx={{ flex: 1, minWidth: 0 }}>
                <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
                  <strong>{c.number}</strong> · {c.title}
                </Typography>
                <Typography variant="caption" color="text.secondary">
                  {[c.status ? t(`ticketStatus.${c.status}`) : '', c.productLine, c.assetModel ?? ''].filter(Boolean).join(' · ')}
                </Typography>
              </Box>
              {c.reasons.map((r) => (
                <Chip key={r} size="small" variant="outlined" label={t(`reason.${r}`)} />
              ))}
              <Button size="small" startIcon={<AddOutlined />} disabled={link.pending} onClick={() => void link.run({ id: problem.id, ticketIds: [c.id] })} aria-label={`${t('form.add')} ${c.number}`}>
                {t('form.add')}
              </Button>
            </Stack>
          ))}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('resolve.close')}</Button>
      </DialogActions>
    </Dialog>
  );
};

import AddOutlined from '@mui/icons-material/AddOutlined';
import CloseOutlined from '@mui/icons-material/CloseOutlined';
import { Box, Button, Chip, FormHelperText, IconButton, Paper, Skeleton, Stack, Typography } from '@mui/material';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CauseCategory } from '../../../../../shared/schema/enums';
import type { ProblemTicket } from '../../../../../shared/api/problems';
import { useLiveQuery } from '../../../data/useLiveQuery';

const TicketLine = ({ ticket }: { ticket: ProblemTicket }) => {
  const { t } = useTranslation('problems');
  return (
    <Box sx={{ minWidth: 0, flex: 1 }}>
      <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
        <strong>{ticket.number}</strong> · {ticket.title}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {[ticket.status ? t(`ticketStatus.${ticket.status}`) : '', ticket.productLine, ticket.assetModel ?? '', ticket.cause ? t(`cause.${ticket.cause}`) : ''].filter(Boolean).join(' · ')}
      </Typography>
    </Box>
  );
};

/**
 * The tickets a new problem links, and the candidates main proposes for them: open tickets of
 * the last 90 days with the same product line, asset model or fault category.
 */
export const TicketPicker = ({
  ticketIds,
  productLine,
  causeCategory,
  error,
  onChange,
}: {
  ticketIds: string[];
  productLine: string;
  causeCategory: CauseCategory;
  error: string | undefined;
  onChange: (ticketIds: string[], productLine?: string) => void;
}) => {
  const { t } = useTranslation('problems');
  const live = useLiveQuery('problems.candidates', { ticketIds, productLine, causeCategory });
  // While a changed selection is asked for, the last answer stays on screen (no flicker).
  const last = useRef(live.data);
  if (live.data) last.current = live.data;
  const data = live.data ?? last.current;
  const loading = live.loading && !data;
  const selected = (data?.selected ?? []).filter((s) => ticketIds.includes(s.id));
  // The first linked ticket's product line, until the user types one.
  const firstLine = selected.find((s) => s.productLine)?.productLine;
  useEffect(() => {
    if (!productLine && firstLine) onChange(ticketIds, firstLine);
  }, [productLine, firstLine, ticketIds, onChange]);
  return (
    <Paper sx={{ p: 2 }} component="section" aria-labelledby="tickets-heading">
      <Typography id="tickets-heading" variant="subtitle1" component="h2">
        {t('form.tickets')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {t('form.intro')}
      </Typography>
      {ticketIds.length === 0 && <Typography variant="body2">{t('form.noTickets')}</Typography>}
      <Stack component="ul" spacing={0.5} sx={{ p: 0, m: 0, listStyle: 'none' }} data-testid="problem-tickets">
        {selected.map((ticket) => (
          <Stack component="li" key={ticket.id} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <TicketLine ticket={ticket} />
            <IconButton size="small" aria-label={t('form.remove', { number: ticket.number })} onClick={() => onChange(ticketIds.filter((id) => id !== ticket.id))}>
              <CloseOutlined fontSize="small" />
            </IconButton>
          </Stack>
        ))}
      </Stack>
      {error && (
        <FormHelperText error data-testid="problem-tickets-error">
          {error}
        </FormHelperText>
      )}
      <Typography variant="subtitle2" component="h3" sx={{ mt: 2, mb: 0.5 }}>
        {t('form.candidates')}
      </Typography>
      {loading && <Skeleton height={40} />}
      {!loading && data?.candidates.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {t('form.noCandidates')}
        </Typography>
      )}
      <Stack component="ul" spacing={0.5} sx={{ p: 0, m: 0, listStyle: 'none', maxHeight: 320, overflowY: 'auto' }} data-testid="problem-candidates">
        {data?.candidates.map((c) => (
          <Stack component="li" key={c.id} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <TicketLine ticket={c} />
            <Stack direction="row" spacing={0.5} sx={{ flexWrap: 'wrap', justifyContent: 'flex-end' }}>
              {c.reasons.map((r) => (
                <Chip key={r} size="small" variant="outlined" label={t(`reason.${r}`)} />
              ))}
            </Stack>
            <Button size="small" startIcon={<AddOutlined />} onClick={() => onChange([...ticketIds, c.id], c.productLine)} aria-label={`${t('form.add')} ${c.number}`}>
              {t('form.add')}
            </Button>
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
};

import { Box, Button, Chip, Paper, Skeleton, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useFormat } from '../../../i18n/format';
import { BookPartDialog } from './BookPartDialog';
import { usePartName } from './names';

/** The parts booked on one ticket, and the way to book another (the ticket screen mounts it). */
export const TicketPartsPanel = ({ ticketId }: { ticketId: string }) => {
  const { t } = useTranslation('parts');
  const format = useFormat();
  const name = usePartName();
  const { data, loading } = useLiveQuery('parts.ticket', { ticketId });
  const [open, setOpen] = useState(false);
  return (
    <Paper sx={{ p: 2 }} component="section" aria-labelledby="parts-heading" data-testid="parts-panel">
      <Stack direction="row" sx={{ alignItems: 'center', mb: 1 }}>
        <Typography id="parts-heading" variant="subtitle1" component="h2" sx={{ flexGrow: 1 }}>
          {t('panel.title')}
        </Typography>
        <Button size="small" variant="outlined" onClick={() => setOpen(true)} disabled={!data} data-testid="parts-book">
          {t('panel.book')}
        </Button>
      </Stack>
      {loading && !data ? (
        <Skeleton variant="rectangular" height={48} />
      ) : !data || data.bookings.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('panel.empty')}
        </Typography>
      ) : (
        <Stack component="ul" spacing={1} sx={{ p: 0, m: 0, listStyle: 'none' }}>
          {data.bookings.map((b) => (
            <Box component="li" key={b.id} data-testid="booking-row" data-part={b.partNumber} data-reason={b.reason}>
              <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
                <strong>{b.partNumber}</strong> · {name({ nameEn: b.partNameEn, nameZh: b.partNameZh })} · {t(`reason.${b.reason}`)} × {b.quantity}
              </Typography>
              <Typography variant="caption" color="text.secondary" component="div" sx={{ overflowWrap: 'anywhere' }}>
                {format.dateTime(b.at)}
                {b.serialOut ? ` · ${t('panel.serials', { in: b.serialIn || '—', out: b.serialOut })}` : b.serialIn ? ` · ${t('panel.serialIn', { serial: b.serialIn })}` : ''}
                {b.source !== 'van' ? ` · ${t('panel.fromSource', { source: t(`source.${b.source}`), note: b.sourceNote })}` : ''}
              </Typography>
              {b.defective && <Chip size="small" color="warning" variant="outlined" label={t('panel.defectiveChip')} sx={{ mt: 0.5 }} data-testid="booking-defective" />}
            </Box>
          ))}
        </Stack>
      )}
      {open && data && <BookPartDialog ticketId={ticketId} parts={data.parts} open onClose={() => setOpen(false)} />}
    </Paper>
  );
};

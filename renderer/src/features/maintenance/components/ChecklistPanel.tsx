import { Alert, Box, Button, Chip, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { RoundAssetView, RoundView } from '../../../../../shared/api/maintenance';
import { useCommand } from '../../../data/useCommand';
import { useFormat } from '../../../i18n/format';
import { AttachmentThumb } from '../../attachments/components/AttachmentThumb';
import { useErrorText } from './errors';
import { ReadingField, type Lang } from './ReadingField';

const base64Of = (file: File): Promise<string> =>
  file.arrayBuffer().then((buffer) => {
    let binary = '';
    const bytes = new Uint8Array(buffer);
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  });

/** The checklist of one asset in a round: every item of the round's template version, with its faults. */
export const ChecklistPanel = ({ round, asset, lang }: { round: RoundView; asset: RoundAssetView; lang: Lang }) => {
  const { t } = useTranslation('maintenance');
  const format = useFormat();
  const errorText = useErrorText();
  const record = useCommand('maintenance.recordReading', { errors: 'inline' });
  const photo = useCommand('maintenance.addPhoto', { errors: 'inline' });
  const raise = useCommand('maintenance.raiseFault', { success: (r) => t('round.raised', { number: r.ticketNumber }) });
  const template = round.template!;
  const work = round.can.work && round.summary.status !== 'planned';

  return (
    <Paper component="section" sx={{ p: 2 }} aria-labelledby="checklist-heading" data-testid="checklist">
      <Typography id="checklist-heading" variant="h6" component="h3">
        {t('round.checklist', { code: asset.assetCode })}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {asset.model} · {asset.serial}
      </Typography>
      {template.items.map((item) => {
        const reading = asset.readings[item.key];
        return (
          <Box key={item.key}>
            <ReadingField
              item={item}
              reading={reading}
              lang={lang}
              disabled={!work}
              onSave={async (value, photos) => {
                const r = await record.run({ roundId: round.summary.id, assetId: asset.assetId, itemKey: item.key, value, photos, note: '', locale: lang });
                return r.ok ? null : errorText(r.error);
              }}
              onPhoto={async (file) => {
                const r = await photo.run({ roundId: round.summary.id, mimeType: file.type === 'image/png' ? 'image/png' : 'image/jpeg', dataBase64: await base64Of(file) });
                return r.ok ? r.value.sha256 : null;
              }}
            />
            {reading && reading.photos.length > 0 && (
              // The photos of the reading that counts: kept and uploaded for the round, fetched on another desktop.
              <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', pb: 1 }} data-testid={`item-${item.key}-photos`}>
                {reading.photos.map((sha) => (
                  <AttachmentThumb key={sha} file={{ sha256: sha, fileName: `${asset.assetCode}-${item.key}-${sha.slice(0, 8)}.jpg`, mimeType: 'image/jpeg', caption: item.label[lang] }} />
                ))}
              </Stack>
            )}
            {reading?.outOfRange && (
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center', pb: 1 }}>
                {reading.ticketId ? (
                  <Chip color="error" size="small" label={reading.ticketNumber ? t('round.ticket', { number: reading.ticketNumber }) : t('round.pendingNumber')} data-testid={`item-${item.key}-ticket`} />
                ) : (
                  work && (
                    <Button size="small" color="error" variant="outlined" disabled={raise.pending} onClick={() => void raise.run({ readingId: reading.id, locale: lang })} data-testid={`item-${item.key}-raise`}>
                      {t('round.raiseFault')}
                    </Button>
                  )
                )}
                <Typography variant="caption" color="text.secondary">
                  {t('round.last', { value: String(reading.value), by: reading.byName, at: format.dateTime(reading.at) })}
                </Typography>
              </Stack>
            )}
          </Box>
        );
      })}
      {asset.history.length > 0 && (
        <Alert severity="info" sx={{ mt: 1 }}>
          {t('round.earlier')}: {asset.history.map((h) => `${h.itemKey} ${String(h.value)} (${format.dateTime(h.at)})`).join(' · ')}
        </Alert>
      )}
    </Paper>
  );
};

import { Alert, Button, List, ListItem, ListItemText, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../../data/useCommand';
import { useLiveQuery } from '../../../data/useLiveQuery';

/** Codes scanned but unknown, left for the asset team; shown only while there are any. */
export const UnknownCodes = ({ onRegister }: { onRegister: (code: string) => void }) => {
  const { t, i18n } = useTranslation('assets');
  const { data } = useLiveQuery('assets.unknownCodes', {});
  const dismiss = useCommand('assets.dismissUnknown');
  if (!data || data.length === 0) return null;
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="unknown-codes">
      <Typography variant="subtitle1" component="h2">
        {t('unknown.heading')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('unknown.intro')}
      </Typography>
      <List dense>
        {data.map((n) => (
          <ListItem
            key={n.id}
            data-testid="unknown-code"
            secondaryAction={
              <Stack direction="row" spacing={1}>
                <Button size="small" onClick={() => onRegister(n.code)}>
                  {t('unknown.register')}
                </Button>
                <Button size="small" onClick={() => void dismiss.run({ id: n.id })}>
                  {t('unknown.dismiss')}
                </Button>
              </Stack>
            }
          >
            <ListItemText
              primary={`${n.code} · ${t(`unknown.source.${n.source}`)}`}
              secondary={t('unknown.reported', { at: new Date(n.reportedAt).toLocaleString(i18n.language), name: n.reportedByName || '—' }) + (n.note ? ` · ${n.note}` : '')}
            />
          </ListItem>
        ))}
      </List>
      {dismiss.error && <Alert severity="error">{t('error.invalid')}</Alert>}
    </Paper>
  );
};

import { Chip, List, ListItem, ListItemText, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { AccountContactLog } from '../../../../../shared/api/customers';
import { useFormat } from '../../../i18n/format';

/** Contacts with the account, newest first: how, with whom, who and when, what and what next. */
export const ContactLogList = ({ log, timeZone }: { log: readonly AccountContactLog[]; timeZone: string }) => {
  const { t } = useTranslation('customers');
  const format = useFormat();
  if (log.length === 0)
    return (
      <Typography variant="body2" color="text.secondary" data-testid="contact-log-empty">
        {t('log.empty')}
      </Typography>
    );
  return (
    <List dense disablePadding data-testid="contact-log" sx={{ maxHeight: 420, overflow: 'auto' }}>
      {log.map((l) => (
        <ListItem key={l.id} disableGutters alignItems="flex-start" data-testid="contact-log-row">
          <ListItemText
            primary={
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                <Chip size="small" label={t(`channel.${l.channel}`)} />
                <Typography variant="body2">{l.summary}</Typography>
              </Stack>
            }
            secondary={
              <>
                {/* The customer's local time, with its zone named (UI.md). */}
                {t('log.by', { name: l.byName || t('account.none'), time: format.dateTimeIn(l.at, timeZone) })}
                {l.contactName && ` · ${t('log.with', { name: l.contactName })}`}
                {l.nextStep && (
                  <Typography component="span" variant="caption" sx={{ display: 'block' }}>
                    {t('log.nextStep', { text: l.nextStep })}
                  </Typography>
                )}
              </>
            }
          />
        </ListItem>
      ))}
    </List>
  );
};

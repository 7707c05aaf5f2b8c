import { Alert, Button, List, ListItem, ListItemText, Paper, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { REPEATED_FAULT_DAYS, type RepeatedFault } from '../../../../../shared/api/maintenance';

/**
 * Models failing the same check at several sites lately: each is offered as a new problem
 * with its fault tickets linked, for root-cause analysis.
 */
export const RepeatedFaults = ({ faults }: { faults: readonly RepeatedFault[] }) => {
  const { t } = useTranslation('maintenance');
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="repeated-faults">
      <Typography variant="h6" component="h3" gutterBottom>
        {t('repeated.heading')}
      </Typography>
      {faults.length === 0 ? (
        <Typography color="text.secondary">{t('repeated.none', { days: REPEATED_FAULT_DAYS })}</Typography>
      ) : (
        <>
          <Alert severity="warning" sx={{ mb: 1 }}>
            {t('repeated.intro', { days: REPEATED_FAULT_DAYS })}
          </Alert>
          <List dense disablePadding>
            {faults.map((f) => (
              <ListItem
                key={`${f.model}|${f.itemKey}`}
                data-testid="repeated-fault"
                secondaryAction={
                  <Button size="small" component={RouterLink} to={`/problems/new?tickets=${f.ticketIds.join(',')}`} data-testid="repeated-fault-propose">
                    {t('repeated.propose')}
                  </Button>
                }
              >
                <ListItemText primary={t('repeated.row', { model: f.model, item: f.itemKey })} secondary={t('repeated.counts', { readings: f.readings, sites: f.sites, tickets: f.ticketIds.length })} />
              </ListItem>
            ))}
          </List>
        </>
      )}
    </Paper>
  );
};

import { Alert, AlertTitle, List, ListItemButton, ListItemText, Stack } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { CustomerDirectoryRow } from '../../../../../shared/api/customers';
import { CadenceChip, TierChip } from './CadenceChip';

/** The accounts the viewer manages that are past their contact target, most urgent first. */
export const MyOverdue = ({ rows }: { rows: readonly CustomerDirectoryRow[] }) => {
  const { t, i18n } = useTranslation('customers');
  const navigate = useNavigate();
  if (rows.length === 0) return null;
  return (
    <Alert severity="warning" variant="outlined" data-testid="my-overdue" sx={{ '& .MuiAlert-message': { width: '100%' } }}>
      <AlertTitle component="h2">{t('myOverdue.heading')}</AlertTitle>
      {t('myOverdue.intro', { count: rows.length })}
      <List dense disablePadding>
        {rows.map((r) => (
          <ListItemButton key={r.id} onClick={() => void navigate(`/customers/${r.id}`)} aria-label={t('myOverdue.open', { name: r.name })} data-testid="my-overdue-row" data-code={r.code}>
            <ListItemText primary={`${r.code} · ${i18n.language === 'zh-CN' && r.nameZh ? r.nameZh : r.name}`} />
            <Stack direction="row" spacing={1}>
              <TierChip tier={r.tier} />
              <CadenceChip cadence={r.cadence} />
            </Stack>
          </ListItemButton>
        ))}
      </List>
    </Alert>
  );
};

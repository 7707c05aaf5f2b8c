import CalendarMonthOutlined from '@mui/icons-material/CalendarMonthOutlined';
import { Alert, Box, Button, Chip, List, ListItem, ListItemText, Paper, Skeleton, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { TemplateView } from '../../../../../shared/api/maintenance';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { ComplianceTable } from '../components/ComplianceTable';
import { useLang } from '../components/lang';
import { PlanForm } from '../components/PlanForm';
import { PlanTable } from '../components/PlanTable';
import { RepeatedFaults } from '../components/RepeatedFaults';
import { RoundList } from '../components/RoundList';
import { TemplateEditor } from '../components/TemplateEditor';

/** `#/maintenance`: my rounds today and this week; for managers also plans, templates and compliance. */
export const MaintenancePage = () => {
  const { t } = useTranslation('maintenance');
  const { t: tc } = useTranslation();
  const lang = useLang();
  const home = useLiveQuery('maintenance.home', {});
  const manage = home.data?.can.manage === true;
  const compliance = useLiveQuery('maintenance.compliance', {});
  const [editing, setEditing] = useState<TemplateView | 'new' | null>(null);
  const [planning, setPlanning] = useState(false);
  return (
    <Stack spacing={3}>
      <div>
        <Typography variant="h4" component="h1">
          {t('heading')}
        </Typography>
        <Typography color="text.secondary">{t('intro')}</Typography>
        <Button component={RouterLink} to="/maintenance/calendar" variant="outlined" startIcon={<CalendarMonthOutlined />} sx={{ mt: 1 }} data-testid="open-calendar">
          {t('calendar.open')}
        </Button>
      </div>
      {home.loading && <Skeleton variant="rounded" height={96} />}
      {home.error && <Alert severity="error">{tc(`errors.${home.error.code}`)}</Alert>}
      {home.data && (
        <>
          <Box component="section" aria-labelledby="today-heading">
            <Typography id="today-heading" variant="h5" component="h2" gutterBottom>
              {t('today')}
            </Typography>
            <RoundList rounds={home.data.today} empty={t('noneToday')} testId="rounds-today" viewerId={home.data.viewerId} />
          </Box>
          <Box component="section" aria-labelledby="week-heading">
            <Typography id="week-heading" variant="h5" component="h2" gutterBottom>
              {t('week')}
            </Typography>
            <RoundList rounds={home.data.week} empty={t('noneWeek')} testId="rounds-week" viewerId={home.data.viewerId} />
          </Box>
          <Box component="section" aria-labelledby="plans-heading">
            <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1 }}>
              <Typography id="plans-heading" variant="h5" component="h2">
                {t('plans')}
              </Typography>
              {manage && !planning && (
                <Button variant="outlined" onClick={() => setPlanning(true)} data-testid="new-plan">
                  {t('newPlan')}
                </Button>
              )}
            </Stack>
            {planning && <PlanForm lang={lang} onDone={() => setPlanning(false)} />}
            <PlanTable plans={home.data.plans} />
          </Box>
          {manage && (
            <Box component="section" aria-labelledby="templates-heading">
              <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1 }}>
                <Typography id="templates-heading" variant="h5" component="h2">
                  {t('templates')}
                </Typography>
                {editing === null && (
                  <Button variant="outlined" onClick={() => setEditing('new')} data-testid="new-template">
                    {t('newTemplate')}
                  </Button>
                )}
              </Stack>
              {editing !== null && <TemplateEditor key={editing === 'new' ? 'new' : `${editing.id}-${editing.version}`} template={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
              {home.data.templates.length === 0 ? (
                <Alert severity="info">{t('noTemplates')}</Alert>
              ) : (
                <Paper variant="outlined">
                  <List dense data-testid="template-list">
                    {home.data.templates.map((tpl) => (
                      <ListItem
                        key={tpl.id}
                        secondaryAction={
                          <Button size="small" onClick={() => setEditing(tpl)}>
                            {t('editTemplate')}
                          </Button>
                        }
                      >
                        <ListItemText primary={tpl.name[lang]} secondary={`${t('template.version', { version: tpl.version })} · ${t('template.itemsCount', { count: tpl.items.length })}${tpl.model ? ` · ${tpl.model}` : ''}`} />
                        {tpl.openRoundsOnOlderVersion > 0 && <Chip size="small" label={t('template.keepOlder', { count: tpl.openRoundsOnOlderVersion })} />}
                      </ListItem>
                    ))}
                  </List>
                </Paper>
              )}
            </Box>
          )}
          {compliance.data && (compliance.data.byTeam.length > 0 || manage) && (
            <Box component="section" aria-labelledby="compliance-heading">
              <Typography id="compliance-heading" variant="h5" component="h2" gutterBottom>
                {t('compliance')}
              </Typography>
              <Stack spacing={2}>
                <ComplianceTable rows={compliance.data.byTeam} by="team" />
                <ComplianceTable rows={compliance.data.byCustomer} by="customer" />
                <ComplianceTable rows={compliance.data.byMonth} by="month" />
                {manage && <RepeatedFaults faults={compliance.data.repeatedFaults} />}
              </Stack>
            </Box>
          )}
        </>
      )}
    </Stack>
  );
};

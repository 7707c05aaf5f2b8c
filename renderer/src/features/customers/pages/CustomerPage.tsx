import AddCommentOutlined from '@mui/icons-material/AddCommentOutlined';
import { Alert, Box, Button, Chip, Link, List, ListItem, ListItemText, Skeleton, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import type { CustomerAccount } from '../../../../../shared/api/customers';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useFormat } from '../../../i18n/format';
import { CadenceChip, TierChip } from '../components/CadenceChip';
import { ContactLogDialog } from '../components/ContactLogDialog';
import { ContactLogList } from '../components/ContactLogList';
import { PlanDialog } from '../components/PlanDialog';
import { Section } from '../components/Section';
import { ServiceFigures } from '../components/ServiceFigures';
import { TicketList } from '../components/TicketList';

/** `#/customers/:id` (id or code): one account as staff see it. */
export const CustomerPage = () => {
  const { t } = useTranslation('customers');
  const { id = '' } = useParams();
  const { data, error, loading } = useLiveQuery('customers.account', { id });
  const session = useLiveQuery('session.current', {});
  const isAdmin = session.data?.user?.roles.includes('admin') === true;

  if (loading && data === undefined) return <Skeleton variant="rectangular" height={320} />;
  if (error && data === undefined) return <Alert severity="error">{t('account.loadFailed')}</Alert>;
  if (!data)
    return (
      <Stack spacing={2} sx={{ alignItems: 'flex-start' }}>
        <Alert severity="info" data-testid="account-not-found">
          {t('account.notFound')}
        </Alert>
        <Button component={RouterLink} to="/customers">
          {t('account.back')}
        </Button>
      </Stack>
    );
  return <Account account={data} isAdmin={isAdmin} />;
};

const Account = ({ account: a, isAdmin }: { account: CustomerAccount; isAdmin: boolean }) => {
  const { t, i18n } = useTranslation('customers');
  const format = useFormat();
  const [logging, setLogging] = useState(false);
  const [planning, setPlanning] = useState(false);
  const zh = i18n.language === 'zh-CN';
  const title = zh && a.nameZh ? a.nameZh : a.name;
  const other = zh ? a.name : a.nameZh;

  return (
    <Stack spacing={2}>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ justifyContent: 'space-between', alignItems: { md: 'flex-start' } }}>
        <Stack spacing={0.5}>
          <Link component={RouterLink} to="/customers" variant="body2">
            {t('account.back')}
          </Link>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <Typography variant="h5" component="h1" data-testid="account-name">
              {title}
            </Typography>
            <TierChip tier={a.tier} />
            {!a.active && <Chip size="small" label={t('account.inactive')} />}
          </Stack>
          <Typography variant="body2" color="text.secondary">
            {[a.code, other, t('account.region', { region: a.region }), t('account.zone', { zone: a.timeZone })].filter(Boolean).join(' · ')}
          </Typography>
          <Typography variant="body2" data-testid="account-manager">
            {a.plan.managerName ? t('account.manager', { name: a.plan.managerName }) : t('account.noManager')}
          </Typography>
        </Stack>
        <Stack direction="row" spacing={1}>
          {isAdmin && (
            <Button component={RouterLink} to="/admin/customers" data-testid="account-admin-link">
              {t('account.edit')}
            </Button>
          )}
          <Button variant="contained" startIcon={<AddCommentOutlined />} onClick={() => setLogging(true)} data-testid="contact-add">
            {t('log.add')}
          </Button>
        </Stack>
      </Stack>

      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 2fr) minmax(0, 3fr)' }, alignItems: 'start' }}>
        <Stack spacing={2}>
          <Section
            title={t('account.relationship')}
            testId="account-relationship"
            action={
              a.canEditPlan && (
                <Button size="small" onClick={() => setPlanning(true)} data-testid="plan-edit">
                  {t('account.editPlan')}
                </Button>
              )
            }
          >
            <Stack spacing={1}>
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                <CadenceChip cadence={a.cadence} testId="account-cadence" />
                <Typography variant="body2" color="text.secondary">
                  {t('cadence.target', { count: a.cadence.targetDays })} {a.plan.cadenceDays === null && t('cadence.targetDefault')}
                </Typography>
              </Stack>
              {a.plan.notes && (
                <Typography variant="body2">
                  {t('account.notes')}: {a.plan.notes}
                </Typography>
              )}
              {!a.plan.exists && (
                <Typography variant="body2" color="text.secondary">
                  {t('account.noPlan')}
                </Typography>
              )}
              <Typography variant="subtitle2" component="h3" sx={{ pt: 1 }}>
                {t('log.heading')}
              </Typography>
              <ContactLogList log={a.contactLog} timeZone={a.timeZone} />
            </Stack>
          </Section>
          <Section title={t('account.contacts')}>
            {a.contacts.length === 0 ? (
              <Typography variant="body2" color="text.secondary">
                {t('account.noContacts')}
              </Typography>
            ) : (
              <List dense disablePadding>
                {a.contacts.map((c) => (
                  <ListItem key={c.name} disableGutters>
                    <ListItemText primary={c.name} secondary={[c.phone, c.email].filter(Boolean).join(' · ')} />
                  </ListItem>
                ))}
              </List>
            )}
          </Section>
          <Section title={t('account.sites')}>
            {a.sites.length === 0 ? (
              <Typography variant="body2" color="text.secondary">
                {t('account.noSites')}
              </Typography>
            ) : (
              <List dense disablePadding data-testid="account-sites">
                {a.sites.map((s) => (
                  <ListItem key={s.id} disableGutters secondaryAction={<Link component={RouterLink} to={`/assets?site=${encodeURIComponent(s.id)}`} aria-label={t('account.openAssets', { site: s.name })}>{t('account.assets', { count: s.assets })}</Link>}>
                    <ListItemText primary={s.name} secondary={[s.region, s.timeZone, s.address].filter(Boolean).join(' · ')} />
                  </ListItem>
                ))}
              </List>
            )}
          </Section>
        </Stack>

        <Stack spacing={2}>
          <Section title={t('account.openTickets', { count: a.openTotal })}>
            <TicketList tickets={a.openTickets} empty={t('account.noOpenTickets')} testId="account-open" />
            {a.openTotal > a.openTickets.length && (
              <Typography variant="caption" color="text.secondary">
                {t('account.moreOpen', { shown: a.openTickets.length, total: a.openTotal })}
              </Typography>
            )}
          </Section>
          <Section title={t('account.recentTickets')}>
            <TicketList tickets={a.recentTickets} empty={t('account.noRecentTickets')} testId="account-recent" />
          </Section>
          <Section title={t('account.figures')}>
            <ServiceFigures months={a.months} />
          </Section>
          <Section title={t('account.problems')}>
            {a.problems.length === 0 ? (
              <Typography variant="body2" color="text.secondary">
                {t('account.noProblems')}
              </Typography>
            ) : (
              <List dense disablePadding data-testid="account-problems">
                {a.problems.map((p) => (
                  <ListItem key={p.id} disableGutters secondaryAction={<Chip size="small" label={t(`problemStatus.${p.status}`)} />}>
                    <ListItemText
                      primary={
                        <Link component={RouterLink} to={`/problems/${p.id}`}>
                          {p.title}
                        </Link>
                      }
                      secondary={t('account.problemLinks', { tickets: format.integer(p.tickets), assets: format.integer(p.assets) })}
                    />
                  </ListItem>
                ))}
              </List>
            )}
          </Section>
        </Stack>
      </Box>
      {logging && <ContactLogDialog customerId={a.id} customerName={a.name} contacts={a.contacts} onClose={() => setLogging(false)} />}
      {planning && <PlanDialog account={a} onClose={() => setPlanning(false)} />}
    </Stack>
  );
};

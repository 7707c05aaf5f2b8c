import { Alert, Tab, Tabs, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLiveQuery } from '../../../data/useLiveQuery';

export const adminTabs = ['people', 'teams', 'customers', 'sla', 'calendars', 'escalation', 'priority', 'templates', 'audit', 'settings'] as const;
export type AdminTab = (typeof adminTabs)[number];

/**
 * Heading, tabs between the admin screens, and the guard: only a signed-in admin gets the
 * screen (the server refuses everyone else anyway; this says so before they try).
 */
export const AdminFrame = ({ tab, children }: { tab: AdminTab; children: ReactNode }) => {
  const { t, i18n } = useTranslation('admin');
  const { data: session, loading } = useLiveQuery('session.current', {});
  const user = session?.user ?? null;
  let body: ReactNode = children;
  if (loading && !session) body = null;
  else if (!user)
    body = (
      <Alert severity="info" data-testid="admin-sign-in-first">
        {t('signInFirst')}
      </Alert>
    );
  else if (!user.roles.includes('admin'))
    body = (
      <Alert severity="warning" data-testid="admin-only">
        {t('adminsOnly')}
      </Alert>
    );
  return (
    <>
      <Typography variant="h5" component="h1" sx={{ mb: 1 }}>
        {t('heading')}
      </Typography>
      {body === children && (
        // Keyed by language: the scrolling tabs measure their labels once, and a language changes their widths.
        <Tabs key={i18n.language} value={tab} variant="scrollable" scrollButtons="auto" sx={{ mb: 2 }} aria-label={t('heading')}>
          {adminTabs.map((name) => (
            <Tab key={name} value={name} label={t(`tabs.${name}`)} component={Link} to={`/admin/${name}`} data-testid={`admin-tab-${name}`} />
          ))}
        </Tabs>
      )}
      {body}
    </>
  );
};

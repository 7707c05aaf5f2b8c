import { AppBar, Box, Drawer, LinearProgress, Link, List, ListItemButton, ListItemIcon, ListItemText, Stack, Toolbar, Typography } from '@mui/material';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useNavigation } from 'react-router';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { ThemeToggle } from '../components/ThemeToggle';
import { setServerClockOffset } from '../data/serverTime';
import { useLiveQuery } from '../data/useLiveQuery';
import { DesktopNotifier } from '../features/notifications/components/DesktopNotifier';
import { NotificationBell } from '../features/notifications/components/NotificationBell';
import { ScanBox } from '../features/assets/components/ScanBox';
import { AccountMenu } from '../features/session/components/AccountMenu';
import { SessionBanner } from '../features/session/components/SessionBanner';
import { SyncIndicator } from '../features/sync/components/SyncIndicator';
import { navEntries } from './features';
import { PageSkeleton } from './PageSkeleton';

const DRAWER_WIDTH = 200;

/** The frame around every screen: title, sync state, account, language, navigation. */
export const AppShell = () => {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { data: session } = useLiveQuery('session.current', {});
  const clockOffsetMs = session?.clockOffsetMs ?? 0;
  useEffect(() => setServerClockOffset(clockOffsetMs), [clockOffsetMs]);
  const roles = session?.user?.roles;
  const visible = navEntries.filter((entry) => !entry.roles || entry.roles.some((role) => roles?.includes(role)));

  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <Link
        href="#main"
        onClick={(event) => {
          // A hash link would be taken as a route: move the focus instead.
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
        sx={{ position: 'absolute', left: -9999, '&:focus': { left: 8, top: 8, zIndex: 9999, bgcolor: 'background.paper', p: 1 } }}
      >
        {t('app.skipToContent')}
      </Link>
      <AppBar position="fixed" sx={{ zIndex: (theme) => theme.zIndex.drawer + 1 }}>
        <Toolbar sx={{ gap: 2 }}>
          <Typography variant="h6" component="div" sx={{ fontWeight: 700 }}>
            {t('app.title')}
          </Typography>
          <Typography variant="body2" sx={{ opacity: 0.85, flexGrow: 1 }}>
            {t('app.subtitle')}
          </Typography>
          <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
            <ScanBox />
            <SyncIndicator />
            <NotificationBell />
            <AccountMenu />
            <ThemeToggle />
            <LanguageSwitch />
          </Stack>
        </Toolbar>
        {navigation.state === 'loading' && <LinearProgress sx={{ position: 'absolute', bottom: 0, left: 0, right: 0 }} />}
      </AppBar>
      <Drawer
        variant="permanent"
        sx={{ width: DRAWER_WIDTH, flexShrink: 0, '& .MuiDrawer-paper': { width: DRAWER_WIDTH, boxSizing: 'border-box' } }}
      >
        <Toolbar />
        <nav aria-label={t('nav.label')}>
          <List>
            {visible.map(({ to, label, icon: Icon }) => (
              <ListItemButton
                key={to}
                component={NavLink}
                to={to}
                data-testid={`nav-${to.slice(1).replaceAll('/', '-')}`}
                sx={{ '&.active': { bgcolor: 'action.selected', borderLeft: 3, borderColor: 'primary.main', pl: 1.625 } }}
              >
                <ListItemIcon sx={{ minWidth: 36 }}>
                  <Icon />
                </ListItemIcon>
                <ListItemText primary={t(label)} />
              </ListItemButton>
            ))}
          </List>
        </nav>
      </Drawer>
      <Box component="main" id="main" tabIndex={-1} sx={{ flexGrow: 1, p: 3, minWidth: 0, outline: 'none' }}>
        <Toolbar />
        <SessionBanner />
        <DesktopNotifier />
        <Suspense fallback={<PageSkeleton />}>
          <Outlet />
        </Suspense>
      </Box>
    </Box>
  );
};

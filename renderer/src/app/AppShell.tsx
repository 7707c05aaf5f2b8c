import {
  AppBar,
  Box,
  Drawer,
  List,
  ListItemButton,
  ListItemText,
  Stack,
  Toolbar,
  Typography,
  Link,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';
import { SyncIndicator } from './SyncIndicator';
import { TicketsPage } from '../features/tickets/TicketsPage';
import { AccountMenu } from '../features/session/AccountMenu';
import { SessionBanner } from '../features/session/SessionBanner';

const DRAWER_WIDTH = 200;

export const AppShell = () => {
  const { t } = useTranslation();
  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <Link
        href="#main"
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
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <SyncIndicator />
            <AccountMenu />
            <LanguageSwitch />
          </Stack>
        </Toolbar>
      </AppBar>
      <Drawer
        variant="permanent"
        sx={{ width: DRAWER_WIDTH, flexShrink: 0, '& .MuiDrawer-paper': { width: DRAWER_WIDTH, boxSizing: 'border-box' } }}
      >
        <Toolbar />
        <nav aria-label={t('nav.label')}>
          <List>
            <ListItemButton selected>
              <ListItemText primary={t('nav.tickets')} />
            </ListItemButton>
          </List>
        </nav>
      </Drawer>
      <Box component="main" id="main" tabIndex={-1} sx={{ flexGrow: 1, p: 3 }}>
        <Toolbar />
        <SessionBanner />
        <TicketsPage />
      </Box>
    </Box>
  );
};

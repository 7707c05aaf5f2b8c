import { Button, Divider, Menu, MenuItem, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../../data/useCommand';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { isRole } from '../../../app/landing';
import { SignInDialog } from './SignInDialog';

/** Who is signed in, with sign-in and sign-out. Signing out keeps every local record. */
export const AccountMenu = () => {
  const { t } = useTranslation('session');
  const { t: tc } = useTranslation();
  const signOut = useCommand('session.signOut');
  const { data: session } = useLiveQuery('session.current', {});
  const { data: status } = useLiveQuery('sync.status', {});
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [signingIn, setSigningIn] = useState(false);
  const user = session?.user ?? null;
  const needsSignIn = !user || status?.state === 'session-ended';

  return (
    <>
      {needsSignIn ? (
        <Button color="inherit" variant="outlined" onClick={() => setSigningIn(true)} data-testid="account-sign-in">
          {t('signIn')}
        </Button>
      ) : (
        <Button color="inherit" onClick={(e) => setAnchor(e.currentTarget)} aria-haspopup="menu" data-testid="account-menu">
          {user.displayName}
        </Button>
      )}
      <Menu anchorEl={anchor} open={!!anchor} onClose={() => setAnchor(null)}>
        <Typography variant="body2" sx={{ px: 2, py: 1 }} color="text.secondary">
          {user ? `${user.username} · ${user.roles.map((r) => (isRole(r) ? tc(`roles.${r}`) : r)).join(', ')}` : ''}
        </Typography>
        <Typography variant="body2" sx={{ px: 2, pb: 1 }} color="text.secondary">
          {session?.serverUrl}
        </Typography>
        <Divider />
        <MenuItem
          data-testid="account-sign-out"
          onClick={() => {
            setAnchor(null);
            void signOut.run({});
          }}
        >
          {t('signOut')}
        </MenuItem>
      </Menu>
      <SignInDialog open={signingIn} onClose={() => setSigningIn(false)} serverUrl={session?.serverUrl ?? null} />
    </>
  );
};

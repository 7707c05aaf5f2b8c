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
  const { data: session, loading } = useLiveQuery('session.current', {});
  const { data: status } = useLiveQuery('sync.status', {});
  // The server chosen in settings comes first: after a change it is not the session's any more.
  const { data: setup } = useLiveQuery('setup.current', {});
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [signingIn, setSigningIn] = useState(false);
  const user = session?.user ?? null;
  const needsSignIn = !user || status?.state === 'session-ended';

  return (
    <>
      {needsSignIn ? (
        // Until the stored session is known, "Sign in" waits: the user's name may be on its way.
        <Button color="inherit" variant="outlined" onClick={() => setSigningIn(true)} disabled={loading} aria-busy={loading} data-testid="account-sign-in">
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
      <SignInDialog open={signingIn} onClose={() => setSigningIn(false)} serverUrl={setup?.serverUrl ?? session?.serverUrl ?? null} />
    </>
  );
};

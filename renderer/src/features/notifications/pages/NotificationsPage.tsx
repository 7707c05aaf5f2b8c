import AccessAlarmOutlined from '@mui/icons-material/AccessAlarmOutlined';
import AssignmentIndOutlined from '@mui/icons-material/AssignmentIndOutlined';
import AssignmentLateOutlined from '@mui/icons-material/AssignmentLateOutlined';
import ReplyOutlined from '@mui/icons-material/ReplyOutlined';
import SummarizeOutlined from '@mui/icons-material/SummarizeOutlined';
import TrendingUpOutlined from '@mui/icons-material/TrendingUpOutlined';
import {
  Alert,
  Badge,
  Box,
  Button,
  FormControlLabel,
  FormGroup,
  List,
  ListItemButton,
  ListItemIcon,
  ListItemText,
  Paper,
  Skeleton,
  Stack,
  Switch,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { notificationKinds, type NotificationView } from '../../../../../shared/api/notifications';
import { useCommand } from '../../../data/useCommand';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useFormat } from '../../../i18n/format';
import { useNotificationText } from '../components/useNotificationText';

const icons = {
  assigned: AssignmentIndOutlined,
  escalated: TrendingUpOutlined,
  breach_warning: AccessAlarmOutlined,
  customer_reply: ReplyOutlined,
  assessment_late: AssignmentLateOutlined,
  report_pack: SummarizeOutlined,
} as const;

/** `#/notifications`: what needs the user, newest first; each opens its ticket or assessment. */
export const NotificationsPage = () => {
  const { t } = useTranslation('notifications');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const text = useNotificationText();
  const navigate = useNavigate();
  const { data, error, loading } = useLiveQuery('notifications.list', { limit: 50 });
  const { data: settings } = useLiveQuery('notifications.settings', {});
  const markRead = useCommand('notifications.markRead');
  const setMuted = useCommand('notifications.setMuted');

  const open = (n: NotificationView) => {
    if (!n.read) void markRead.run({ ids: [n.id] });
    void navigate(n.href);
  };

  return (
    <>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography variant="h5" component="h1">
          {t('heading')}
        </Typography>
        <Button variant="outlined" disabled={!data?.unread} onClick={() => void markRead.run({ all: true })} data-testid="notifications-mark-all">
          {t('markAllRead')}
        </Button>
      </Stack>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t('intro')}
      </Typography>
      <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 2fr) minmax(0, 1fr)' }, alignItems: 'start' }}>
        <Paper sx={{ minWidth: 0 }}>
          {error && <Alert severity="error">{tc(`errors.${error.code}`)}</Alert>}
          {loading ? (
            <Skeleton variant="rounded" height={240} data-testid="notifications-loading" />
          ) : data && data.rows.length === 0 ? (
            <Typography color="text.secondary" sx={{ p: 3 }} data-testid="notifications-empty">
              {t('empty')}
            </Typography>
          ) : (
            <List data-testid="notification-list">
              {(data?.rows ?? []).map((n) => {
                const Icon = icons[n.kind];
                return (
                  <ListItemButton key={n.id} onClick={() => open(n)} data-testid="notification-row" data-read={n.read} aria-label={`${text(n)}: ${n.ticketTitle}`}>
                    <ListItemIcon>
                      <Badge color="primary" variant="dot" invisible={n.read} aria-label={n.read ? undefined : t('unread')}>
                        <Icon color={n.kind === 'breach_warning' ? 'warning' : 'action'} />
                      </Badge>
                    </ListItemIcon>
                    <ListItemText
                      primary={text(n)}
                      secondary={[n.ticketTitle, format.dateTime(n.at)].filter(Boolean).join(' · ')}
                      slotProps={{ primary: { sx: { fontWeight: n.read ? 400 : 700 } }, secondary: { sx: { overflowWrap: 'anywhere' } } }}
                    />
                  </ListItemButton>
                );
              })}
            </List>
          )}
        </Paper>
        <Paper component="section" aria-labelledby="notification-settings-heading" sx={{ p: 2 }}>
          <Typography id="notification-settings-heading" variant="subtitle1" component="h2">
            {t('settings.heading')}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {t('settings.intro')}
          </Typography>
          <FormGroup>
            {notificationKinds.map((kind) => (
              <FormControlLabel
                key={kind}
                label={t(`kind.${kind}`)}
                control={
                  <Switch
                    checked={!!settings && !settings.muted.includes(kind)}
                    disabled={!settings}
                    onChange={(_, on) => void setMuted.run({ kind, muted: !on })}
                    slotProps={{ input: { 'data-testid': `notify-${kind}` } as object }}
                  />
                }
              />
            ))}
          </FormGroup>
        </Paper>
      </Box>
    </>
  );
};

import MoreVertOutlined from '@mui/icons-material/MoreVertOutlined';
import { Box, IconButton, Link, Menu, MenuItem, Paper, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { RoundSummary } from '../../../../../shared/api/maintenance';
import { TIMING_COLOR } from './RoundList';

/** The palette colour of a round's timing: late amber, missed and overdue red, done on time green. */
const edgeOf = (timing: RoundSummary['timing']): string => {
  const c = TIMING_COLOR[timing];
  return c === 'default' ? 'divider' : `${c}.main`;
};

/**
 * One round in the calendar: customer / site, asset count, status and timing (the left edge
 * in the timing's colour), a link to the round, and for managers a menu to assign it.
 */
export const RoundChip = ({ round, onAssign }: { round: RoundSummary; onAssign?: (round: RoundSummary) => void }) => {
  const { t } = useTranslation('maintenance');
  const [menu, setMenu] = useState<HTMLElement | null>(null);
  const place = round.siteName ? `${round.customerName} / ${round.siteName}` : round.customerName;
  return (
    <Paper
      variant="outlined"
      data-testid={`chip-${round.id}`}
      data-timing={round.timing}
      sx={{ position: 'relative', p: 0.75, pr: onAssign ? 3.5 : 0.75, borderLeftWidth: 4, borderLeftColor: edgeOf(round.timing), minWidth: 0 }}
    >
      <Link component={RouterLink} to={`/maintenance/rounds/${round.id}`} underline="hover" variant="body2" sx={{ fontWeight: 600, display: 'block', overflowWrap: 'anywhere' }} data-testid={`chip-link-${round.id}`}>
        {place}
      </Link>
      <Typography variant="caption" color="text.secondary" component="div" sx={{ overflowWrap: 'anywhere' }}>
        {t('calendar.assets', { count: round.assets })} · {t(`status.${round.status}`)}
      </Typography>
      <Box component="span" sx={{ typography: 'caption', fontWeight: 600, color: edgeOf(round.timing) === 'divider' ? 'text.secondary' : edgeOf(round.timing) }}>
        {t(`timing.${round.timing}`)}
      </Box>
      {onAssign && (
        <>
          <IconButton
            size="small"
            sx={{ position: 'absolute', top: 2, right: 2 }}
            aria-label={t('calendar.actions', { place })}
            aria-haspopup="menu"
            data-testid={`chip-menu-${round.id}`}
            onClick={(e) => setMenu(e.currentTarget)}
          >
            <MoreVertOutlined fontSize="small" />
          </IconButton>
          <Menu anchorEl={menu} open={menu !== null} onClose={() => setMenu(null)}>
            <MenuItem component={RouterLink} to={`/maintenance/rounds/${round.id}`}>
              {t('calendar.openRound')}
            </MenuItem>
            <MenuItem
              data-testid={`chip-assign-${round.id}`}
              onClick={() => {
                setMenu(null);
                onAssign(round);
              }}
            >
              {t('calendar.assign')}
            </MenuItem>
          </Menu>
        </>
      )}
    </Paper>
  );
};

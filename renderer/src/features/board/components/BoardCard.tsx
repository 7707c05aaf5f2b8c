import { useDraggable } from '@dnd-kit/core';
import { CSS } from '@dnd-kit/utilities';
import MoreVertOutlined from '@mui/icons-material/MoreVertOutlined';
import { Chip, IconButton, Link, ListSubheader, Menu, MenuItem, Paper, Stack, Tooltip, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { BoardCard as Card, BoardClock, BoardLevel } from '../../../../../shared/api/board';
import { escalationLevels } from '../../../../../shared/api/ticketWork';
import { useFormat } from '../../../i18n/format';
import { useDuration } from './useDuration';

const severityColor = { critical: 'error', major: 'warning', minor: 'default' } as const;
const clockColor = { ok: 'success', warning: 'warning', breached: 'error', none: 'default' } as const;

const ClockChip = ({ clock }: { clock: BoardClock }) => {
  const { t } = useTranslation('board');
  const format = useFormat();
  const name = t(`clock.${clock.kind}`);
  const label = clock.paused || !clock.dueAt ? t('clock.paused', { clock: name }) : t('clock.due', { clock: name, time: format.dateTime(clock.dueAt) });
  return (
    <Tooltip title={t(`clock.state.${clock.state}`)}>
      <Chip size="small" variant={clock.state === 'ok' ? 'outlined' : 'filled'} color={clockColor[clock.state]} label={label} data-testid={`clock-${clock.kind}`} />
    </Tooltip>
  );
};

/**
 * One ticket on the board. The whole card is the drag handle (pointer or keyboard: Space,
 * arrows, Space); its menu moves it to a named level without dragging.
 */
export const BoardCard = ({ card, levels, now, onMove }: { card: Card; levels: readonly BoardLevel[]; now: number; onMove: (card: Card, to: BoardLevel) => void }) => {
  const { t } = useTranslation('board');
  const { t: tc } = useTranslation();
  const duration = useDuration();
  const [menu, setMenu] = useState<HTMLElement | null>(null);
  // A receiver that is a level (nobody named) is shown by the level's name.
  const receiverName = (r: string) => ((escalationLevels as readonly string[]).includes(r) ? tc(`escalationLevels.${r as BoardLevel}`) : r);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, isDragging } = useDraggable({ id: card.id, data: { card } });
  return (
    <Paper
      ref={(node) => {
        setNodeRef(node);
        setActivatorNodeRef(node);
      }}
      {...attributes}
      {...listeners}
      aria-roledescription={undefined}
      aria-label={t('card.drag', { number: card.number })}
      data-testid={`card-${card.number}`}
      variant="outlined"
      sx={{
        p: 1.25,
        cursor: isDragging ? 'grabbing' : 'grab',
        transform: CSS.Translate.toString(transform),
        zIndex: isDragging ? 10 : undefined,
        boxShadow: isDragging ? 6 : undefined,
        position: 'relative',
        touchAction: 'none',
        '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: 2 },
      }}
    >
      <Stack direction="row" sx={{ alignItems: 'center', flexWrap: 'wrap', gap: 0.75, pr: 3.5 }}>
        <Link component={RouterLink} to={`/tickets/${encodeURIComponent(card.number)}`} aria-label={t('card.open', { number: card.number })} sx={{ fontWeight: 600 }} onPointerDown={(e) => e.stopPropagation()}>
          {card.number}
        </Link>
        <Chip size="small" color={severityColor[card.severity]} label={t(`severity.${card.severity}`)} />
        <Chip size="small" variant="outlined" label={card.priority} />
        {card.tier === 'key' && <Chip size="small" color="secondary" variant="outlined" label={t('tier.key')} />}
        <IconButton
          size="small"
          sx={{ position: 'absolute', top: 6, right: 4 }}
          aria-label={t('card.moveLabel', { number: card.number })}
          aria-haspopup="menu"
          data-testid={`move-${card.number}`}
          onPointerDown={(e) => e.stopPropagation()}
          onKeyDown={(e) => e.stopPropagation()}
          onClick={(e) => setMenu(e.currentTarget)}
        >
          <MoreVertOutlined fontSize="small" />
        </IconButton>
      </Stack>
      <Typography variant="body2" sx={{ mt: 0.5, fontWeight: 500, overflowWrap: 'anywhere', display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' }}>
        {card.title}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="div" sx={{ overflowWrap: 'anywhere' }}>
        {[card.customerName, card.region, card.productLine, card.assigneeName || card.teamName || t('card.unassigned')].filter(Boolean).join(' · ')}
      </Typography>
      {card.clocks.length > 0 && (
        <Stack direction="row" sx={{ mt: 0.75, flexWrap: 'wrap', gap: 0.5 }}>
          {card.clocks.map((c) => (
            <ClockChip key={c.kind} clock={c} />
          ))}
        </Stack>
      )}
      <Typography variant="caption" color="text.secondary" component="div" sx={{ mt: 0.5 }} data-testid="at-level">
        {t('card.atLevel', { duration: duration(now - Date.parse(card.atLevelSince)) })}
      </Typography>
      {card.unacknowledged.length > 0 && (
        <Typography variant="caption" color="warning.main" component="div" sx={{ fontWeight: 600 }} data-testid="unacknowledged">
          {t('card.notAcknowledged', { names: [...new Set(card.unacknowledged.map((u) => receiverName(u.receiver)))].join(', ') })}
        </Typography>
      )}
      <Menu anchorEl={menu} open={menu !== null} onClose={() => setMenu(null)}>
        <ListSubheader>{t('card.move')}</ListSubheader>
        {levels.map((level) => (
          <MenuItem
            key={level}
            selected={level === card.level}
            onClick={() => {
              setMenu(null);
              onMove(card, level);
            }}
          >
            {tc(`escalationLevels.${level}`)}
            {level === card.level ? ` (${t('column.current')})` : ''}
          </MenuItem>
        ))}
      </Menu>
    </Paper>
  );
};

import { useDroppable } from '@dnd-kit/core';
import { Chip, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { BoardCard as Card, BoardColumn as Column, BoardLevel } from '../../../../../shared/api/board';
import { useFormat } from '../../../i18n/format';
import { BoardCard } from './BoardCard';

/** One level: a drop target, its cards (nearest SLA due first) and how many there are. */
export const BoardColumn = ({ column, levels, now, onMove }: { column: Column; levels: readonly BoardLevel[]; now: number; onMove: (card: Card, to: BoardLevel) => void }) => {
  const { t } = useTranslation('board');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const { setNodeRef, isOver } = useDroppable({ id: column.level });
  const title = tc(`escalationLevels.${column.level}`);
  return (
    <Paper
      ref={setNodeRef}
      component="section"
      aria-label={title}
      data-testid={`column-${column.level}`}
      variant="outlined"
      sx={{
        flex: '1 0 220px',
        maxWidth: 360,
        p: 1,
        bgcolor: isOver ? 'action.selected' : 'background.default',
        borderColor: isOver ? 'primary.main' : 'divider',
        borderWidth: isOver ? 2 : 1,
        display: 'flex',
        flexDirection: 'column',
        gap: 1,
        minHeight: 240,
      }}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', px: 0.5 }}>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, flexGrow: 1 }}>
          {title}
        </Typography>
        <Chip size="small" label={format.integer(column.total)} data-testid={`count-${column.level}`} />
      </Stack>
      {column.cards.length === 0 ? (
        <Typography variant="body2" color="text.secondary" sx={{ px: 0.5 }}>
          {t('column.empty')}
        </Typography>
      ) : (
        column.cards.map((card) => <BoardCard key={card.id} card={card} levels={levels} now={now} onMove={onMove} />)
      )}
      {column.total > column.cards.length && (
        <Typography variant="caption" color="text.secondary" sx={{ px: 0.5 }}>
          {t('column.more', { shown: format.integer(column.cards.length), total: format.integer(column.total) })}
        </Typography>
      )}
    </Paper>
  );
};

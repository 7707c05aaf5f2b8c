import { DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type Announcements, type DragEndEvent } from '@dnd-kit/core';
import { Alert, Box, Skeleton, Stack, Typography } from '@mui/material';
import { useSnackbar } from 'notistack';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { boardColumns, type BoardCard, type BoardLevel } from '../../../../../shared/api/board';
import type { ApiError } from '../../../../../shared/api/result';
import type { EscalationAxis } from '../../../../../shared/schema/enums';
import { ReasonDialog } from '../../../components/ReasonDialog';
import { useCommand } from '../../../data/useCommand';
import { useLiveQuery } from '../../../data/useLiveQuery';
import { useNotify } from '../../../data/notify';
import { BoardColumn } from '../components/BoardColumn';
import { BoardFilters, type BoardFilterValues } from '../components/BoardFilters';
import { columnJump } from '../components/columnJump';

const REFUSALS = ['same_level', 'ticket_not_open', 'role_forbidden', 'invalid_level', 'reason_required', 'ticket_not_found'] as const;
type Refusal = (typeof REFUSALS)[number] | 'other';
const refusalOf = (error: ApiError): Refusal => {
  const code = error.fields?.[0]?.code;
  return (REFUSALS as readonly string[]).includes(code ?? '') ? (code as Refusal) : 'other';
};

/**
 * The escalation board (`#/board`): open tickets by level on one axis, live. A card dropped on
 * another column (or moved there from its menu) is escalated or de-escalated with a reason; a
 * card dropped on its own column changes nothing, and the board says so.
 */
export const BoardPage = () => {
  const { t } = useTranslation('board');
  const { t: tc } = useTranslation();
  const notify = useNotify();
  const { enqueueSnackbar } = useSnackbar();
  const [axis, setAxis] = useState<EscalationAxis>('functional');
  const [filters, setFilters] = useState<BoardFilterValues>({});
  const { data, error, loading } = useLiveQuery('board.view', { axis, ...filters });
  const [move, setMove] = useState<{ card: BoardCard; to: BoardLevel } | null>(null);
  const escalate = useCommand('ticketWork.escalate', { errors: 'inline' });
  const levels = boardColumns[axis];
  const levelName = (l: BoardLevel) => tc(`escalationLevels.${l}`);
  const now = data ? Date.parse(data.computedAt) : Date.now();

  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }), useSensor(KeyboardSensor, { coordinateGetter: columnJump }));
  const cards = useMemo(() => new Map((data?.columns ?? []).flatMap((c) => c.cards.map((card) => [card.id, card] as const))), [data]);
  const numberOf = (id: string | number) => cards.get(String(id))?.number ?? '';

  const request = (card: BoardCard, to: BoardLevel) => {
    if (to === card.level) notify.info(t('move.sameLevel', { number: card.number, level: levelName(to) }));
    else setMove({ card, to });
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const card = cards.get(String(active.id));
    if (card && over) request(card, over.id as BoardLevel);
  };
  const announcements: Announcements = {
    onDragStart: ({ active }) => t('dnd.pickedUp', { number: numberOf(active.id) }),
    onDragOver: ({ active, over }) => (over ? t('dnd.over', { number: numberOf(active.id), level: levelName(over.id as BoardLevel) }) : t('dnd.outside', { number: numberOf(active.id) })),
    onDragEnd: ({ active, over }) => (over ? t('dnd.dropped', { number: numberOf(active.id), level: levelName(over.id as BoardLevel) }) : t('dnd.cancelled', { number: numberOf(active.id) })),
    onDragCancel: ({ active }) => t('dnd.cancelled', { number: numberOf(active.id) }),
  };

  const confirm = async (reason: string) => {
    if (!move) return;
    const { card, to } = move;
    const outcome = await escalate.run({ ticketId: card.id, axis, to, reason });
    setMove(null);
    if (outcome.ok) notify.success(t('move.done', { number: card.number, level: levelName(to) }));
    else enqueueSnackbar(t('move.refused', { number: card.number, reason: t(`refusal.${refusalOf(outcome.error)}`) }), { variant: 'error', autoHideDuration: 8_000 });
  };
  const direction = move ? (levels.indexOf(move.to as never) > levels.indexOf(move.card.level as never) ? 'up' : 'down') : 'up';
  const sideways = move && axis === 'functional' && (['spare_parts', 'logistics'] as BoardLevel[]).some((l) => l === move.to || l === move.card.level);
  const empty = data && data.columns.every((c) => c.total === 0);

  return (
    <Stack spacing={2}>
      <Typography variant="h5" component="h1">
        {t('heading')}
      </Typography>
      <Typography color="text.secondary">{t('intro')}</Typography>
      <BoardFilters axis={axis} values={filters} options={data?.options} onAxis={setAxis} onChange={setFilters} />
      {error && <Alert severity="error">{t('error', { message: tc(`errors.${error.code}`) })}</Alert>}
      {empty && <Alert severity="info">{t('empty')}</Alert>}
      {loading && !data ? (
        <Stack direction="row" spacing={2} data-testid="board-loading">
          {levels.map((l) => (
            <Skeleton key={l} variant="rounded" height={320} sx={{ flex: '1 0 240px' }} />
          ))}
        </Stack>
      ) : (
        data && (
          <DndContext sensors={sensors} onDragEnd={onDragEnd} accessibility={{ announcements, screenReaderInstructions: { draggable: t('dnd.instructions') } }}>
            <Box sx={{ display: 'flex', gap: 1.5, overflowX: 'auto', pb: 1, alignItems: 'flex-start' }} data-testid="board">
              {data.columns.map((column) => (
                <BoardColumn key={column.level} column={column} levels={levels} now={now} onMove={request} />
              ))}
            </Box>
          </DndContext>
        )
      )}
      {move && (
        <ReasonDialog
          open
          pending={escalate.pending}
          texts={{
            title: t(sideways ? 'move.sideways' : direction === 'up' ? 'move.up' : 'move.down', { number: move.card.number, level: levelName(move.to) }),
            label: t('move.reason'),
            help: t('move.reasonHelp'),
            confirm: t('move.confirm'),
            message: (key) => t(key as 'validation.escalationReasonRequired'),
          }}
          onCancel={() => setMove(null)}
          onConfirm={(reason) => void confirm(reason)}
        >
          {t('move.from', { level: levelName(move.card.level) })} · {move.card.title}
        </ReasonDialog>
      )}
    </Stack>
  );
};

import type { KeyboardCoordinateGetter } from '@dnd-kit/core';

/**
 * The keyboard way to move a card: while it is picked up (Space), the left and right arrows
 * move it by the distance between the column it is over (at first its own) and the previous or
 * next one, so one key press is one level. Distances, not positions: the measured rects and the
 * sensor's coordinates need not share an origin when the board or the page is scrolled.
 */
export const columnJump: KeyboardCoordinateGetter = (event, { currentCoordinates, context }) => {
  if (event.code !== 'ArrowRight' && event.code !== 'ArrowLeft') return undefined;
  event.preventDefault();
  const columns = [...context.droppableRects.entries()].sort(([, a], [, b]) => a.left - b.left);
  const own = (context.active?.data.current as { card?: { level?: string } } | undefined)?.card?.level;
  const hereId = context.over?.id ?? own;
  const here = columns.findIndex(([id]) => id === hereId);
  if (here < 0) return undefined;
  const next = columns[event.code === 'ArrowRight' ? Math.min(here + 1, columns.length - 1) : Math.max(here - 1, 0)]!;
  const from = columns[here]![1];
  const to = next[1];
  return { x: currentCoordinates.x + (to.left + to.width / 2) - (from.left + from.width / 2), y: currentCoordinates.y };
};

import type { KeyboardCoordinateGetter } from '@dnd-kit/core';

/**
 * The keyboard way to move a card: while it is picked up (Space), the left and right arrows
 * jump it to the centre of the previous or next column, so one key press is one level.
 */
export const columnJump: KeyboardCoordinateGetter = (event, { currentCoordinates, context }) => {
  if (event.code !== 'ArrowRight' && event.code !== 'ArrowLeft') return undefined;
  event.preventDefault();
  const rects = [...context.droppableRects.values()].sort((a, b) => a.left - b.left);
  if (rects.length === 0) return undefined;
  const here = rects.findIndex((r) => currentCoordinates.x >= r.left && currentCoordinates.x < r.left + r.width);
  const index = event.code === 'ArrowRight' ? (here < 0 ? 0 : Math.min(here + 1, rects.length - 1)) : Math.max(here - 1, 0);
  const target = rects[index]!;
  return { x: target.left + target.width / 2, y: currentCoordinates.y };
};

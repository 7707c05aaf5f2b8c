import type { SxProps, Theme } from '@mui/material';
import type { GridSlotProps } from '@mui/x-data-grid';
import { useCallback, type Ref } from 'react';

/** Class of a row's selection box; its look is set once on the grid by rowCheckboxStyles. */
const ROW_CHECKBOX_CLASS = 'queue-row-checkbox';

/**
 * A row's selection box as the browser's own checkbox. The grid's default (MUI's Checkbox:
 * five styled components, a ripple and an icon per row) was a quarter of the rendering of
 * every new page of rows; the header keeps MUI's, for its "some selected" state.
 */
export const RowCheckbox = ({ checked, indeterminate, disabled, tabIndex, onChange, onClick, onMouseDown, onKeyDown, slotProps, className, ref }: GridSlotProps['rowCheckbox']) => {
  // The browser has no attribute for "some selected": it is the element's property.
  const setIndeterminate = useCallback(
    (input: HTMLInputElement | null) => {
      if (input) input.indeterminate = !!indeterminate;
    },
    [indeterminate],
  );
  const html = slotProps?.htmlInput;
  return (
    <span className={className} ref={ref as Ref<HTMLSpanElement>}>
      <input
        ref={setIndeterminate}
        type="checkbox"
        className={ROW_CHECKBOX_CLASS}
        checked={!!checked}
        disabled={disabled}
        tabIndex={tabIndex}
        onChange={onChange}
        onClick={onClick}
        onMouseDown={onMouseDown}
        onKeyDown={onKeyDown}
        aria-label={html?.['aria-label']}
        aria-disabled={html?.['aria-disabled']}
        name={html?.name}
      />
    </span>
  );
};

/** The boxes' look, given once to the grid's sx: MUI's size, the theme's colour and scheme. */
export const rowCheckboxStyles = {
  [`& .${ROW_CHECKBOX_CLASS}`]: {
    width: 18,
    height: 18,
    m: 0,
    cursor: 'pointer',
    accentColor: (theme: Theme) => theme.palette.primary.main,
    // The browser draws the box in the page's light or dark scheme.
    colorScheme: (theme: Theme) => theme.palette.mode,
  },
  [`& .${ROW_CHECKBOX_CLASS}:focus-visible`]: { outline: 2, outlineColor: 'primary.main', outlineOffset: 2 },
} satisfies SxProps<Theme>;

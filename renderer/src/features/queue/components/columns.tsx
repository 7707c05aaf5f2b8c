import ArrowBackOutlined from '@mui/icons-material/ArrowBackOutlined';
import ArrowForwardOutlined from '@mui/icons-material/ArrowForwardOutlined';
import { ListItemIcon, ListItemText, MenuItem } from '@mui/material';
import {
  GridColumnMenu,
  type GridColDef,
  type GridColumnMenuItemProps,
  type GridColumnMenuProps,
  type GridColumnVisibilityModel,
} from '@mui/x-data-grid';
import { createContext, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridPrefs, QueueRow } from '../../../../../shared/api/queue';

/**
 * Column order, widths and visibility as the user left them. The community grid cannot drag
 * columns (a Pro feature), so the column menu moves a column left or right instead.
 */
export const applyPrefs = (columns: GridColDef<QueueRow>[], prefs: GridPrefs | undefined): GridColDef<QueueRow>[] => {
  if (!prefs) return columns;
  const position = new Map(prefs.columns.map((c, i) => [c.field, i]));
  const width = new Map(prefs.columns.filter((c) => c.width).map((c) => [c.field, c.width!]));
  return [...columns]
    .sort((a, b) => (position.get(a.field) ?? 999) - (position.get(b.field) ?? 999))
    .map((c) => (width.has(c.field) ? { ...c, width: width.get(c.field)!, flex: undefined } : c));
};

export const visibilityOf = (prefs: GridPrefs | undefined): GridColumnVisibilityModel =>
  Object.fromEntries((prefs?.columns ?? []).filter((c) => c.hidden).map((c) => [c.field, false]));

/** The prefs of the columns as shown now. */
export const prefsOf = (columns: GridColDef<QueueRow>[], visibility: GridColumnVisibilityModel, density: GridPrefs['density']): GridPrefs => ({
  columns: columns.map((c) => ({
    field: c.field,
    ...(c.width && !c.flex ? { width: Math.round(c.width) } : {}),
    ...(visibility[c.field] === false ? { hidden: true } : {}),
  })),
  density,
});

export const moveColumn = (columns: GridColDef<QueueRow>[], field: string, by: -1 | 1): GridColDef<QueueRow>[] => {
  const from = columns.findIndex((c) => c.field === field);
  const to = from + by;
  if (from < 0 || to < 0 || to >= columns.length) return columns;
  const next = [...columns];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
};

export const ColumnMoveContext = createContext<(field: string, by: -1 | 1) => void>(() => undefined);

const MOVES = [
  { by: -1, label: 'columns.moveLeft', Icon: ArrowBackOutlined },
  { by: 1, label: 'columns.moveRight', Icon: ArrowForwardOutlined },
] as const;

const MoveItems = ({ colDef, onClick }: GridColumnMenuItemProps) => {
  const { t } = useTranslation('queue');
  const move = useContext(ColumnMoveContext);
  return (
    <>
      {MOVES.map(({ by, label, Icon }) => (
        <MenuItem
          key={by}
          onClick={(e) => {
            move(colDef.field, by);
            onClick(e);
          }}
        >
          <ListItemIcon>
            <Icon fontSize="small" />
          </ListItemIcon>
          <ListItemText>{t(label)}</ListItemText>
        </MenuItem>
      ))}
    </>
  );
};

export const QueueColumnMenu = (props: GridColumnMenuProps) => (
  <GridColumnMenu {...props} slots={{ columnMenuUserItem: MoveItems }} slotProps={{ columnMenuUserItem: { displayOrder: 15 } }} />
);

import { Paper, Skeleton, Table, TableBody, TableCell, TableContainer, TableHead, TableRow } from '@mui/material';
import type { ReactNode } from 'react';

/**
 * The admin lists' table: headings, a skeleton while the first result is on its way, the
 * empty text when there is nothing, then the rows; `footer` sits under it (pagination).
 */
export const AdminTable = ({
  label,
  headings,
  loading,
  empty,
  children,
  footer,
}: {
  label: string;
  headings: readonly string[];
  loading: boolean;
  /** Shown when the loaded list has no rows; null while loading or when there are rows. */
  empty: string | null;
  children: ReactNode;
  footer?: ReactNode;
}) => (
  <TableContainer component={Paper}>
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          {headings.map((h) => (
            <TableCell key={h} sx={{ whiteSpace: 'nowrap' }}>
              {h}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {loading && (
          <TableRow>
            <TableCell colSpan={headings.length}>
              <Skeleton />
            </TableCell>
          </TableRow>
        )}
        {empty !== null && (
          <TableRow>
            <TableCell colSpan={headings.length}>{empty}</TableCell>
          </TableRow>
        )}
        {children}
      </TableBody>
    </Table>
    {footer}
  </TableContainer>
);

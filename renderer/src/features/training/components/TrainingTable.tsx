import CheckOutlined from '@mui/icons-material/CheckOutlined';
import CloseOutlined from '@mui/icons-material/CloseOutlined';
import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import EditOutlined from '@mui/icons-material/EditOutlined';
import { Chip, IconButton, Stack, Table, TableBody, TableCell, TableHead, TableRow, Tooltip, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { TrainingRow } from '../../../../../shared/api/training';
import { useFormat } from '../../../i18n/format';
import { usePersonName } from '../../assessments/components/names';

const STATUS_COLOR = { submitted: 'warning', confirmed: 'success', rejected: 'default' } as const;

export interface TrainingTableProps {
  rows: TrainingRow[];
  /** Show the person column (lists of several people). */
  showPerson?: boolean;
  /** Extra column before the actions (e.g. days until a certification lapses). */
  extra?: { heading: string; cell: (row: TrainingRow) => React.ReactNode };
  onEdit?: (row: TrainingRow) => void;
  onDecide: (row: TrainingRow, decision: 'confirm' | 'reject') => void;
  onRemove: (row: TrainingRow) => void;
  testId: string;
}

/** Training records as a table; each action appears only where the rules allow it. */
export const TrainingTable = ({ rows, showPerson = false, extra, onEdit, onDecide, onRemove, testId }: TrainingTableProps) => {
  const { t } = useTranslation('training');
  const format = useFormat();
  const name = usePersonName();
  const day = (d: string) => format.date(`${d}T00:00:00`);
  return (
    <Table size="small" data-testid={testId} sx={{ '& th': { whiteSpace: 'nowrap' } }}>
      <TableHead>
        <TableRow>
          {showPerson && <TableCell>{t('column.person')}</TableCell>}
          <TableCell>{t('column.title')}</TableCell>
          <TableCell>{t('column.kind')}</TableCell>
          <TableCell>{t('column.dates')}</TableCell>
          <TableCell align="right">{t('column.hours')}</TableCell>
          <TableCell>{t('column.result')}</TableCell>
          <TableCell>{t('column.expiresOn')}</TableCell>
          <TableCell>{t('column.status')}</TableCell>
          {extra && <TableCell>{extra.heading}</TableCell>}
          <TableCell align="right">{t('column.actions')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.id} data-testid="training-row" hover>
            {showPerson && <TableCell sx={{ whiteSpace: 'nowrap' }}>{name(r.person)}</TableCell>}
            <TableCell>
              <Typography variant="body2" sx={{ fontWeight: 500, wordBreak: 'break-word' }}>
                {r.title}
              </Typography>
              <Typography variant="caption" color="text.secondary">
                {[r.provider, r.enteredBy.id !== r.person.id ? t('enteredBy', { name: name(r.enteredBy) }) : ''].filter(Boolean).join(' · ')}
              </Typography>
            </TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{t(`kind.${r.trainingKind}`)}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{r.startsOn === r.endsOn ? day(r.endsOn) : `${day(r.startsOn)} – ${day(r.endsOn)}`}</TableCell>
            <TableCell align="right">{format.decimal(r.hours, 1)}</TableCell>
            <TableCell>{r.result}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{r.expiresOn ? day(r.expiresOn) : '—'}</TableCell>
            <TableCell>
              <Stack spacing={0.5} sx={{ alignItems: 'flex-start' }}>
                <Chip size="small" color={STATUS_COLOR[r.status]} label={t(`status.${r.status}`)} data-testid="training-status" />
                {r.decidedBy && (
                  <Typography variant="caption" color="text.secondary">
                    {t('decidedBy', { name: name(r.decidedBy) })}
                  </Typography>
                )}
              </Stack>
            </TableCell>
            {extra && <TableCell>{extra.cell(r)}</TableCell>}
            <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
              {r.can.decide && (
                <>
                  <Tooltip title={t('confirm')}>
                    <IconButton aria-label={t('confirm')} color="success" onClick={() => onDecide(r, 'confirm')} data-testid="training-confirm">
                      <CheckOutlined />
                    </IconButton>
                  </Tooltip>
                  <Tooltip title={t('reject')}>
                    <IconButton aria-label={t('reject')} onClick={() => onDecide(r, 'reject')} data-testid="training-reject">
                      <CloseOutlined />
                    </IconButton>
                  </Tooltip>
                </>
              )}
              {r.can.edit && onEdit && (
                <Tooltip title={t('edit')}>
                  <IconButton aria-label={t('edit')} onClick={() => onEdit(r)} data-testid="training-edit">
                    <EditOutlined />
                  </IconButton>
                </Tooltip>
              )}
              {r.can.remove && (
                <Tooltip title={t('remove')}>
                  <IconButton aria-label={t('remove')} onClick={() => onRemove(r)} data-testid="training-remove">
                    <DeleteOutlined />
                  </IconButton>
                </Tooltip>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

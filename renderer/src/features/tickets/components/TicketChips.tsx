import { Chip, Tooltip } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { TicketSummary } from '../../../../../shared/api/tickets';

const severityColor = { critical: 'error', major: 'warning', minor: 'default' } as const;

export const SeverityChip = ({ severity }: { severity: TicketSummary['severity'] }) => {
  const { t } = useTranslation('tickets');
  return <Chip size="small" color={severityColor[severity]} label={t(`severity.${severity}`)} />;
};

/** The ticket's number; a provisional one says so on hover. */
export const TicketNumber = ({ ticket }: { ticket: Pick<TicketSummary, 'number' | 'provisional'> }) => {
  const { t } = useTranslation('tickets');
  return ticket.provisional ? (
    <Tooltip title={t('provisionalHint')}>
      <span>{ticket.number}</span>
    </Tooltip>
  ) : (
    <span>{ticket.number}</span>
  );
};

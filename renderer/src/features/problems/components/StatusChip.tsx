import { Chip, type ChipProps } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ProblemStatus } from '../../../../../shared/schema/enums';

const COLOR: Record<ProblemStatus, ChipProps['color']> = { open: 'warning', analysing: 'info', action_planned: 'primary', verifying: 'secondary', closed: 'success' };

export const StatusChip = ({ status }: { status: ProblemStatus }) => {
  const { t } = useTranslation('problems');
  return <Chip size="small" variant="outlined" color={COLOR[status]} label={t(`status.${status}`)} data-testid="problem-status" />;
};

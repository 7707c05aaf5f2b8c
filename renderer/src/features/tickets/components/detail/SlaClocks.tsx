import PauseCircleOutline from '@mui/icons-material/PauseCircleOutlined';
import { Chip, Stack, Tooltip } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { SlaClockView, TicketWorkDetail } from '../../../../../../shared/api/ticketWork';
import { useNow } from '../../../../data/serverTime';
import { useFormat } from '../../../../i18n/format';

/** Days (beyond two), then hours, minutes and seconds. */
const useDuration = () => {
  const { t } = useTranslation('ticketDetail');
  return (ms: number): string => {
    const total = Math.floor(Math.abs(ms) / 1000);
    const days = Math.floor(total / 86_400);
    const rest = days >= 2 ? total % 86_400 : total;
    const h = Math.floor(rest / 3600);
    const m = Math.floor((rest % 3600) / 60);
    const s = rest % 60;
    const time = `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
    return days >= 2 ? t('sla.days', { count: days, time }) : time;
  };
};

const color = { ok: 'success', warning: 'warning', breached: 'error', none: 'default' } as const;

const Clock = ({ name, clock, now, computedAt }: { name: 'firstResponse' | 'restore' | 'fix'; clock: SlaClockView; now: number; computedAt: string }) => {
  const { t } = useTranslation('ticketDetail');
  const format = useFormat();
  const duration = useDuration();
  const label = t(`sla.${name}`);
  let text: string;
  let chipColor: 'success' | 'warning' | 'error' | 'default' = color[clock.state];
  if (clock.targetMinutes === null) {
    text = t('sla.noTarget');
    chipColor = 'default';
  } else if (clock.stoppedAt !== null) {
    text = clock.met ? t('sla.met') : t('sla.missed');
  } else if (clock.paused) {
    // Frozen while pending: what was left when the core last computed it (as if resumed then).
    text = `${t('sla.paused')} · ${t('sla.left', { time: duration(Date.parse(clock.dueAt ?? '') - Date.parse(computedAt)) })}`;
    chipColor = 'default';
  } else {
    const left = Date.parse(clock.dueAt ?? '') - now;
    text = left >= 0 ? t('sla.left', { time: duration(left) }) : t('sla.over', { time: duration(left) });
    if (left < 0) chipColor = 'error';
  }
  const chip = (
    <Chip
      size="small"
      variant={clock.stoppedAt !== null ? 'outlined' : 'filled'}
      color={chipColor}
      icon={clock.paused && clock.stoppedAt === null ? <PauseCircleOutline /> : undefined}
      label={t('sla.clock', { name: label, value: text })}
      data-testid={`sla-${name}`}
      data-paused={clock.paused && clock.stoppedAt === null ? 'true' : 'false'}
      tabIndex={0}
    />
  );
  return clock.dueAt && clock.stoppedAt === null ? <Tooltip title={t('sla.due', { time: format.dateTime(clock.dueAt) })}>{chip}</Tooltip> : chip;
};

/** First response, restore and fix clocks, ticking, with their pause state. */
export const SlaClocks = ({ sla }: { sla: TicketWorkDetail['sla'] }) => {
  const { t } = useTranslation('ticketDetail');
  const now = useNow();
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }} aria-label={t('sla.heading')} data-testid="sla-clocks">
      <Clock name="firstResponse" clock={sla.firstResponse} now={now} computedAt={sla.computedAt} />
      <Clock name="restore" clock={sla.restore} now={now} computedAt={sla.computedAt} />
      <Clock name="fix" clock={sla.fix} now={now} computedAt={sla.computedAt} />
      {sla.paused && (
        <Tooltip title={t('sla.pausedHint')}>
          <Chip size="small" variant="outlined" icon={<PauseCircleOutline />} label={t('sla.paused')} data-testid="sla-paused" tabIndex={0} />
        </Tooltip>
      )}
    </Stack>
  );
};

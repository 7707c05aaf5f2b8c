import PauseCircleOutline from '@mui/icons-material/PauseCircleOutlined';
import { Chip, Stack, Tooltip } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlaClockView, TicketWorkDetail } from '../../../../../../shared/api/ticketWork';
import { useFormat } from '../../../../i18n/format';

/** The current time, again every `ms`: clocks tick on screen between the core's updates. */
export const useNow = (ms = 1000): number => {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
};

/** Hours, minutes and seconds: digits read the same in both languages. */
export const duration = (ms: number): string => {
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
};

const color = { ok: 'success', warning: 'warning', breached: 'error', none: 'default' } as const;

const Clock = ({ name, clock, now }: { name: 'firstResponse' | 'restore' | 'fix'; clock: SlaClockView; now: number }) => {
  const { t } = useTranslation('ticketDetail');
  const format = useFormat();
  const label = t(`sla.${name}`);
  let text: string;
  let chipColor: 'success' | 'warning' | 'error' | 'default' = color[clock.state];
  if (clock.targetMinutes === null) {
    text = t('sla.noTarget');
    chipColor = 'default';
  } else if (clock.stoppedAt !== null) {
    text = clock.met ? t('sla.met') : t('sla.missed');
  } else if (clock.paused) {
    // Frozen while pending: what was left when the core last computed it.
    text = `${t('sla.paused')} · ${t('sla.left', { time: duration((clock.targetMinutes - clock.elapsedMinutes) * 60_000) })}`;
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
      label={`${label}: ${text}`}
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
      <Clock name="firstResponse" clock={sla.firstResponse} now={now} />
      <Clock name="restore" clock={sla.restore} now={now} />
      <Clock name="fix" clock={sla.fix} now={now} />
      {sla.paused && (
        <Tooltip title={t('sla.pausedHint')}>
          <Chip size="small" variant="outlined" icon={<PauseCircleOutline />} label={t('sla.paused')} data-testid="sla-paused" tabIndex={0} />
        </Tooltip>
      )}
    </Stack>
  );
};

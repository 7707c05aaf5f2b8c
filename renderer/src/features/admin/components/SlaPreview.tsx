import { MenuItem, Stack, Table, TableBody, TableCell, TableRow, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dayNumberOf, localDate, localToUtc } from '../../../../../shared/domain/calendar';
import { evaluateClock } from '../../../../../shared/domain/sla';
import { SEVERITIES, TIERS, type Severity, type Tier } from '../../../../../shared/schema/enums';
import type { BusinessCalendar, SlaTarget } from '../../../../../shared/schema';

const CLOCKS = [
  ['firstResponse', 'firstResponseMinutes', 'firstResponseClock'],
  ['restore', 'restoreMinutes', 'restoreClock'],
  ['fix', 'fixMinutes', 'fixClock'],
] as const;

const DEFAULT_SAMPLE = '2026-10-09T17:30';

/** A wall time 'YYYY-MM-DDTHH:mm' in `zone` as an instant (the sample ticket's creation). */
function instantIn(wall: string, zone: string): number | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(wall);
  if (!m || Number.isNaN(Date.parse(`${m[1]}T00:00:00.000Z`))) return null;
  return localToUtc(zone, dayNumberOf(m[1]!), Number(m[2]) * 60 + Number(m[3]));
}

/**
 * Due times the edited (unsaved) targets give a sample ticket, computed by the same SLA
 * functions the tickets use, under the chosen region's calendar; recomputed as the form changes.
 */
export const SlaPreview = ({ targets, calendars }: { targets: readonly SlaTarget[]; calendars: readonly BusinessCalendar[] }) => {
  const { t, i18n } = useTranslation('admin');
  const [severity, setSeverity] = useState<Severity>('major');
  const [tier, setTier] = useState<Tier>('general');
  const [created, setCreated] = useState(DEFAULT_SAMPLE);
  const [region, setRegion] = useState('');
  const calendar = calendars.find((c) => c.region === region) ?? calendars[0] ?? null;
  const zone = calendar?.timeZone ?? 'Asia/Shanghai';
  const start = instantIn(created, zone);
  const target = targets.find((x) => x.severity === severity && x.tier === tier) ?? null;
  const show = (ms: number) =>
    `${localDate(ms, zone)} ${new Date(ms).toLocaleTimeString(i18n.language, { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })}`;
  return (
    <Stack spacing={1.5} data-testid="sla-preview">
      <Typography variant="h6" component="h2">
        {t('sla.preview')}
      </Typography>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <TextField select size="small" label={t('sla.severity')} value={severity} onChange={(e) => setSeverity(e.target.value as Severity)} slotProps={{ htmlInput: { 'data-testid': 'preview-severity' } }}>
          {SEVERITIES.map((s) => (
            <MenuItem key={s} value={s}>
              {t(`sla.severities.${s}`)}
            </MenuItem>
          ))}
        </TextField>
        <TextField select size="small" label={t('sla.tier')} value={tier} onChange={(e) => setTier(e.target.value as Tier)} slotProps={{ htmlInput: { 'data-testid': 'preview-tier' } }}>
          {TIERS.map((x) => (
            <MenuItem key={x} value={x}>
              {t(`sla.tiers.${x}`)}
            </MenuItem>
          ))}
        </TextField>
        <TextField size="small" type="datetime-local" label={t('sla.createdAt')} value={created} onChange={(e) => setCreated(e.target.value)} slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'preview-created' } }} />
        {calendars.length > 0 && (
          <TextField select size="small" label={t('sla.calendar')} value={calendar?.region ?? ''} onChange={(e) => setRegion(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'preview-region' } }}>
            {calendars.map((c) => (
              <MenuItem key={c.region} value={c.region}>
                {c.region}
              </MenuItem>
            ))}
          </TextField>
        )}
      </Stack>
      <Table size="small">
        <TableBody>
          {CLOCKS.map(([clock, minutesKey, modeKey]) => {
            const minutes = target?.[minutesKey] ?? null;
            let text = t('sla.noTarget');
            if (start === null) text = t('sla.noSample');
            else if (target && minutes !== null) {
              const due = evaluateClock({ clock, mode: target[modeKey], targetMinutes: minutes, start, stop: null, now: start, calendar, pauses: [] }).dueAt;
              text = due === null ? t('sla.unreachable') : show(due);
            }
            return (
              <TableRow key={clock}>
                <TableCell component="th">{t(`sla.clock.${clock}`)}</TableCell>
                <TableCell data-testid={`preview-due-${clock}`}>{text}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <Typography variant="caption" color="text.secondary">
        {t('sla.previewNote', { zone })}
      </Typography>
    </Stack>
  );
};

import { Alert, Checkbox, FormControlLabel, FormGroup, FormLabel, Stack, TextField, ToggleButton, ToggleButtonGroup } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { RoundWorkWindow, WorkWindow } from '../../../../../shared/schema/records/maintenance';

/** ISO weekday numbers (1 = Monday) and their i18n keys. */
export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** Monday to Friday, office hours: what a window starts as when it is switched on. */
export const DEFAULT_WORK_WINDOW: WorkWindow = { weekdays: [1, 2, 3, 4, 5], from: '09:00', to: '17:00' };

/**
 * The customer's maintenance window of a plan: the weekdays work is allowed and the hours (in
 * the site's zone). Off = any day, any time. The plan's rules (a day allowed, end after start)
 * are checked on saving.
 */
export const WorkWindowFields = ({ value, onChange }: { value: WorkWindow | null; onChange: (w: WorkWindow | null) => void }) => {
  const { t } = useTranslation('maintenance');
  return (
    <FormGroup data-testid="plan-work-window">
      <FormLabel>{t('plan.workWindow')}</FormLabel>
      <FormControlLabel
        control={<Checkbox checked={value !== null} onChange={(e) => onChange(e.target.checked ? DEFAULT_WORK_WINDOW : null)} slotProps={{ input: { 'aria-label': t('plan.workWindowOn') } }} />}
        label={t('plan.workWindowOn')}
      />
      {value && (
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <ToggleButtonGroup size="small" value={value.weekdays} onChange={(_, days: number[]) => onChange({ ...value, weekdays: [...days].sort((a, b) => a - b) })} aria-label={t('plan.workWindow')}>
            {WEEKDAY_KEYS.map((key, i) => (
              <ToggleButton key={key} value={i + 1} data-testid={`plan-weekday-${i + 1}`}>
                {t(`weekday.${key}`)}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
          <TextField size="small" type="time" label={t('plan.windowFrom')} value={value.from} onChange={(e) => onChange({ ...value, from: e.target.value })} slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'plan-window-from' } }} />
          <TextField size="small" type="time" label={t('plan.windowTo')} value={value.to} onChange={(e) => onChange({ ...value, to: e.target.value })} slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'plan-window-to' } }} />
        </Stack>
      )}
    </FormGroup>
  );
};

/** On a round: when the customer lets the technician work (days, hours and the zone of the hours). */
export const WorkWindowNote = ({ window }: { window: RoundWorkWindow | null }) => {
  const { t } = useTranslation('maintenance');
  if (!window) return null;
  const days = window.weekdays.map((d) => t(`weekday.${WEEKDAY_KEYS[d - 1] ?? 'mon'}`)).join(' ');
  return (
    <Alert severity="info" data-testid="round-work-window">
      {t('round.workWindow', { days, from: window.from, to: window.to, zone: window.timeZone })}
    </Alert>
  );
};

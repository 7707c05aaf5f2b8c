import { Box, Button, Chip, FormHelperText, Stack, TextField, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReadingView } from '../../../../../shared/api/maintenance';
import { faultReason, MaintenanceRuleError, parseReading, rangeText, type MaintenanceIssue } from '../../../../../shared/domain/maintenance';
import type { CheckItem } from '../../../../../shared/schema/records/maintenance';

export type Lang = 'en' | 'zh-CN';

export interface ReadingFieldProps {
  item: CheckItem;
  reading: ReadingView | undefined;
  lang: Lang;
  disabled: boolean;
  /** Saves the reading; resolves to an error text, or null when saved. */
  onSave: (value: string | boolean | null, photos: string[]) => Promise<string | null>;
  /** Stores a photo, resolving to its hash (null when refused). */
  onPhoto: (file: File) => Promise<string | null>;
}

/** What a typed value would be: its fault, or a refusal code, before anything is saved. */
const judge = (item: CheckItem, raw: string | boolean | null, photos: number): { fault: boolean; problem: MaintenanceIssue | null } => {
  try {
    const value = parseReading({ ...item, photoRequired: false }, raw, photos);
    return { fault: faultReason(item, value) !== null, problem: null };
  } catch (e) {
    if (e instanceof MaintenanceRuleError) return { fault: false, problem: e.code };
    throw e;
  }
};

/**
 * One checklist item: the input for its type, the out-of-range verdict shown as soon as a
 * value is typed (the domain's own rule), photos, and the reading that counts now.
 */
export const ReadingField = ({ item, reading, lang, disabled, onSave, onPhoto }: ReadingFieldProps) => {
  const { t } = useTranslation('maintenance');
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const range = rangeText(item);
  const typed = item.type === 'number' && text.trim() !== '' ? judge(item, text, 0) : null;

  const save = async (value: string | boolean | null) => {
    const problem = await onSave(value, photos);
    setError(problem);
    if (problem === null) {
      setText('');
      setPhotos([]);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(item.type === 'photo' ? null : text);
  };
  const addPhoto = async (file: File | undefined) => {
    if (!file) return;
    const sha = await onPhoto(file);
    if (sha) setPhotos((p) => [...p, sha]);
  };
  const shown = (v: ReadingView['value']) => {
    if (item.type === 'yesno') return v ? t('round.yes') : t('round.no');
    if (item.type === 'choice') return item.options.find((o) => o.value === v)?.label[lang] ?? String(v);
    if (item.type === 'number') return `${String(v)}${item.unit ? ` ${item.unit}` : ''}`;
    if (item.type === 'photo') return t('round.photos', { count: reading?.photos.length ?? 0 });
    return String(v ?? '');
  };
  const id = `item-${item.key}`;

  return (
    <Box component="form" onSubmit={submit} noValidate data-testid={id} sx={{ py: 1.5, borderBottom: 1, borderColor: 'divider' }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="subtitle1" component="h4" id={`${id}-label`}>
          {item.label[lang]}
        </Typography>
        {item.type === 'yesno' && item.safety && <Chip size="small" color="warning" variant="outlined" label={t('template.safety')} />}
        {range && (
          <Typography variant="body2" color="text.secondary">
            {t('round.range', { range })}
          </Typography>
        )}
        {reading && <Chip size="small" color={reading.outOfRange ? 'error' : 'success'} label={`${shown(reading.value)} · ${reading.outOfRange ? t('round.fault') : t('round.normal')}`} data-testid={`${id}-current`} />}
      </Stack>
      {!disabled && (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start', mt: 1, flexWrap: 'wrap' }}>
          {item.type === 'yesno' && (
            <ToggleButtonGroup exclusive size="small" aria-labelledby={`${id}-label`} onChange={(_e, v: boolean | null) => v !== null && void save(v)}>
              <ToggleButton value data-testid={`${id}-yes`}>
                {t('round.yes')}
              </ToggleButton>
              <ToggleButton value={false} data-testid={`${id}-no`}>
                {t('round.no')}
              </ToggleButton>
            </ToggleButtonGroup>
          )}
          {item.type === 'choice' && (
            <ToggleButtonGroup exclusive size="small" aria-labelledby={`${id}-label`} onChange={(_e, v: string | null) => v !== null && void save(v)}>
              {item.options.map((o) => (
                <ToggleButton key={o.value} value={o.value} data-testid={`${id}-${o.value}`}>
                  {o.label[lang]}
                </ToggleButton>
              ))}
            </ToggleButtonGroup>
          )}
          {(item.type === 'number' || item.type === 'text') && (
            <>
              <TextField
                size="small"
                value={text}
                onChange={(e) => setText(e.target.value)}
                label={item.type === 'number' && item.unit ? `${item.label[lang]} (${item.unit})` : item.label[lang]}
                error={typed?.fault === true || typed?.problem != null || error !== null}
                helperText={typed?.problem ? t(`errors.${typed.problem}`) : typed?.fault ? t('round.outOfRange', { range }) : undefined}
                slotProps={{ htmlInput: { 'data-testid': `${id}-input`, inputMode: item.type === 'number' ? 'decimal' : 'text', autoComplete: 'off' } }}
              />
              <Button type="submit" variant="contained" data-testid={`${id}-save`}>
                {t('round.save')}
              </Button>
            </>
          )}
          {item.type === 'photo' && (
            <Button type="submit" variant="contained" disabled={photos.length === 0} data-testid={`${id}-save`}>
              {t('round.save')}
            </Button>
          )}
          <Button component="label" variant="outlined" data-testid={`${id}-photo`}>
            {t('round.addPhoto')}
            {photos.length > 0 ? ` (${photos.length})` : ''}
            <input hidden type="file" accept="image/jpeg,image/png" capture="environment" onChange={(e) => void addPhoto(e.target.files?.[0])} />
          </Button>
        </Stack>
      )}
      {error && (
        <FormHelperText error data-testid={`${id}-error`}>
          {error}
        </FormHelperText>
      )}
    </Box>
  );
};

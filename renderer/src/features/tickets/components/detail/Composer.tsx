import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Paper, Stack, TextField, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { replyInput } from '../../../../../../shared/api/ticketWork';
import { useCommand } from '../../../../data/useCommand';
import { useErrorText, useFieldMessage } from './useActionForm';

export type ComposerMode = 'reply' | 'note';
export interface ComposerHandle {
  focus(mode?: ComposerMode): void;
}

interface Draft {
  mode: ComposerMode;
  text: string;
}

const draftKey = (ticketId: string) => `cims.ticketDraft.${ticketId}`;
const loadDraft = (ticketId: string): Draft => {
  try {
    const raw = JSON.parse(localStorage.getItem(draftKey(ticketId)) ?? 'null') as Draft | null;
    if (raw && (raw.mode === 'reply' || raw.mode === 'note') && typeof raw.text === 'string') return raw;
  } catch {
    // A damaged draft is dropped, not shown.
  }
  return { mode: 'note', text: '' };
};

/**
 * Public reply or internal note, never confused: each has its own colour, label and send
 * button, and switching with text typed asks first. The draft is kept as the user types.
 */
export const Composer = forwardRef<ComposerHandle, { ticketId: string }>(({ ticketId }, ref) => {
  const { t } = useTranslation('ticketDetail');
  const fieldMessage = useFieldMessage();
  const errorText = useErrorText();
  const [draft, setDraft] = useState<Draft>(() => loadDraft(ticketId));
  const [asking, setAsking] = useState<ComposerMode | null>(null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const reply = useCommand('ticketWork.reply', { errors: 'inline', success: () => t('composer.sentReply') });
  const note = useCommand('ticketWork.note', { errors: 'inline', success: () => t('composer.sentNote') });
  const command = draft.mode === 'reply' ? reply : note;

  useEffect(() => {
    if (draft.text) localStorage.setItem(draftKey(ticketId), JSON.stringify(draft));
    else localStorage.removeItem(draftKey(ticketId));
  }, [draft, ticketId]);

  const switchTo = (mode: ComposerMode) => {
    if (mode === draft.mode) return;
    if (draft.text.trim()) setAsking(mode);
    else setDraft({ mode, text: draft.text });
  };
  useImperativeHandle(ref, () => ({
    focus(mode) {
      if (mode) switchTo(mode);
      input.current?.focus();
    },
  }));

  const send = async () => {
    const parsed = replyInput.safeParse({ ticketId, body: draft.text });
    if (!parsed.success) {
      setInvalid(parsed.error.issues[0]?.message ?? 'validation.invalid');
      return;
    }
    setInvalid(null);
    const result = await command.run(parsed.data);
    if (result.ok) setDraft({ mode: draft.mode, text: '' });
  };

  const isReply = draft.mode === 'reply';
  const accent = isReply ? 'primary' : 'warning';
  return (
    <Paper
      component="section"
      aria-labelledby="composer-heading"
      variant="outlined"
      sx={{ p: 2, borderWidth: 2, borderColor: `${accent}.main`, bgcolor: isReply ? 'background.paper' : 'action.hover' }}
      data-testid="composer"
      data-mode={draft.mode}
    >
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }}>
        <Typography id="composer-heading" variant="subtitle1" component="h2">
          {t('composer.heading')}
        </Typography>
        <ToggleButtonGroup exclusive size="small" value={draft.mode} onChange={(_, m: ComposerMode | null) => m && switchTo(m)} aria-label={t('composer.heading')}>
          <ToggleButton value="note" data-testid="composer-mode-note" color="warning">
            {t('composer.note')}
          </ToggleButton>
          <ToggleButton value="reply" data-testid="composer-mode-reply" color="primary">
            {t('composer.reply')}
          </ToggleButton>
        </ToggleButtonGroup>
        <Typography variant="body2" sx={{ color: `${accent}.main`, fontWeight: 600 }} data-testid="composer-hint">
          {isReply ? t('composer.replyHint') : t('composer.noteHint')}
        </Typography>
      </Stack>
      <TextField
        inputRef={input}
        multiline
        minRows={3}
        fullWidth
        label={isReply ? t('composer.reply') : t('composer.note')}
        placeholder={isReply ? t('composer.replyPlaceholder') : t('composer.notePlaceholder')}
        value={draft.text}
        color={accent}
        focused={draft.text ? true : undefined}
        onChange={(e) => setDraft({ mode: draft.mode, text: e.target.value })}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void send();
          }
        }}
        error={!!invalid}
        helperText={invalid ? fieldMessage(invalid) : draft.text ? t('composer.draftSaved') : ' '}
        slotProps={{ htmlInput: { 'data-testid': 'composer-text', maxLength: 20_000 } }}
      />
      {command.error && (
        <Alert severity="error" sx={{ mt: 1 }} data-testid="composer-error">
          {errorText(command.error)}
        </Alert>
      )}
      <Box sx={{ display: 'flex', justifyContent: 'flex-end', mt: 1 }}>
        <Button variant="contained" color={accent} onClick={() => void send()} disabled={command.pending} data-testid="composer-send">
          {isReply ? t('composer.sendReply') : t('composer.sendNote')}
        </Button>
      </Box>
      <Dialog open={asking !== null} onClose={() => setAsking(null)} aria-labelledby="composer-switch-title">
        <DialogTitle id="composer-switch-title">{asking && t('composer.switchTitle', { mode: t(`composer.${asking}`) })}</DialogTitle>
        <DialogContent>
          <DialogContentText>{asking && t('composer.switchBody', { mode: t(`composer.${asking}`) })}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setAsking(null)}>{t('dialog.cancel')}</Button>
          <Button
            variant="contained"
            data-testid="composer-switch-confirm"
            onClick={() => {
              if (asking) setDraft({ mode: asking, text: draft.text });
              setAsking(null);
            }}
          >
            {t('composer.switchConfirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </Paper>
  );
});
Composer.displayName = 'Composer';

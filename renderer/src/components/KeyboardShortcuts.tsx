import { Box, Dialog, DialogActions, DialogContent, DialogTitle, Button, Table, TableBody, TableCell, TableRow } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** One shortcut of a screen: the key as `KeyboardEvent.key`, what it does (translated), the action. */
export interface Shortcut {
  key: string;
  label: string;
  run: () => void;
  /** Also while the focus is in a text field (e.g. Escape); single keys are text there otherwise. */
  inFields?: boolean;
}

const typingIn = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * A screen's keyboard shortcuts, and `?` for the dialog that lists them. Keys typed into a
 * text field stay text; keys with Ctrl, Alt or Meta belong to the browser and the system.
 */
export const KeyboardShortcuts = ({ shortcuts }: { shortcuts: Shortcut[] }) => {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  // The latest list without re-registering the listener on every render.
  const current = useRef(shortcuts);
  current.current = shortcuts;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented) return;
      const inField = typingIn(event.target);
      if (event.key === '?' && !inField) {
        event.preventDefault();
        setOpen(true);
        return;
      }
      const shortcut = current.current.find((s) => s.key === event.key);
      if (!shortcut || (inField && !shortcut.inFields)) return;
      event.preventDefault();
      shortcut.run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Rendered only while open: a screen renders this with every change of its own (a queue with
  // every page of rows), and a closed MUI dialog still renders its frame.
  if (!open) return null;
  return (
    <Dialog open onClose={() => setOpen(false)} aria-labelledby="shortcuts-title" data-testid="shortcuts-dialog">
      <DialogTitle id="shortcuts-title">{t('shortcuts.title')}</DialogTitle>
      <DialogContent>
        <Table size="small" aria-labelledby="shortcuts-title">
          <TableBody>
            {[...shortcuts, { key: '?', label: t('shortcuts.help') }].map((s) => (
              <TableRow key={s.key}>
                <TableCell sx={{ width: 72 }}>
                  <Box component="kbd" sx={{ px: 1, py: 0.25, border: 1, borderColor: 'divider', borderRadius: 1, fontFamily: 'monospace' }}>
                    {s.key === ' ' ? t('shortcuts.space') : s.key}
                  </Box>
                </TableCell>
                <TableCell>{s.label}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => setOpen(false)}>{t('common.close')}</Button>
      </DialogActions>
    </Dialog>
  );
};

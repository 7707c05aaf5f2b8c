import { Box, Button, FormHelperText, Stack, Typography } from '@mui/material';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import SignaturePad from 'signature_pad';

export interface SignatureValue {
  /** Points drawn; 0 = empty. */
  points: number;
  /** PNG data URL of the drawing ('' when empty). */
  png: string;
}

export interface SignatureFieldProps {
  onChange: (value: SignatureValue) => void;
  error?: string;
}

const EMPTY: SignatureValue = { points: 0, png: '' };

/** The customer signs with finger, pen or mouse (signature_pad); the drawing goes out as a PNG. */
export const SignatureField = ({ onChange, error }: SignatureFieldProps) => {
  const { t } = useTranslation('fieldwork');
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePad | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;

  useEffect(() => {
    const element = canvas.current;
    // No 2D context (a test page without canvas support): the field stays empty.
    if (!element || !element.getContext('2d')) return;
    // Sharp lines on high-density screens: the drawing surface follows the device pixels.
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    element.width = element.offsetWidth * ratio;
    element.height = element.offsetHeight * ratio;
    element.getContext('2d')?.scale(ratio, ratio);
    const p = new SignaturePad(element, { backgroundColor: 'rgb(255,255,255)', penColor: 'rgb(16,32,96)' });
    pad.current = p;
    const report = () => {
      const points = p.toData().reduce((n, stroke) => n + stroke.points.length, 0);
      changed.current(points > 0 ? { points, png: p.toDataURL('image/png') } : EMPTY);
    };
    p.addEventListener('endStroke', report);
    return () => {
      p.removeEventListener('endStroke', report);
      p.off();
      pad.current = null;
    };
  }, []);

  const clear = () => {
    pad.current?.clear();
    onChange(EMPTY);
  };

  return (
    <Box>
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography variant="body2" color="text.secondary" id="signature-label">
          {t('signOff.pad')}
        </Typography>
        <Button size="small" onClick={clear} data-testid="signature-clear">
          {t('signOff.clear')}
        </Button>
      </Stack>
      <Box
        component="canvas"
        ref={canvas}
        aria-labelledby="signature-label"
        data-testid="signature-pad"
        sx={{
          width: '100%',
          height: 180,
          display: 'block',
          border: 1,
          borderColor: error ? 'error.main' : 'divider',
          borderRadius: 1,
          bgcolor: '#fff',
          touchAction: 'none',
          cursor: 'crosshair',
        }}
      />
      {error && (
        <FormHelperText error data-testid="signature-error">
          {error}
        </FormHelperText>
      )}
    </Box>
  );
};

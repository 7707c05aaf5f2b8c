import type { Page } from 'playwright-core';

/** Width and height of a baseline or progressive JPEG, from its SOF marker. */
export const jpegSize = (bytes: Uint8Array): { width: number; height: number } => {
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) throw new Error(`not a JPEG marker at ${i}`);
    const marker = bytes[i + 1]!;
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    if (marker >= 0xc0 && marker <= 0xc3) return { height: (bytes[i + 5]! << 8) | bytes[i + 6]!, width: (bytes[i + 7]! << 8) | bytes[i + 8]! };
    i += 2 + length;
  }
  throw new Error('no SOF marker');
};

/** A photo-like image drawn in the page (gradients and noise, so it compresses like a photo). */
export const drawPhoto = async (page: Page, width: number, height: number, type: 'image/jpeg' | 'image/png'): Promise<Buffer> => {
  // A string: this file is type-checked without the DOM library.
  const b64 = await page.evaluate(`(() => {
    const w = ${width}, h = ${height};
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const c = canvas.getContext('2d');
    const g = c.createLinearGradient(0, 0, w, h);
    g.addColorStop(0, '#2a6f97');
    g.addColorStop(1, '#f4a261');
    c.fillStyle = g;
    c.fillRect(0, 0, w, h);
    for (let k = 0; k < 4000; k++) {
      c.fillStyle = 'hsl(' + ((k * 37) % 360) + ' 60% ' + (30 + (k % 40)) + '%)';
      c.fillRect((k * 7919) % w, (k * 104729) % h, 6 + (k % 30), 6 + (k % 20));
    }
    return canvas.toDataURL('${type}', 0.95).split(',')[1];
  })()`);
  return Buffer.from(String(b64), 'base64');
};

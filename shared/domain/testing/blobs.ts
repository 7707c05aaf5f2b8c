/**
 * Test files for attachments: bytes that really are what they say by their magic numbers
 * (the content check only reads those), with a seed so two files differ.
 */
const filled = (header: readonly number[], size: number, seed: number): Uint8Array<ArrayBuffer> => {
  const bytes = new Uint8Array(Math.max(size, header.length + 2));
  bytes.set(header);
  // xorshift: deterministic, incompressible-looking filler, different per seed.
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = header.length; i < bytes.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
};

/** A JPEG by its magic number (SOI + APP0 marker), `size` bytes long, ending with EOI. */
export const aJpeg = (size = 2048, seed = 1): Uint8Array<ArrayBuffer> => {
  const bytes = filled([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00], size, seed);
  bytes[bytes.length - 2] = 0xff;
  bytes[bytes.length - 1] = 0xd9;
  return bytes;
};

export const aPng = (size = 1024, seed = 2): Uint8Array<ArrayBuffer> => filled([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], size, seed);

export const aPdf = (size = 1024, seed = 3): Uint8Array<ArrayBuffer> => filled([...'%PDF-1.7\n'].map((c) => c.charCodeAt(0)), size, seed);

/** Not any accepted type: what a renamed executable or text file looks like. */
export const notAnImage = (size = 1024, seed = 4): Uint8Array<ArrayBuffer> => filled([...'MZ this is no photo'].map((c) => c.charCodeAt(0)), size, seed);

// UUID v7 from a timestamp and a source of random numbers in [0, 1). Clients pass a
// crypto-backed source; the demo generator and test builders pass a seeded one, so their
// output is reproducible.
export function uuidV7(ms: number, random: () => number): string {
  const hex = (n: number, width: number) => Math.floor(n).toString(16).padStart(width, '0').slice(-width);
  const time = hex(Math.max(0, ms), 12);
  const r = (bits: number) => Math.floor(random() * 2 ** bits);
  const variant = (0x8 | r(2)).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hex(r(12), 3)}-${variant}${hex(r(12), 3)}-${hex(r(24), 6)}${hex(r(24), 6)}`;
}

/** Small seeded PRNG (mulberry32): fast, 32-bit state, good enough for demo data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

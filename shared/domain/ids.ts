// UUID v7 from a timestamp and a source of random numbers in [0, 1). Clients pass a
// crypto-backed source; the demo generator and test builders pass a seeded one, so their
// output is reproducible.
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * `counter`, when given, takes the 12 bits after the version instead of random ones (RFC 9562
 * method 1): ids made in one millisecond with increasing counters sort in the order made.
 */
export function uuidV7(ms: number, random: () => number, counter?: number): string {
  // 48-bit big-endian timestamp, version 7, 12 random bits, variant 10, 62 random bits.
  const t = Math.max(0, Math.floor(ms));
  const hi = Math.floor(t / 2 ** 16);
  const lo = t % 2 ** 16;
  const drawn = Math.floor(random() * 2 ** 32);
  const r1 = counter === undefined ? drawn : (drawn & 0xfffff000) | (counter & 0xfff);
  const r2 = Math.floor(random() * 2 ** 32);
  const r3 = Math.floor(random() * 2 ** 32);
  const b = (n: number, shift: number) => HEX[(n >>> shift) & 0xff]!;
  // join() yields one flat string; `+` chains would keep a rope of ~20 pieces per id, which
  // costs hundreds of bytes each when the demo generator makes a million of them.
  return [
    b(hi, 24), b(hi, 16), b(hi, 8), b(hi, 0), '-', b(lo, 8), b(lo, 0), '-',
    HEX[0x70 | ((r1 >>> 8) & 0x0f)]!, b(r1, 0), '-',
    HEX[0x80 | ((r1 >>> 16) & 0x3f)]!, b(r1, 24), '-',
    b(r2, 24), b(r2, 16), b(r2, 8), b(r2, 0), b(r3, 8), b(r3, 0),
  ].join('');
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

/**
 * A small seeded pseudo-random generator (mulberry32): the demo hospital and the benchmark data
 * come out the same on every install and every run. Not for anything secret.
 */
export function seededRandom(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const hex32 = () => (Math.floor(next() * 4294967296) >>> 0).toString(16).padStart(8, '0');
  /** A random (version 4) UUID from this generator. */
  const uuid = () => {
    const h = hex32() + hex32() + hex32() + hex32();
    const variant = '89ab'[parseInt(h[16], 16) & 3];
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
  return { next, int, pick, uuid };
}

export type SeededRandom = ReturnType<typeof seededRandom>;

/**
 * Deterministic hashing and pseudo-randomness for the demo. Everything the demo shows is
 * derived from these, so the same (anchor, seed) always yields the same incident.
 */

/** 32-bit hash of a list of parts (murmur3-style mixing over the parts' text). */
export function hash32(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  const text = parts.join('\u0001');
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function hex8(n: number): string {
  return BYTE_HEX[(n >>> 24) & 255] + BYTE_HEX[(n >>> 16) & 255] + BYTE_HEX[(n >>> 8) & 255] + BYTE_HEX[n & 255];
}

/** A uniform number in [0, 1) from the parts. */
export function unit(...parts: (string | number)[]): number {
  return hash32(...parts) / 0x1_0000_0000;
}

/** Small seeded generator (mulberry32) for drawing several numbers in sequence. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}

/** 16-hex span id from the parts; never all zeros. */
export function spanIdFrom(...parts: (string | number)[]): string {
  const id = hex8(hash32(...parts, 'a')) + hex8(hash32(...parts, 'b'));
  return id === '0000000000000000' ? '0000000000000001' : id;
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 erf approximation, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}

/** Draw from a log-normal distribution with the given median and shape. */
export function logNormal(median: number, sigma: number, u1: number, u2: number): number {
  const z = Math.sqrt(-2 * Math.log(Math.max(u1, 1e-12))) * Math.cos(2 * Math.PI * u2);
  return median * Math.exp(sigma * z);
}

/**
 * The seeded random stream behind every instance. `(templateId, seed)` must give the same numbers on
 * every machine and JS engine for ever (a teacher's worksheet seed is a promise), so everything here is
 * 32-bit integer arithmetic (`Math.imul`, shifts, `| 0`): no `Math.random`, no floating-point
 * transcendental functions, nothing that depends on the platform.
 *
 * Algorithm (changing it breaks every stored seed, and tests/sampling/rng.test.ts on purpose):
 * - the key `${templateId}#${seed}` is hashed with cyrb128 (UTF-16 code units) into four 32-bit words;
 * - those seed sfc32 (Chris Doty-Humphrey's Small Fast Counting generator), warmed up by 12 outputs.
 */

export interface Rng {
  /** A float in [0, 1) with 32 bits of randomness. */
  next(): number;
  /** An integer in [min, max], both inclusive, without modulo bias. */
  int(min: number, max: number): number;
  /** One item of a non-empty list, each equally likely. */
  pick<T>(items: readonly T[]): T;
  /**
   * An independent stream named `label`. It depends only on this stream's key and the label, not on how
   * many numbers this stream has already given, so `fork('retry-3')` is the same whatever ran before it.
   */
  fork(label: string): Rng;
}

const TWO_POW_32 = 0x1_0000_0000;
const TWO_POW_53 = 2 ** 53;
/** sfc32 outputs thrown away after seeding, so that similar keys do not start with similar numbers. */
const WARM_UP = 12;

/** cyrb128 by bryc (public domain): a fast 128-bit string hash built only from 32-bit multiplies. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** Builds the stream for a hashed key; `key` is kept so that forks can derive their own keys from it. */
function rngFromKey(key: string): Rng {
  let [a, b, c, d] = cyrb128(key);

  // sfc32: one step, returning an unsigned 32-bit integer.
  const nextU32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < WARM_UP; i++) nextU32();

  const int = (min: number, max: number): number => {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max)) {
      throw new RangeError(`rng.int: min and max must be safe integers, got min=${min}, max=${max}`);
    }
    if (min > max) throw new RangeError(`rng.int: min (${min}) is greater than max (${max})`);
    const range = max - min + 1;
    if (!Number.isSafeInteger(range)) {
      throw new RangeError(`rng.int: the range ${min}..${max} has more than 2^53 values`);
    }
    if (range <= TWO_POW_32) {
      // Rejection sampling: drop the top partial block of 2^32 so every residue is equally likely.
      const limit = TWO_POW_32 - (TWO_POW_32 % range);
      for (;;) {
        const u = nextU32();
        if (u < limit) return min + (u % range);
      }
    }
    // Wide ranges: 53 random bits from two outputs (21 + 32), same rejection idea.
    const limit = TWO_POW_53 - (TWO_POW_53 % range);
    for (;;) {
      const x = (nextU32() >>> 11) * TWO_POW_32 + nextU32();
      if (x < limit) return min + (x % range);
    }
  };

  return {
    next: () => nextU32() / TWO_POW_32,
    int,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new RangeError('rng.pick: cannot pick from an empty list');
      return items[int(0, items.length - 1)] as T;
    },
    fork: (label: string) => rngFromKey(`${key}/${label}`),
  };
}

/**
 * The stream for one instance. `seed` must be a safe integer: seeds are shown to users and typed back,
 * and `1.5` or `NaN` would make "the same seed" ambiguous.
 */
export function createRng(templateId: string, seed: number): Rng {
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`createRng: seed must be a safe integer, got ${String(seed)}`);
  }
  return rngFromKey(`${templateId}#${seed}`);
}

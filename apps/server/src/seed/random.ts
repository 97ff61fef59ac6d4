import { mulberry32 } from '../platform/random.ts';

/**
 * A small seeded PRNG for demo data: the same seed gives the same bank on every machine and run.
 * mulberry32 (Tommy Ettinger, public domain): 32-bit state, passes gjrand's tests for this purpose;
 * not for anything secret.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer uniform in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight: `[['none', 80], ['gold', 5]]`. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  /** Log-uniform in [min, max]: plausible for money, where magnitudes matter more than digits. */
  logUniform(min: number, max: number): number;
  /** `count` random decimal digits as a string. */
  digits(count: number): string;
}

export function createRandom(seed: number): Random {
  const next = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted: <T>(entries: readonly (readonly [T, number])[]): T => {
      const total = entries.reduce((sum, [, w]) => sum + w, 0);
      let r = next() * total;
      for (const [value, weight] of entries) {
        r -= weight;
        if (r < 0) return value;
      }
      return (entries[entries.length - 1] as readonly [T, number])[0];
    },
    logUniform: (min, max) => Math.exp(Math.log(min) + next() * (Math.log(max) - Math.log(min))),
    digits: (count) => {
      let out = '';
      for (let i = 0; i < count; i++) out += String(Math.floor(next() * 10));
      return out;
    },
  };
}

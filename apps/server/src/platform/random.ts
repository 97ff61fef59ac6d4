/**
 * mulberry32 (Tommy Ettinger, public domain): a seeded generator of numbers in [0, 1) with 32 bits
 * of state, period 2^32, passing PractRand to 32 GB. The same seed gives the same sequence, so demo
 * data, simulations and benches are reproducible. Not for anything secret (use node:crypto).
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

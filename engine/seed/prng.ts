/**
 * A tiny, fast, seeded pseudo-random number generator (mulberry32, seeded
 * through splitmix32) plus the sampling helpers the data generators need.
 *
 * Pure ECMAScript: no Node or DOM APIs, so it runs in a browser worker too.
 * The same seed always yields the same sequence on every platform, because
 * everything is built from 32-bit integer arithmetic (Math.imul, >>> 0).
 */

/** splitmix32 step: turns any integer (and a stream label) into a well-mixed 32-bit state. */
export function mixSeed(seed: number, stream = 0): number {
  let z = (Math.trunc(seed) ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
  z = (z + 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

export class Rng {
  private state: number;
  private spareNormal: number | null = null;

  /** `stream` lets one seed drive several independent sequences (one per table). */
  constructor(seed = 1, stream = 0) {
    this.state = mixSeed(seed, stream);
  }

  /** Next unsigned 32-bit integer (mulberry32). */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform float in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** true with probability p. */
  bool(p = 0.5): boolean {
    return this.next() < p;
  }

  /** Standard normal (Box–Muller; the second value of each pair is cached). */
  normal(mean = 0, sd = 1): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return mean + sd * z;
    }
    let u = this.next();
    while (u <= 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return mean + sd * r * Math.cos(2 * Math.PI * v);
  }

  /** Normal clamped to [min, max]. */
  clampedNormal(mean: number, sd: number, min: number, max: number): number {
    return Math.min(max, Math.max(min, this.normal(mean, sd)));
  }

  /** Log-normal: exp(N(mu, sigma)). */
  logNormal(mu: number, sigma: number): number {
    return Math.exp(this.normal(mu, sigma));
  }

  /** Poisson-distributed integer (Knuth for small lambda, normal approximation above 50). */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 50) return Math.max(0, Math.round(this.normal(lambda, Math.sqrt(lambda))));
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** One element, with probability proportional to its weight. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    return items[this.weightedIndex(weights)] as T;
  }

  /** Index i with probability weights[i] / sum(weights). */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] as number;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** In-place Fisher–Yates shuffle; returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }

  /** `count` distinct integers from [min, max], ascending. */
  sampleDistinct(count: number, min: number, max: number): number[] {
    const range = max - min + 1;
    if (count > range) throw new Error(`cannot draw ${count} distinct values from ${range}`);
    const all: number[] = [];
    for (let v = min; v <= max; v++) all.push(v);
    return this.shuffle(all).slice(0, count).sort((a, b) => a - b);
  }

  /** `length` lowercase hex characters (like an MD5 digest when length is 32). */
  hex(length = 32): string {
    let out = '';
    while (out.length < length) {
      const word = this.nextUint32();
      for (let shift = 28; shift >= 0 && out.length < length; shift -= 4) {
        out += HEX_DIGITS[(word >>> shift) & 15];
      }
    }
    return out;
  }
}

const HEX_DIGITS = '0123456789abcdef';

/**
 * Sampler for repeated draws from a fixed discrete distribution: a cumulative
 * table searched by bisection, with optional draws restricted to an index range.
 */
export class CumulativeSampler {
  private readonly cdf: Float64Array;

  constructor(weights: readonly number[]) {
    if (weights.length === 0) throw new Error('CumulativeSampler needs at least one weight');
    this.cdf = new Float64Array(weights.length);
    let acc = 0;
    for (let i = 0; i < weights.length; i++) {
      acc += Math.max(0, weights[i] as number);
      this.cdf[i] = acc;
    }
    if (acc <= 0) throw new Error('CumulativeSampler needs a positive total weight');
  }

  get size(): number {
    return this.cdf.length;
  }

  /** Index in [0, size). */
  sample(rng: Rng): number {
    return this.sampleRange(rng, 0, this.cdf.length - 1);
  }

  /** Index in [lo, hi] (inclusive), proportional to the weights inside that range. */
  sampleRange(rng: Rng, lo: number, hi: number): number {
    const base = lo > 0 ? (this.cdf[lo - 1] as number) : 0;
    const span = (this.cdf[hi] as number) - base;
    if (span <= 0) return rng.int(lo, hi);
    const target = base + rng.next() * span;
    let a = lo;
    let b = hi;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if ((this.cdf[mid] as number) > target) b = mid;
      else a = mid + 1;
    }
    return a;
  }
}

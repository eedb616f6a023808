import { describe, expect, it } from 'vitest';
import { CumulativeSampler, Rng } from '../../engine/seed/prng';

describe('Rng', () => {
  it('is deterministic per seed and stream', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const seqA = Array.from({ length: 20 }, () => a.nextUint32());
    const seqB = Array.from({ length: 20 }, () => b.nextUint32());
    expect(seqA).toEqual(seqB);
    const c = Array.from({ length: 20 }, ((r) => () => r.nextUint32())(new Rng(43)));
    const d = Array.from({ length: 20 }, ((r) => () => r.nextUint32())(new Rng(42, 1)));
    expect(c).not.toEqual(seqA);
    expect(d).not.toEqual(seqA);
  });

  it('produces uniform floats in [0, 1) with the right mean', () => {
    const rng = new Rng(7);
    let sum = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < 100_000; i++) {
      const v = rng.next();
      sum += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
  });

  it('int() covers both bounds and nothing outside', () => {
    const rng = new Rng(3);
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) seen.add(rng.int(-2, 3));
    expect([...seen].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
  });

  it('normal() has the requested mean and standard deviation (Box–Muller)', () => {
    const rng = new Rng(11);
    const n = 50_000;
    const xs = Array.from({ length: n }, () => rng.normal(10, 3));
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / n);
    expect(mean).toBeGreaterThan(9.95);
    expect(mean).toBeLessThan(10.05);
    expect(sd).toBeGreaterThan(2.95);
    expect(sd).toBeLessThan(3.05);
  });

  it('weighted() follows the weights', () => {
    const rng = new Rng(5);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 60_000; i++) counts[rng.weighted(['a', 'b', 'c'] as const, [1, 2, 3])]++;
    expect(counts.a / 60_000).toBeCloseTo(1 / 6, 1);
    expect(counts.b / 60_000).toBeCloseTo(2 / 6, 1);
    expect(counts.c / 60_000).toBeCloseTo(3 / 6, 1);
    expect(counts.a).toBeLessThan(counts.b);
    expect(counts.b).toBeLessThan(counts.c);
  });

  it('poisson() has mean ≈ lambda', () => {
    const rng = new Rng(9);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) sum += rng.poisson(4.5);
    expect(sum / 20_000).toBeGreaterThan(4.4);
    expect(sum / 20_000).toBeLessThan(4.6);
  });

  it('hex() yields lowercase hex strings of the requested length', () => {
    const rng = new Rng(1);
    for (const len of [1, 8, 32, 33]) expect(rng.hex(len)).toMatch(new RegExp(`^[0-9a-f]{${len}}$`));
  });

  it('sampleDistinct() and shuffle() keep every element exactly once', () => {
    const rng = new Rng(2);
    const sample = rng.sampleDistinct(50, 1, 60);
    expect(new Set(sample).size).toBe(50);
    expect(sample).toEqual([...sample].sort((a, b) => a - b));
    expect(sample.every((v) => v >= 1 && v <= 60)).toBe(true);
    const shuffled = rng.shuffle(Array.from({ length: 100 }, (_, i) => i));
    expect([...shuffled].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(() => rng.sampleDistinct(5, 1, 3)).toThrow();
  });
});

describe('CumulativeSampler', () => {
  it('samples proportionally and respects a restricted range', () => {
    const rng = new Rng(4);
    const sampler = new CumulativeSampler([0, 1, 0, 3]);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[sampler.sample(rng)]!++;
    expect(counts[0]).toBe(0);
    expect(counts[2]).toBe(0);
    expect(counts[3]! / counts[1]!).toBeGreaterThan(2.8);
    expect(counts[3]! / counts[1]!).toBeLessThan(3.2);
    for (let i = 0; i < 1000; i++) expect(sampler.sampleRange(rng, 1, 2)).toBe(1);
    expect(() => new CumulativeSampler([0, 0])).toThrow();
  });
});

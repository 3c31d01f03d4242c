// The numeric foundations against exact (BigInt) references: rounding half to even, ratio products,
// largest-remainder splits and threshold selection; the normal distribution; the rate model's inverse;
// the maintenance-period grid.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayFromYmd } from '../../src/engine/calendar.js';
import {
  bankToBankRate,
  carryOverLimit,
  clearingAllowance,
  excessForTarget,
  maintenancePeriodOf,
  mulRatio,
  mulRatioExact,
  normalCdf,
  normalQuantile,
  overnightRates,
  roundHalfEven,
  settlePeriod,
  splitLargestRemainder,
} from '../../src/engine/index.js';
import { BUCKETS, makeKernels } from '../../src/engine/kernels.js';
import { MAX_EXACT, Prng } from '../../src/engine/num.js';
import { kthLargest } from '../../src/engine/split.js';

/** round-half-even(a·k / 10^8) in BigInt. */
function refRatio(a: bigint, k: bigint): bigint {
  const p = a * k;
  const q = p / 100_000_000n;
  const r = p % 100_000_000n;
  if (r * 2n > 100_000_000n || (r * 2n === 100_000_000n && q % 2n === 1n)) return q + 1n;
  return q;
}

const amount = fc.oneof(
  fc.integer({ min: 0, max: 1_000_000 }),
  fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
);
const ratioInt = fc.oneof(
  fc.integer({ min: 0, max: 100_000_000 }),
  fc.constantFrom(1_000_000, 3_000_000, 10_000_000, 500_000, 12_345_678),
);

describe('rounding', () => {
  it('roundHalfEven', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, 2.4999, 2.5001, 3].map(roundHalfEven)).toEqual([
      0, 2, 2, 0, -2, 2, 3, 3,
    ]);
  });

  it('law: ratio products round half to even exactly (against BigInt)', () => {
    fc.assert(
      fc.property(amount, ratioInt, (a, k) => {
        const ref = Number(refRatio(BigInt(a), BigInt(k)));
        expect(mulRatioExact(a, k)).toBe(ref);
        expect(mulRatio(a, k / 1e8, k)).toBe(ref);
      }),
      { numRuns: 3000 },
    );
  });

  it('law: the kernels’ requirement rounds half to even exactly (against BigInt)', () => {
    const n = 1;
    const z = () => new Float64Array(n);
    const K = makeKernels(
      {
        n,
        exact: true,
        hasVc: false,
        hasOdep: false,
        hasReqT: false,
        res: z(),
        vc: z(),
        dep: z(),
        odep: z(),
        loans: z(),
        req: z(),
        reqT: z(),
        accr: z(),
        frac: z(),
        hist: new Int32Array(BUCKETS),
        cand: new Int32Array(n),
        lendNext: z(),
        qv: z(),
        bkt: new Uint16Array(n),
        nxt: new Int32Array(n),
        head: new Int32Array(BUCKETS),
        wv: z(),
        share: z(),
        acc1: z(),
        out: new Float64Array(8),
      },
      mulRatioExact,
      MAX_EXACT,
    );
    fc.assert(
      fc.property(amount, ratioInt, (a, k) => {
        expect(K.requirement(a, k / 1e8, k, true, null, 0)).toBe(Number(refRatio(BigInt(a), BigInt(k))));
      }),
      { numRuns: 3000 },
    );
    // Ties of the common ratios.
    expect(K.requirement(15, 0.1, 10_000_000, true, null, 0)).toBe(2);
    expect(K.requirement(25, 0.1, 10_000_000, true, null, 0)).toBe(2);
    expect(K.requirement(50, 0.03, 3_000_000, true, null, 0)).toBe(2);
  });
});

describe('largest remainder', () => {
  /** The exact largest-remainder split (ties to the lower index) in BigInt. */
  function refSplit(total: number, w: number[]): number[] {
    const W = w.reduce((s, x) => s + BigInt(x), 0n);
    const T = BigInt(total);
    const q = w.map((x) => (T * BigInt(x)) / W);
    const r = w.map((x) => (T * BigInt(x)) % W);
    let left = Number(T - q.reduce((s, x) => s + x, 0n));
    const order = w.map((_, i) => i).sort((a, b) => (r[b] > r[a] ? 1 : r[b] < r[a] ? -1 : a - b));
    const out = q.map(Number);
    for (let j = 0; left > 0; j++, left--) out[order[j]] += 1;
    return out;
  }

  it('law: a pro-rata split sums exactly and gives leftover units to the largest remainders', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 60 }),
        (total, w) => {
          const s = splitLargestRemainder(total, w);
          expect(s.reduce((a, b) => a + b, 0)).toBe(total);
          expect(s).toEqual(refSplit(total, w));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('equal remainders go to the lower indices; negative totals mirror positive ones', () => {
    expect(splitLargestRemainder(2, [1, 1, 1])).toEqual([1, 1, 0]);
    expect(splitLargestRemainder(-2, [1, 1, 1])).toEqual([-1, -1, 0]);
    expect(splitLargestRemainder(10, [0, 1, 0, 1])).toEqual([0, 5, 0, 5]);
  });

  it('law: kthLargest selects like a sort', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 200 }),
        fc.nat(),
        (xs, k0) => {
          const k = (k0 % xs.length) + 1;
          const vals = Float64Array.from(xs.map((x) => x / 7));
          const sorted = [...vals].sort((a, b) => b - a);
          expect(kthLargest(vals, vals.length, k)).toBe(sorted[k - 1]);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('normal distribution and PRNG', () => {
  it('Φ and Φ⁻¹', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 15);
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 14);
    expect(normalCdf(-2)).toBeCloseTo(0.022750131948179195, 14);
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(40)).toBe(1);
    for (const p of [1e-9, 0.01, 0.3, 0.5, 0.9, 0.999999])
      expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 12);
  });

  it('the seeded generator is deterministic', () => {
    const a = new Prng(42, 1);
    const b = new Prng(42, 1);
    const c = new Prng(42, 2);
    const xs = Array.from({ length: 5 }, () => a.nextU32());
    expect(Array.from({ length: 5 }, () => b.nextU32())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.nextU32())).not.toEqual(xs);
  });
});

describe('the rate model', () => {
  const base = {
    floor: 0.001,
    ceiling: 0.0125,
    excess: 0,
    buffer: 0,
    sigma: 1000,
    ineligibleShare: 0,
    outside: 0,
    arbitrageShare: 0.5,
  };

  it('the bank-to-bank rate is the corridor’s midpoint at x = 0 and tends to the floor and ceiling', () => {
    expect(bankToBankRate(0.01, 0.03, 0)).toBeCloseTo(0.02, 15);
    expect(bankToBankRate(0.01, 0.03, 10)).toBeCloseTo(0.01, 12);
    expect(bankToBankRate(0.01, 0.03, -10)).toBeCloseTo(0.03, 12);
  });

  it('law: the desk’s solve hits the target', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.0015, max: 0.012, noNaN: true }),
        fc.constantFrom(0, 0.3),
        fc.constantFrom(0, 0.5, 1),
        (target, share, arb) => {
          const m = { ...base, ineligibleShare: share, arbitrageShare: arb };
          const excess = excessForTarget(target, m);
          const r = overnightRates({ ...m, excess }).overnight;
          if (r > m.floor + 1e-6 && r < m.ceiling - 1e-6) expect(Math.abs(r - target)).toBeLessThan(2e-8);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('the leaky floor: ineligible lenders lend under the rate on reserves', () => {
    const r = overnightRates({ ...base, floor: 0.0025, ceiling: 0.005, excess: 1e9, ineligibleShare: 0.3 });
    expect(r.bankToBank).toBe(0.0025);
    expect(r.ineligible).toBe(0.00125);
    expect(r.overnight).toBe(0.002125);
  });
});

describe('maintenance helpers', () => {
  it('limits, allowance and settlement', () => {
    expect(carryOverLimit(100_000_000, 1)).toBe(4_000_000);
    expect(carryOverLimit(100, 1)).toBe(50_000);
    expect(clearingAllowance(0, 1)).toBe(0);
    expect(clearingAllowance(1_000_000, 1)).toBe(25_000);
    expect(clearingAllowance(10_000_000, 1)).toBe(200_000);
    expect(settlePeriod(110, 100, 0, 0, 4)).toEqual({ carryOut: 4, deficiency: 0 });
    expect(settlePeriod(90, 100, 0, 0, 4)).toEqual({ carryOut: -4, deficiency: 6 });
    expect(settlePeriod(90, 100, 0, 5, 4)).toEqual({ carryOut: -4, deficiency: 1 });
    // Met by vault cash alone: no carry-over.
    expect(settlePeriod(200, 100, 100, 0, 4)).toEqual({ carryOut: 0, deficiency: 0 });
  });

  it('the period grid: days from an anchor, or months', () => {
    const from = dayFromYmd(2008, 10, 9);
    expect(maintenancePeriodOf(dayFromYmd(2008, 10, 15), { days: 14, from, lagDays: 0 }, from)).toEqual({
      start: from,
      end: dayFromYmd(2008, 10, 22),
    });
    expect(maintenancePeriodOf(dayFromYmd(2008, 10, 1), { days: 14, from, lagDays: 0 }, from)).toEqual({
      start: dayFromYmd(2008, 9, 25),
      end: dayFromYmd(2008, 10, 8),
    });
    expect(
      maintenancePeriodOf(
        dayFromYmd(2009, 2, 20),
        { monthly: true, from: dayFromYmd(2009, 1, 1), lagDays: 0 },
        0,
      ),
    ).toEqual({
      start: dayFromYmd(2009, 2, 1),
      end: dayFromYmd(2009, 2, 28),
    });
  });
});

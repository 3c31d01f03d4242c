// The daily step's fast paths (per-engine compiled kernels, the lending round and the re-deposit folded into
// the day pass) are optimisations only: they must never change a result. Checked as a law against the same
// engine with them switched off, and against a plain reference implementation of the textbook day.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AgentSpec, Engine, EngineConfig, Policy, TierValue } from '../../src/engine/api.js';
import { isBusinessDay } from '../../src/engine/calendar.js';
import { dropArenas, giveBack, takeArena } from '../../src/engine/arena.js';
import { createEngine, EngineError } from '../../src/engine/index.js';
import { agent, d } from './helpers.js';

const START = d('2021-06-01');

interface Gen {
  count: number;
  sigma: number;
  seed: number;
  reserves: number;
  deposits: number;
  named: boolean;
  firm: boolean;
  policy: Partial<Policy>;
  buys: { day: number; x: number; from: 'banks' | 'public' }[];
  ratioCut: number | null;
  days: number;
  mode: 'exact' | 'float';
  /** Vault cash and a requirement on time deposits (columns the kernels capture only when used). */
  extras: boolean;
  /** Operations on weekend days too (they must invalidate the accrual stored for the weekend). */
  weekendOps: boolean;
}

const tiersGen = fc.constantFrom<TierValue[] | null>(
  null,
  [{ base: 'reserves', upTo: null, rate: 0.001 }],
  [
    { base: 'required', upTo: null, rate: 0.0025 },
    { base: 'excess', upTo: { perRequired: 6, fixed: 0 }, rate: 0 },
    { base: 'rest', upTo: null, rate: 0.0015 },
  ],
  [
    { base: 'reserves', upTo: { perRequired: 0, fixed: 500 }, rate: 0.001 },
    { base: 'rest', upTo: null, rate: -0.001 },
  ],
);

const gen: fc.Arbitrary<Gen> = fc.record({
  count: fc.integer({ min: 500, max: 2500 }),
  sigma: fc.constantFrom(0, 0.5, 1, 1.5),
  seed: fc.integer(),
  reserves: fc.integer({ min: 0, max: 5_000_000 }),
  deposits: fc.integer({ min: 1_000_000, max: 50_000_000 }),
  named: fc.boolean(),
  firm: fc.boolean(),
  policy: fc.record({
    reserveRatio: fc.constantFrom(0, 0.03, 0.1),
    excessRatio: fc.constantFrom(0, 0.02),
    cashRatio: fc.constantFrom(NaN, 0, 0.05),
    lending: fc.constantFrom('textbook', 'endogenous', 'off') as fc.Arbitrary<Policy['lending']>,
    framework: fc.constantFrom('floor', 'floor', 'corridor') as fc.Arbitrary<Policy['framework']>,
    target: fc.constant(0.01),
    discountRate: fc.constant(0.02),
    tiers: tiersGen,
  }),
  buys: fc.array(
    fc.record({
      day: fc.integer({ min: 0, max: 34 }),
      x: fc.integer({ min: 1, max: 400_000 }),
      from: fc.constantFrom('banks' as const, 'public' as const),
    }),
    {
      maxLength: 4,
    },
  ),
  ratioCut: fc.option(fc.integer({ min: 3, max: 25 })),
  days: fc.integer({ min: 10, max: 35 }),
  mode: fc.constantFrom('exact' as const, 'float' as const),
  extras: fc.boolean(),
  weekendOps: fc.boolean(),
});

function specs(g: Gen): AgentSpec[] {
  const out: AgentSpec[] = [
    agent('central_bank', 'CB', { treasuries: g.reserves + (g.named ? 10_000 : 0) + 1_000_000 }),
    agent('treasury', 'T'),
    agent(
      'group',
      'G',
      {
        reserves: g.reserves,
        deposits: g.deposits,
        loans: Math.floor(g.deposits * 0.8),
        treasuries: 2_000_000,
        ...(g.extras ? { vault_cash: 50_000, time_deposits: 400_000 } : {}),
      },
      {
        count: g.count,
        sizes: { dist: 'lognormal', param: g.sigma },
      },
    ),
    agent('public', 'P', { treasuries: 1_000_000, currency: 1_000_000 }),
  ];
  if (g.named) out.push(agent('bank', 'A', { reserves: 10_000, deposits: 100_000, loans: 90_000 }));
  if (g.firm && g.named) out.push(agent('firm', 'X', { deposits: 5_000 }, { homeBank: 'A' }));
  return out;
}

function run(g: Gen, tuning: EngineConfig['tuning'], each: (e: Engine) => void): void {
  const e = createEngine({
    mode: g.mode,
    seed: g.seed,
    agents: specs(g),
    startDay: START,
    unitMajor: 1,
    currency: 'USD',
    tuning,
  });
  Object.assign(e.policy, g.policy);
  if (g.extras) e.policy.timeTranches = [{ rate: 0.03, upTo: null }];
  for (let i = 0; i < g.days; i++) {
    const day = START + i;
    if (g.ratioCut === i) e.policy.reserveRatio = Math.max(0, e.policy.reserveRatio - 0.01);
    if (isBusinessDay(day) || g.weekendOps) {
      for (const b of g.buys) {
        if (b.day !== i) continue;
        try {
          e.buy('treasuries', b.x, { k: b.from });
        } catch (err) {
          if (!(err instanceof EngineError)) throw err;
        }
      }
    }
    e.endOfDay(day, isBusinessDay(day));
    each(e);
  }
  e.release();
}

describe('fast paths', () => {
  it('law: the fast paths never change results (same state, day by day, with them on and off)', () => {
    fc.assert(
      fc.property(gen, (g) => {
        const fast: string[] = [];
        const slow: string[] = [];
        run(g, undefined, (e) => {
          expect(e.checkInvariants()).toBeNull();
          fast.push(e.stateHash());
        });
        run(g, { fuse: false, specialise: false }, (e) => slow.push(e.stateHash()));
        expect(fast).toEqual(slow);
      }),
      { numRuns: 40 },
    );
  });

  it("law: an engine on a released arena (an earlier engine's columns and warm kernels) gives the same states as one on new columns", () => {
    fc.assert(
      fc.property(gen, gen, (before, g0) => {
        // Same size and mode as the engine before it, so that it takes that engine's arena.
        const g = { ...g0, count: before.count, mode: before.mode };
        const fresh: string[] = [];
        const reused: string[] = [];
        dropArenas();
        run(g, undefined, (e) => fresh.push(e.stateHash()));
        dropArenas();
        run(before, undefined, () => {});
        run(g, undefined, (e) => reused.push(e.stateHash()));
        expect(reused).toEqual(fresh);
      }),
      { numRuns: 25 },
    );
  });

  it('an arena goes only to the next engine of its size and mode, zeroed, and only once released', () => {
    dropArenas();
    const a = takeArena(600, true);
    a.res[3] = 7;
    a.vc()[5] = 9;
    expect(takeArena(600, true)).not.toBe(a); // still in use
    giveBack(a);
    giveBack(a); // idempotent: never handed out twice
    expect(takeArena(600, false)).not.toBe(a);
    expect(takeArena(601, true)).not.toBe(a);
    const b = takeArena(600, true);
    expect(b).toBe(a);
    expect(b.res[3]).toBe(0);
    expect(b.vc()[5]).toBe(0);
    expect(takeArena(600, true)).not.toBe(a);
    dropArenas();
  });

  it('a released engine refuses to be used (its columns may belong to another engine)', () => {
    const e = createEngine({
      mode: 'exact',
      seed: 1,
      startDay: START,
      unitMajor: 1,
      currency: 'USD',
      agents: [
        agent('central_bank', 'CB', { treasuries: 1000 }),
        agent('group', 'G', { reserves: 1000, deposits: 5000, loans: 4000 }, { count: 3 }),
      ],
    });
    e.endOfDay(START, true);
    e.release();
    e.release();
    expect(() => e.endOfDay(START + 1, true)).toThrow(/released/);
    expect(() => e.series('reserves')).toThrow(/released/);
    expect(() => e.holding('G', 'reserves')).toThrow(/released/);
    expect(() => e.buy('treasuries', 1, { k: 'banks' })).toThrow(/released/);
  });

  it('matches a plain reference implementation of the textbook day, bank by bank', () => {
    const n = 3000;
    const e = createEngine({
      mode: 'exact',
      seed: 7,
      startDay: START,
      unitMajor: 1,
      currency: 'USD',
      agents: [
        agent('central_bank', 'CB', { treasuries: 3_000_000 }),
        agent('treasury', 'T'),
        agent(
          'group',
          'G',
          { reserves: 3_000_000, deposits: 20_000_000, loans: 17_000_000 },
          { count: n, sizes: { dist: 'lognormal', param: 1 } },
        ),
        agent('public', 'P'),
      ],
    });
    Object.assign(e.policy, { reserveRatio: 0.1, excessRatio: 0.02, cashRatio: 0.05, lending: 'textbook' });
    // The reference: the same economy, the textbook round written out directly.
    const res = new Float64Array(n);
    const dep = new Float64Array(n);
    const loans = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      res[i] = e.holding(`G#${i}`, 'reserves');
      dep[i] = e.holding(`G#${i}`, 'deposits');
      loans[i] = e.holding(`G#${i}`, 'loans');
    }
    const roundHE = (x: number): number => {
      const f = Math.floor(x);
      return x - f > 0.5 || (x - f === 0.5 && f % 2 !== 0) ? f + 1 : f;
    };
    const req = (x: number): number =>
      Number((BigInt(x) * 10n + 50n) / 100n) -
      ((BigInt(x) * 10n) % 100n === 50n && ((BigInt(x) * 10n) / 100n) % 2n === 0n ? 1 : 0);
    let cur = 0;
    for (let k = 0; k < 40; k++) {
      const day = START + k;
      const biz = isBusinessDay(day);
      if (biz) {
        let Ltot = 0;
        let W = 0;
        for (let i = 0; i < n; i++) {
          const L = Math.max(0, roundHE(Math.min(res[i] - req(dep[i]) - dep[i] * 0.02, res[i])));
          loans[i] += L;
          res[i] -= L;
          Ltot += L;
          W += dep[i];
        }
        const C1 = roundHE((0.05 * (W + cur + Ltot)) / 1.05);
        const N = Ltot - (C1 - cur);
        cur = C1;
        // Largest remainder, ties to the lower index, by exact rationals (BigInt).
        const T = BigInt(Math.abs(N));
        const Wb = BigInt(W);
        const q = Array.from(dep, (x) => (T * BigInt(x)) / Wb);
        const rem = Array.from(dep, (x) => (T * BigInt(x)) % Wb);
        let left = Number(T - q.reduce((a, b) => a + b, 0n));
        const order = Array.from({ length: n }, (_, i) => i).sort((a, b) =>
          rem[b] > rem[a] ? 1 : rem[b] < rem[a] ? -1 : a - b,
        );
        const share = q.map(Number);
        for (let j = 0; left > 0; j++, left--) share[order[j]] += 1;
        const sign = N < 0 ? -1 : 1;
        for (let i = 0; i < n; i++) {
          dep[i] += sign * share[i];
          res[i] += sign * share[i];
        }
      }
      e.endOfDay(day, biz);
    }
    let same = 0;
    for (let i = 0; i < n; i++) {
      if (
        e.holding(`G#${i}`, 'deposits') === dep[i] &&
        e.holding(`G#${i}`, 'reserves') === res[i] &&
        e.holding(`G#${i}`, 'loans') === loans[i]
      )
        same++;
    }
    expect(same).toBe(n);
  });
});

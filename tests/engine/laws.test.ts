// Laws of the engine, as fast-check properties over generated economies and operation sequences.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AgentSpec, Engine, PartyRef, Policy, TierValue } from '../../src/engine/api.js';
import { isBusinessDay } from '../../src/engine/calendar.js';
import { EngineError, cashDrainMultiplier, createEngine } from '../../src/engine/index.js';
import { agent, d } from './helpers.js';

const START = d('2021-03-01');

// ---------------------------------------------------------------------------------------------------------
// Generated economies.

interface EconomyGen {
  banks: {
    reserves: number;
    deposits: number;
    treasuries: number;
    bills: number;
    vault: number;
    lendsNext: number;
  }[];
  group: { count: number; sigma: number; reserves: number; deposits: number; treasuries: number } | null;
  currency: number;
  publicTreasuries: number;
  publicMbs: number;
  firms: { home: number; deposits: number }[];
  gse: { deposits: number; rrp: boolean } | null;
  cbMbs: number;
  maturityMbs: number;
  seed: number;
  maintenance: null | { days: number; lag: number };
}

const amount = (lo: number, hi: number) => fc.integer({ min: lo, max: hi });

const economyGen: fc.Arbitrary<EconomyGen> = fc.record({
  banks: fc.array(
    fc.record({
      reserves: amount(0, 200_000),
      deposits: amount(10_000, 2_000_000),
      treasuries: amount(0, 500_000),
      bills: amount(0, 100_000),
      vault: amount(0, 5_000),
      lendsNext: amount(0, 50_000),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  group: fc.option(
    fc.record({
      count: fc.integer({ min: 2, max: 40 }),
      sigma: fc.double({ min: 0, max: 1.5, noNaN: true }),
      reserves: amount(0, 500_000),
      deposits: amount(100_000, 5_000_000),
      treasuries: amount(0, 1_000_000),
    }),
  ),
  currency: amount(0, 300_000),
  publicTreasuries: amount(0, 300_000),
  publicMbs: amount(0, 300_000),
  firms: fc.array(fc.record({ home: fc.nat(), deposits: amount(0, 10_000) }), { maxLength: 2 }),
  gse: fc.option(fc.record({ deposits: amount(0, 10_000), rrp: fc.boolean() })),
  cbMbs: amount(0, 300_000),
  maturityMbs: fc.constantFrom(0, 60, 360),
  seed: fc.integer(),
  maintenance: fc.option(fc.record({ days: fc.constantFrom(7, 14), lag: fc.constantFrom(0, 2, 30) })),
});

function bankNames(g: EconomyGen): string[] {
  return [...g.banks.map((_, i) => `B${i}`), ...(g.group ? ['G'] : [])];
}

function buildSpecs(g: EconomyGen): AgentSpec[] {
  const specs: AgentSpec[] = [];
  let reserves = 0;
  let vault = 0;
  g.banks.forEach((b, i) => {
    reserves += b.reserves;
    vault += b.vault;
    const next = i + 1 < g.banks.length ? [{ to: `B${i + 1}`, amount: b.lendsNext }] : [];
    specs.push(
      agent(
        'bank',
        `B${i}`,
        {
          reserves: b.reserves,
          deposits: b.deposits,
          treasuries: b.treasuries,
          bills: b.bills,
          vault_cash: b.vault,
          loans: Math.floor(b.deposits * 0.7),
        },
        { lends: next },
      ),
    );
  });
  if (g.group) {
    reserves += g.group.reserves;
    specs.push(
      agent(
        'group',
        'G',
        {
          reserves: g.group.reserves,
          deposits: g.group.deposits,
          treasuries: g.group.treasuries,
          loans: Math.floor(g.group.deposits * 0.8),
        },
        { count: g.group.count, sizes: { dist: 'lognormal', param: g.group.sigma } },
      ),
    );
  }
  specs.push(
    agent(
      'central_bank',
      'CB',
      { treasuries: reserves + vault + g.currency, mbs: g.cbMbs },
      { maturities: g.maturityMbs ? [{ instrument: 'mbs', months: g.maturityMbs }] : [] },
    ),
  );
  specs.push(agent('treasury', 'Treasury'));
  specs.push(
    agent('public', 'Public', { currency: g.currency, treasuries: g.publicTreasuries, mbs: g.publicMbs }),
  );
  const names = g.banks.map((_, i) => `B${i}`);
  g.firms.forEach((f, i) => {
    const home = f.home % names.length;
    specs.push(
      agent(
        'firm',
        `F${i}`,
        { deposits: Math.min(f.deposits, Math.floor(g.banks[home].deposits / 4)) },
        { homeBank: names[home] },
      ),
    );
  });
  if (g.gse)
    specs.push(
      agent(
        'lender',
        'GSE',
        { deposits: Math.min(g.gse.deposits, Math.floor(g.banks[0].deposits / 4)) },
        { ineligible: true, rrpAccess: g.gse.rrp },
      ),
    );
  return specs;
}

function build(g: EconomyGen, mode: 'exact' | 'float' = 'exact'): Engine {
  return createEngine({
    mode,
    seed: g.seed,
    agents: buildSpecs(g),
    startDay: START,
    unitMajor: 1,
    currency: 'USD',
    maintenance: g.maintenance
      ? { days: g.maintenance.days, from: START, lagDays: g.maintenance.lag }
      : undefined,
  });
}

// Policies.
const policyGen: fc.Arbitrary<Partial<Policy>> = fc.record({
  reserveRatio: fc.constantFrom(0, 0.01, 0.03, 0.1),
  excessRatio: fc.constantFrom(0, 0.02),
  cashRatio: fc.constantFrom(NaN, 0, 0.05),
  lending: fc.constantFrom('off', 'textbook', 'endogenous') as fc.Arbitrary<Policy['lending']>,
  framework: fc.constantFrom('floor', 'corridor') as fc.Arbitrary<Policy['framework']>,
  interbank: fc.constantFrom('open', 'frozen') as fc.Arbitrary<Policy['interbank']>,
  target: fc.constantFrom(0.01, 0.02),
  discountRate: fc.constantFrom(0.0125, 0.03),
  ioer: fc.constantFrom(0, 0.0025, 0.005),
  rrpRate: fc.constantFrom(0, 0.001),
  ineligibleShare: fc.constantFrom(0, 0.3),
  yields: fc.constant({
    treasuries: 0.02,
    bills: 0.01,
    agency_debt: 0,
    mbs: 0.03,
    corporate_bonds: 0,
    etfs: 0,
  }),
  tiers: fc.constantFrom<TierValue[] | null>(
    null,
    [{ base: 'reserves', upTo: null, rate: 0.0025 }],
    [
      { base: 'required', upTo: null, rate: 0.005 },
      { base: 'excess', upTo: { perRequired: 2, fixed: 0 }, rate: 0 },
      { base: 'rest', upTo: null, rate: 0.0025 },
    ],
  ),
});

// Operations.
type Op =
  | { k: 'buy' | 'sell'; asset: 'treasuries' | 'bills' | 'mbs'; x: number; p: number }
  | { k: 'lend'; x: number; to: number; from: number | null; rate: number; term: number | null }
  | { k: 'repay'; x: number; from: number; to: number | null }
  | { k: 'pay'; x: number; from: number; to: number }
  | { k: 'withdraw' | 'deposit'; x: number; by: number | null }
  | { k: 'sfp' | 'tga'; x: number }
  | { k: 'offer'; facility: 'term_deposits' | 'reverse_repos'; x: number | null; term: number; rate: number }
  | { k: 'treasury'; action: 'issue' | 'redeem' | 'spend' | 'tax'; x: number; sfp: boolean; p: number | null }
  | { k: 'runoff'; cap: number | null }
  | { k: 'post'; x: number; bank: number };

const x = amount(1, 60_000);
const opGen: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    k: fc.constantFrom('buy' as const, 'sell' as const),
    asset: fc.constantFrom('treasuries' as const, 'bills' as const, 'mbs' as const),
    x,
    p: fc.nat(),
  }),
  fc.record({
    k: fc.constant('lend' as const),
    x,
    to: fc.nat(),
    from: fc.option(fc.nat()),
    rate: fc.constantFrom(0, 0.01, 0.05),
    term: fc.option(fc.integer({ min: 1, max: 10 })),
  }),
  fc.record({ k: fc.constant('repay' as const), x, from: fc.nat(), to: fc.option(fc.nat()) }),
  fc.record({ k: fc.constant('pay' as const), x, from: fc.nat(), to: fc.nat() }),
  fc.record({ k: fc.constantFrom('withdraw' as const, 'deposit' as const), x, by: fc.option(fc.nat()) }),
  fc.record({ k: fc.constantFrom('sfp' as const, 'tga' as const), x: amount(0, 60_000) }),
  fc.record({
    k: fc.constant('offer' as const),
    facility: fc.constantFrom('term_deposits' as const, 'reverse_repos' as const),
    x: fc.option(x),
    term: fc.integer({ min: 1, max: 14 }),
    rate: fc.constantFrom(0, 0.002),
  }),
  fc.record({
    k: fc.constant('treasury' as const),
    action: fc.constantFrom('issue' as const, 'redeem' as const, 'spend' as const, 'tax' as const),
    x,
    sfp: fc.boolean(),
    p: fc.option(fc.nat()),
  }),
  fc.record({ k: fc.constant('runoff' as const), cap: fc.option(amount(0, 20_000)) }),
  fc.record({ k: fc.constant('post' as const), x, bank: fc.nat() }),
);

function parties(g: EconomyGen): PartyRef[] {
  return [
    { k: 'banks' },
    { k: 'public' },
    ...bankNames(g).map((name) => ({ k: 'agent' as const, name })),
    ...g.firms.map((_, i) => ({ k: 'agent' as const, name: `F${i}` })),
    ...(g.gse ? [{ k: 'agent' as const, name: 'GSE' }] : []),
    { k: 'agent', name: 'Treasury' },
  ];
}

/** Applies one generated operation; impossible ones must fail with MON7001 naming the operation's tag. */
function apply(e: Engine, g: EconomyGen, op: Op, tag: number): void {
  const ps = parties(g);
  const P = (i: number) => ps[i % ps.length];
  const banks = bankNames(g);
  e.setSource(tag);
  try {
    switch (op.k) {
      case 'buy':
        return e.buy(op.asset, op.x, P(op.p));
      case 'sell':
        return e.sell(op.asset, op.x, P(op.p));
      case 'lend':
        return e.lend(op.x, P(op.to), op.from === null ? null : P(op.from), op.rate, op.term);
      case 'repay':
        return e.repay(op.x, P(op.from), op.to === null ? null : P(op.to));
      case 'pay':
        return e.pay(op.x, P(op.from), P(op.to));
      case 'withdraw':
        return e.withdrawCash(op.x, op.by === null ? null : P(op.by));
      case 'deposit':
        return e.depositCash(op.x, op.by === null ? null : P(op.by));
      case 'sfp':
      case 'tga':
        return e.hold(op.k, op.x);
      case 'offer':
        return e.offer(op.facility, op.x, op.term, op.rate);
      case 'treasury':
        return e.treasury(op.action, op.x, op.sfp, op.p === null ? null : P(op.p));
      case 'runoff':
        return e.runoff('mbs', op.cap);
      case 'post': {
        // The CB buys bonds from a bank by hand-written entries.
        const b = banks[op.bank % banks.length];
        return e.post([
          { agent: 'CB', instrument: 'treasuries', delta: op.x },
          { agent: 'CB', instrument: 'reserves', delta: op.x },
          { agent: b, instrument: 'treasuries', delta: -op.x },
          { agent: b, instrument: 'reserves', delta: op.x },
        ]);
      }
    }
  } catch (err) {
    if (!(err instanceof EngineError)) throw err;
    expect(err.info.source).toBe(tag);
    expect(['MON7001']).toContain(err.info.code);
  }
}

interface Scenario {
  g: EconomyGen;
  policy: Partial<Policy>;
  days: Op[][];
}

const scenarioGen: fc.Arbitrary<Scenario> = fc.record({
  g: economyGen,
  policy: policyGen,
  days: fc.array(fc.array(opGen, { maxLength: 3 }), { minLength: 5, maxLength: 45 }),
});

/** Runs a scenario; `each` sees the engine after every day. */
function play(
  s: Scenario,
  each: (day: number, e: Engine) => void,
  mode: 'exact' | 'float' = 'exact',
): Engine {
  const e = build(s.g, mode);
  Object.assign(e.policy, s.policy);
  let tag = 0;
  for (let i = 0; i < s.days.length; i++) {
    const day = START + i;
    if (isBusinessDay(day)) for (const op of s.days[i]) apply(e, s.g, op, ++tag);
    e.endOfDay(day, isBusinessDay(day));
    each(day, e);
  }
  return e;
}

const RUNS = { numRuns: 60 };

describe('laws', () => {
  it('law: the invariants hold every day (agents balance, instruments pair, base, conservation, weekly statement, exactness)', () => {
    fc.assert(
      fc.property(scenarioGen, (s) => {
        play(s, (day, e) => {
          const v = e.checkInvariants();
          expect(v, v ? `day ${day}: ${v.name} — ${v.detail} (${v.agent}.${v.instrument})` : '').toBeNull();
        });
      }),
      RUNS,
    );
  });

  it('law: determinism — the same economy, seed and operations give identical states every day', () => {
    fc.assert(
      fc.property(scenarioGen, (s) => {
        const hashes: string[] = [];
        const series: number[] = [];
        play(s, (_d, e) => {
          hashes.push(e.stateHash());
          series.push(e.series('overnight_rate'), e.series('m2'), e.cb('capital'));
        });
        const hashes2: string[] = [];
        const series2: number[] = [];
        play(s, (_d, e) => {
          hashes2.push(e.stateHash());
          series2.push(e.series('overnight_rate'), e.series('m2'), e.cb('capital'));
        });
        expect(hashes2).toEqual(hashes);
        expect(series2).toEqual(series);
      }),
      { numRuns: 25 },
    );
  });

  it('law: payments among banks and non-banks never change total reserves', () => {
    const payGen = fc.oneof(
      fc.record({ k: fc.constant('pay' as const), x, from: fc.nat(), to: fc.nat() }),
      fc.record({
        k: fc.constant('lend' as const),
        x,
        to: fc.nat(),
        from: fc.nat().map((n) => n as number | null),
        rate: fc.constant(0),
        term: fc.constant(null),
      }),
      fc.record({
        k: fc.constant('repay' as const),
        x,
        from: fc.nat(),
        to: fc.nat().map((n) => n as number | null),
      }),
    );
    fc.assert(
      fc.property(economyGen, fc.array(payGen, { minLength: 1, maxLength: 30 }), (g, ops) => {
        const e = build(g);
        // Only banks, firms, lenders and the public: no treasury, no central bank.
        const ps = parties(g).filter((p) => !(p.k === 'agent' && p.name === 'Treasury'));
        const total = e.series('reserves');
        let tag = 0;
        for (const op of ops) {
          e.setSource(++tag);
          const P = (i: number) => ps[i % ps.length];
          try {
            if (op.k === 'pay') e.pay(op.x, P(op.from), P(op.to));
            else if (op.k === 'lend') e.lend(op.x, P(op.to), P(op.from as number), 0, null);
            else e.repay(op.x, P(op.from), P(op.to as number));
          } catch (err) {
            if (!(err instanceof EngineError)) throw err;
          }
          expect(e.series('reserves')).toBe(total);
          expect(e.holding('CB', 'reserves')).toBe(total);
        }
      }),
      RUNS,
    );
  });

  it('law: textbook lending converges to M/MB = (1 + c)/(r + e + c) within one unit of base money per bank', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.option(fc.integer({ min: 2, max: 30 })),
        fc.constantFrom(0.05, 0.08, 0.1, 0.2),
        fc.constantFrom(0, 0.02, 0.05),
        fc.constantFrom(0, 0.05, 0.1, 0.3),
        fc.integer({ min: 10_000, max: 5_000_000 }),
        fc.integer(),
        (named, groupCount, r, e, c, base, seed) => {
          const specs: AgentSpec[] = [
            agent('central_bank', 'CB'),
            agent('treasury', 'T'),
            agent('public', 'P', { treasuries: base }),
          ];
          // Banks start empty: all money comes from the new base money.
          for (let i = 0; i < named; i++) specs.push(agent('bank', `B${i}`));
          if (groupCount)
            specs.push(
              agent('group', 'G', {}, { count: groupCount, sizes: { dist: 'lognormal', param: 1 } }),
            );
          const eng = createEngine({
            mode: 'exact',
            seed,
            agents: specs,
            startDay: START,
            unitMajor: 1,
            currency: 'USD',
          });
          Object.assign(eng.policy, { reserveRatio: r, excessRatio: e, cashRatio: c, lending: 'textbook' });
          eng.buy('treasuries', base, { k: 'public' });
          for (let day = START; day < START + 900; day++) eng.endOfDay(day, isBusinessDay(day));
          expect(eng.checkInvariants()).toBeNull();
          const n = eng.bankCount();
          const m = cashDrainMultiplier(r, e, c);
          const mb = eng.series('monetary_base');
          expect(mb).toBe(base);
          expect(Math.abs(eng.series('m2') - m * mb)).toBeLessThanOrEqual(m * (n + 1) + 1);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('law: the overnight rate stays in [floor, ceiling] and falls as reserves rise', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0, 0.001, 0.0025),
        fc.constantFrom(0.0025, 0.01, 0.03),
        fc.integer({ min: 100, max: 50_000 }),
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.integer({ min: 1, max: 20_000 }), { minLength: 3, maxLength: 25 }),
        (ioer, spread, shock, count, buys) => {
          const specs: AgentSpec[] = [
            agent('central_bank', 'CB', { treasuries: 1_000 }),
            agent('treasury', 'T'),
            agent(
              'group',
              'G',
              { reserves: 1_000, deposits: 1_000_000, treasuries: 1_000_000, loans: 500_000 },
              { count, sizes: { dist: 'lognormal', param: 0.8 } },
            ),
          ];
          const e = createEngine({
            mode: 'exact',
            seed: 3,
            agents: specs,
            startDay: START,
            unitMajor: 1,
            currency: 'USD',
          });
          Object.assign(e.policy, {
            reserveRatio: 0.01,
            paymentShock: shock,
            ioer,
            discountRate: ioer + spread,
            tiers: [{ base: 'reserves', upTo: null, rate: ioer }],
          });
          let prev = Infinity;
          let day = START;
          for (const b of buys) {
            e.buy('treasuries', b, { k: 'banks' });
            e.endOfDay(day, true);
            day++;
            const r = e.series('overnight_rate');
            expect(r).toBeGreaterThanOrEqual(e.series('corridor_floor'));
            expect(r).toBeLessThanOrEqual(e.series('corridor_ceiling'));
            expect(r).toBeLessThanOrEqual(prev);
            prev = r;
          }
        },
      ),
      RUNS,
    );
  });

  it('law: the rate sits below the floor only when ineligible lenders exist and reserves earn more than their outside option', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom(0, 0.001, 0.0025, 0.004),
        fc.constantFrom(0, 0.001, 0.0025),
        fc.constantFrom(0, 0.1, 0.3, 0.6),
        fc.constantFrom(0, 0.5, 1),
        fc.integer({ min: 0, max: 3_000_000 }),
        (hasGse, rrpAccess, ioer, rrpRate, share, arbitrage, reserves) => {
          const specs: AgentSpec[] = [
            agent('central_bank', 'CB', { treasuries: reserves + 1 }),
            agent('treasury', 'T'),
            agent('bank', 'A', { reserves: reserves + 1, deposits: 1_000_000, loans: 1_000_000 }),
            ...(hasGse ? [agent('lender', 'GSE', {}, { ineligible: true, rrpAccess })] : []),
          ];
          const e = createEngine({
            mode: 'exact',
            seed: 1,
            agents: specs,
            startDay: START,
            unitMajor: 1,
            currency: 'USD',
          });
          Object.assign(e.policy, {
            reserveRatio: 0.02,
            paymentShock: 10_000,
            ioer,
            rrpRate,
            ineligibleShare: share,
            arbitrageShare: arbitrage,
            discountRate: 0.01,
            tiers: [{ base: 'reserves', upTo: null, rate: ioer }],
          });
          e.endOfDay(START, true);
          const r = e.series('overnight_rate');
          const floor = e.series('corridor_floor');
          if (r < floor) {
            const outside = rrpAccess && rrpRate !== 0 ? rrpRate : 0;
            expect(hasGse && share > 0).toBe(true);
            expect(ioer).toBeGreaterThan(outside);
          }
          expect(r).toBeLessThanOrEqual(e.series('corridor_ceiling'));
        },
      ),
      { numRuns: 200 },
    );
  });
});

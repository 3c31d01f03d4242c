// The engine's mechanisms one by one: errors, the invariant hook, bank groups, maintenance periods, standing
// facilities and the interbank market, term deposits and reverse repos, CB income, securities programmes,
// the treasury, lending modes, requirements, balance sheets.
import { describe, expect, it } from 'vitest';
import type { Engine, PartyRef } from '../../src/engine/api.js';
import { isBusinessDay } from '../../src/engine/calendar.js';
import { EngineError, createEngine, interest } from '../../src/engine/index.js';
import { agent, d, economy, run, setPolicy } from './helpers.js';

const A: PartyRef = { k: 'agent', name: 'A' };
const B: PartyRef = { k: 'agent', name: 'B' };
const X: PartyRef = { k: 'agent', name: 'X' };
const Y: PartyRef = { k: 'agent', name: 'Y' };

function caught(f: () => void): EngineError {
  try {
    f();
  } catch (err) {
    if (err instanceof EngineError) return err;
    throw err;
  }
  throw new Error('expected an EngineError');
}

function twoBanks(extra: Record<string, number> = {}): Engine {
  return economy(
    [
      agent('central_bank', 'CB', { treasuries: 2_000 + (extra.cb ?? 0) }),
      agent('treasury', 'T', { tga: extra.tga ?? 0 }),
      agent('bank', 'A', { reserves: 1_000, deposits: 10_000, loans: 9_000 }),
      agent('bank', 'B', { reserves: 1_000, deposits: 10_000, loans: 9_000 }),
      agent('firm', 'X', { deposits: 500 }, { homeBank: 'A' }),
      agent('firm', 'Y', {}, { homeBank: 'B' }),
      agent('public', 'P', { treasuries: 1_000 }),
    ],
    { startDay: d('2021-03-01') },
  );
}

describe('errors', () => {
  it('an impossible operation is MON7001 with its source tag, agent and instrument', () => {
    const e = twoBanks();
    e.setSource(17);
    expect(caught(() => e.sell('treasuries', 1e6, { k: 'banks' })).info).toMatchObject({
      code: 'MON7001',
      source: 17,
      agent: 'CB',
      instrument: 'treasuries',
    });
    e.setSource(18);
    expect(caught(() => e.pay(501, X, Y)).info).toMatchObject({
      code: 'MON7001',
      source: 18,
      agent: 'X',
      instrument: 'deposits',
    });
    expect(caught(() => e.buy('mbs', 1, { k: 'banks' })).info).toMatchObject({
      code: 'MON7001',
      instrument: 'mbs',
    });
    expect(caught(() => e.repay(1, B, null)).info.code).toBe('MON7001');
    expect(caught(() => e.withdrawCash(1e9, X)).info).toMatchObject({ agent: 'X', instrument: 'deposits' });
    // Amounts read as the reports print them, thousands grouped.
    expect(caught(() => e.pay(1_234_567, X, Y)).info.message).toMatch(/only 500 .*cannot pay 1,234,567 /);
    // Nothing moved: the invariants still hold.
    e.endOfDay(d('2021-03-01'), true);
    expect(e.checkInvariants()).toBeNull();
  });

  it('an amount beyond 2^53 is MON7002 naming agent and instrument and suggesting a larger unit', () => {
    const big = 2 ** 53 - 5;
    const e = economy(
      [
        agent('central_bank', 'CB', { treasuries: big }),
        agent('treasury', 'T'),
        agent('bank', 'A', { reserves: big, deposits: 100 }),
      ],
      { startDay: d('2021-03-01'), unitMajor: 0.01 },
    );
    e.setSource(3);
    const err = caught(() => e.lend(10, A, null, 0, null));
    expect(err.info).toMatchObject({ code: 'MON7002', source: 3, agent: 'CB', instrument: 'reserves' });
    expect(err.message).toMatch(/unit 1m USD/);
    // An economy whose opening holdings are already beyond the range is refused the same way.
    expect(
      caught(() =>
        economy([agent('central_bank', 'CB', { treasuries: 2 ** 53 + 2 }), agent('treasury', 'T')], {
          startDay: d('2021-03-01'),
        }),
      ).info.code,
    ).toBe('MON7002');
  });

  it('a declared capital that leaves an agent unbalanced names the agent and the gap', () => {
    const err = caught(() =>
      economy(
        [
          agent('central_bank', 'CB', { treasuries: 20 }),
          agent('treasury', 'T'),
          agent('public', 'P'),
          agent('bank', 'A', { reserves: 20, loans: 50, deposits: 100, capital: 10 }),
        ],
        { startDay: d('2010-01-01') },
      ),
    );
    expect(err.info.agent).toBe('A');
    expect(err.message).toMatch(/gap -40/);
  });
});

describe('invariants', () => {
  it('the test hook breaks an invariant, reported with day, invariant, agent, instrument and source', () => {
    const e = twoBanks();
    e.endOfDay(d('2021-03-01'), true);
    expect(e.checkInvariants()).toBeNull();
    e.setSource(99);
    e.__testCorrupt('A', 'reserves', 5);
    const v = e.checkInvariants()!;
    expect(v).toMatchObject({
      day: d('2021-03-01'),
      invariant: 1,
      agent: 'A',
      instrument: 'reserves',
      source: 99,
    });
    const e2 = twoBanks();
    e2.setSource(7);
    e2.__testCorrupt('CB', 'treasuries', 3);
    expect(e2.checkInvariants()).toMatchObject({
      invariant: 1,
      agent: 'CB',
      instrument: 'treasuries',
      source: 7,
    });
    const e3 = twoBanks();
    e3.setSource(8);
    e3.__testCorrupt('P', 'capital', 3);
    expect(e3.checkInvariants()).toMatchObject({
      invariant: 1,
      agent: 'P',
      instrument: 'capital',
      source: 8,
    });
  });

  it('each invariant is checked: pairing and conservation catch one-sided moves that balance agents', () => {
    // Move reserves and equity together at one bank: the bank balances, but reserves no longer pair.
    const e = twoBanks();
    e.__testCorrupt('A', 'reserves', 5);
    e.__testCorrupt('A', 'capital', 5);
    const v = e.checkInvariants()!;
    expect(v.invariant).toBe(2);
    expect(v.instrument).toBe('reserves');
  });

  it('state hashes are equal for equal runs and differ when anything differs', () => {
    const a = twoBanks();
    const b = twoBanks();
    expect(a.stateHash()).toBe(b.stateHash());
    b.pay(1, X, Y);
    expect(a.stateHash()).not.toBe(b.stateHash());
  });
});

describe('bank groups', () => {
  const build = (seed: number, sigma: number) =>
    createEngine({
      mode: 'exact',
      seed,
      startDay: d('2021-01-01'),
      unitMajor: 1,
      currency: 'USD',
      agents: [
        agent('central_bank', 'CB', { treasuries: 1_000_003 }),
        agent('treasury', 'T'),
        agent(
          'group',
          'G',
          { reserves: 1_000_003, deposits: 9_999_991, loans: 8_999_988, mbs: 77 },
          { count: 1000, sizes: { dist: 'lognormal', param: sigma } },
        ),
      ],
    });

  it('splits the aggregate exactly over the banks by a seeded size distribution', () => {
    const e = build(5, 1);
    let dep = 0;
    let res = 0;
    let mbs = 0;
    let min = Infinity;
    let max = 0;
    for (let i = 0; i < 1000; i++) {
      const x = e.holding(`G#${i}`, 'deposits');
      dep += x;
      res += e.holding(`G#${i}`, 'reserves');
      mbs += e.holding(`G#${i}`, 'mbs');
      min = Math.min(min, x);
      max = Math.max(max, x);
      expect(Number.isInteger(x)).toBe(true);
    }
    expect([dep, res, mbs]).toEqual([9_999_991, 1_000_003, 77]);
    expect(e.holding('G', 'deposits')).toBe(9_999_991);
    expect(max / min).toBeGreaterThan(20); // lognormal σ = 1: a wide spread
    expect(e.checkInvariants()).toBeNull();
    expect(build(5, 1).stateHash()).toBe(e.stateHash());
    expect(build(6, 1).stateHash()).not.toBe(e.stateHash());
    // σ = 0: equal banks.
    const eq = build(5, 0);
    expect(eq.holding('G#0', 'deposits')).toBeGreaterThanOrEqual(9999);
    expect(eq.holding('G#0', 'deposits')).toBeLessThanOrEqual(10000);
  });

  it('keeps state under 256 bytes per bank, with maintenance periods lagged 30 days', () => {
    const e = createEngine({
      mode: 'exact',
      seed: 1,
      startDay: d('2021-01-01'),
      unitMajor: 1,
      currency: 'USD',
      maintenance: { days: 14, lagDays: 30 },
      agents: [
        agent('central_bank', 'CB', { treasuries: 1_000 }),
        agent('treasury', 'T'),
        agent(
          'group',
          'G',
          { reserves: 1_000, deposits: 10_000, loans: 9_000, vault_cash: 0 },
          { count: 5000 },
        ),
      ],
    });
    Object.assign(e.policy, {
      reserveRatio: 0.1,
      cashRatio: 0.02,
      lending: 'textbook',
      tiers: [{ base: 'required', upTo: null, rate: 0.01 }],
    });
    for (let day = d('2021-01-01'); day < d('2021-03-01'); day++) e.endOfDay(day, isBusinessDay(day));
    expect(e.stateBytesPerBank()).toBeLessThanOrEqual(256);
  });
});

describe('maintenance periods', () => {
  const economyWith = (reserves: number) =>
    economy(
      [
        agent('central_bank', 'CB', { treasuries: reserves }),
        agent('treasury', 'T'),
        agent('bank', 'A', { reserves, deposits: 1_000_000_000, loans: 1_000_000_000 - reserves }),
      ],
      { startDay: d('2021-01-04'), maintenance: { days: 14, from: d('2021-01-04'), lagDays: 0 } },
    );

  it('carries a small deficit over and charges the penalty on what exceeds the limit', () => {
    // Requirement 100m; held 90m: deficit 10m; carry-over limit max(4% × 100m, 50k) = 4m; deficiency 6m pays
    // (discount 1% + 2%) × 14/360.
    const e = economyWith(90_000_000);
    setPolicy(e, { reserveRatio: 0.1, discountRate: 0.01 });
    run(e, d('2021-01-04'), d('2021-01-17'));
    const penalty = interest(6_000_000, 0.03, 14);
    expect(penalty).toBe(7000);
    expect(e.cb('income')).toBe(penalty);
    expect(e.holding('A', 'reserves')).toBe(90_000_000 - penalty);
  });

  it('a deficit within the limit is carried, not charged', () => {
    const e = economyWith(99_000_000);
    setPolicy(e, { reserveRatio: 0.1, discountRate: 0.01 });
    run(e, d('2021-01-04'), d('2021-01-17'));
    expect(e.cb('income')).toBe(0);
  });

  it('computes the requirement on lagged deposits', () => {
    // Lag 14 days with 14-day periods: the requirement of a period is the previous period's average.
    const e = economy(
      [
        agent('central_bank', 'CB', { treasuries: 1_000 }),
        agent('treasury', 'T'),
        agent('bank', 'A', { reserves: 1_000, deposits: 10_000, loans: 9_000 }),
        agent('firm', 'X', {}, { homeBank: 'A' }),
      ],
      {
        startDay: d('2021-01-04'),
        maintenance: { days: 14, from: d('2021-01-04'), lagDays: 14 },
      },
    );
    setPolicy(e, { reserveRatio: 0.1 });
    run(e, d('2021-01-04'), d('2021-01-17'), {
      ops: (day) => {
        if (day === d('2021-01-11')) e.lend(10_000, X, null, 0, null); // deposits double for the last 7 days
      },
    });
    // Period 2's requirement: average deposits of period 1 = (7 × 10,000 + 7 × 20,000) / 14 = 15,000 → 1,500.
    run(e, d('2021-01-18'), d('2021-01-20'));
    expect(e.series('required_reserves')).toBe(1_500);
  });
});

describe('standing facility and interbank market', () => {
  it('a bank whose balance would end negative borrows from banks with surplus, else at the ceiling', () => {
    for (const interbank of ['open', 'frozen'] as const) {
      const e = economy(
        [
          agent('central_bank', 'CB', { treasuries: 2_000_000 }),
          agent('treasury', 'T'),
          agent('bank', 'A', { reserves: 1_000_000, deposits: 10_000_000, loans: 9_000_000 }),
          agent('bank', 'B', { reserves: 1_000_000, deposits: 10_000_000, loans: 9_000_000 }),
          agent('firm', 'X', {}, { homeBank: 'A' }),
          agent('firm', 'Y', {}, { homeBank: 'B' }),
        ],
        { startDay: d('2021-03-01') },
      );
      setPolicy(e, { reserveRatio: 0.01, discountRate: 0.02, interbank });
      run(e, d('2021-03-01'), d('2021-03-03'), {
        ops: (day) => {
          if (day === d('2021-03-01')) {
            e.lend(5_000_000, X, A, 0, null); // A lends to its own depositor …
            e.pay(5_000_000, X, Y); // … who pays Y at B: A is short 4m
          }
        },
        check: (day) => {
          expect(e.holding('A', 'reserves')).toBeGreaterThanOrEqual(0);
          const owes = e.balanceSheet('A').liabilities;
          const toCb = owes.filter((l) => l.counterparty === 'CB').reduce((s, l) => s + l.amount, 0);
          const toMarket = owes
            .filter((l) => l.counterparty === 'interbank market')
            .reduce((s, l) => s + l.amount, 0);
          if (day === d('2021-03-01')) expect(interbank === 'frozen' ? toCb : toMarket).toBe(4_000_000);
          // Repaid with interest at the start of the next business day, then borrowed again (still short).
          if (day === d('2021-03-02') && interbank === 'frozen')
            expect(e.cb('loans')).toBe(4_000_000 + interest(4_000_000, 0.02, 1));
        },
      });
      // Overnight at the ceiling (2%): 4m × 2% / 360 = 222.22 → 222 a night, paid to the CB when repaid.
      if (interbank === 'frozen') expect(e.cb('income')).toBe(2 * interest(4_000_000, 0.02, 1));
      else expect(e.cb('income')).toBe(0);
    }
  });
});

describe('term deposits and reverse repos', () => {
  it('term deposits drain reserves and come back with interest on D + d (next business day)', () => {
    const e = twoBanks();
    run(e, d('2021-03-05'), d('2021-03-16'), {
      ops: (day) => {
        if (day === d('2021-03-05')) e.offer('term_deposits', 800, 7, 0.01); // Fri + 7 = Fri
      },
      check: (day) => {
        if (day === d('2021-03-05')) {
          expect(e.series('term_deposits')).toBe(800);
          expect(e.series('reserves')).toBe(1_200);
        }
      },
    });
    // 800 × 1% × 7 / 360 = 0.156 → 0 units; expense tracked at maturity.
    expect(e.series('term_deposits')).toBe(0);
    expect(e.series('reserves')).toBe(2_000);
  });

  it('reverse repos with a money fund that has rrp access', () => {
    const e = economy(
      [
        agent('central_bank', 'CB', { treasuries: 1_000_000 }),
        agent('treasury', 'T'),
        agent('bank', 'A', { reserves: 1_000_000, deposits: 10_000_000, loans: 9_000_000 }),
        agent('lender', 'MMF', { deposits: 360_000 }, { rrpAccess: true }),
      ],
      { startDay: d('2021-03-01') },
    );
    run(e, d('2021-03-01'), d('2021-03-03'), {
      ops: (day) => {
        if (isBusinessDay(day)) e.offer('reverse_repos', null, 1, 0.001);
      },
      check: (day) => {
        if (day === d('2021-03-01')) {
          expect(e.series('rrp')).toBe(360_000);
          expect(e.holding('MMF', 'deposits')).toBe(0);
        }
      },
    });
    // 360,000 × 0.1% / 360 = 1 unit a day.
    expect(e.cb('interest_expense')).toBe(2);
  });
});

describe('central-bank income', () => {
  it('coupons accrue to capital, are remitted weekly; losses show as a deferred asset', () => {
    const e = twoBanks({ tga: 10_000, cb: 10_000 });
    setPolicy(e, {
      yields: { treasuries: 0.036, bills: 0, agency_debt: 0, mbs: 0, corporate_bonds: 0, etfs: 0 },
    });
    run(e, d('2021-03-01'), d('2021-04-08'));
    // 12,000 × 3.6% × 31 / 360 = 37.2 → 37 credited on March 31, remitted on Wednesday April 7.
    expect(e.cb('income')).toBe(37);
    expect(e.cb('remittances')).toBe(37);
    expect(e.cb('capital')).toBe(0);
    expect(e.cb('deferred_asset')).toBe(0);

    const loss = twoBanks();
    setPolicy(loss, { tiers: [{ base: 'reserves', upTo: null, rate: 0.36 }] });
    run(loss, d('2021-03-01'), d('2021-03-31'));
    // 2,000 × 36% × 31 / 360 = 62 paid on reserves.
    expect(loss.cb('interest_expense')).toBe(62);
    expect(loss.cb('deferred_asset')).toBe(62);
    expect(loss.cb('capital')).toBe(-62);
    expect(loss.cb('assets')).toBe(2_000);
  });
});

describe('securities programmes', () => {
  const qt = () =>
    economy(
      [
        agent(
          'central_bank',
          'CB',
          { treasuries: 1_200, mbs: 1_200 },
          {
            maturities: [
              { instrument: 'treasuries', months: 12 },
              { instrument: 'mbs', months: 12 },
            ],
          },
        ),
        agent('treasury', 'T'),
        agent('bank', 'A', { reserves: 2_400, deposits: 30_000, loans: 27_600, treasuries: 500 }),
      ],
      { startDay: d('2021-03-01') },
    );

  it('reinvests by default; hold lets holdings mature down to the level; runoff caps redemptions', () => {
    const e = qt();
    run(e, d('2021-03-01'), d('2021-04-30'));
    expect(e.cb('treasuries')).toBe(1_200);
    e.hold('treasuries', 1_150);
    e.runoff('mbs', 30);
    run(e, d('2021-05-03'), d('2021-07-31'));
    expect(e.cb('treasuries')).toBe(1_150);
    expect(e.cb('mbs')).toBe(1_200 - 90);
    expect(e.series('reserves')).toBe(2_400 - 50 - 90);
    // Hold above the holdings: the CB buys the gap from the banks.
    e.hold('treasuries', 1_300);
    expect(e.cb('treasuries')).toBe(1_300);
  });
});

describe('the treasury', () => {
  it('issue, redeem, spend and tax move the TGA against reserves', () => {
    const e = twoBanks();
    e.treasury('issue', 300, false, null);
    expect(e.series('tga')).toBe(300);
    expect(e.series('reserves')).toBe(1_700);
    e.treasury('spend', 200, false, Y);
    expect(e.holding('Y', 'deposits')).toBe(200);
    expect(e.series('reserves')).toBe(1_900);
    e.treasury('tax', 50, false, X);
    expect(e.series('tga')).toBe(150);
    e.treasury('redeem', 150, false, null);
    expect(e.series('tga')).toBe(0);
    expect(e.series('reserves')).toBe(2_000);
    e.hold('tga', 100);
    run(e, d('2021-03-01'), d('2021-03-02'), {
      ops: (day) => {
        if (day === d('2021-03-02')) e.treasury('tax', 40, false, X);
      },
    });
    expect(e.series('tga')).toBe(100);
  });
});

describe('lending', () => {
  const econ = () =>
    economy(
      [
        agent('central_bank', 'CB', { treasuries: 10_000 }),
        agent('treasury', 'T'),
        agent('bank', 'A', { reserves: 10_000, deposits: 50_000, loans: 40_000 }),
      ],
      {
        startDay: d('2021-03-01'),
      },
    );

  it('endogenous: lending follows demand while loans pay more than reserves, and stops when they do not', () => {
    const e = econ();
    setPolicy(e, {
      reserveRatio: 0.1,
      lending: 'endogenous',
      loanRate: 0.05,
      tiers: [{ base: 'reserves', upTo: null, rate: 0.0025 }],
    });
    run(e, d('2021-03-01'), d('2021-03-31'));
    const grown = e.series('loans');
    expect(grown).toBeGreaterThan(40_000);
    expect(grown).toBeLessThan(40_000 + 5_000); // demand-limited, not the textbook 45,000
    const idle = econ();
    setPolicy(idle, {
      reserveRatio: 0.1,
      lending: 'endogenous',
      loanRate: 0.05,
      tiers: [{ base: 'reserves', upTo: null, rate: 0.05 }],
    });
    run(idle, d('2021-03-01'), d('2021-03-31'));
    expect(idle.series('loans')).toBe(40_000);
    expect(idle.series('excess_reserves')).toBeGreaterThanOrEqual(5_000);
  });

  it('the public’s cash ratio moves currency without changing the base', () => {
    const e = econ();
    setPolicy(e, { cashRatio: 0.1 });
    run(e, d('2021-03-01'), d('2021-03-02'));
    expect(e.series('currency')).toBe(Math.round((0.1 * 50_000) / 1.1));
    expect(e.series('monetary_base')).toBe(10_000);
  });
});

describe('requirements', () => {
  it('tranches are cumulative thresholds on each bank’s deposits; vault cash counts toward the requirement', () => {
    const e = economy(
      [
        agent('central_bank', 'CB', { treasuries: 20_000_000 }),
        agent('treasury', 'T'),
        agent('bank', 'A', {
          reserves: 10_000_000,
          vault_cash: 1_000_000,
          deposits: 100_000_000,
          loans: 89_000_000,
        }),
        agent('bank', 'Small', { reserves: 9_000_000, deposits: 10_000_000, loans: 1_000_000 }),
      ],
      { startDay: d('2021-03-01'), unitMajor: 1 },
    );
    setPolicy(e, {
      tranches: [
        { rate: 0, upTo: 10_700_000 },
        { rate: 0.03, upTo: 58_800_000 },
        { rate: 0.1, upTo: null },
      ],
    });
    e.endOfDay(d('2021-03-01'), true);
    // A: 3% × 48.1m + 10% × 41.2m = 1.443m + 4.12m; Small: below the exemption.
    expect(e.series('required_reserves')).toBe(5_563_000);
    expect(e.series('vault_cash')).toBe(1_000_000);
    expect(e.series('total_reserves')).toBe(20_000_000);
    expect(e.series('excess_reserves')).toBe(20_000_000 - 5_563_000);
    expect(e.series('currency')).toBe(0);
    expect(e.series('monetary_base')).toBe(20_000_000);
  });
});

describe('modes and queries', () => {
  it('float mode follows the exact one closely', () => {
    const mk = (mode: 'exact' | 'float') =>
      createEngine({
        mode,
        seed: 3,
        startDay: d('2021-03-01'),
        unitMajor: 1,
        currency: 'USD',
        agents: [
          agent('central_bank', 'CB', { treasuries: 100_000 }),
          agent('treasury', 'T'),
          agent('group', 'G', { reserves: 100_000, deposits: 1_000_000, loans: 900_000 }, { count: 50 }),
          agent('public', 'P', { treasuries: 500_000 }),
        ],
      });
    const results = (['exact', 'float'] as const).map((mode) => {
      const e = mk(mode);
      Object.assign(e.policy, { reserveRatio: 0.1, cashRatio: 0.05, lending: 'textbook' });
      e.buy('treasuries', 500_000, { k: 'public' });
      for (let day = d('2021-03-01'); day < d('2021-05-01'); day++) e.endOfDay(day, isBusinessDay(day));
      return e.series('m2');
    });
    expect(Math.abs(results[0] - results[1]) / results[0]).toBeLessThan(1e-4);
  });

  it('answers every series of SPEC §4.6 and every cb series', () => {
    const e = twoBanks();
    e.endOfDay(d('2021-03-01'), true);
    const names = [
      'reserves',
      'total_reserves',
      'required_reserves',
      'excess_reserves',
      'vault_cash',
      'currency',
      'monetary_base',
      'deposits',
      'time_deposits',
      'loans',
      'm1',
      'm2',
      'multiplier',
      'm1_multiplier',
      'overnight_rate',
      'tga',
      'sfp',
      'rrp',
      'term_deposits',
      'fed_funds',
      'ioer',
      'target',
    ];
    for (const s of names) expect(Number.isFinite(e.series(s))).toBe(true);
    for (const s of [
      'assets',
      'liabilities',
      'capital',
      'treasuries',
      'mbs',
      'loans',
      'income',
      'interest_expense',
      'remittances',
      'deferred_asset',
      'reserves',
      'currency',
      'tga',
      'sfp',
      'term_deposits',
      'reverse_repos',
    ]) {
      expect(Number.isFinite(e.cb(s))).toBe(true);
    }
    expect(caught(() => e.series('nonsense')).info.code).toBe('MON7004');
    expect(e.agentNames()).toEqual(expect.arrayContaining(['CB', 'T', 'A', 'B', 'X', 'Y', 'P', 'issuers']));
    expect(e.hasAgent('A')).toBe(true);
    expect(e.hasAgent('Z')).toBe(false);
  });

  it('cash withdrawals and deposits by the public, firms and banks', () => {
    const e = twoBanks();
    e.withdrawCash(100, null);
    e.withdrawCash(50, X);
    e.withdrawCash(30, A);
    expect(e.series('currency')).toBe(150);
    expect(e.series('vault_cash')).toBe(30);
    expect(e.series('monetary_base')).toBe(2_000);
    e.depositCash(50, X);
    e.depositCash(30, A);
    expect(e.series('currency')).toBe(100);
    expect(e.series('reserves')).toBe(1_900);
    e.endOfDay(d('2021-03-01'), true);
    expect(e.checkInvariants()).toBeNull();
  });

  it('hand-written posts are checked: each agent nets to zero and every claim has its counterpart', () => {
    const e = twoBanks();
    e.setSource(5);
    e.post([
      { agent: 'CB', instrument: 'treasuries', delta: 100 },
      { agent: 'CB', instrument: 'reserves', delta: 100 },
      { agent: 'P', instrument: 'treasuries', delta: -100 },
      { agent: 'P', instrument: 'deposits', delta: 100 },
      { agent: 'A', instrument: 'deposits', delta: 100 },
      { agent: 'A', instrument: 'reserves', delta: 100 },
    ]);
    e.endOfDay(d('2021-03-01'), true);
    expect(e.checkInvariants()).toBeNull();
    expect(e.balanceSheet('A').assets.find((l) => l.instrument === 'reserves')!.source).toBe(5);
    expect(caught(() => e.post([{ agent: 'A', instrument: 'reserves', delta: 1 }])).message).toMatch(
      /net to zero/,
    );
    expect(
      caught(() =>
        e.post([
          { agent: 'A', instrument: 'reserves', delta: 1 },
          { agent: 'A', instrument: 'deposits', delta: 1 },
        ]),
      ).message,
    ).toMatch(/counterpart/);
  });
});

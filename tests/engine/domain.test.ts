// Every worked example of shared/DOMAIN.md, exactly: the round table and the three multiplier formulas
// (§2), the maintenance position (§3), the interest formula (§3–4), the five states of the two-bank story
// with their T-accounts and the sterilisation variant (§5).
import { describe, expect, it } from 'vitest';
import type { BalanceSheet, Engine } from '../../src/engine/api.js';
import {
  EngineError,
  cashDrainMultiplier,
  excessMultiplier,
  expansionRounds,
  expansionTotals,
  interest,
  maintenancePosition,
  simpleMultiplier,
} from '../../src/engine/index.js';
import { agent, d, economy, setPolicy } from './helpers.js';

describe('DOMAIN §2: deposit expansion and the multiplier', () => {
  it('reproduces the round table 1,000 / 900 / 810 … at 10%', () => {
    const rows = expansionRounds(1000, 0.1, 3).map((r) =>
      [r.newDeposits, r.newLoans, r.newRequired].map((x) => Math.round(x * 1e9) / 1e9),
    );
    expect(rows).toEqual([
      [1000, 900, 100],
      [900, 810, 90],
      [810, 729, 81],
    ]);
    const t = expansionTotals(1000, 0.1);
    expect(t).toEqual({ deposits: 10_000, loans: 9_000, required: 1_000 });
    // The infinite sum of the table's columns converges to the totals.
    const many = expansionRounds(1000, 0.1, 400);
    expect(many.reduce((s, r) => s + r.newDeposits, 0)).toBeCloseTo(10_000, 6);
    expect(many.reduce((s, r) => s + r.newLoans, 0)).toBeCloseTo(9_000, 6);
    expect(many.reduce((s, r) => s + r.newRequired, 0)).toBeCloseTo(1_000, 6);
  });

  it('the engine’s textbook lending walks the same rounds, one per business day', () => {
    const e = economy(
      [
        agent('central_bank', 'CB'),
        agent('treasury', 'T'),
        agent('bank', 'A'),
        agent('public', 'P', { treasuries: 1000 }),
      ],
      { startDay: d('2020-01-06') },
    );
    setPolicy(e, { reserveRatio: 0.1, excessRatio: 0, cashRatio: 0, lending: 'textbook' });
    e.buy('treasuries', 1000, { k: 'public' });
    const deposits: number[] = [];
    const loans: number[] = [];
    const required: number[] = [];
    for (let day = d('2020-01-06'); day <= d('2020-01-08'); day++) {
      e.endOfDay(day, true);
      deposits.push(e.series('deposits'));
      loans.push(e.series('loans'));
      required.push(e.series('required_reserves'));
    }
    expect(deposits).toEqual([1900, 2710, 3439]);
    expect(loans).toEqual([900, 1710, 2439]);
    expect(required).toEqual([190, 271, 344]);
  });

  it('the three multiplier formulas', () => {
    expect(simpleMultiplier(0.1)).toBeCloseTo(10, 12);
    expect(simpleMultiplier(0.08)).toBeCloseTo(12.5, 12);
    expect(excessMultiplier(0.1, 0.05)).toBeCloseTo(6.6667, 4);
    expect(cashDrainMultiplier(0.1, 0.05, 0.1)).toBeCloseTo(4.4, 12);
    expect(cashDrainMultiplier(0.1, 0, 0)).toBeCloseTo(simpleMultiplier(0.1), 12);
    expect(cashDrainMultiplier(0.1, 0.05, 0)).toBeCloseTo(excessMultiplier(0.1, 0.05), 12);
  });
});

describe('DOMAIN §3: maintenance and interest', () => {
  it('the worked maintenance example: required reserve balance 100, excess balance 20', () => {
    const p = maintenancePosition({
      maintainedBalance: 200,
      reserveRequirement: 500,
      vaultCash: 400,
      clearingBalance: 40,
      clearingAllowance: 25,
      carryIn: 10,
      carryOut: 25,
    });
    expect(p).toEqual({
      requiredReserveBalance: 100,
      totalBalanceRequirement: 140,
      grossPosition: 60,
      carryOver: -15,
      excessBalance: 20,
    });
  });

  it('interest = balance × rate × days / 360, rounded half-to-even', () => {
    // 1,000m USD at 0.25% for 14 days in cents: 97,222.22 USD.
    expect(interest(100_000_000_000, 0.0025, 14)).toBe(9_722_222);
    // Ties go to even.
    expect(interest(180, 0.01, 1)).toBe(0); // 0.005 → 0
    expect(interest(36_000, 0.005, 1)).toBe(0); // 0.5 → 0
    expect(interest(108_000, 0.005, 1)).toBe(2); // 1.5 → 2
    expect(interest(180_000, 0.005, 1)).toBe(2); // 2.5 → 2
    expect(interest(-108_000, 0.005, 1)).toBe(-2);
  });
});

// ---------------------------------------------------------------------------------------------------------
// §5: the two-bank story.

interface TAccount {
  reserves: number;
  loans: number;
  claimOnB: number;
  securities: number;
  deposits: number;
  owedToCb: number;
  owedToA: number;
  capital: number;
}

function tAccount(bs: BalanceSheet): TAccount {
  const sum = (lines: BalanceSheet['assets'], f: (l: BalanceSheet['assets'][number]) => boolean): number =>
    lines.filter(f).reduce((s, l) => s + l.amount, 0);
  return {
    reserves: sum(bs.assets, (l) => l.instrument === 'reserves'),
    loans: sum(bs.assets, (l) => l.instrument === 'loans'),
    claimOnB: sum(bs.assets, (l) => l.instrument === 'interbank' && l.counterparty === 'B'),
    securities: sum(bs.assets, (l) => l.instrument === 'treasuries'),
    deposits: sum(bs.liabilities, (l) => l.instrument === 'deposits'),
    owedToCb: sum(bs.liabilities, (l) => l.counterparty === 'CB'),
    owedToA: sum(bs.liabilities, (l) => l.instrument === 'interbank' && l.counterparty === 'A'),
    capital: bs.equity,
  };
}

function twoBanks(cbTreasuries = 20): Engine {
  const e = economy(
    [
      agent('central_bank', 'CB', { treasuries: cbTreasuries }),
      agent('treasury', 'Treasury'),
      agent(
        'bank',
        'A',
        { reserves: 10, loans: 50, treasuries: 10, deposits: 100, capital: 10 },
        { lends: [{ to: 'B', amount: 40 }] },
      ),
      agent('bank', 'B', { reserves: 10, loans: 130, treasuries: 10, deposits: 100, capital: 10 }),
      agent('firm', 'X', {}, { homeBank: 'A' }),
      agent('firm', 'Y', {}, { homeBank: 'B' }),
      ...(cbTreasuries > 20 ? [agent('public', 'Public', { currency: cbTreasuries - 20 })] : []),
    ],
    { startDay: d('2008-09-12') },
  );
  setPolicy(e, { reserveRatio: 0.1, lending: 'off' });
  return e;
}

const B = { k: 'agent', name: 'B' } as const;
const A = { k: 'agent', name: 'A' } as const;
const X = { k: 'agent', name: 'X' } as const;
const Y = { k: 'agent', name: 'Y' } as const;

describe('DOMAIN §5: who holds the new reserves', () => {
  const totals = (e: Engine) => [
    e.series('reserves'),
    e.series('required_reserves'),
    e.series('excess_reserves'),
  ];
  const T = (
    r: number,
    l: number,
    c: number,
    s: number,
    dep: number,
    cap: number,
    extra: Partial<TAccount> = {},
  ) => ({
    reserves: r,
    loans: l,
    claimOnB: c,
    securities: s,
    deposits: dep,
    owedToCb: 0,
    owedToA: 0,
    capital: cap,
    ...extra,
  });

  it('all five states, T-accounts and totals', () => {
    const e = twoBanks();
    let day = d('2008-09-12');
    const step = (ops: () => void) => {
      ops();
      e.endOfDay(day, true);
      expect(e.checkInvariants()).toBeNull();
      day++;
    };
    // normal
    step(() => {});
    expect(tAccount(e.balanceSheet('A'))).toEqual(T(10, 50, 40, 10, 100, 10));
    expect(tAccount(e.balanceSheet('B'))).toEqual(T(10, 130, 0, 10, 100, 10, { owedToA: 40 }));
    expect(totals(e)).toEqual([20, 20, 0]);
    // crisis: A stops lending to B; the CB lends B 40, B repays A
    step(() => {
      e.setSource(11);
      e.lend(40, B, null, 0, null);
      e.setSource(12);
      e.repay(40, B, A);
    });
    expect(tAccount(e.balanceSheet('A'))).toEqual(T(50, 50, 0, 10, 100, 10));
    expect(tAccount(e.balanceSheet('B'))).toEqual(T(10, 130, 0, 10, 100, 10, { owedToCb: 40 }));
    expect(totals(e)).toEqual([60, 20, 40]);
    // the CB also lends 40 to firm X, which banks with A
    step(() => {
      e.setSource(13);
      e.lend(40, X, null, 0, null);
    });
    expect(tAccount(e.balanceSheet('A'))).toEqual(T(90, 50, 0, 10, 140, 10));
    expect(tAccount(e.balanceSheet('B'))).toEqual(T(10, 130, 0, 10, 100, 10, { owedToCb: 40 }));
    expect(totals(e)).toEqual([100, 24, 76]);
    // A lends 20 to X (deposit at A)
    step(() => {
      e.setSource(14);
      e.lend(20, X, A, 0, null);
    });
    expect(tAccount(e.balanceSheet('A'))).toEqual(T(90, 70, 0, 10, 160, 10));
    expect(totals(e)).toEqual([100, 26, 74]);
    // X pays 60 to firm Y, who banks with B
    step(() => {
      e.setSource(15);
      e.pay(60, X, Y);
    });
    expect(tAccount(e.balanceSheet('A'))).toEqual(T(30, 70, 0, 10, 100, 10));
    expect(tAccount(e.balanceSheet('B'))).toEqual(T(70, 130, 0, 10, 160, 10, { owedToCb: 40 }));
    expect(totals(e)).toEqual([100, 26, 74]);
    // Each line remembers the operation that last moved it.
    const a = e.balanceSheet('A');
    expect(a.assets.find((l) => l.instrument === 'reserves')!.source).toBe(15);
    expect(a.assets.find((l) => l.instrument === 'treasuries')!.source).toBe(-1);
    const bLines = e.balanceSheet('B').liabilities;
    expect(bLines.find((l) => l.counterparty === 'CB')!.source).toBe(11);
    expect(e.holding('X', 'loans')).toBe(60);
    expect(e.holding('X', 'deposits')).toBe(0);
    expect(e.holding('Y', 'deposits')).toBe(60);
  });

  it('the sterilisation variant: the CB sells 40 of bonds, A buys them with its excess', () => {
    // Possible only while the CB has bonds to sell: with 20 it cannot.
    const short = twoBanks();
    short.lend(40, B, null, 0, null);
    short.repay(40, B, A);
    short.setSource(7);
    let err: unknown;
    try {
      short.sell('treasuries', 40, A);
    } catch (x) {
      err = x;
    }
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).info).toMatchObject({
      code: 'MON7001',
      source: 7,
      agent: 'CB',
      instrument: 'treasuries',
    });

    const e = twoBanks(60);
    e.lend(40, B, null, 0, null);
    e.repay(40, B, A);
    e.endOfDay(d('2008-09-12'), true);
    expect(e.series('excess_reserves')).toBe(40);
    e.sell('treasuries', 40, A);
    e.endOfDay(d('2008-09-13'), false);
    expect(e.checkInvariants()).toBeNull();
    expect(e.series('excess_reserves')).toBe(0);
    expect(tAccount(e.balanceSheet('A'))).toEqual(T(10, 50, 0, 50, 100, 10));
  });
});

// Engine-level replicas of shared/conformance/01–10: each script's economy, policy and operations driven
// through the engine's API day by day, with the script's expectations asserted (amounts in units).
import { describe, expect, it } from 'vitest';
import type { Engine, TierValue } from '../../src/engine/api.js';
import { isBusinessDay } from '../../src/engine/calendar.js';
import { roundRate } from '../../src/engine/index.js';
import { agent, byPortion, d, economy, lastBusinessDay, monthlyPortion, run, setPolicy } from './helpers.js';

const within = (actual: number, expected: number, rel: number): void => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
};

describe('conformance 01: textbook expansion', () => {
  it('1,000 of new base money at 10% expands to 10,000 of deposits', () => {
    const e = economy(
      [
        agent('central_bank', 'CB'),
        agent('treasury', 'Treasury'),
        agent('bank', 'Bank'),
        agent('public', 'Public', { treasuries: 100_000 }),
      ],
      { startDay: d('2020-01-06'), unitMajor: 0.01 },
    );
    setPolicy(e, { reserveRatio: 0.1, excessRatio: 0, cashRatio: 0, lending: 'textbook' });
    run(e, d('2020-01-06'), d('2020-12-31'), {
      ops: (day) => {
        if (day === d('2020-01-06')) {
          e.setSource(1);
          e.buy('treasuries', 100_000, { k: 'public' });
        }
      },
      check: (day) => {
        if (day === d('2020-01-06')) {
          expect(e.series('loans')).toBe(90_000);
          expect(e.series('deposits')).toBe(190_000);
        }
        if (day === d('2020-01-07')) {
          expect(e.series('deposits')).toBe(271_000);
          expect(e.series('loans')).toBe(171_000);
        }
        expect(e.series('reserves')).toBe(100_000);
        expect(e.series('monetary_base')).toBe(100_000);
      },
    });
    within(e.series('deposits'), 1_000_000, 1e-4);
    within(e.series('loans'), 900_000, 1e-4);
    within(e.series('required_reserves'), 100_000, 1e-4);
    expect(e.series('excess_reserves')).toBeLessThan(100);
    within(e.series('multiplier'), 10, 1e-4);
  });
});

describe('conformance 02: leakages', () => {
  it('e = 5% and c = 10% give M/MB = 4.4', () => {
    const e = economy(
      [
        agent('central_bank', 'CB'),
        agent('treasury', 'Treasury'),
        agent('bank', 'Bank'),
        agent('public', 'Public', { treasuries: 100_000 }),
      ],
      { startDay: d('2020-01-06'), unitMajor: 0.01 },
    );
    setPolicy(e, { reserveRatio: 0.1, excessRatio: 0.05, cashRatio: 0.1, lending: 'textbook' });
    run(e, d('2020-01-06'), d('2020-12-31'), {
      ops: (day) => {
        if (day === d('2020-01-06')) e.buy('treasuries', 100_000, { k: 'public' });
      },
      check: () => {
        expect(e.series('monetary_base')).toBe(100_000);
        expect(e.series('currency') + e.series('reserves')).toBe(100_000);
      },
    });
    within(e.series('deposits'), 400_000, 1e-4);
    within(e.series('currency'), 40_000, 1e-4);
    within(e.series('required_reserves'), 40_000, 1e-4);
    within(e.series('excess_reserves'), 20_000, 1e-4);
    within(e.series('m2'), 440_000, 1e-4);
    within(e.series('multiplier'), 4.4, 1e-4);
  });
});

describe('conformance 03: reserve ratio cut', () => {
  it('cutting the ratio from 10% to 8% takes deposits to 12,500', () => {
    const e = economy(
      [
        agent('central_bank', 'CB', { treasuries: 100_000 }),
        agent('treasury', 'Treasury'),
        agent('bank', 'Bank', { reserves: 100_000, loans: 900_000, deposits: 1_000_000, capital: 0 }),
        agent('public', 'Public'),
      ],
      { startDay: d('2020-01-01'), unitMajor: 0.01 },
    );
    setPolicy(e, { reserveRatio: 0.1, excessRatio: 0, cashRatio: 0, lending: 'textbook' });
    run(e, d('2020-01-01'), d('2020-12-31'), {
      ops: (day) => {
        if (day === d('2020-03-02')) setPolicy(e, { reserveRatio: 0.08 });
      },
      check: (day) => {
        if (day === d('2020-02-28')) {
          expect(e.series('deposits')).toBe(1_000_000);
          expect(e.series('excess_reserves')).toBe(0);
        }
        expect(e.series('reserves')).toBe(100_000);
      },
    });
    within(e.series('deposits'), 1_250_000, 1e-4);
    within(e.series('loans'), 1_150_000, 1e-4);
    within(e.series('multiplier'), 12.5, 1e-4);
  });
});

function twoBanks(): Engine {
  return economy(
    [
      agent('central_bank', 'CB', { treasuries: 20 }),
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
    ],
    { startDay: d('2008-09-12'), unitMajor: 1 },
  );
}

describe('conformance 04: two banks in a crisis', () => {
  it('reproduces the five states of DOMAIN.md §5', () => {
    const e = twoBanks();
    setPolicy(e, { reserveRatio: 0.1, lending: 'off' });
    const at = (iso: string, f: () => void) => (day: number) => {
      if (day === d(iso)) f();
    };
    const ops = [
      at('2008-09-15', () => {
        e.setSource(1);
        e.lend(40, { k: 'agent', name: 'B' }, null, 0, null);
        e.setSource(2);
        e.repay(40, { k: 'agent', name: 'B' }, { k: 'agent', name: 'A' });
      }),
      at('2008-09-16', () => {
        e.setSource(3);
        e.lend(40, { k: 'agent', name: 'X' }, null, 0, null);
      }),
      at('2008-09-17', () => {
        e.setSource(4);
        e.lend(20, { k: 'agent', name: 'X' }, { k: 'agent', name: 'A' }, 0, null);
      }),
      at('2008-09-18', () => {
        e.setSource(5);
        e.pay(60, { k: 'agent', name: 'X' }, { k: 'agent', name: 'Y' });
      }),
    ];
    run(e, d('2008-09-12'), d('2008-09-19'), {
      ops: (day) => ops.forEach((f) => f(day)),
      check: (day) => {
        if (day === d('2008-09-12')) {
          expect(e.series('reserves')).toBe(20);
          expect(e.series('excess_reserves')).toBe(0);
        }
        if (day === d('2008-09-15')) {
          expect(e.series('reserves')).toBe(60);
          expect(e.series('required_reserves')).toBe(20);
          expect(e.series('excess_reserves')).toBe(40);
          expect(e.holding('A', 'reserves')).toBe(50);
          expect(e.cb('loans')).toBe(40);
        }
        if (day === d('2008-09-16')) {
          expect(e.series('reserves')).toBe(100);
          expect(e.series('required_reserves')).toBe(24);
          expect(e.series('excess_reserves')).toBe(76);
          expect(e.holding('A', 'deposits')).toBe(140);
        }
        if (day === d('2008-09-17')) {
          expect(e.holding('A', 'loans')).toBe(70);
          expect(e.holding('A', 'deposits')).toBe(160);
          expect(e.series('required_reserves')).toBe(26);
          expect(e.series('excess_reserves')).toBe(74);
        }
        if (day === d('2008-09-18')) {
          expect(e.holding('A', 'reserves')).toBe(30);
          expect(e.holding('B', 'reserves')).toBe(70);
          expect(e.holding('A', 'deposits')).toBe(100);
          expect(e.holding('B', 'deposits')).toBe(160);
          expect(e.series('excess_reserves')).toBe(74);
        }
      },
    });
    expect(e.series('reserves')).toBe(100);
  });
});

describe('conformance 05: APP schedule', () => {
  it('every month’s purchases are exact', () => {
    const e = economy(
      [
        agent('central_bank', 'ECB', { treasuries: 100_000 }),
        agent('treasury', 'Treasuries'),
        agent('bank', 'Banks', {
          reserves: 100_000,
          treasuries: 5_000_000,
          loans: 10_000_000,
          deposits: 14_000_000,
        }),
        agent('public', 'Public'),
      ],
      { startDay: d('2015-01-01'), unitMajor: 1e6, currency: 'EUR' },
    );
    const programme = [
      { from: '2015-03-01', until: '2016-03-31', monthly: 60_000 },
      { from: '2016-04-01', until: '2017-03-31', monthly: 80_000 },
      { from: '2017-04-01', until: '2017-12-31', monthly: 60_000 },
      { from: '2018-01-01', until: '2018-09-30', monthly: 30_000 },
      { from: '2018-10-01', until: '2018-12-31', monthly: 15_000 },
    ];
    run(e, d('2015-01-01'), d('2019-06-30'), {
      ops: (day) => {
        for (const p of programme) {
          if (day < d(p.from) || day > d(p.until)) continue;
          const x = monthlyPortion(p.monthly, day);
          if (x > 0) e.buy('treasuries', x, { k: 'banks' });
        }
      },
      check: (day) => {
        if (day === d('2015-03-13')) within(e.cb('treasuries'), 127_270, 1e-3);
        if (day === d('2015-03-31')) expect(e.cb('treasuries')).toBe(160_000);
        if (day === d('2016-03-31')) expect(e.cb('treasuries')).toBe(880_000);
        if (day === d('2017-03-31')) expect(e.cb('treasuries')).toBe(1_840_000);
        if (day === d('2017-12-29')) expect(e.cb('treasuries')).toBe(2_380_000);
        expect(e.series('reserves')).toBe(e.cb('treasuries'));
      },
    });
    expect(e.cb('treasuries')).toBe(2_695_000);
    expect(e.series('reserves')).toBe(2_695_000);
    expect(e.holding('Banks', 'treasuries')).toBe(5_000_000 - 2_595_000);
  });
});

describe('conformance 06: IORR and IOER rules of 2008', () => {
  it('pays interest on required and excess reserves under the period formulas', () => {
    const e = economy(
      [
        agent('central_bank', 'Fed', { treasuries: 500_000 }),
        agent('treasury', 'Treasury'),
        agent('bank', 'Banks', { reserves: 500_000, loans: 7_000_000, deposits: 7_200_000 }),
        agent('public', 'Public'),
      ],
      {
        startDay: d('2008-10-01'),
        unitMajor: 1e6,
        maintenance: { days: 14, from: d('2008-10-09'), lagDays: 0 },
      },
    );
    setPolicy(e, { reserveRatio: 0.01, lending: 'off' });
    const targets = new Map<number, number>();
    const tiers: TierValue[] = [
      { base: 'required', upTo: null, rate: 0 },
      { base: 'excess', upTo: null, rate: 0 },
    ];
    let rule: 'none' | 'a' | 'b' | 'c' | 'flat' = 'none';
    const window = (day: number, f: (xs: number[]) => number): number => {
      const p = e.maintenancePeriod(day)!;
      const xs: number[] = [];
      for (let x = Math.max(p.start, d('2008-10-01')); x <= day; x++) xs.push(targets.get(x)!);
      return f(xs);
    };
    const avg = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const min = (xs: number[]) => Math.min(...xs);
    run(e, d('2008-10-01'), d('2008-12-31'), {
      ops: (day) => {
        let target = day < d('2008-10-08') ? 0.02 : day < d('2008-10-29') ? 0.015 : 0.01;
        if (day >= d('2008-12-16')) target = 0.0025;
        targets.set(day, target);
        if (day === d('2008-10-09')) {
          e.policy.tiers = tiers;
          rule = 'a';
        }
        if (day === d('2008-10-23')) rule = 'b';
        if (day === d('2008-11-06')) rule = 'c';
        if (day === d('2008-12-16')) rule = 'flat';
        if (day >= d('2008-12-16')) setPolicy(e, { target: 0.00125, targetLow: 0, targetHigh: 0.0025 });
        else setPolicy(e, { target, targetLow: target, targetHigh: target });
        if (rule === 'a' || rule === 'b') {
          e.policy.iorr = roundRate(window(day, avg) - 0.001);
          e.policy.ioer = roundRate(window(day, min) - (rule === 'a' ? 0.0075 : 0.0035));
        } else if (rule === 'c') {
          e.policy.iorr = roundRate(window(day, avg));
          e.policy.ioer = roundRate(window(day, min));
        } else if (rule === 'flat') {
          e.policy.iorr = 0.0025;
          e.policy.ioer = 0.0025;
        }
        tiers[0].rate = e.policy.iorr;
        tiers[1].rate = e.policy.ioer;
      },
      check: (day) => {
        if (day === d('2008-10-15')) {
          expect(e.series('iorr')).toBe(0.014);
          expect(e.series('ioer')).toBe(0.0075);
        }
        if (day === d('2008-10-24')) expect(e.series('ioer')).toBe(0.0115);
        if (day === d('2008-10-30')) expect(e.series('ioer')).toBe(0.0065);
        if (day === d('2008-11-10')) {
          expect(e.series('ioer')).toBe(0.01);
          expect(e.series('iorr')).toBe(0.01);
        }
      },
    });
    expect(e.series('iorr')).toBe(0.0025);
    expect(e.series('ioer')).toBe(0.0025);
    expect(e.cb('interest_expense')).toBeGreaterThan(0);
  });
});

describe('conformance 07: the interest formula', () => {
  it('credits 97,222.22 USD on the period’s last day, not before', () => {
    const e = economy(
      [
        agent('central_bank', 'Fed', { treasuries: 100_000_000_000 }),
        agent('treasury', 'Treasury'),
        agent('bank', 'A', {
          reserves: 100_000_000_000,
          loans: 900_000_000_000,
          deposits: 1_000_000_000_000,
        }),
        agent('public', 'Public'),
      ],
      {
        startDay: d('2009-01-01'),
        unitMajor: 0.01,
        maintenance: { days: 14, from: d('2009-01-01'), lagDays: 0 },
      },
    );
    setPolicy(e, {
      reserveRatio: 0,
      lending: 'off',
      ioer: 0.0025,
      tiers: [{ base: 'reserves', upTo: null, rate: 0.0025 }],
    });
    run(e, d('2009-01-01'), d('2009-01-20'), {
      check: (day) => {
        if (day === d('2009-01-13')) expect(e.cb('interest_expense')).toBe(0);
        if (day === d('2009-01-14')) {
          expect(e.cb('interest_expense')).toBe(9_722_222);
          expect(e.holding('A', 'reserves')).toBe(100_000_000_000 + 9_722_222);
        }
        expect(e.series('reserves')).toBe(e.cb('liabilities'));
      },
    });
  });
});

describe('conformance 08: supplementary financing', () => {
  it('drains reserves one for one', () => {
    const e = economy(
      [
        agent('central_bank', 'Fed', { treasuries: 800_000 }),
        agent('treasury', 'Treasury'),
        agent('bank', 'Banks', {
          reserves: 800_000,
          treasuries: 1_000_000,
          loans: 5_000_000,
          deposits: 6_500_000,
        }),
        agent('public', 'Public'),
      ],
      { startDay: d('2008-09-01'), unitMajor: 1e6 },
    );
    setPolicy(e, { reserveRatio: 0, lending: 'off' });
    const holds: [string, number][] = [
      ['2008-09-17', 117_000],
      ['2008-11-03', 550_000],
      ['2009-01-02', 200_000],
      ['2010-02-01', 5_000],
      ['2010-04-01', 200_000],
      ['2011-03-01', 5_000],
    ];
    run(e, d('2008-09-01'), d('2011-06-30'), {
      ops: (day) => {
        for (const [iso, level] of holds) if (day === d(iso)) e.hold('sfp', level);
      },
      check: (day) => {
        if (day === d('2008-09-16')) expect(e.series('reserves')).toBe(800_000);
        if (day === d('2008-09-17')) expect(e.series('reserves')).toBe(683_000);
        if (day === d('2008-11-03')) {
          expect(e.series('sfp')).toBe(550_000);
          expect(e.series('reserves')).toBe(250_000);
          expect(e.series('monetary_base')).toBe(250_000);
        }
        if (day === d('2009-06-30')) expect(e.series('reserves')).toBe(600_000);
        expect(e.cb('assets')).toBe(800_000);
        expect(e.series('reserves') + e.series('sfp')).toBe(800_000);
      },
    });
    expect(e.series('reserves')).toBe(795_000);
  });
});

describe('conformance 09: runoff with caps', () => {
  it('redeems at the cap and reinvests the rest', () => {
    const e = economy(
      [
        agent(
          'central_bank',
          'Fed',
          { treasuries: 2_400_000, mbs: 1_200_000 },
          {
            maturities: [
              { instrument: 'treasuries', months: 60 },
              { instrument: 'mbs', months: 120 },
            ],
          },
        ),
        agent('treasury', 'Treasury'),
        agent('bank', 'Banks', {
          reserves: 3_600_000,
          treasuries: 2_000_000,
          mbs: 1_000_000,
          loans: 8_000_000,
          deposits: 13_000_000,
        }),
        agent('public', 'Public'),
      ],
      { startDay: d('2022-06-01'), unitMajor: 1e6 },
    );
    setPolicy(e, { reserveRatio: 0, lending: 'off' });
    run(e, d('2022-06-01'), d('2023-05-31'), {
      ops: (day) => {
        if (day === d('2022-06-01')) {
          e.runoff('treasuries', 30_000);
          e.runoff('mbs', 17_500);
        }
      },
      check: (day) => {
        if (day === d('2022-06-30')) expect(e.cb('treasuries')).toBe(2_370_000);
        expect(e.series('reserves')).toBe(e.cb('treasuries') + e.cb('mbs'));
      },
    });
    expect(e.cb('treasuries')).toBe(2_040_000);
    expect(e.cb('mbs')).toBeLessThan(1_200_000);
    expect(e.cb('mbs')).toBeGreaterThan(1_050_000);
    expect(e.series('reserves')).toBeLessThan(3_600_000 - 360_000);
  });
});

describe('conformance 10: floor vs corridor', () => {
  it('holds the target under the corridor and leaks under the floor', () => {
    const e = economy(
      [
        agent('central_bank', 'Fed', { treasuries: 800_000 }),
        agent('treasury', 'Treasury'),
        agent('bank', 'Banks', {
          reserves: 40_000,
          treasuries: 1_500_000,
          mbs: 1_500_000,
          loans: 7_000_000,
          deposits: 8_000_000,
        }),
        agent('lender', 'GSEs', {}, { ineligible: true }),
        agent('public', 'Public', { currency: 760_000 }),
      ],
      { startDay: d('2008-01-01'), unitMajor: 1e6 },
    );
    setPolicy(e, { reserveRatio: 0.005, paymentShock: 5_000, ineligibleShare: 0.3, lending: 'off' });
    const floorDay = d('2008-10-09');
    run(e, d('2008-01-01'), d('2009-12-31'), {
      ops: (day) => {
        if (day < floorDay) {
          setPolicy(e, {
            framework: 'corridor',
            target: 0.02,
            targetLow: 0.02,
            targetHigh: 0.02,
            discountRate: 0.0225,
          });
        } else {
          setPolicy(e, {
            framework: 'floor',
            ioer: 0.0025,
            target: 0.00125,
            targetLow: 0,
            targetHigh: 0.0025,
            discountRate: 0.005,
            tiers: [{ base: 'reserves', upTo: null, rate: 0.0025 }],
          });
        }
        const x = byPortion(1_000_000, d('2008-11-03'), d('2009-06-30'), day);
        if (x > 0) e.buy('mbs', x, { k: 'banks' });
      },
      check: (day) => {
        const r = e.series('overnight_rate');
        if (day >= d('2008-02-01') && day < floorDay && isBusinessDay(day))
          expect(Math.abs(r - 0.02)).toBeLessThanOrEqual(0.0005);
        expect(r).toBeLessThanOrEqual(e.policy.discountRate);
        expect(r).toBeGreaterThanOrEqual(0);
        if (day >= d('2009-07-01') && day === lastBusinessDay(day)) {
          expect(r).toBeLessThan(0.0025);
          expect(r).toBeGreaterThan(0.0005);
        }
      },
    });
    expect(e.series('excess_reserves')).toBeGreaterThan(900_000);
  });
});

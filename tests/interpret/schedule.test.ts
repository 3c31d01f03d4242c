import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayFromIso, isBusinessDay, isoFromDay, weekday } from '../../src/engine/calendar.js';
import { decToGrid, divDec, parseDec, roundHalfEven } from '../../src/interpret/decimal.js';
import { expandSchedule, spread } from '../../src/interpret/schedule.js';
import { isSampleDay } from '../../src/interpret/calendar.js';
import { PeriodGrid } from '../../src/engine/maintenance.js';

const d = dayFromIso;

describe('calendar', () => {
  it('knows weekdays and real dates', () => {
    expect(weekday(d('2020-01-06'))).toBe(0); // a Monday
    expect(isoFromDay(d('2016-02-29'))).toBe('2016-02-29');
    expect(Number.isNaN(d('2010-13-01'))).toBe(true);
    expect(Number.isNaN(d('2015-02-29'))).toBe(true);
  });

  it('law: day numbers and ISO dates round-trip', () => {
    fc.assert(fc.property(fc.integer({ min: -100_000, max: 100_000 }), (n) => d(isoFromDay(n)) === n));
  });

  it('finds maintenance period starts', () => {
    // The interpreter's `maintenance_period` windows use the engine's grid.
    const grid = new PeriodGrid({ days: 14, from: d('2008-10-09'), lagDays: 0 }, d('2008-10-01'));
    const maintenanceStart = (day: number) => isoFromDay(grid.start(grid.index(day)));
    expect(maintenanceStart(d('2008-10-15'))).toBe('2008-10-09');
    expect(maintenanceStart(d('2008-10-23'))).toBe('2008-10-23');
    expect(maintenanceStart(d('2008-11-10'))).toBe('2008-11-06');
  });

  it('samples monthly on the last business day', () => {
    expect(isSampleDay(d('2022-06-30'), { k: 'monthly' })).toBe(true);
    expect(isSampleDay(d('2017-12-29'), { k: 'monthly' })).toBe(true);
    expect(isSampleDay(d('2017-12-31'), { k: 'monthly' })).toBe(false);
  });
});

describe('decimals', () => {
  it('converts literals exactly', () => {
    expect(decToGrid('0.0025')).toBe(250_000);
    expect(decToGrid('-0.003')).toBe(-300_000);
    expect(divDec(parseDec('97222.22'), parseDec('0.01'))).toBe(9_722_222);
    expect(divDec(parseDec('127.27e9'), parseDec('1000000'))).toBe(127_270);
    expect(divDec(parseDec('54.5'), parseDec('1'))).toBe(54.5);
  });

  it('rounds half to even', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, 2.4, 2.6].map(roundHalfEven)).toEqual([0, 2, 2, 0, -2, 2, 3]);
  });
});

describe('schedules', () => {
  const from = d('2015-01-01');
  const to = d('2019-06-30');

  it('spreads a month over its business days with the remainder on the last', () => {
    const x = expandSchedule(
      { k: 'freq', freq: { k: 'monthly' }, from: '2015-03-01', until: '2015-03-31' },
      60_000,
      from,
      from,
      to,
      1e6,
    );
    expect(x.days.length).toBe(22);
    expect(x.amounts.reduce((a, b) => a + b, 0)).toBe(60_000);
    expect(x.days.every(isBusinessDay)).toBe(true);
    const byFriday13 = x.amounts.slice(0, 10).reduce((a, b) => a + b, 0);
    expect(Math.abs(byFriday13 - 27_270)).toBeLessThan(10);
  });

  it('law: every full period of a schedule totals its amount exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 0, max: 40 }),
        (amount, startMonth) => {
          const start = isoFromDay(d('2015-01-01') + startMonth * 31).slice(0, 7) + '-01';
          const x = expandSchedule(
            { k: 'freq', freq: { k: 'monthly' }, from: start },
            amount,
            d(start),
            from,
            to,
            1e6,
          );
          const months = new Map<string, number>();
          x.days.forEach((day, i) => {
            const m = isoFromDay(day).slice(0, 7);
            months.set(m, (months.get(m) ?? 0) + x.amounts[i]);
          });
          // The last month may be cut by the simulation's end; all others are whole.
          const totals = [...months.values()].slice(0, -1);
          return totals.every((t) => t === amount) && x.amounts.every(Number.isInteger);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('spreads `by DATE` totals over the business days up to DATE', () => {
    const x = expandSchedule(
      { k: 'by', from: '2008-11-03', date: '2009-06-30' },
      1_000_000,
      d('2008-11-03'),
      d('2008-01-01'),
      d('2009-12-31'),
      1e6,
    );
    expect(x.amounts.reduce((a, b) => a + b, 0)).toBe(1_000_000);
    expect(isoFromDay(x.days[x.days.length - 1])).toBe('2009-06-30');
  });

  it('moves a one-off on a weekend to the next business day', () => {
    const x = expandSchedule(undefined, 5, d('2020-01-04'), d('2020-01-01'), d('2020-12-31'), 10);
    expect(isoFromDay(x.days[0])).toBe('2020-01-06');
  });

  it('law: spread parts sum to the total', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 1, max: 300 }),
        (t, n) => spread(t, n).reduce((a, b) => a + b, 0) === t,
      ),
    );
  });

  it('refuses to expand beyond its limit', () => {
    expect(() =>
      expandSchedule({ k: 'freq', freq: { k: 'daily' }, from: '2015-01-01' }, 1, from, from, to, 100),
    ).toThrow(/more than 100/);
  });
});

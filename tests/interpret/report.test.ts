import { describe, expect, it } from 'vitest';
import { compile, runPlan } from '../../src/index.js';
import { moneyDigits, renderExpectation, renderTable } from '../../src/interpret/report.js';
import type { ReportTable } from '../../src/interpret/result.js';

const span = { file: 'x.mon', start: { line: 1, col: 1 }, end: { line: 1, col: 1 } };

function table(values: number[]): ReportTable {
  return {
    labels: ['deposits', 'multiplier'],
    kinds: ['money', 'ratio'],
    rows: values.map((v, i) => ({ date: `2020-01-0${i + 1}`, values: [v, v / 1000] })),
    span,
  } as ReportTable;
}

describe('report tables', () => {
  it('give money the decimals of the accounting unit, trailing zeros kept', () => {
    expect(moneyDigits('0.01')).toBe(2);
    expect(moneyDigits('1')).toBe(0);
    expect(moneyDigits('1000000')).toBe(0);
    const cents = renderTable(table([6861.9, 1000, 4685.59]), 'USD', '0.01');
    expect(cents).toContain('6,861.90');
    expect(cents).toContain('1,000.00');
    expect(cents).toContain('4,685.59');
    // Ratios keep up to four decimals without padding.
    expect(cents).toContain('6.8619');
    const millions = renderTable(table([33_897_000_000]), 'USD', '1000000');
    expect(millions).toContain('33,897,000,000');
    expect(millions).not.toContain('33,897,000,000.');
  });
});

describe('failed expectations', () => {
  it('show what was expected with its operator: `expected < 0 USD`, not `expected 0 USD`', () => {
    const text = [
      'use two_banks',
      'simulate from 2008-09-12 to 2008-09-19',
      'expect reserves < 0 USD at end',
      'expect reserves = 30 USD at end',
      'expect reserves >= 22 USD within 1 USD at end',
    ].join('\n');
    const plan = compile(text, { file: 'x.mon' }).value!;
    const lines = runPlan(plan).expectations.map((x) => renderExpectation(x, 'x.mon').split('\n')[1].trim());
    expect(lines).toEqual([
      'actual 20 USD, expected < 0 USD, on 2008-09-19',
      'actual 20 USD, expected 30 USD, on 2008-09-19',
      'actual 20 USD, expected >= 22 USD, on 2008-09-19',
    ]);
  });
});

describe('a run stopped by a runtime error', () => {
  it('passes no expectation it did not get to check in full', () => {
    const text = [
      'use two_banks',
      'simulate from 2008-09-12 to 2008-12-31',
      'on 2008-10-01 sell treasuries 5tn USD',
      'expect reserves > 0 USD on 2008-09-15',
      'expect reserves > 0 USD on 2008-11-03',
      'expect reserves > 0 USD always',
      'expect reserves > 0 USD monthly until 2008-09-30',
      'expect reserves > 0 USD at end',
    ].join('\n');
    const plan = compile(text, { file: 'x.mon' }).value!;
    const r = runPlan(plan);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['MON7001']);
    expect(r.expectations.map((x) => [x.passed, x.message])).toEqual([
      [true, undefined],
      [false, 'not checked: the run stopped at the error below'],
      [false, 'checked only until 2008-09-30: the run stopped at the error below'],
      [true, undefined],
      [false, 'not checked: the run stopped at the error below'],
    ]);
  });
});

describe('expectations at the end', () => {
  it('read windows and `at` as of the last day, as on any other day', () => {
    const text = [
      'use two_banks',
      'simulate from 2008-09-12 to 2008-12-31',
      'set target = 1%',
      'expect max(target, month) = 1% at end',
      'expect avg(target, 14 days) = 1% at end',
      'expect avg(reserves, 14 days) = at(reserves, 2008-12-31) at end',
      'expect max(target, month) = 1% on 2008-12-31',
    ].join('\n');
    const r = runPlan(compile(text, { file: 'x.mon' }).value!);
    expect(r.diagnostics).toEqual([]);
    expect(r.expectations.map((x) => [x.passed, x.actualText])).toEqual(
      r.expectations.map((x) => [true, x.actualText]),
    );
  });
});

// Numeric guards: no NaN or infinity reaches the ledger; division by zero, out-of-range values and amounts
// beyond the exact range are coded diagnostics.
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/lang/index.js';
import { runPlan } from '../../src/interpret/index.js';
import { ECONOMY, FILE, run, wellFormed } from './helpers.js';

const MONTH = `${ECONOMY}simulate from 2010-01-01 to 2010-01-31\n`;
/** The same economy counted in single dollars: 2^53 units is only about 9,000tn USD. */
const DOLLARS = MONTH.replace('unit 1m USD', 'unit 1 USD');

function only(code: string, r: ReturnType<typeof run>) {
  expect(
    r.diagnostics.map((d) => d.code),
    JSON.stringify(r.diagnostics),
  ).toEqual([code]);
  wellFormed(r.diagnostics);
  return r.diagnostics[0];
}

describe('division by zero', () => {
  it('in an operation amount is MON7004', () => {
    const d = only('MON7004', run(`${MONTH}param z = 0\non 2010-01-05 sell treasuries 1bn USD / z\n`));
    expect(d.message).toContain('division by zero');
    expect(d.span.start.line).toBe(16);
  });

  it('in a rule is MON7004', () => {
    expect(only('MON7004', run(`${MONTH}param z = 0\nset target = 1% / z\n`)).message).toContain('division');
  });

  it('in an expectation is MON7004', () => {
    only('MON7004', run(`${MONTH}param z = 0\nexpect 1 / z > 0 at end\n`));
  });
});

describe('values out of range', () => {
  it('a ratio above 100% is MON7007 naming the setting', () => {
    const d = only('MON7007', run(`${MONTH}set reserve_ratio = 150%\n`));
    expect(d.message).toContain('reserve_ratio');
  });

  it('a negative share given by --param is MON7007', () => {
    const text = `${MONTH}param x = 10%\nset reserve_ratio = x\n`;
    only('MON7007', run(text, { params: { x: '-50%' } }));
  });

  it('a --param beyond the exact range or not finite is a diagnostic, never Infinity', () => {
    const text = `${DOLLARS}param x = 2\nparam m = 2bn USD\nexpect x * x * x > 0 at end\non 2010-01-05 lend m to A at 0%\n`;
    expect(only('MON7004', run(text, { params: { x: '1e200' } })).message).toContain('--param x');
    expect(only('MON7004', run(text, { params: { x: '1e400' } })).message).toContain('--param x');
    expect(only('MON7004', run(text, { params: { m: '1e300 USD' } })).message).toContain('--param m');
  });

  it('a --param outside the range its param declares is MON7007 at the param, the bounds included', () => {
    const text = `${DOLLARS}param share = 50% in 0% .. 100%\nparam m = 1bn USD in 0 USD .. 2bn USD\nexpect share * m > 0 USD at end\n`;
    const plan = compile(text, { file: FILE }).value!;
    const d = only('MON7007', runPlan(plan, { params: { share: '150%' } }));
    expect(d.message).toBe('--param share=150% is outside the range the param declares (0% .. 100%)');
    expect(d.span.start.line).toBe(text.split('\n').findIndex((l) => l.startsWith('param share')) + 1);
    expect(only('MON7007', runPlan(plan, { params: { m: '-1 USD' } })).message).toContain(
      '(0 USD .. 2,000,000,000 USD)',
    );
    const inRange: Record<string, string>[] = [
      { share: '0%' },
      { share: '100%' },
      { m: '2bn USD' },
      { m: '0 USD' },
    ];
    for (const params of inRange)
      expect(runPlan(plan, { params }).diagnostics, JSON.stringify(params)).toEqual([]);
  });

  it('a --param amount in another currency than the economy is MON7004, never converted', () => {
    const text = `${DOLLARS}param m = 2bn USD\non 2010-01-05 lend m to A at 0%\n`;
    expect(only('MON7004', run(text, { params: { m: '2bn EUR' } })).message).toBe(
      '--param m=2bn EUR: not an amount in USD',
    );
    expect(only('MON7004', run(text, { params: { m: '2%' } })).message).toContain('--param m');
    expect(runPlan(compile(text, { file: FILE }).value!, { params: { m: '3bn USD' } }).diagnostics).toEqual(
      [],
    );
    expect(runPlan(compile(text, { file: FILE }).value!, { params: { m: '3bn' } }).diagnostics).toEqual([]);
  });

  it('an amount that overflows to infinity is MON7006 before it reaches the ledger', () => {
    const text = `${DOLLARS}param x = 2\non 2010-01-05 lend 1bn USD * x to A at 0%\n`;
    const ok = runPlan(compile(text, { file: FILE }).value!, {});
    expect(ok.diagnostics).toEqual([]);
    const big = `${DOLLARS}param x = 1000000000\non 2010-01-05 lend 1bn USD * x * x * x * x * x * x * x * x * x * x * x * x * x * x * x * x * x * x * x * x * x * x * x * x * x * x * x * x * x * x * x * x * x * x to A at 0%\n`;
    only('MON7006', run(big));
  });
});

describe('the exact range', () => {
  it('an operation amount beyond 2^53 units is MON7002 suggesting a larger unit', () => {
    const d = only(
      'MON7002',
      run(`${DOLLARS}param x = 10000000\non 2010-01-05 sell treasuries 1bn USD * x\n`),
    );
    expect(d.hint).toContain('unit');
    expect(d.message).toContain('`sell` of treasuries to banks');
    expect(d.message).toContain('2^53 units of 1 USD');
  });

  it('a balance growing beyond 2^53 units names the agent and instrument and suggests a larger unit', () => {
    const text = `${DOLLARS}on 2010-01-05 lend 5000tn USD to A at 0%\non 2010-01-06 lend 5000tn USD to A at 0%\n`;
    const d = only('MON7002', run(text));
    expect(d.message).toMatch(/Fed\.reserves|A\.reserves|Fed\.loans|A\.loans/);
    expect(d.message).toContain('2010-01-06');
    expect(d.hint).toContain('unit 1m USD');
  });

  it('so does runaway interest', () => {
    const d = only('MON7002', run(`${DOLLARS}on 2010-01-05 lend 1tn USD to A at 1000000000%\n`));
    expect(d.message).toMatch(/\w+\.\w+ = \d+ units/);
    expect(d.hint).toContain('unit');
  });
});

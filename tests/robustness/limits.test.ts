// Every limit of SPEC §5 gives a coded diagnostic (never a crash), and the CLI can raise it.
import { join } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/lang/index.js';
import { FRONT_END_LIMITS } from '../../src/lang/parse.js';
import { cli } from '../cli/harness.js';
import { ECONOMY, FILE, run, wellFormed } from './helpers.js';

const host = { readFile: () => undefined };
const YEAR = `${ECONOMY}simulate from 2010-01-01 to 2010-12-31\n`;
const codes = (ds: { code: string }[]) => ds.map((d) => d.code);

function script(text: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'moneta-limits-'));
  writeFileSync(join(dir, 'limits.mon'), text);
  return { dir, file: 'limits.mon' };
}

describe('simulation length (maxDays)', () => {
  it('is a MON7005 diagnostic naming the flag', () => {
    const r = run(YEAR, { limits: { maxDays: 100 } });
    expect(codes(r.diagnostics)).toEqual(['MON7005']);
    expect(r.diagnostics[0].message).toContain('365 days');
    expect(r.diagnostics[0].hint).toContain('--max-days');
    wellFormed(r.diagnostics);
  });

  it('is raised and lowered with --max-days', async () => {
    const { dir, file } = script(YEAR);
    expect((await cli(['run', file, '--max-days', '100'], dir)).code).toBe(3);
    expect((await cli(['run', file, '--max-days', '400'], dir)).code).toBe(0);
    const t = await cli(['test', file, '--max-days', '100'], dir);
    expect(t.out).toContain('MON7005');
    expect(t.code).toBe(1);
    expect((await cli(['run', file, '--max-days', 'lots'], dir)).code).toBe(64);
  });
});

describe('number of banks (maxBanks)', () => {
  const GROUP = ECONOMY.replace('treasuries 100bn', 'treasuries 110bn').replace(
    '  public Public',
    '  banks Small 5000 {\n    reserves 10bn\n    loans 90bn\n    deposits 100bn\n  }\n  public Public',
  );
  const text = `${GROUP}simulate from 2010-01-01 to 2010-01-31\n`;

  it('is a MON7005 diagnostic at the group that exceeds it', () => {
    const r = run(text, { limits: { maxBanks: 1000 } });
    expect(codes(r.diagnostics)).toEqual(['MON7005']);
    expect(r.diagnostics[0].message).toContain('Small');
    expect(r.diagnostics[0].hint).toContain('--max-banks');
    expect(r.diagnostics[0].span.start.line).toBe(12);
  });

  it('is set with --max-banks', async () => {
    const { dir, file } = script(text);
    const low = await cli(['run', file, '--max-banks', '1000', '--json'], dir);
    expect(low.code).toBe(3);
    expect(low.out).toContain('MON7005');
  });
});

describe('schedule expansions (maxScheduleOps)', () => {
  const text = `${YEAR}sell treasuries 100m USD daily until 2010-12-31\n`;

  it('is a MON7005 diagnostic', () => {
    const r = run(text, { limits: { maxScheduleOps: 10 } });
    expect(codes(r.diagnostics)).toEqual(['MON7005']);
    wellFormed(r.diagnostics);
    expect(run(text, { limits: { maxScheduleOps: 10_000 } }).diagnostics).toEqual([]);
  });

  it('is set with --max-schedule-ops', async () => {
    const { dir, file } = script(text);
    expect((await cli(['run', file, '--max-schedule-ops', '10'], dir)).code).toBe(3);
  });
});

describe('number of rules (maxRules)', () => {
  const text = `${YEAR}${Array.from({ length: 30 }, (_, i) => `set target = ${i / 10}%\n`).join('')}`;

  it('is a MON7005 diagnostic', () => {
    const r = run(text, { limits: { maxRules: 10 } });
    expect(codes(r.diagnostics)).toEqual(['MON7005']);
    expect(r.diagnostics[0].hint).toContain('--max-rules');
    expect(run(text, { limits: { maxRules: 100 } }).diagnostics).toEqual([]);
  });

  it('is set with --max-rules', async () => {
    const { dir, file } = script(text);
    expect((await cli(['run', file, '--max-rules', '10'], dir)).code).toBe(3);
  });
});

describe('nesting depth and size (front end)', () => {
  it('10,000 nested parentheses are a MON1010 diagnostic, not a stack overflow', () => {
    const text = `${YEAR}expect ${'('.repeat(10_000)}1${')'.repeat(10_000)} > 0 at end\n`;
    const r = compile(text, { file: FILE, host });
    expect(codes(r.diagnostics)).toEqual(['MON1010']);
    expect(r.diagnostics[0].span.start.line).toBe(15);
    wellFormed(r.diagnostics);
  });

  it('so are 10,000 prefix operators and 10,000 nested blocks', () => {
    const minus = `${YEAR}expect ${'-'.repeat(10_000)}1 < 0 at end\n`;
    expect(codes(compile(minus, { file: FILE, host }).diagnostics)).toEqual(['MON1010']);
    const nots = `${YEAR}expect ${'not '.repeat(10_000)}true at end\n`;
    expect(codes(compile(nots, { file: FILE, host }).diagnostics)).toEqual(['MON1010']);
    const blocks = `${YEAR}${'on 2010-02-01 {\n'.repeat(10_000)}${'}\n'.repeat(10_000)}`;
    expect(codes(compile(blocks, { file: FILE, host }).diagnostics)).toEqual(['MON1010']);
  });

  it('a statement with too many operators is MON1010; just under the limit compiles and runs', () => {
    const chain = (n: number) => `${YEAR}expect ${Array(n).fill('1').join(' + ')} > 0 at end\n`;
    expect(codes(compile(chain(10_000), { file: FILE, host }).diagnostics)).toEqual(['MON1010']);
    const ok = run(chain(FRONT_END_LIMITS.maxOperators - 1));
    expect(ok.diagnostics).toEqual([]);
    expect(ok.expectations[0].passed).toBe(true);
    const deep = FRONT_END_LIMITS.maxNesting - 5;
    const nested = run(`${YEAR}expect ${'('.repeat(deep)}1${')'.repeat(deep)} > 0 at end\n`);
    expect(nested.diagnostics).toEqual([]);
  });

  it('a file beyond the size limit is MON1010', () => {
    const text = `${YEAR}${'# padding\n'.repeat(FRONT_END_LIMITS.maxSourceChars / 10 + 1)}`;
    const r = compile(text, { file: FILE, host });
    expect(codes(r.diagnostics)).toEqual(['MON1010']);
    expect(r.diagnostics[0].message).toContain('characters');
  });
});

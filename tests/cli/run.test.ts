import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli, golden } from './harness.js';

const conformance = (name: string) => `../shared/conformance/${name}`;

describe('moneta test on the conformance scripts', () => {
  it('passes every expectation of all ten scripts', async () => {
    const files = Array.from({ length: 10 }, (_, i) => i + 1).map((i) =>
      conformance(
        [
          '01_textbook_expansion.mon',
          '02_leakages.mon',
          '03_reserve_ratio_cut.mon',
          '04_two_banks.mon',
          '05_app_schedule.mon',
          '06_ior_rules_2008.mon',
          '07_interest_formula.mon',
          '08_supplementary_financing.mon',
          '09_runoff.mon',
          '10_floor_vs_corridor.mon',
        ][i - 1],
      ),
    );
    const r = await cli(['test', ...files]);
    const last = r.out.trim().split('\n').at(-1);
    expect(r.out).not.toMatch(/FAIL/);
    expect(last).toMatch(/^\d+ passed, 0 failed$/);
    expect(r.code).toBe(0);
  });
});

describe('moneta run output', () => {
  it('renders report tables (golden)', async () => {
    const r = await cli(['run', conformance('10_floor_vs_corridor.mon')]);
    expect(r.code).toBe(0);
    await golden('tests/golden/run/10_floor_vs_corridor.txt', r.out);
  });

  it('renders T-accounts (golden)', async () => {
    const r = await cli(['run', conformance('04_two_banks.mon')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Assets');
    await golden('tests/golden/run/04_two_banks.txt', r.out);
  });

  it('prints --json that validates against the schema (golden)', async () => {
    const r = await cli(['run', '--json', conformance('07_interest_formula.mon')]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
    const validate = ajv.compile(JSON.parse(readFileSync('src/interpret/run.schema.json', 'utf8')));
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.expectations.every((x: { passed: boolean }) => x.passed)).toBe(true);
    await golden('tests/golden/run/07_interest_formula.json', r.out);
  });

  it('--show-balance-sheets prints every agent on the date', async () => {
    const r = await cli(['run', '--show-balance-sheets', '2008-09-16', conformance('04_two_banks.mon')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/on 2008-09-16/);
  });

  it('--audit passes on the conformance scripts', async () => {
    for (const f of [
      '04_two_banks.mon',
      '05_app_schedule.mon',
      '08_supplementary_financing.mon',
      '09_runoff.mon',
    ]) {
      const r = await cli(['run', '--audit', conformance(f)]);
      expect(r.code, f + r.out + r.err).toBe(0);
    }
  });

  it("prints the compile's warnings (also in --json) and says when a report's `to` file needs --csv", async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'moneta-warn-'));
    writeFileSync(
      join(dir, 'w.mon'),
      'use two_banks\nsimulate from 2008-09-12 to 2008-09-19\nshow balance_sheets of A on 2009-01-01\nreport reserves weekly to "r.csv"\n',
    );
    const text = await cli(['run', 'w.mon'], dir);
    expect(text.code).toBe(0);
    expect(text.err).toContain('w.mon:3:29: warning[MON4009]: 2009-01-01 is outside the simulated period');
    expect(text.err).toContain('note: `report … to "r.csv"` writes its file only with --csv DIR');
    const json = await cli(['run', '--json', 'w.mon'], dir);
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.out) as { diagnostics: { code: string; severity: string }[] };
    expect(doc.diagnostics.map((d) => [d.code, d.severity])).toEqual([['MON4009', 'warning']]);
    const csv = await cli(['run', '--csv', 'out', 'w.mon'], dir);
    expect(csv.err).not.toContain('note:');
  });

  it('--csv writes one file per report', async () => {
    const { mkdtempSync, readdirSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'moneta-csv-'));
    const r = await cli(['run', '--csv', dir, conformance('10_floor_vs_corridor.mon')]);
    expect(r.code).toBe(0);
    const files = readdirSync(dir);
    expect(files).toEqual(['report1.csv']);
    const csv = readFileSync(join(dir, 'report1.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe('date,reserves,excess_reserves,overnight_rate,ioer');
  });

  it('exits 64 on bad usage and never prints a stack trace', async () => {
    for (const args of [
      ['run'],
      ['run', 'no/such/file.mon'],
      ['run', '--bogus', 'x.mon'],
      ['run', '--param', 'x', conformance('01_textbook_expansion.mon')],
      // A param the script lacks, a value of another type: found before the run, as `moneta sweep` does.
      ['run', '--param', 'reserve=1%', 'tests/fixtures/sweep.mon'],
      ['run', '--param', 'ratio=5bn USD', 'tests/fixtures/sweep.mon'],
    ]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(64);
      expect(r.out + r.err).not.toMatch(/\n\s+at /);
    }
  });

  it('says why a file cannot be read, in the same words for every command', async () => {
    for (const [cmd, prefix] of [
      ['run', 'moneta run: '],
      ['test', 'moneta test: '],
      ['check', 'moneta: '],
      ['plan', 'moneta: '],
    ]) {
      const r = await cli([cmd, 'no/such/file.mon']);
      expect(r.code, cmd).toBe(64);
      expect(r.err, cmd).toBe(`${prefix}no/such/file.mon: no such file\n`);
    }
  });
});

describe('moneta sweep', () => {
  it('gives the same CSV with 2 workers as with 1', async () => {
    // The worker runs the built code (dist/); `npm test` builds first.
    const args = [
      'sweep',
      'tests/fixtures/sweep.mon',
      '--param',
      'ratio=5%..20%:4',
      '--param',
      'drain=0%..10%:3',
    ];
    const one = await cli([...args, '--workers', '1']);
    const two = await cli([...args, '--workers', '2']);
    expect(one.code, one.err).toBe(0);
    expect(two.out).toBe(one.out);
    const lines = one.out.trim().split('\n');
    expect(lines[0]).toBe('ratio,drain,deposits,currency,multiplier,passed,failed,error');
    expect(lines.length).toBe(1 + 12);
  });

  it('applies the --max-… limits to every point and keeps failed points in their columns', async () => {
    const r = await cli([
      'sweep',
      'tests/fixtures/sweep.mon',
      '--param',
      'ratio=5%..10%:2',
      '--max-days',
      '10',
      '--workers',
      '1',
    ]);
    expect(r.code).toBe(3);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe('ratio,deposits,currency,multiplier,passed,failed,error');
    expect(lines[1]).toBe('5%,,,,0,0,MON7005: the simulation is 177 days long; the limit is 10');
    expect(lines[2].split(',')).toHaveLength(7);
  });

  it('refuses, before any point runs, a value that is not of its param type, and a param the script lacks', async () => {
    const sweep = (param: string) => cli(['sweep', 'tests/fixtures/sweep.mon', '--param', param]);
    const money = await sweep('ratio=5bn USD..6bn USD:2');
    expect([money.code, money.out, money.err]).toEqual([
      64,
      '',
      'moneta sweep: --param ratio=5bn USD: not a ratio value (the param is declared as `ratio`)\n',
    ]);
    const missing = await sweep('reserve=1%..2%:2');
    expect([missing.code, missing.err]).toEqual([
      64,
      'moneta sweep: the script declares no param reserve (add `param reserve = …`)\n',
    ]);
  });
});

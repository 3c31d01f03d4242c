// The standard library and the examples: `moneta test examples` passes (0 failed), every example runs with
// the invariants of SPEC §4.7 checked every day (audit mode) — so every economy of stdlib/ passes them for the
// examples that use it — and every economy and rule module is used by at least one example.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, runPlan } from '../../src/index.js';
import { cli } from '../cli/harness.js';

const root = join(import.meta.dirname, '..', '..');
const examplesDir = join(root, 'examples');
const stdlibDir = join(root, 'stdlib');

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, name.name);
    if (name.isDirectory()) walk(p, out);
    else if (name.name.endsWith('.mon') && !name.name.startsWith('_')) out.push(p);
  }
  return out;
}

function loadData(source: string): string | undefined {
  try {
    if (source.startsWith('stdlib:')) {
      const rel = source.slice('stdlib:'.length);
      return readFileSync(join(stdlibDir, 'data', rel.endsWith('.csv') ? rel : `${rel}.csv`), 'utf8');
    }
    if (source.startsWith('file:')) return readFileSync(source.slice('file:'.length), 'utf8');
  } catch {
    return undefined;
  }
  return undefined;
}

const examples = walk(examplesDir);
const economies = readdirSync(join(stdlibDir, 'economies'))
  .filter((f) => f.endsWith('.mon'))
  .map((f) => f.slice(0, -'.mon'.length));
const modules = ['fed', 'ecb', 'boj'].flatMap((dir) =>
  readdirSync(join(stdlibDir, dir))
    .filter((f) => f.endsWith('.mon'))
    .map((f) => `${dir}.${f.slice(0, -'.mon'.length)}`),
);
/** `use NAME` statements of a script (module names as written). */
const uses = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/^\s*use\s+([A-Za-z_][\w.]*)\s*$/gm)].map((m) => m[1]);

describe('moneta test examples', () => {
  it('passes every expectation of every example', async () => {
    const r = await cli(['test', 'examples'], root);
    const summary = r.out.trim().split('\n').pop() ?? '';
    expect(summary).toMatch(/^\d+ passed, 0 failed$/);
    expect(r.code).toBe(0);
  }, 600_000);
});

describe('examples in audit mode (SPEC §4.7 invariants every day)', () => {
  for (const file of examples) {
    const name = relative(root, file);
    it(`${name}`, () => {
      const { value: plan, diagnostics } = compile(readFileSync(file, 'utf8'), { file });
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const r = runPlan(plan!, { audit: true, loadData });
      expect(r.diagnostics).toEqual([]);
      expect(r.expectations.filter((x) => !x.passed).map((x) => `${x.line}: ${x.text}`)).toEqual([]);
    }, 600_000);
  }
});

describe('the standard library', () => {
  it('has the economies and rule modules of the issue', () => {
    for (const e of [
      'textbook',
      'two_banks',
      'us_2007',
      'euro_area_2014',
      'uk_2009',
      'japan_2012',
      'taiwan_2011',
    ])
      expect(economies).toContain(e);
    for (const m of ['fed.ior_2008', 'fed.ior_2018', 'ecb.two_tier_2019', 'boj.three_tier_2016'])
      expect(modules).toContain(m);
  });

  it('every economy and rule module is used by an example', () => {
    const used = new Set(examples.flatMap(uses));
    expect(economies.filter((e) => !used.has(e))).toEqual([]);
    expect(modules.filter((m) => !used.has(m))).toEqual([]);
  });

  for (const economy of economies) {
    it(`economy ${economy} opens balanced and runs a quarter in audit mode`, () => {
      const file = join(examplesDir, `_probe_${economy}.mon`);
      const source = `use ${economy}\nsimulate from 2010-01-04 to 2010-03-31\n`;
      const { value: plan, diagnostics } = compile(source, { file });
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const r = runPlan(plan!, { audit: true, loadData });
      expect(r.diagnostics).toEqual([]);
    }, 120_000);
  }
});

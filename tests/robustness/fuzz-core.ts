// The fuzzer's generators and oracle, shared by tests/robustness/fuzz.test.ts (a bounded run) and
// scripts/fuzz.ts (`npm run fuzz`, longer). Inputs are real scripts (the shared conformance scripts and the
// examples) mutated by random insertions, deletions and splices; the oracle compiles each and, when it
// compiles, runs the plan with small limits. It must never throw: the outcome is coded diagnostics (each with
// a code MONdddd and a span, and none an internal error) or a clean run.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { loadData } from '../../src/cli/pipeline.js';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import { runPlan } from '../../src/interpret/index.js';
import { compile } from '../../src/lang/index.js';

export const ROOT = join(fileURLToPath(import.meta.url), '..', '..', '..');
export const CRASHES = join(ROOT, 'tests', 'robustness', 'crashes');

export interface Seed {
  /** Absolute path: `use "file"` resolves next to it. */
  path: string;
  text: string;
}

function monFilesUnder(dir: string, out: string[]): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const name of names) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) monFilesUnder(p, out);
    else if (name.endsWith('.mon')) out.push(p);
  }
  return out;
}

/** Shortens `simulate from A to B` to at most ~300 days so that runs fit the fuzzer's day limit. */
function shortened(text: string): string | undefined {
  const m = /simulate from (\d{4})-(\d{2})-(\d{2}) to (\d{4}-\d{2}-\d{2})/.exec(text);
  if (!m) return undefined;
  const from = Date.UTC(+m[1], +m[2] - 1, +m[3]);
  const to = new Date(from + 300 * 86_400_000).toISOString().slice(0, 10);
  if (to >= m[4]) return undefined;
  return text.replace(m[0], `simulate from ${m[1]}-${m[2]}-${m[3]} to ${to}`);
}

/** The seed corpus: conformance scripts and examples, plus each long one cut to ~300 days. */
export function corpus(): Seed[] {
  const files = [
    ...monFilesUnder(join(ROOT, '..', 'shared', 'conformance'), []),
    ...monFilesUnder(join(ROOT, 'examples'), []),
  ];
  const seeds: Seed[] = [];
  for (const path of files) {
    const text = readFileSync(path, 'utf8');
    seeds.push({ path, text });
    const short = shortened(text);
    if (short !== undefined) seeds.push({ path, text: short });
  }
  return seeds;
}

const SNIPPETS = [
  ...'(){}+-*/=<>,.;%#"\n\t '.split(''),
  ...['0', '1', '-1', '0.0', '1e308', '99999999999999999999', '1tn', '1bn', '0%', '100%', '-5%', '35bp'],
  ...['USD', 'EUR', 'JPY', 'A', 'Fed', 'banks', 'public', 'x', 'reserves', 'deposits', 'treasuries'],
  ...['set', 'buy', 'sell', 'lend', 'repay', 'pay', 'on', 'when', 'every', 'expect', 'report', 'show'],
  ...['economy', 'bank', 'banks', 'unit', 'currency', 'simulate', 'use', 'let', 'param', 'post'],
  ...['and', 'or', 'not', 'true', 'false', 'at', 'end', 'always', 'daily', 'monthly', 'until', 'from', 'to'],
  ...['2010-01-01', '2010-02-30', '1999-12-31', '2100-01-01', '0000-01-01', 'day', 'month', 'year'],
  ...['avg(', 'min(', 'max(', 'sum(', 'abs(', 'at(', 'data("x")', '/ 0', '* 0', 'target', 'ioer'],
  ...['reserve_ratio', 'framework', 'floor', 'corridor', 'use two_banks\n', 'use "./_missing.mon"\n'],
];

export type Edit =
  | { k: 'insert'; at: number; text: string }
  | { k: 'delete'; at: number; len: number }
  | { k: 'splice'; at: number; from: number; start: number; len: number }
  | { k: 'lines'; at: number; to: number; dup: boolean };

export interface Mutation {
  seed: number;
  edits: Edit[];
}

const frac = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

export function mutationArb(seedCount: number): fc.Arbitrary<Mutation> {
  const edit: fc.Arbitrary<Edit> = fc.oneof(
    fc.record({
      k: fc.constant('insert' as const),
      at: frac,
      text: fc.oneof(
        fc.constantFrom(...SNIPPETS),
        fc.string({ maxLength: 8 }),
        fc.array(fc.constantFrom(...SNIPPETS), { maxLength: 6 }).map((a) => a.join(' ')),
      ),
    }),
    fc.record({ k: fc.constant('delete' as const), at: frac, len: fc.integer({ min: 1, max: 40 }) }),
    fc.record({
      k: fc.constant('splice' as const),
      at: frac,
      from: fc.nat({ max: seedCount - 1 }),
      start: frac,
      len: fc.integer({ min: 1, max: 200 }),
    }),
    fc.record({ k: fc.constant('lines' as const), at: frac, to: frac, dup: fc.boolean() }),
  );
  return fc.record({
    seed: fc.nat({ max: seedCount - 1 }),
    edits: fc.array(edit, { minLength: 1, maxLength: 5 }),
  });
}

/** The mutated script. */
export function apply(seeds: readonly Seed[], m: Mutation): Seed {
  const base = seeds[m.seed];
  let t = base.text;
  for (const e of m.edits) {
    const at = Math.floor(e.at * (t.length + 1));
    if (e.k === 'insert') t = t.slice(0, at) + e.text + t.slice(at);
    else if (e.k === 'delete') t = t.slice(0, at) + t.slice(at + e.len);
    else if (e.k === 'splice') {
      const src = seeds[e.from].text;
      const start = Math.floor(e.start * src.length);
      t = t.slice(0, at) + src.slice(start, start + e.len) + t.slice(at);
    } else {
      const lines = t.split('\n');
      const i = Math.floor(e.at * lines.length);
      const j = Math.floor(e.to * lines.length);
      if (e.dup) lines.splice(j, 0, lines[i]);
      else [lines[i], lines[j]] = [lines[j], lines[i]];
      t = lines.join('\n');
    }
  }
  return { path: base.path, text: t };
}

export const FUZZ_LIMITS = { maxDays: 400, maxScheduleOps: 20_000, maxBanks: 2_000, maxRules: 2_000 };

/** Why this outcome is not acceptable, or undefined when it is. */
function badDiagnostics(ds: readonly Diagnostic[]): string | undefined {
  for (const d of ds) {
    if (!/^MON\d{4}$/.test(d.code)) return `diagnostic without a valid code: ${JSON.stringify(d)}`;
    if (!d.span || !(d.span.start.line >= 1) || !(d.span.start.col >= 1))
      return `diagnostic without a span: ${JSON.stringify(d)}`;
    if (d.code === 'MON9001' || /internal error/.test(d.message)) return `${d.code}: ${d.message}`;
  }
  return undefined;
}

/**
 * Compiles and (when it compiles) runs a script. Returns undefined when the outcome is acceptable, else a
 * description of the fault. A run is stopped after `runMs` of wall time (that is not a fault).
 */
export function oracle(s: Seed, runMs = 2_000): string | undefined {
  try {
    const c = compile(s.text, { file: s.path });
    const bad = badDiagnostics(c.diagnostics);
    if (bad !== undefined) return `compile: ${bad}`;
    if (c.value === undefined) return undefined;
    const deadline = Date.now() + runMs;
    const r = runPlan(c.value, { limits: FUZZ_LIMITS, loadData, shouldStop: () => Date.now() > deadline });
    const badRun = badDiagnostics(r.diagnostics);
    if (badRun !== undefined) return `run: ${badRun}`;
    JSON.stringify(r.series, (_k, v) => {
      if (typeof v === 'number' && !Number.isFinite(v) && r.diagnostics.length === 0)
        throw new Error('a non-finite number in a clean run');
      return v;
    });
    return undefined;
  } catch (e) {
    return `threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
  }
}

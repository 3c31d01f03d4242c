// Front-end benchmark (SPEC §7): parse + check + compile of a generated 10,000-statement script, in
// µs per statement (median of several runs after a warm-up), and the cold start of `moneta check` on a small
// file (median of N spawns of `node bin/moneta.js check`). Prints a table and writes .bench/front.json.
// The generated script is made only of the statements the parser's fast path was first written for, so two
// more figures keep it honest: the same script with the fast path off, and the real corpus (every .mon file
// of examples/, stdlib/ and the shared conformance scripts).
//
//   npm run bench:front [-- --quick]        (needs `npm run build` for the cold-start part)

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, parse } from '../src/lang/index.js';
import { setFastPath } from '../src/lang/parse.js';

const QUICK = process.argv.includes('--quick');
const STATEMENTS = 10_000;
const RUNS = QUICK ? 3 : 9;
const SPAWNS = QUICK ? 5 : 15;
const TARGET_US = 2;
const TARGET_COLD_MS = 300;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const ECONOMY = `economy bench {
  currency USD
  unit 1m USD
  central_bank Fed {
    treasuries 800bn
    mbs 200bn
  }
  treasury Treasury
  bank Banks {
    reserves 1tn
    treasuries 2tn
    mbs 1tn
    loans 5tn
    deposits 9tn
  }
  public Public
  maintenance 14 days from 2010-01-07
  set reserve_ratio = 1%
  set lending = off
}
simulate from 2010-01-01 to 2037-12-31
remunerate {
  required at iorr
  excess at ioer
}
`;

function isoDay(n: number): string {
  return new Date(Date.UTC(2010, 0, 4) + n * 86_400_000).toISOString().slice(0, 10);
}

/** A script of `n` statements in the proportions of the examples: rules, operations, expectations. */
export function generateScript(n: number): string {
  const lines: string[] = [ECONOMY];
  for (let i = 0; i < n; i++) {
    const day = isoDay(i);
    switch (i % 8) {
      case 0:
        lines.push(`on ${day} set target = ${(i % 500) + 25}bp`);
        break;
      case 1:
        lines.push(`on ${day} set ioer = target - ${(i % 40) + 10}bp`);
        break;
      case 2:
        lines.push(`on ${day} buy treasuries ${(i % 90) + 1}bn USD`);
        break;
      case 3:
        lines.push(`on ${day} sell mbs ${(i % 9) + 1}bn USD from banks`);
        break;
      case 4:
        lines.push(`expect reserves > 100bn USD on ${day}`);
        break;
      case 5:
        lines.push(`expect ioer <= target within 1bp on ${day}`);
        break;
      case 6:
        lines.push(`on ${day} set iorr = avg(target, maintenance_period) - 10bp`);
        break;
      default:
        lines.push(`expect cb.treasuries + cb.mbs = reserves within 0.1% on ${day}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Parse + check + compile of a generated `statements`-statement script: median µs per statement. */
export function frontEnd(runs = RUNS, statements = STATEMENTS): { usPerStatement: number; runsMs: number[] } {
  const text = generateScript(statements);
  // Warm-up: JIT and the parser's one-time grammar analysis.
  for (let i = 0; i < 3; i++) {
    const r = compile(text, { file: 'bench.mon' });
    if (r.value === undefined)
      throw new Error(`the generated script does not compile: ${r.diagnostics[0]?.message}`);
  }
  const runsMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    compile(text, { file: 'bench.mon' });
    runsMs.push(performance.now() - t0);
  }
  return { usPerStatement: (median(runsMs) * 1000) / statements, runsMs };
}

/** The same figure as `frontEnd` with the parser's fast path off: every statement through chevrotain. */
export function frontEndSlowPath(
  runs = RUNS,
  statements = STATEMENTS,
): { usPerStatement: number; runsMs: number[] } {
  setFastPath(false);
  try {
    return frontEnd(runs, statements);
  } finally {
    setFastPath(true);
  }
}

function monFilesUnder(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) monFilesUnder(path, out);
    else if (name.endsWith('.mon')) out.push(path);
  }
  return out;
}

/** The real corpus: every .mon file under examples/, stdlib/ and /work/shared/conformance (errors too). */
export function corpusFiles(): string[] {
  return [
    ...monFilesUnder(join(root, 'examples')),
    ...monFilesUnder(join(root, 'stdlib')),
    ...monFilesUnder(join(root, '..', 'shared', 'conformance')),
  ];
}

/**
 * Parse + check + compile of every file of the corpus (`corpusFiles`), each under its own path so that `use`
 * resolves as in real use (a module's statements are parsed and checked again where it is used, and that
 * time counts). Statements are counted as the AST has them in each file alone: the program's top-level
 * statements plus the items of its `economy` blocks — not the statements inside `on`/`when`/`every` blocks,
 * nor those of the modules it uses, so the figure errs high. Median µs per statement of `runs` passes over
 * the whole corpus, after a warm-up.
 */
export function frontEndCorpus(runs = RUNS): {
  usPerStatement: number;
  runsMs: number[];
  files: number;
  statements: number;
} {
  const files = corpusFiles().map((path) => ({ path, text: readFileSync(path, 'utf8') }));
  let statements = 0;
  for (const f of files) {
    const program = parse(f.text, f.path).value?.program;
    for (const s of program?.statements ?? []) statements += s.kind === 'economy' ? 1 + s.items.length : 1;
  }
  const pass = (): number => {
    const t0 = performance.now();
    for (const f of files) compile(f.text, { file: f.path });
    return performance.now() - t0;
  };
  // Warm-up: JIT and the parser's one-time grammar analysis. A pass is short and touches much code once, so
  // it takes many (with 10, the first figures of a process came out twice the steady ones).
  for (let i = 0; i < 60; i++) pass();
  const runsMs: number[] = [];
  for (let i = 0; i < runs * 5; i++) runsMs.push(pass());
  return { usPerStatement: (median(runsMs) * 1000) / statements, runsMs, files: files.length, statements };
}

/** `moneta check` on a small file in fresh processes (needs `npm run build`): median ms; undefined if not built. */
export function coldStart(spawns = SPAWNS): { medianMs: number; runsMs: number[] } | undefined {
  const bin = join(root, 'bin', 'moneta.js');
  if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) return undefined;
  const dir = join(root, '.bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'cold.mon');
  writeFileSync(
    file,
    `${ECONOMY}buy treasuries 10bn USD monthly until 2010-06\nexpect reserves > 0 USD at end\n`,
  );
  const runsMs: number[] = [];
  for (let i = 0; i < spawns + 1; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [bin, 'check', file], { encoding: 'utf8' });
    const ms = performance.now() - t0;
    if (r.status !== 0) throw new Error(`moneta check failed (${r.status}): ${r.stdout}${r.stderr}`);
    if (i > 0) runsMs.push(ms); // the first spawn warms the file-system cache
  }
  return { medianMs: median(runsMs), runsMs };
}

function main(): void {
  const fe = frontEnd();
  const slow = frontEndSlowPath();
  const corpus = frontEndCorpus();
  const cold = coldStart();
  const result = {
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    statements: STATEMENTS,
    frontEnd: {
      usPerStatement: fe.usPerStatement,
      target: TARGET_US,
      ratio: fe.usPerStatement / TARGET_US,
      runsMs: fe.runsMs,
    },
    frontEndNoFastPath: { usPerStatement: slow.usPerStatement, runsMs: slow.runsMs },
    frontEndCorpus: {
      usPerStatement: corpus.usPerStatement,
      target: TARGET_US,
      ratio: corpus.usPerStatement / TARGET_US,
      files: corpus.files,
      statements: corpus.statements,
      runsMs: corpus.runsMs,
    },
    coldStart: cold && {
      ms: cold.medianMs,
      target: TARGET_COLD_MS,
      ratio: cold.medianMs / TARGET_COLD_MS,
      runsMs: cold.runsMs,
    },
  };

  const rows = [
    ['measure', 'median', 'target', 'ratio'],
    [
      'parse+check+compile',
      `${fe.usPerStatement.toFixed(3)} µs/stmt`,
      `≤ ${TARGET_US} µs`,
      (fe.usPerStatement / TARGET_US).toFixed(2),
    ],
    ['  same, fast path off', `${slow.usPerStatement.toFixed(3)} µs/stmt`, '-', '-'],
    [
      `  corpus (${corpus.files} files, ${corpus.statements} stmts)`,
      `${corpus.usPerStatement.toFixed(3)} µs/stmt`,
      `≤ ${TARGET_US} µs`,
      (corpus.usPerStatement / TARGET_US).toFixed(2),
    ],
    cold
      ? [
          'moneta check cold start',
          `${cold.medianMs.toFixed(0)} ms`,
          `≤ ${TARGET_COLD_MS} ms`,
          (cold.medianMs / TARGET_COLD_MS).toFixed(2),
        ]
      : ['moneta check cold start', 'not built', `≤ ${TARGET_COLD_MS} ms`, '-'],
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  console.log(`${result.machine.cpu}, ${result.machine.cores} cores, Node ${result.machine.node}`);
  for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c])).join('  '));
  mkdirSync(join(root, '.bench'), { recursive: true });
  writeFileSync(join(root, '.bench', 'front.json'), `${JSON.stringify(result, null, 2)}\n`);
}

// Runs when executed (`npm run bench:front`), not when imported by bench/all.ts.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();

// The front end's figure split by stage: parse, check (of the parsed program) and plan (of the checked one)
// on the generated 10,000-statement script, min and median over N runs after a warm-up, in µs per
// statement, next to the whole compile. The gap between a stage's minimum and its median is mostly garbage
// collection landing in it (everything the compile builds lives to its end), so the whole compiles are also
// split by the collections V8 reports inside them: the compiles with none, and the time per collection.
// For scale, the last lines time V8's JSON.parse materialising the same AST and plan from their JSON text,
// with the JSON's size and the number of objects the compile itself keeps, per statement: what building
// those objects costs without any of the work.
//
//   npx tsx bench/front-stages.ts [runs]

import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { buildPlan, check, compile, parse } from '../src/lang/index.js';
import { generateScript, median } from './front.js';

const N = Number(process.argv[2] ?? 15);
const STATEMENTS = 10_000;
const text = generateScript(STATEMENTS);
const us = (ms: number): number => (ms * 1000) / STATEMENTS;
const stat = (xs: number[]): string =>
  xs.length === 0 ? 'none' : `min ${Math.min(...xs).toFixed(2)} median ${median(xs).toFixed(2)}`;

const collections: PerformanceEntry[] = [];
const observer = new PerformanceObserver((list) => collections.push(...list.getEntries()));
observer.observe({ entryTypes: ['gc'] });

for (let i = 0; i < 5; i++) compile(text, { file: 'bench.mon' });
const stages = {
  parse: [] as number[],
  check: [] as number[],
  plan: [] as number[],
  compile: [] as number[],
};
const compiles: { start: number; end: number }[] = [];
for (let i = 0; i < N; i++) {
  const t0 = performance.now();
  const parsed = parse(text, 'bench.mon').value;
  const t1 = performance.now();
  const checked = parsed && check(parsed).value;
  const t2 = performance.now();
  if (!checked) throw new Error('the generated script does not check');
  buildPlan(checked, { file: 'bench.mon' });
  const t3 = performance.now();
  compile(text, { file: 'bench.mon' });
  const t4 = performance.now();
  stages.parse.push(us(t1 - t0));
  stages.check.push(us(t2 - t1));
  stages.plan.push(us(t3 - t2));
  stages.compile.push(us(t4 - t3));
  compiles.push({ start: t3, end: t4 });
}
for (const [name, xs] of Object.entries(stages)) console.log(`${name.padEnd(8)} µs/stmt ${stat(xs)}`);

// The observer's entries arrive after the work that made them: let them in before reading.
await new Promise((resolve) => setTimeout(resolve, 50));
observer.disconnect();
const without: number[] = [];
const perCollection: number[] = [];
for (const c of compiles) {
  const inside = collections.filter((g) => g.startTime >= c.start && g.startTime < c.end);
  if (inside.length === 0) without.push(us(c.end - c.start));
  for (const g of inside) perCollection.push(us(g.duration));
}
console.log(`compile with no collection inside µs/stmt ${stat(without)} (${without.length} of ${N})`);
console.log(`one collection inside a compile µs/stmt ${stat(perCollection)} (${perCollection.length})`);

const ast = parse(text, 'bench.mon').value?.program;
const plan = compile(text, { file: 'bench.mon' }).value;
const astJson = JSON.stringify(ast);
const planJson = JSON.stringify(plan);
const timed = (f: () => unknown): number[] => {
  for (let i = 0; i < 3; i++) f();
  const xs: number[] = [];
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    f();
    xs.push(us(performance.now() - t0));
  }
  return xs;
};
// Distinct objects reachable from a value (shared ones, such as the plan's cached positions, once).
const objects = (v: unknown, seen = new Set<object>()): number => {
  if (v === null || typeof v !== 'object' || seen.has(v)) return 0;
  seen.add(v);
  let n = 1;
  for (const x of Object.values(v)) n += objects(x, seen);
  return n;
};
const size = (value: unknown, json: string): string =>
  `${Math.round(json.length / STATEMENTS)} B/stmt of JSON; ` +
  `the compile's own holds ${(objects(value) / STATEMENTS).toFixed(1)} objects/stmt`;
console.log(
  `JSON.parse of the AST µs/stmt ${stat(timed(() => JSON.parse(astJson)))} (${size(ast, astJson)})`,
);
console.log(
  `JSON.parse of the plan µs/stmt ${stat(timed(() => JSON.parse(planJson)))} (${size(plan, planJson)})`,
);

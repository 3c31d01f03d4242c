// The front end's figure split by stage: parse, check (of the parsed program) and plan (of the checked one)
// on the generated 10,000-statement script, min and median over N runs after a warm-up, in µs per
// statement, next to the whole compile. The gap between a stage's minimum and its median is mostly garbage
// collection landing in it (everything the compile builds lives to its end), so the whole compiles are also
// split by the collections V8 reports inside them: the compiles with none, and the time per collection.
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

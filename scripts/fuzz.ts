// `npm run fuzz [-- --minutes N]`: the fuzzer of tests/robustness/fuzz.test.ts run for longer (default one
// minute). Each failing input is shrunk by fast-check and saved as tests/robustness/crashes/<hash>.mon, with
// <hash>.json holding the fault and the path the input stood at (so that `use` resolves as it did); the
// fuzz test replays every saved crash as a regression test. Exit 1 when a crash was found.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { apply, corpus, CRASHES, mutationArb, oracle, ROOT } from '../tests/robustness/fuzz-core.js';

function minutesArg(argv: string[]): number {
  const i = argv.indexOf('--minutes');
  const raw = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--minutes='))?.slice('--minutes='.length);
  if (raw === undefined) return 1;
  const n = Number(raw);
  if (!(n > 0)) {
    console.error(`fuzz: --minutes ${raw}: expected a positive number`);
    process.exit(64);
  }
  return n;
}

const minutes = minutesArg(process.argv.slice(2));
const seeds = corpus();
const arb = mutationArb(seeds.length);
const end = Date.now() + minutes * 60_000;
let cases = 0;
let crashes = 0;
const seen = new Set<string>();

console.log(`fuzz: ${seeds.length} seed scripts, ${minutes} minute(s)`);
while (Date.now() < end) {
  const result = fc.check(
    fc.property(arb, (m) => {
      cases++;
      return oracle(apply(seeds, m), 1_000) === undefined;
    }),
    { numRuns: 200, seed: Date.now() ^ (Math.random() * 0x7fffffff), endOnFailure: true },
  );
  if (!result.failed || !result.counterexample) continue;
  const input = apply(seeds, result.counterexample[0]);
  const fault = oracle(input, 1_000) ?? '(not reproducible)';
  const key = fault.split('\n')[0].replace(/\d+/g, 'N');
  const hash = createHash('sha256').update(input.text).digest('hex').slice(0, 12);
  crashes++;
  if (seen.has(key)) continue;
  seen.add(key);
  mkdirSync(CRASHES, { recursive: true });
  writeFileSync(join(CRASHES, `${hash}.mon`), input.text);
  writeFileSync(
    join(CRASHES, `${hash}.json`),
    JSON.stringify({ path: relative(ROOT, input.path), fault }, null, 2) + '\n',
  );
  console.log(`fuzz: crash ${hash}: ${fault.split('\n')[0]}`);
}
console.log(`fuzz: ${cases} cases, ${crashes} failing (${seen.size} distinct) in ${minutes} minute(s)`);
process.exit(seen.size > 0 ? 1 : 0);

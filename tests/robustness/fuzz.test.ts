// Bounded fuzzing (well under 30 s): mutated real scripts compile to coded diagnostics or run cleanly, and
// never throw. `npm run fuzz` runs the same generators longer; every crash it saved in crashes/ is replayed
// here as a regression test.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apply, corpus, CRASHES, mutationArb, oracle, ROOT } from './fuzz-core.js';

const seeds = corpus();

describe('fuzzing the front end and the interpreter', () => {
  it('has a corpus of real scripts', () => {
    expect(seeds.length).toBeGreaterThan(20);
  });

  it('every seed script compiles to coded diagnostics or runs cleanly', () => {
    for (const s of seeds) expect(oracle(s), s.path).toBeUndefined();
  });

  it('mutated scripts never throw', () => {
    fc.assert(
      fc.property(mutationArb(seeds.length), (m) => {
        const s = apply(seeds, m);
        const fault = oracle(s, 500);
        if (fault !== undefined) throw new Error(`${fault}\n--- input (${s.path}):\n${s.text}`);
      }),
      { numRuns: 600, seed: 20261122, endOnFailure: true },
    );
  });
});

describe('crashes found by `npm run fuzz` (regressions)', () => {
  let files: string[] = [];
  try {
    files = readdirSync(CRASHES)
      .filter((f) => f.endsWith('.mon'))
      .sort();
  } catch {
    files = [];
  }
  it.each(files.length ? files : ['(none yet)'])('%s', (f) => {
    if (f === '(none yet)') return;
    const text = readFileSync(join(CRASHES, f), 'utf8');
    // Replayed at the path the input stood at when it crashed (so that `use` resolves the same).
    const meta = join(CRASHES, f.replace(/\.mon$/, '.json'));
    const path = existsSync(meta)
      ? join(ROOT, (JSON.parse(readFileSync(meta, 'utf8')) as { path: string }).path)
      : join(CRASHES, f);
    expect(oracle({ path, text })).toBeUndefined();
  });
});

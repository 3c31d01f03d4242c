// Running a compiled plan with data from stdlib/ — without the front end, so that a sweep's workers do not
// load the parser and chevrotain (about 55 ms of start-up per worker, measured).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// interpret/run.js, not interpret/index.js: the index also loads the renderers, which a worker never uses.
import type { RunOptions, RunResult } from '../interpret/result.js';
import { runPlan } from '../interpret/run.js';
import type { Plan } from '../plan/types.js';
import { stdlibDir } from './paths.js';

export function loadData(source: string): string | undefined {
  try {
    if (source.startsWith('stdlib:')) {
      const rel = source.slice('stdlib:'.length);
      return readFileSync(join(stdlibDir(), 'data', rel.endsWith('.csv') ? rel : `${rel}.csv`), 'utf8');
    }
    if (source.startsWith('file:')) return readFileSync(source.slice('file:'.length), 'utf8');
  } catch {
    return undefined;
  }
  return undefined;
}

export function runCompiled(plan: Plan, opts: RunOptions = {}): RunResult {
  return runPlan(plan, { loadData, ...opts });
}

// The steps every running command shares: read a script, compile it, run it with data from stdlib/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics/types.js';
import { runPlan, type RunOptions, type RunResult } from '../interpret/index.js';
import type { Plan } from '../plan/types.js';
import { frontEnd } from './front-end.js';
import { readSource } from './read-source.js';
import { stdlibDir } from './paths.js';

export interface Compiled {
  file: string;
  source: string;
  plan: Plan | undefined;
  diagnostics: Diagnostic[];
  /** Source text of every file involved (for rendering diagnostics in used modules). */
  sources: Map<string, string>;
}

export { UsageError } from './read-source.js';

export function compileScript(file: string, cwd: string): Compiled {
  const { path, text: source } = readSource(file, cwd);
  return { ...frontEnd(file, path, source, { plan: true }), file, source };
}

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

export const hasErrors = (ds: Diagnostic[]) => ds.some((d) => d.severity === 'error');

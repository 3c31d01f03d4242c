// The steps every running command shares: read a script, compile it, run it with data from stdlib/.
import type { Diagnostic } from '../diagnostics/types.js';
import type { Plan } from '../plan/types.js';
import { frontEnd } from './front-end.js';
import { readSource } from './read-source.js';

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

export { loadData, runCompiled } from './run-compiled.js';

export const hasErrors = (ds: Diagnostic[]) => ds.some((d) => d.severity === 'error');

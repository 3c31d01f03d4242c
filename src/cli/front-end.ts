// The front end from the command line: checking and planning a script file with a host over the file
// system, keeping the text of every file involved (for rendering diagnostics in modules).
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/types.js';
import type { Host } from '../lang/host.js';
import { buildPlan, check } from '../lang/index.js';
import type { Plan } from '../plan/types.js';
import { stdlibDir } from './paths.js';

export interface FrontEndResult {
  plan: Plan | undefined;
  diagnostics: Diagnostic[];
  /** File (as it appears in diagnostics) → text. */
  sources: Map<string, string>;
}

/**
 * A host that reads what `use` names. Module paths are joined to the script's path as the user wrote it
 * (`file`), so diagnostics show them that way; they are read relative to where the script really is (`path`).
 */
export function fileHost(file: string, path: string): Host {
  return {
    readFile(p: string): string | undefined {
      const real = isAbsolute(p) ? p : resolve(dirname(path), relative(dirname(file), p));
      try {
        return readFileSync(real, 'utf8');
      } catch {
        return undefined;
      }
    },
    stdlibDir: stdlibDir(),
  };
}

/** Checks a script read from `path` and shown as `file`; with `plan`, also compiles it when it has no error. */
export function frontEnd(
  file: string,
  path: string,
  source: string,
  opts: { plan: boolean },
): FrontEndResult {
  const checked = check(source, { file, host: fileHost(file, path) });
  const sources = new Map<string, string>([[file, source]]);
  for (const f of checked.value?.files ?? []) sources.set(f.source.path, f.source.text);
  const errors = checked.diagnostics.some((d) => d.severity === 'error');
  if (!opts.plan || checked.value === undefined || errors) {
    return { plan: undefined, diagnostics: checked.diagnostics, sources };
  }
  const planned = buildPlan(checked.value, { file });
  return { plan: planned.value, diagnostics: [...checked.diagnostics, ...planned.diagnostics], sources };
}

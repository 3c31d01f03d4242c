// Compiles a script from disk, remembering the text of every file read (the script and the modules it
// `use`s) so diagnostics can show their source lines.
import type { Diagnostic } from '../diagnostics/types.js';
import { compile } from '../lang/index.js';
import { defaultHost } from '../lang/node-host.js';
import type { Plan } from '../plan/types.js';
import { stdlibDir } from './paths.js';

export function compileFile(
  file: string,
  path: string,
  source: string,
): { plan: Plan | undefined; diagnostics: Diagnostic[]; sources: Map<string, string> } {
  const sources = new Map<string, string>([[file, source]]);
  const base = defaultHost();
  const host = {
    stdlibDir: base?.stdlibDir ?? stdlibDir(),
    readFile(p: string): string | undefined {
      const text = base?.readFile(p);
      if (text !== undefined) sources.set(p, text);
      return text;
    },
  };
  void path;
  const r = compile(source, { file, host });
  return { plan: r.value, diagnostics: r.diagnostics, sources };
}

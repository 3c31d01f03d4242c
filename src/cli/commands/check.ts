// `moneta check [--json] FILE…`: every diagnostic of every file; exit 2 when there is an error.
import { toJson } from '../../diagnostics/render.js';
import type { Diagnostic } from '../../diagnostics/types.js';
import { printDiagnostics } from '../diagnostics-out.js';
import { frontEnd } from '../front-end.js';
import { EXIT, type Io } from '../io.js';
import { readSources } from '../read-source.js';

/** `2 errors, 1 warning`. */
function summary(diagnostics: readonly Diagnostic[]): string {
  const parts: string[] = [];
  for (const severity of ['error', 'warning'] as const) {
    const n = diagnostics.filter((d) => d.severity === severity).length;
    if (n > 0) parts.push(`${n} ${severity}${n === 1 ? '' : 's'}`);
  }
  return parts.join(', ');
}

export async function checkCommand(files: string[], opts: { json?: boolean }, io: Io): Promise<number> {
  const sources = readSources(files, io);
  if (sources === undefined) return EXIT.usage;
  const all: Diagnostic[] = [];
  for (const s of sources) {
    const r = frontEnd(s.file, s.path, s.text, { plan: false });
    all.push(...r.diagnostics);
    if (!opts.json) printDiagnostics(r.diagnostics, r.sources, io, 'out');
  }
  if (opts.json) io.out(`${JSON.stringify({ diagnostics: all.map(toJson) }, null, 2)}\n`);
  else if (summary(all) !== '') io.out(`${summary(all)}\n`);
  return all.some((d) => d.severity === 'error') ? EXIT.diagnostics : EXIT.ok;
}

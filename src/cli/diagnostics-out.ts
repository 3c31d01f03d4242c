// Prints diagnostics the way `moneta check` does (file:line:col, source line, carets, hint).
import { readFileSync } from 'node:fs';
import { renderDiagnostics } from '../diagnostics/render.js';
import type { Diagnostic } from '../diagnostics/types.js';
import type { Io } from './io.js';

export function printDiagnostics(
  ds: readonly Diagnostic[],
  sources: Map<string, string>,
  io: Io,
  stream: 'out' | 'err' = 'err',
): void {
  if (ds.length === 0) return;
  const lookup = (file: string) => {
    if (sources.has(file)) return sources.get(file);
    try {
      const text = readFileSync(file, 'utf8');
      sources.set(file, text);
      return text;
    } catch {
      return undefined;
    }
  };
  const text = renderDiagnostics(ds, lookup);
  (stream === 'out' ? io.out : io.err)(text.endsWith('\n') ? text : text + '\n');
}

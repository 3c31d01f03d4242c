// Test helpers for the front end: Langium-style position markers, the conformance files, and a small
// in-memory host.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import type { Range } from '../../src/lang/ast.js';
import type { Host } from '../../src/lang/host.js';
import { check } from '../../src/lang/index.js';

export const ROOT = join(fileURLToPath(import.meta.url), '..', '..', '..');
/** The shared conformance scripts, read at run time (never copied into the repository). */
export const CONFORMANCE = join(ROOT, '..', 'shared', 'conformance');
export const CONFORMANCE_ERRORS = join(CONFORMANCE, 'errors');

export function monFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.mon'))
    .sort()
    .map((f) => join(dir, f));
}

export function read(path: string): string {
  return readFileSync(path, 'utf8');
}

/**
 * Position markers, as in Langium's test utilities: `<|` and `|>` mark expected ranges in a source. Returns
 * the source without markers and the marked ranges (offsets into it), in order.
 */
export function markers(marked: string): { text: string; ranges: Range[] } {
  const ranges: Range[] = [];
  let text = '';
  let open: number | undefined;
  for (let i = 0; i < marked.length; i++) {
    if (marked.startsWith('<|', i)) {
      open = text.length;
      i++;
    } else if (marked.startsWith('|>', i) && open !== undefined) {
      ranges.push({ start: open, end: text.length });
      open = undefined;
      i++;
    } else text += marked[i];
  }
  return { text, ranges };
}

/** Offset of a 1-based line and column. */
export function offsetOf(text: string, line: number, col: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) offset = text.indexOf('\n', offset) + 1;
  return offset + col - 1;
}

/** Whether a diagnostic's span covers exactly the (offset) range in `text`. */
export function spans(d: Diagnostic, text: string, r: Range): boolean {
  const start = offsetOf(text, d.span.start.line, d.span.start.col);
  const end = offsetOf(text, d.span.end.line, d.span.end.col) + 1;
  return start === r.start && end === Math.max(r.end, r.start + 1);
}

/** A small valid economy for tests; statements go after it. */
export const ECONOMY = `economy small {
  currency USD
  unit 1m USD
  central_bank Fed {
    treasuries 800bn
  }
  treasury Treasury
  bank Banks {
    reserves 800bn
    treasuries 1tn
    mbs 500bn
    loans 5tn
    deposits 6.5tn
  }
  public Public
}
simulate from 2010-01-01 to 2010-12-31
`;

export function memoryHost(files: Record<string, string>, stdlibDir = '/stdlib'): Host {
  return { readFile: (p) => files[p], stdlibDir };
}

/** Diagnostics of a script (checked with an in-memory host). */
export function diagnosticsOf(
  text: string,
  files: Record<string, string> = {},
  file = 'test.mon',
): Diagnostic[] {
  return check(text, { file, host: memoryHost(files) }).diagnostics;
}

/**
 * Checks a marked script: expects exactly one diagnostic with `code` per marked range, covering it, and no
 * other error.
 */
export function expectMarked(marked: string, code: string, files: Record<string, string> = {}): Diagnostic[] {
  const { text, ranges } = markers(marked);
  const ds = diagnosticsOf(text, files);
  const errors = ds.filter((d) => d.severity !== 'info');
  const unexpected = errors.filter((d) => !(d.code === code && ranges.some((r) => spans(d, text, r))));
  const missing = ranges.filter((r) => !errors.some((d) => d.code === code && spans(d, text, r)));
  if (unexpected.length > 0 || missing.length > 0) {
    const show = (d: Diagnostic): string =>
      `${d.code} ${d.span.start.line}:${d.span.start.col}-${d.span.end.line}:${d.span.end.col} ${d.message}`;
    throw new Error(
      `expected ${code} at ${ranges.map((r) => `[${text.slice(r.start, r.end)}]`).join(', ')}\n` +
        `got:\n${errors.map(show).join('\n') || '(nothing)'}`,
    );
  }
  return errors;
}

// Diagnostics for people: `file:line:col: error[CODE]: message`, the source line with a caret underline,
// a hint and related locations. And for tools: the JSON shape of `moneta check --json`.
import type { Diagnostic } from './types.js';

/** The text of a file a diagnostic points into, when known. */
export type SourceLookup = (file: string) => string | undefined;

function lineOf(text: string, n: number): string | undefined {
  let start = 0;
  for (let i = 1; i < n; i++) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) return undefined;
    start = nl + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '');
}

function location(d: { span: Diagnostic['span'] }): string {
  return `${d.span.file}:${d.span.start.line}:${d.span.start.col}`;
}

/** One diagnostic, several lines, each ending in a newline. */
export function renderDiagnostic(d: Diagnostic, sources: SourceLookup): string {
  const out: string[] = [`${location(d)}: ${d.severity}[${d.code}]: ${d.message}`];
  const text = sources(d.span.file);
  const line = text === undefined ? undefined : lineOf(text, d.span.start.line);
  if (line !== undefined) {
    const shown = line.replace(/\t/g, ' ');
    const gutter = String(d.span.start.line);
    const pad = ' '.repeat(gutter.length);
    const startCol = Math.max(1, d.span.start.col);
    const endCol =
      d.span.end.line === d.span.start.line
        ? Math.max(startCol, d.span.end.col)
        : Math.max(startCol, shown.length);
    out.push(` ${gutter} | ${shown}`);
    out.push(` ${pad} | ${' '.repeat(startCol - 1)}${'^'.repeat(endCol - startCol + 1)}`);
  }
  if (d.hint !== undefined) out.push(`  hint: ${d.hint}`);
  for (const r of d.related ?? []) out.push(`  note: ${location(r)}: ${r.message}`);
  return `${out.join('\n')}\n`;
}

export function renderDiagnostics(ds: readonly Diagnostic[], sources: SourceLookup): string {
  return ds.map((d) => renderDiagnostic(d, sources)).join('');
}

export interface JsonDiagnostic {
  code: string;
  severity: string;
  message: string;
  hint: string | null;
  file: string;
  range: { start: { line: number; col: number }; end: { line: number; col: number } };
}

/** The `--json` shape of SPEC §5 (1-based, end inclusive). */
export function toJson(d: Diagnostic): JsonDiagnostic {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    hint: d.hint ?? null,
    file: d.span.file,
    range: { start: { ...d.span.start }, end: { ...d.span.end } },
  };
}

/** Grouped by file (in order of first appearance), then by position; stable otherwise. */
export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  const fileOrder = new Map<string, number>();
  for (const d of ds) if (!fileOrder.has(d.span.file)) fileOrder.set(d.span.file, fileOrder.size);
  return ds
    .map((d, i) => ({ d, i }))
    .sort(
      (a, b) =>
        fileOrder.get(a.d.span.file)! - fileOrder.get(b.d.span.file)! ||
        a.d.span.start.line - b.d.span.start.line ||
        a.d.span.start.col - b.d.span.start.col ||
        a.i - b.i,
    )
    .map((x) => x.d);
}

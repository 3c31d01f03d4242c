// The front end's public API: source text → AST → checked program → plan, each stage a function returning
// `{ value, diagnostics }`. Nothing here throws: a fault of Moneta itself becomes a MON9001 diagnostic.
import { diagnostic } from '../diagnostics/catalogue.js';
import { sortDiagnostics } from '../diagnostics/render.js';
import type { Diagnostic, Result } from '../diagnostics/types.js';
import type { Plan } from '../plan/types.js';
import { ACTIVE_WORDS, checkProgram, firstActive, type Checked } from './check/index.js';
import { toPlan } from './compile.js';
import { formatParsed } from './format.js';
import type { Host } from './host.js';
import { defaultHost } from './node-host.js';
import { parse as parseText, type ParsedFile } from './parse.js';

export type { Host } from './host.js';
export type { ParsedFile, Comment } from './parse.js';
export type { Checked } from './check/index.js';
export type * as Ast from './ast.js';

function fault(stage: string, file: string, e: unknown): Diagnostic {
  const detail = e instanceof Error ? e.message : String(e);
  return diagnostic(
    'MON9001',
    { file, start: { line: 1, col: 1 }, end: { line: 1, col: 1 } },
    { stage, detail },
  );
}

function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}

/** Source text → AST. The AST is always there (partial where the parser recovered). */
export function parse(text: string, file: string): Result<ParsedFile> {
  try {
    const r = parseText(text, file);
    return { value: r.value, diagnostics: sortDiagnostics(r.diagnostics) };
  } catch (e) {
    return { value: undefined, diagnostics: [fault('parser', file, e)] };
  }
}

export interface CheckOptions {
  /** The script's path (used when `source` is text). */
  file?: string;
  /** Reads the modules `use` names; default: the local file system under Node, none in a browser. */
  host?: Host;
}

/** Names, types and units, dates, schedules, rules and the economy: every diagnostic of the program. */
export function check(source: ParsedFile | string, opts: CheckOptions = {}): Result<Checked> {
  const file = typeof source === 'string' ? (opts.file ?? '<input>') : source.source.path;
  const parsed = typeof source === 'string' ? parse(source, file) : { value: source, diagnostics: [] };
  if (parsed.value === undefined) return { value: undefined, diagnostics: parsed.diagnostics };
  try {
    const r = checkProgram(parsed.value, opts.host ?? defaultHost());
    return { value: r.value, diagnostics: sortDiagnostics([...parsed.diagnostics, ...r.diagnostics]) };
  } catch (e) {
    return { value: undefined, diagnostics: [...parsed.diagnostics, fault('checker', file, e)] };
  }
}

/** The plan of a checked program (undefined, with the reasons, when it has errors or nothing to run). */
export function buildPlan(checked: Checked, opts: { file?: string } = {}): Result<Plan> {
  const file = opts.file ?? checked.files[0].source.path;
  if (hasErrors(checked.info.diagnostics)) return { value: undefined, diagnostics: [] };
  try {
    const plan = toPlan(checked, file);
    if (plan !== undefined) return { value: plan, diagnostics: [] };
    // No period: a module. One with statements that do something was meant to run.
    const active = checked.env.simulate === undefined ? firstActive(checked.items) : undefined;
    if (active !== undefined) {
      const what = ACTIVE_WORDS[active.stmt.kind] ?? 'statements';
      return {
        value: undefined,
        diagnostics: [diagnostic('MON4007', active.file.span(active.stmt.range), { what })],
      };
    }
    return {
      value: undefined,
      diagnostics: [diagnostic('MON4015', checked.files[0].source.span({ start: 0, end: 0 }))],
    };
  } catch (e) {
    return { value: undefined, diagnostics: [fault('compiler', file, e)] };
  }
}

/** Source text → plan: parse, check and compile. */
export function compile(text: string, opts: { file: string; host?: Host }): Result<Plan> {
  const checked = check(text, opts);
  if (checked.value === undefined || hasErrors(checked.diagnostics)) {
    return { value: undefined, diagnostics: checked.diagnostics };
  }
  const planned = buildPlan(checked.value, { file: opts.file });
  return { value: planned.value, diagnostics: [...checked.diagnostics, ...planned.diagnostics] };
}

/** Canonical formatting (comments kept). Undefined, with the syntax errors, when the text does not parse. */
export function format(text: string, opts: { file?: string } = {}): Result<string> {
  const file = opts.file ?? '<input>';
  const parsed = parse(text, file);
  if (parsed.value === undefined || hasErrors(parsed.diagnostics))
    return { value: undefined, diagnostics: parsed.diagnostics };
  try {
    return { value: formatParsed(parsed.value), diagnostics: [] };
  } catch (e) {
    return { value: undefined, diagnostics: [fault('formatter', file, e)] };
  }
}

// `use`: loading modules and flattening a script with its modules into one list of top-level statements.
// A module's statements take effect where it is used, as if written there (each keeps its own file for
// diagnostics and spans); a module used twice is included once.
import { diagnostic } from '../diagnostics/catalogue.js';
import type { Diagnostic } from '../diagnostics/types.js';
import type * as A from './ast.js';
import type { Host } from './host.js';
import { parse, type ParsedFile } from './parse.js';
import { join, normalize, resolveFrom } from './paths.js';
import type { SourceFile } from './source.js';

/** A top-level statement and the file it is written in. */
export interface Item {
  stmt: A.Stmt;
  file: SourceFile;
  /** Written in the script itself, not in a module it uses. */
  main: boolean;
}

export interface Loaded {
  items: Item[];
  /** Every file read, the script first. */
  files: ParsedFile[];
  diagnostics: Diagnostic[];
  /** Some `use` could not be loaded (so what it would have declared may be missing). */
  incomplete: boolean;
}

function candidates(stmt: A.StmtOf<'use'>, from: string, host: Host): string[] {
  if (!Array.isArray(stmt.target)) return [resolveFrom(from, stmt.target.value)];
  if (host.stdlibDir === undefined) return [];
  const rel = stmt.target.map((p) => p.name).join('/');
  return [join(host.stdlibDir, `${rel}.mon`), join(host.stdlibDir, 'economies', `${rel}.mon`)];
}

function describe(stmt: A.StmtOf<'use'>): string {
  return Array.isArray(stmt.target) ? `\`${stmt.target.map((p) => p.name).join('.')}\`` : stmt.target.raw;
}

/**
 * Parsed modules by path, reused while the file's text is unchanged. A module used by many scripts (the
 * stdlib economies, a corpus, `moneta test`) is then parsed once per process rather than once per script.
 * Keyed by the text as well as the path because parsing is a pure function of the two: the file is still read
 * every time (so an edited file is seen at once, whatever the host), only its parse is saved. Sharing the AST
 * is safe because nothing after the parser writes to it (the checker keeps what it learns in side tables).
 */
const parsedModules = new Map<string, { text: string; parsed: ReturnType<typeof parse> }>();
/** Enough for the stdlib and a project's modules; beyond it the oldest entry goes (Map keeps insertion order). */
const MAX_CACHED_MODULES = 256;

function parseModule(text: string, path: string): ReturnType<typeof parse> {
  const hit = parsedModules.get(path);
  if (hit !== undefined && hit.text === text) return hit.parsed;
  const parsed = parse(text, path);
  parsedModules.delete(path);
  parsedModules.set(path, { text, parsed });
  if (parsedModules.size > MAX_CACHED_MODULES) parsedModules.delete(parsedModules.keys().next().value!);
  return parsed;
}

export function loadModules(main: ParsedFile, host: Host | undefined): Loaded {
  const items: Item[] = [];
  const files: ParsedFile[] = [main];
  const diagnostics: Diagnostic[] = [];
  const mainPath = normalize(main.source.path);
  const loaded = new Set<string>([mainPath]);
  const stack: string[] = [mainPath];

  const visit = (file: ParsedFile, isMain: boolean): void => {
    const statements = file.program.statements;
    // Indexed: a for-of here made an iterator result per statement (see check/index.ts).
    for (let i = 0; i < statements.length; i++) {
      const stmt = statements[i];
      if (stmt.kind !== 'use') {
        items.push({ stmt, file: file.source, main: isMain });
        continue;
      }
      if (stmt.recovered === true) continue;
      const span = file.source.span(stmt.range);
      if (host === undefined) {
        diagnostics.push(
          diagnostic('MON2008', span, { name: describe(stmt) }, { hint: 'files cannot be read here' }),
        );
        continue;
      }
      const paths = candidates(stmt, file.source.path, host);
      if (paths.length === 0) {
        diagnostics.push(
          diagnostic('MON2008', span, { name: describe(stmt) }, { hint: 'no standard library is available' }),
        );
        continue;
      }
      const cycleAt = paths.find((p) => stack.includes(p));
      if (cycleAt !== undefined) {
        const chain = [...stack.slice(stack.indexOf(cycleAt)), cycleAt].join(' → ');
        diagnostics.push(diagnostic('MON2009', span, { name: cycleAt, chain }));
        continue;
      }
      const already = paths.find((p) => loaded.has(p));
      if (already !== undefined) continue;
      let found: { path: string; text: string } | undefined;
      for (const p of paths) {
        const text = host.readFile(p);
        if (text !== undefined) {
          found = { path: p, text };
          break;
        }
      }
      if (found === undefined) {
        diagnostics.push(
          diagnostic(
            'MON2008',
            span,
            { name: describe(stmt) },
            { hint: `looked for ${paths.join(' and ')}` },
          ),
        );
        continue;
      }
      loaded.add(found.path);
      const parsed = parseModule(found.text, found.path);
      files.push(parsed.value!);
      diagnostics.push(...parsed.diagnostics);
      stack.push(found.path);
      visit(parsed.value!, false);
      stack.pop();
    }
  };
  visit(main, true);
  return {
    items,
    files,
    diagnostics,
    incomplete: diagnostics.some((d) => d.code === 'MON2008' || d.code === 'MON2009'),
  };
}

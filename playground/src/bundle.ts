// The files a script can reach in the browser: the standard library (`use NAME`), its data series
// (`data("fred/WRESBAL")`) and the examples (which may `use "./_module.mon"`), bundled as raw text.
// Paths are virtual and absolute: /moneta/stdlib/…, /moneta/examples/….

export const ROOT = '/moneta';
export const STDLIB_DIR = `${ROOT}/stdlib`;
export const DEFAULT_FILE = `${ROOT}/playground/main.mon`;

const stdlib = import.meta.glob('../../stdlib/**/*.mon', { query: '?raw', import: 'default', eager: true });
const examples = import.meta.glob('../../examples/**/*.mon', {
  query: '?raw',
  import: 'default',
  eager: true,
});
/** '../../stdlib/economies/us.mon' → '/moneta/stdlib/economies/us.mon' */
export function virtual(globKey: string): string {
  return `${ROOT}/${globKey.replace(/^(\.\.\/)+/, '')}`;
}

const files = new Map<string, string>();
for (const [k, v] of Object.entries({ ...stdlib, ...examples })) files.set(virtual(k), v as string);

export function readFile(absPath: string): string | undefined {
  return files.get(normalise(absPath));
}

/** Resolves `.` and `..` segments of a virtual path (the compiler may hand us `/a/b/../c.mon`). */
export function normalise(p: string): string {
  const out: string[] = [];
  for (const seg of p.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return `/${out.join('/')}`;
}

export interface Example {
  /** Virtual path, used as the script's file name so relative `use` works. */
  file: string;
  /** Path under examples/, e.g. `exercises/01_reserves.mon`. */
  name: string;
  group: string;
  title: string;
  text: string;
  module: boolean;
}

export const EXAMPLES: Example[] = Object.entries(examples)
  .map(([k, v]) => {
    const text = v as string;
    const name = k.replace(/^(\.\.\/)+examples\//, '');
    const slash = name.lastIndexOf('/');
    const base = name.slice(slash + 1);
    const group = slash < 0 ? 'Examples' : name.slice(0, slash).replace(/[_/]/g, ' ');
    const title =
      /^\s*title\s+"((?:[^"\\]|\\.)*)"/m.exec(text)?.[1] ?? base.replace(/\.mon$/, '').replace(/_/g, ' ');
    return { file: virtual(k), name, group, title, text, module: base.startsWith('_') };
  })
  .filter((e) => !e.module)
  .sort((a, b) => (a.group === b.group ? a.name.localeCompare(b.name) : a.group.localeCompare(b.group)));

/** Virtual paths of the bundled stdlib modules (for `use` completion). */
export const STDLIB_PATHS = [...files.keys()].filter((p) => p.startsWith(`${STDLIB_DIR}/`));

// POSIX-style path arithmetic for `use`, without node:path (the front end also runs in the browser).

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  if (i === -1) return '.';
  return i === 0 ? '/' : path.slice(0, i);
}

/** A `.` or `..` part, an empty part (`//`) or a trailing `/`: what normalize has to rewrite. */
const NOT_NORMAL = /(^|\/)\.\.?(\/|$)|\/\/|.\/$/;

export function normalize(path: string): string {
  // Paths are usually normal already (the checker normalizes each script's path and every `use`).
  if (path !== '' && !NOT_NORMAL.test(path)) return path;
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (part !== '..' || !absolute) out.push(part);
  }
  const joined = out.join('/');
  return absolute ? `/${joined}` : joined === '' ? '.' : joined;
}

export function join(...parts: string[]): string {
  return normalize(parts.filter((p) => p !== '').join('/'));
}

/** `target` relative to the directory of `from` (unless absolute). */
export function resolveFrom(from: string, target: string): string {
  return target.startsWith('/') ? normalize(target) : join(dirname(from), target);
}

// The default host under Node: reads files with node:fs. It reaches node:fs through
// process.getBuiltinModule, not an import, so that src/lang still loads in a browser (where there is no
// default host and `use` of a file needs one passed in).
import type { Host } from './host.js';

interface NodeFs {
  readFileSync(path: string, options: { encoding: 'utf8' }): string;
  existsSync(path: string): boolean;
}
interface NodeProcess {
  getBuiltinModule?(id: string): unknown;
}

let cached: Host | null | undefined;

// An options object rather than the string 'utf8', which node:fs turns into a new options object per read
// (a fifth of the cost of reading a small module).
const UTF8 = { encoding: 'utf8' } as const;

function nodeFs(): NodeFs | undefined {
  const proc = (globalThis as { process?: NodeProcess }).process;
  return proc?.getBuiltinModule?.('node:fs') as NodeFs | undefined;
}

/** stdlib/ of this package: the nearest ancestor directory of this module that has one. */
function findStdlib(fs: NodeFs): string | undefined {
  let dir = new URL('.', import.meta.url);
  for (let i = 0; i < 6; i++) {
    const candidate = new URL('stdlib/', dir);
    if (candidate.protocol === 'file:' && fs.existsSync(decodeURIComponent(candidate.pathname))) {
      return decodeURIComponent(candidate.pathname).replace(/\/$/, '');
    }
    dir = new URL('..', dir);
  }
  return undefined;
}

/** A host over the local file system, or undefined where there is none. */
export function defaultHost(): Host | undefined {
  if (cached !== undefined) return cached ?? undefined;
  const fs = nodeFs();
  if (fs === undefined) {
    cached = null;
    return undefined;
  }
  const host: Host = {
    readFile(path: string): string | undefined {
      // `use NAME` tries NAME.mon before economies/NAME.mon: the miss is usual, and a failed read throws an
      // error (with its stack and message) that costs several times the read itself.
      if (!fs.existsSync(path)) return undefined;
      try {
        return fs.readFileSync(path, UTF8);
      } catch {
        return undefined;
      }
    },
  };
  const stdlib = findStdlib(fs);
  if (stdlib !== undefined) host.stdlibDir = stdlib;
  cached = host;
  return host;
}

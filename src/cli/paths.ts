// Where the package's own files (stdlib/, examples/) are, wherever the CLI runs from.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'stdlib'))) {
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  root = dir;
  return root;
}

export function stdlibDir(): string {
  return join(packageRoot(), 'stdlib');
}

// Bundles the compiled CLI (tsc's dist/src/cli/main.js and everything it imports from the project) into
// dist/cli/, one chunk per lazily loaded command. Node's ES module loader resolves, reads and links every file
// on its own; sparing it ~50 of ours takes ~25 ms off `moneta check`'s cold start (SPEC §7: ≤ 300 ms; see
// docs/performance.md). Packages stay external, so node_modules loads as it is; tsc's output stays the
// library (`main`, `types`) and the sweep worker's file. Plain JavaScript, so the build needs only Node and
// esbuild.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'cli');
// Chunk names carry a hash: without clearing, every build would leave the previous build's chunks behind.
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [join(root, 'dist', 'src', 'cli', 'main.js')],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});

// Bundles the compiled CLI (tsc's dist/src/cli/main.js and everything it imports from the project) into
// dist/cli/, one chunk per lazily loaded command. Node's ES module loader resolves, reads and links every file
// on its own, and for `moneta check` that was ~60 files: ~30 ms of a ~240 ms cold start (SPEC §7: ≤ 300 ms;
// measured with .bench-style alternating spawns pinned to one CPU, 210 vs 242 ms median). Packages stay
// external, so node_modules is loaded as it is; tsc's output stays the library (`main`, `types`) and the sweep
// worker's file. Plain JavaScript because `npm install` runs it (through `prepare`) before tsx could.
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

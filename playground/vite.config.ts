// Vite config of the playground: a static site (base './', so dist/ can be served from any folder) that
// bundles Monaco with its ESM editor worker, the library's public API (run in a Web Worker), stdlib/ and
// examples/ as raw text. No CDN: the built site works offline.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  base: './',
  publicDir: false,
  // The worker and the examples menu read files outside playground/ (stdlib/, examples/, grammar/).
  server: { fs: { allow: [repo] }, host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Monaco is large by nature; it is split into its own chunk.
    chunkSizeWarningLimit: 5000,
    rollupOptions: {
      // The page imports only data and small helpers from the library (the catalogue, CSV, diagnostic
      // explanations); compile and run live in the worker. Treating the library's own modules as free of
      // side effects lets Rollup drop the parser and the engine from the page's bundle (and the page from
      // building a parser at load). The worker is bundled separately, with the default tree-shaking.
      treeshake: {
        moduleSideEffects: (id) =>
          !(
            id.startsWith(`${repo}src/`) ||
            id.startsWith(`${repo}grammar/`) ||
            id.includes('/node_modules/chevrotain/')
          ),
      },
      output: {
        manualChunks(id) {
          if (id.includes('node_modules/monaco-editor')) return 'monaco';
          if (id.includes('node_modules/uplot')) return 'uplot';
          return undefined;
        },
      },
    },
  },
});

#!/usr/bin/env node
// The bundled CLI (scripts/bundle-cli.js): one file per command loads faster than tsc's many.
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    // The CLI promises never to show a stack trace; an internal fault is reported as one line.
    process.stderr.write(`moneta: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 70;
  },
);

import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { renderExpectation } from '../../interpret/index.js';
import { printDiagnostics } from '../diagnostics-out.js';
import { EXIT, type Io } from '../io.js';
import { limitsFromFlags, type LimitFlags } from './run.js';
import { compileScript, hasErrors, runCompiled, UsageError } from '../pipeline.js';
import { whyUnreadable } from '../read-source.js';

/** Scripts under a directory, recursively, in a stable order; files starting with `_` are modules. */
function collect(path: string, out: string[]): void {
  const st = statSync(path);
  if (st.isFile()) {
    out.push(path);
    return;
  }
  for (const name of readdirSync(path).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(path, name);
    if (statSync(p).isDirectory()) collect(p, out);
    else if (name.endsWith('.mon') && !name.startsWith('_')) out.push(p);
  }
}

export async function testCommand(paths: string[], opts: LimitFlags, io: Io): Promise<number> {
  const files: string[] = [];
  try {
    for (const p of paths.length ? paths : ['examples']) {
      try {
        collect(resolve(io.cwd, p), files);
      } catch (e) {
        throw new UsageError(`${p}: ${whyUnreadable(e)}`);
      }
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`moneta test: ${e.message}\n`);
      return EXIT.usage;
    }
    throw e;
  }
  let passed = 0;
  let failed = 0;
  for (const path of files) {
    const shown = relative(io.cwd, path) || path;
    const c = compileScript(path, io.cwd);
    if (!c.plan || hasErrors(c.diagnostics)) {
      failed++;
      io.out(`FAIL ${shown}: does not compile\n`);
      printDiagnostics(c.diagnostics, c.sources, io, 'out');
      continue;
    }
    const r = runCompiled(c.plan, { limits: limitsFromFlags(opts) });
    if (r.diagnostics.length) {
      failed++;
      io.out(`FAIL ${shown}: runtime error\n`);
      printDiagnostics(r.diagnostics, c.sources, io, 'out');
      continue;
    }
    const bad = r.expectations.filter((x) => !x.passed);
    passed += r.expectations.length - bad.length;
    failed += bad.length;
    io.out(
      `${bad.length ? 'FAIL' : 'ok  '} ${shown} (${r.expectations.length - bad.length}/${r.expectations.length})\n`,
    );
    for (const x of bad) io.out(`  ${renderExpectation(x, shown)}\n`);
  }
  io.out(`${passed} passed, ${failed} failed\n`);
  return failed ? EXIT.expectationFailed : EXIT.ok;
}

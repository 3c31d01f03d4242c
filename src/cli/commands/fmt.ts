// `moneta fmt [--check] FILE…`: rewrites scripts in the canonical layout, or (--check) lists those that are
// not in it and exits 1. A file with syntax errors is left alone (exit 2).
import { writeFileSync } from 'node:fs';
import { format } from '../../lang/index.js';
import { printDiagnostics } from '../diagnostics-out.js';
import { EXIT, type Io } from '../io.js';
import { readSources } from '../read-source.js';

export async function fmtCommand(files: string[], opts: { check?: boolean }, io: Io): Promise<number> {
  const sources = readSources(files, io);
  if (sources === undefined) return EXIT.usage;
  let code: number = EXIT.ok;
  for (const s of sources) {
    const r = format(s.text, { file: s.file });
    if (r.value === undefined) {
      printDiagnostics(r.diagnostics, new Map([[s.file, s.text]]), io, 'err');
      code = EXIT.diagnostics;
      continue;
    }
    if (r.value === s.text) continue;
    if (opts.check) {
      io.out(`${s.file}: not formatted\n`);
      if (code === EXIT.ok) code = EXIT.expectationFailed;
      continue;
    }
    try {
      writeFileSync(s.path, r.value);
      io.out(`formatted ${s.file}\n`);
    } catch {
      io.err(`moneta: ${s.file}: cannot be written\n`);
      code = EXIT.usage;
    }
  }
  return code;
}

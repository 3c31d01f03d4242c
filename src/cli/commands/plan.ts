// `moneta plan FILE`: the compiled plan as JSON on stdout; diagnostics on stderr (exit 2 without a plan).
import { printDiagnostics } from '../diagnostics-out.js';
import { frontEnd } from '../front-end.js';
import { EXIT, type Io } from '../io.js';
import { readSources } from '../read-source.js';

export async function planCommand(file: string, _opts: object, io: Io): Promise<number> {
  const sources = readSources([file], io);
  if (sources === undefined) return EXIT.usage;
  const s = sources[0];
  const r = frontEnd(s.file, s.path, s.text, { plan: true });
  printDiagnostics(r.diagnostics, r.sources, io, 'err');
  if (r.plan === undefined) return EXIT.diagnostics;
  io.out(`${JSON.stringify(r.plan, null, 2)}\n`);
  return EXIT.ok;
}

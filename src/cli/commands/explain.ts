// `moneta explain CODE`: a diagnostic's long explanation, with its example and what `moneta check` says
// about it.
import { CATALOGUE, entry } from '../../diagnostics/catalogue.js';
import { renderDiagnostics } from '../../diagnostics/render.js';
import { didYouMean } from '../../diagnostics/suggest.js';
import { check } from '../../lang/index.js';
import { EXIT, type Io } from '../io.js';

function wrap(text: string, width = 100): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}

const indent = (text: string): string =>
  text
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => (l === '' ? '' : `    ${l}`))
    .join('\n');

export async function explainCommand(code: string, _opts: object, io: Io): Promise<number> {
  const wanted = code.trim().toUpperCase();
  const e = entry(/^\d+$/.test(wanted) ? `MON${wanted}` : wanted);
  if (e === undefined) {
    const guess = didYouMean(
      wanted,
      CATALOGUE.map((c) => c.code),
    );
    io.err(`moneta: no diagnostic has the code ${code}${guess ? ` (did you mean ${guess}?)` : ''}\n`);
    return EXIT.usage;
  }
  const out = [`${e.code}: ${e.title} (${e.severity})`, '', wrap(e.explanation)];
  if (e.example !== undefined) {
    const file = 'example.mon';
    const example = e.example;
    const r = check(example, { file, host: { readFile: (p) => (p === file ? example : undefined) } });
    out.push('', 'Example:', '', indent(example));
    if (r.diagnostics.length > 0) {
      out.push(
        '',
        '`moneta check example.mon` says:',
        '',
        indent(renderDiagnostics(r.diagnostics, () => example)),
      );
    }
  }
  io.out(`${out.join('\n')}\n`);
  return EXIT.ok;
}

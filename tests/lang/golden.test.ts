// Golden diagnostics: one baseline per code in tests/golden/diagnostics/CODE.errors.txt — the catalogue's
// example script and what `moneta check` prints for it (source line, caret underline, message, hint).
// Regenerate with `UPDATE_GOLDEN=1 npx vitest run tests/lang/golden.test.ts`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/diagnostics/catalogue.js';
import { renderDiagnostics } from '../../src/diagnostics/render.js';
import { RUNTIME_CODES } from '../../src/diagnostics/runtime.js';
import { compile } from '../../src/lang/index.js';
import { ROOT } from './helpers.js';

const DIR = join(ROOT, 'tests', 'golden', 'diagnostics');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const FILE = 'example.mon';

const runtime = new Set(RUNTIME_CODES.map((c) => c.code));
const frontEnd = CATALOGUE.filter((e) => !runtime.has(e.code));

function baseline(code: string, title: string, example: string): { text: string; codes: string[] } {
  const r = compile(example, { file: FILE, host: { readFile: (p) => (p === FILE ? example : undefined) } });
  const numbered = example
    .replace(/\n$/, '')
    .split('\n')
    .map((l, i) => `${String(i + 1).padStart(3)} | ${l}`.trimEnd())
    .join('\n');
  const text = `# ${code}: ${title}\n# ${FILE}\n${numbered}\n\n--- moneta check ${FILE}\n${renderDiagnostics(r.diagnostics, () => example)}`;
  return { text, codes: r.diagnostics.map((d) => d.code) };
}

describe('the diagnostics catalogue', () => {
  it('has stable, unique codes in the documented ranges', () => {
    const codes = CATALOGUE.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^MON[12347]\d{3}$|^MON9\d{3}$/);
    for (const r of RUNTIME_CODES) expect(codes).toContain(r.code);
  });

  it('gives every code a title, a message, an explanation and (but for faults) an example', () => {
    for (const e of frontEnd) {
      expect(e.title.length, e.code).toBeGreaterThan(3);
      expect(e.message.length, e.code).toBeGreaterThan(3);
      expect(e.explanation.length, e.code).toBeGreaterThan(40);
      if (!e.code.startsWith('MON9')) expect(e.example, e.code).toBeDefined();
    }
  });
});

describe('golden diagnostics', () => {
  if (UPDATE) mkdirSync(DIR, { recursive: true });
  for (const e of frontEnd) {
    if (e.example === undefined) continue;
    it(`${e.code}: the example reports it, as the baseline shows`, () => {
      const { text, codes } = baseline(e.code, e.title, e.example!);
      expect(codes, text).toContain(e.code);
      const path = join(DIR, `${e.code}.errors.txt`);
      if (UPDATE || !existsSync(path)) writeFileSync(path, text);
      expect(text).toBe(readFileSync(path, 'utf8'));
    });
  }
});

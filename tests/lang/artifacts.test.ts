// The generated grammar artefacts (railroad diagrams, CST types, Monaco tokens) are regenerated in memory
// and compared with the committed files: run `npm run generate` after changing the grammar.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateArtifacts } from '../../grammar/artifacts.js';
import { monetaMonarch } from '../../grammar/generated/monaco-tokens.js';
import { KEYWORDS } from '../../grammar/tokens.js';
import { ROOT } from './helpers.js';

describe('generated grammar artefacts', () => {
  const generated = generateArtifacts();
  for (const [path, content] of Object.entries(generated)) {
    it(`${path} is up to date (npm run generate)`, () => {
      expect(readFileSync(join(ROOT, path), 'utf8')).toBe(content);
    });
  }

  it('the Monaco tokens know every keyword', () => {
    for (const k of KEYWORDS) {
      const listed = monetaMonarch.keywords.includes(k) || monetaMonarch.reserved.includes(k);
      expect(listed, k).toBe(true);
    }
    expect(monetaMonarch.currencies).toContain('USD');
  });

  it('the Monaco number patterns agree with the lexer on typical literals', () => {
    const rules = monetaMonarch.tokenizer.root as unknown as [RegExp, unknown][];
    const classify = (text: string): unknown =>
      rules.find(([re]) => new RegExp(`^(?:${re.source})$`).test(text))?.[1];
    expect(classify('2008-10-09')).toBe('number.date');
    expect(classify('0.25%')).toBe('number.percent');
    expect(classify('35bp')).toBe('number.bp');
    expect(classify('1.25tn')).toBe('number');
    expect(classify('600e9 EUR')).toEqual(['number.amount', 'white', 'type.currency']);
  });
});

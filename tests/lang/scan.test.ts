// The hand-written scanner (grammar/scan.ts) against chevrotain's lexer over LEXER_TOKENS, whose regular
// expressions define the tokens: the same tokens, comments and errors, field for field, on arbitrary strings,
// on strings assembled from token fragments, and on every Moneta file in the repository and the conformance
// suite.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ILexingError, IToken } from '#chevrotain';
import { chevrotainLexer } from '../../grammar/lex.js';
import { scan } from '../../grammar/scan.js';
import { CONFORMANCE, ROOT, read } from './helpers.js';

interface Comparable {
  tokens: unknown[];
  comments: unknown[];
  errors: ILexingError[];
}

/** Tokens with their type by name (the objects themselves would make failures unreadable). */
const plain = (ts: IToken[]): unknown[] =>
  ts.map((t) => ({
    image: t.image,
    startOffset: t.startOffset,
    endOffset: t.endOffset,
    startLine: t.startLine,
    endLine: t.endLine,
    startColumn: t.startColumn,
    endColumn: t.endColumn,
    tokenTypeIdx: t.tokenTypeIdx,
    tokenType: t.tokenType.name,
  }));

function viaChevrotain(text: string): Comparable {
  const r = chevrotainLexer().tokenize(text);
  return { tokens: plain(r.tokens), comments: plain(r.groups['comments'] ?? []), errors: r.errors };
}

function viaScanner(text: string): Comparable {
  const r = scan(text);
  return { tokens: plain(r.tokens), comments: plain(r.groups.comments), errors: r.errors };
}

function monFilesUnder(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) monFilesUnder(path, out);
    else if (name.endsWith('.mon')) out.push(path);
  }
  return out;
}

// Fragments that sit on the edges of the token regexes: numbers with separators, fractions and exponents,
// magnitudes and `bp` with and without a word end, dates of every shape, escapes, line terminators.
const FRAGMENTS = [
  '0', '1', '12', '2024', '1_000', '1_', '_1', '1.5', '1.', '.5', '1..2', '1e5', '1E+5', '1e-', '1e', '2.5e-3',
  '1k', '1m', '1bn', '1tn', '1b', '1t', '1kk', '1mx', '1bnx', '1tn_', '5%', '5.5%', '1e5%', '25bp', '25bpx',
  '25b', '2010-01-07', '2010-01', '2010-1', '2010-01-0', '2010-01-011', '2010-01-0x', '2010-01-07x',
  '2010-01x', '20100-01', '2010-01-07-08', '2010-01-07bp', 'k', 'm', 'bn', 'bp', 'e', 'E', '_', 'x1',
  'settle', 'set', 'USD', 'and', 'not', 'central_bank', 'é', '"', '"a"', '"\\"', '"\\n"', '\\', '"a\\"b"',
  '\n', '\r', '\r\n', '\t', ' ', '\u00a0', '\ufeff', '\u2028', '\u2029', '\v', '\f', '#', '# c', ';', '(',
  ')', '{', '}', ',', '.', '..', '...', '+', '-', '*', '/', '=', '==', '!', '!=', '<', '<=', '>', '>=', '%',
  '@', '$', '[', ']', ':', '?', '`', "'", '~', '^', '|', '&', '\u0100', '\ud83d\ude00', '\ud800', '\u0000',
  '"\\', '"\\\\', '\\"', '\\\r', '\\\n', '\\\u2028', '\\\u2029', '\\\t', '"\\\\"',
]; // prettier-ignore

const fragmentString = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((xs) => xs.join(''));
const ALPHABET = [...'ab_Zk mnptEe0123456789-+.%#"\\\n\r\t;(){},*/=!<>@é\u00a0\ufeff\u2028\u0100'];
const denseString = fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 120 });

describe('law: the hand-written scanner yields the chevrotain lexer’s tokens', () => {
  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 120 }), (text) => {
        expect(viaScanner(text)).toEqual(viaChevrotain(text));
      }),
      { numRuns: 500 },
    );
  });

  it('on strings over the characters tokens are made of', () => {
    fc.assert(
      fc.property(denseString, (text) => {
        expect(viaScanner(text)).toEqual(viaChevrotain(text));
      }),
      { numRuns: 1500 },
    );
  });

  it('on strings built from token fragments', () => {
    fc.assert(
      fc.property(fragmentString, (text) => {
        expect(viaScanner(text)).toEqual(viaChevrotain(text));
      }),
      { numRuns: 1500 },
    );
  });

  it('on every fragment alone and every pair of fragments', () => {
    for (const a of FRAGMENTS)
      for (const b of FRAGMENTS)
        expect(viaScanner(a + b), JSON.stringify(a + b)).toEqual(viaChevrotain(a + b));
  });

  const files = [
    ...['examples', 'stdlib', 'tests'].flatMap((d) => monFilesUnder(join(ROOT, d))),
    ...monFilesUnder(CONFORMANCE),
  ];
  it(`on every .mon file of the repository and the conformance suite (${files.length})`, () => {
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const text = read(file);
      expect(viaScanner(text), file).toEqual(viaChevrotain(text));
    }
  });
});

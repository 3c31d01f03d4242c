// The fast path (src/lang/fast-parse.ts) against the grammar of record: whenever it accepts a batch of
// tokens, chevrotain accepts it too and build-ast.ts makes the same AST of it (same JSON, key order
// included); and parsing whole files with and without it gives the same result, diagnostics included.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { IRecognitionException } from '#chevrotain';
import { afterEach, describe, expect, it } from 'vitest';
import { generateScript } from '../../bench/front.js';
import { lexTokens, parseTokenBatch } from '../../grammar/index.js';
import type { ProgramCstNode } from '../../grammar/generated/cst.js';
import { createAstBuilder } from '../../src/lang/build-ast.js';
import { fastParse } from '../../src/lang/fast-parse.js';
import { parse } from '../../src/lang/index.js';
import { setFastPath } from '../../src/lang/parse.js';
import { CONFORMANCE, ROOT, read } from './helpers.js';

const builder = createAstBuilder();

/** The batch [0, count) through the grammar: its AST as JSON, or undefined on a syntax error. */
function viaGrammar(text: string): string | undefined {
  const tokens = lexTokens(text);
  const errors: IRecognitionException[] = [];
  builder.issues = [];
  builder.tokens = tokens;
  const cst = parseTokenBatch(tokens, 0, tokens.count, errors);
  const stmts = builder.program((cst as ProgramCstNode).children);
  builder.tokens = undefined;
  return errors.length > 0 || builder.issues.length > 0 ? undefined : JSON.stringify(stmts);
}

function viaFastPath(text: string): string | undefined {
  const tokens = lexTokens(text);
  const stmts = fastParse(tokens, 0, tokens.count);
  return stmts === undefined ? undefined : JSON.stringify(stmts);
}

function wholeFile(text: string, fast: boolean): string {
  setFastPath(fast);
  try {
    return JSON.stringify(parse(text, 'x.mon'));
  } finally {
    setFastPath(true);
  }
}

// ---- Generated statements --------------------------------------------------------------------------------

const names = fc.constantFrom(
  'target', 'ioer', 'iorr', 'reserves', 'x', 'cb', 'mbs', 'treasuries', 'maintenance_period', 'month',
  'days', 'on', 'from', 'to', 'at', 'set', 'banks', 'yield', 'high', 'within', 'expect', 'USD', 'and',
); // prettier-ignore
const literals = fc.constantFrom(
  '1', '25bp', '0.5%', '1_000', '2.5e3', '10bn', '9bn USD', '3 EUR', '14 days', '2 weeks', '1 month',
  '2010-01-04', '2010-02', '2010-13-45', '"a"', '"a\\"b"', '"open', '1e', '5k', '7tn USD', '0.1%',
); // prettier-ignore
const binaryOps = fc.constantFrom('+', '-', '*', '/', '=', '==', '!=', '<', '<=', '>', '>=', 'and', 'or');

const { expr } = fc.letrec((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('operand'),
    fc.tuple(tie('operand'), binaryOps, tie('expr')).map(([a, op, b]) => `${a} ${op} ${b}`),
  ),
  operand: fc
    .tuple(
      fc.constantFrom('', '', '', '-', 'not ', '- -', 'not -'),
      tie('primary'),
      fc.constantFrom('', '', '.low', '.mbs.x'),
    )
    .map(([p, x, m]) => `${p}${x}${m}`),
  primary: fc.oneof(
    { depthSize: 'small' },
    literals,
    names,
    fc.tuple(names, fc.array(tie('expr'), { maxLength: 3 })).map(([f, args]) => `${f}(${args.join(', ')})`),
    tie('expr').map((e) => `(${e})`),
  ),
})) as { expr: fc.Arbitrary<string> };

const dates = fc.constantFrom('2010-01-04', '2011-12', '2010-02-30');
const statement: fc.Arbitrary<string> = fc.letrec((tie) => ({
  stmt: fc.oneof(
    { depthSize: 'small' },
    fc.tuple(fc.constantFrom('target', 'yield.mbs', 'ioer', 'a.b.c'), expr, fc.option(expr)).map(
      ([t, v, to]) => `set ${t} = ${v}${to === null ? '' : ` to ${to}`}`,
    ),
    fc
      .tuple(fc.constantFrom('buy', 'sell'), names, fc.option(expr), fc.constantFrom('', ' from banks', ' to public', ' monthly', ' by 2011-01-01'))
      .map(([op, a, amt, tail]) => `${op} ${a}${amt === null ? '' : ` ${amt}`}${tail}`),
    fc
      .tuple(expr, fc.option(expr), fc.constantFrom('', ' on 2010-01-04', ' always', ' at end', ' monthly', ' on'))
      .map(([e, w, t]) => `expect ${e}${w === null ? '' : ` within ${w}`}${t}`),
    fc.tuple(dates, tie('stmt')).map(([d, s]) => `on ${d} ${s}`),
    fc.tuple(dates, tie('stmt')).map(([d, s]) => `on ${d} { ${s} }`),
    fc.constantFrom('report reserves monthly', 'hold sfp at 0 USD', 'let x = 5', '}', ')', 'set', 'on', '@'),
  ),
})).stmt as fc.Arbitrary<string>; // prettier-ignore

const script = fc
  .array(fc.tuple(statement, fc.constantFrom('\n', '\n', ';', '\n\n', ' ', '\n# c\n')), { maxLength: 8 })
  .map((xs) => xs.map(([s, t]) => s + t).join(''));

describe('the fast path agrees with the grammar', () => {
  afterEach(() => setFastPath(true));

  it('accepts only what the grammar accepts, with the same AST (generated statements)', () => {
    let accepted = 0;
    fc.assert(
      fc.property(script, (text) => {
        const fast = viaFastPath(text);
        if (fast === undefined) return;
        accepted++;
        expect(fast).toBe(viaGrammar(text));
      }),
      { numRuns: 3000 },
    );
    // The comparison means something only if the fast path takes a fair share of the scripts.
    expect(accepted).toBeGreaterThan(300);
  });

  it('parses whole files as the grammar does (generated scripts, mutated benchmark scripts)', () => {
    const bench = generateScript(300);
    fc.assert(
      fc.property(
        script,
        fc.array(fc.tuple(fc.nat(), fc.nat(6), fc.constantFrom('', '(', ')', '{', '}', '\n', '-', '=', 'on ', '"', 'bn')), {
          maxLength: 4,
        }),
        (extra, edits) => {
          let text = bench + extra;
          for (const [at, del, ins] of edits) {
            const k = at % text.length;
            text = text.slice(0, k) + ins + text.slice(k + del);
          }
          expect(wholeFile(text, true)).toBe(wholeFile(text, false));
        },
      ),
      { numRuns: 150 },
    ); // prettier-ignore
  });

  const files = ['examples', 'stdlib', 'tests']
    .flatMap((d) => monFilesUnder(join(ROOT, d)))
    .concat(monFilesUnder(CONFORMANCE));
  it(`parses every .mon file as the grammar does (${files.length}), and the benchmark script`, () => {
    for (const file of files) {
      const text = read(file);
      expect(wholeFile(text, true), file).toBe(wholeFile(text, false));
    }
    const bench = generateScript(2000);
    expect(wholeFile(bench, true)).toBe(wholeFile(bench, false));
  });
});

function monFilesUnder(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) monFilesUnder(path, out);
    else if (name.endsWith('.mon')) out.push(path);
  }
  return out;
}

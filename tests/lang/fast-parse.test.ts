// The fast path (src/lang/fast-parse.ts) against the grammar of record: whenever it accepts a batch of
// tokens, chevrotain accepts it too and build-ast.ts makes the same AST of it (same JSON, key order and
// ranges included); parsing whole files with and without it gives the same result, diagnostics included;
// and it accepts every batch of every .mon file in the repository that the grammar accepts, so that it
// covers the grammar (a statement form it does not know would send real scripts down the slow path).
// Inputs: generated statements, every .mon file, and mutants of them (token deletions, insertions, swaps,
// and the fuzzer's text edits).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { IRecognitionException } from '#chevrotain';
import { afterEach, describe, expect, it } from 'vitest';
import { generateScript } from '../../bench/front.js';
import { lexTokens, parseTokenBatch, tokenBatches, type Tokens } from '../../grammar/index.js';
import type { ProgramCstNode } from '../../grammar/generated/cst.js';
import { createAstBuilder } from '../../src/lang/build-ast.js';
import { fastParse } from '../../src/lang/fast-parse.js';
import { parse } from '../../src/lang/index.js';
import { setFastPath } from '../../src/lang/parse.js';
import { apply, mutationArb, type Seed } from '../robustness/fuzz-core.js';
import { CONFORMANCE, ROOT, read } from './helpers.js';

const builder = createAstBuilder();

/** Tokens [from, to) through the grammar: their AST as JSON, or undefined on a syntax error. */
function batchViaGrammar(tokens: Tokens, from: number, to: number): string | undefined {
  const errors: IRecognitionException[] = [];
  builder.issues = [];
  builder.tokens = tokens;
  const cst = parseTokenBatch(tokens, from, to, errors);
  const stmts = builder.program((cst as ProgramCstNode).children);
  builder.tokens = undefined;
  return errors.length > 0 || builder.issues.length > 0 ? undefined : JSON.stringify(stmts);
}

/** The batch [0, count) through the grammar: its AST as JSON, or undefined on a syntax error. */
function viaGrammar(text: string): string | undefined {
  const tokens = lexTokens(text);
  return batchViaGrammar(tokens, 0, tokens.count);
}

/**
 * The law over each batch of a file, as parse.ts cuts them: when the fast path accepts a batch, the grammar
 * gives the same AST JSON. Returns how many batches the grammar accepted and how many of those the fast
 * path left to it.
 */
function batchLaw(
  text: string,
  where: string,
): { batches: number; clean: number; missed: number; fast: number } {
  const tokens = lexTokens(text);
  const tally = { batches: 0, clean: 0, missed: 0, fast: 0 };
  tokenBatches(tokens, (from, to) => {
    tally.batches++;
    const fast = fastParse(tokens, from, to);
    const grammar = batchViaGrammar(tokens, from, to);
    if (fast !== undefined) {
      tally.fast++;
      expect(JSON.stringify(fast), `${where}\n--- input:\n${text}`).toBe(grammar);
    }
    if (grammar !== undefined) {
      tally.clean++;
      if (fast === undefined) tally.missed++;
    }
  });
  return tally;
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
// Statement forms with two expression slots, A and B; some are wrong on purpose (the fast path must give up).
const TEMPLATES = [
  'title "A"', 'use "./m.mon"', 'use fed.ior_2008', 'use a.', 'simulate from 2010-01-04 to 2011-12', 'simulate from A to B',
  'seed 42', 'seed A', 'let x = A', 'let = A', 'param p = A', 'param p = A in A .. B', 'param p = A in B',
  'reserve_requirement { 3% up to A\n 10% above }', 'reserve_requirement on deposits { 0% up to A; 5% above }',
  'reserve_requirement { 3% up A }', 'remunerate { required at A\n excess up to B at A\n rest at 0% }',
  'remunerate { reserves up to A at B; rest at 0% }', 'remunerate { excess at }', 'remunerate { }',
  'buy mbs A monthly from 2010-01 until 2011-01 from banks', 'sell treasuries A by 2011-06-30 to public',
  'buy mbs every 2 weeks', 'buy mbs A every 2 weeks from banks until 2010-05', 'sell mbs daily until 2010-02',
  'buy mbs A monthly from banks', 'buy mbs A monthly from 2010-01 from', 'sell x A quarterly until A',
  'hold sfp at A', 'hold at A', 'runoff mbs', 'runoff mbs cap A monthly', 'runoff treasuries cap A every 1 month',
  'runoff mbs cap A', 'lend A from cb to Bank at B for 14 days monthly', 'lend to Bank', 'lend A to Bank by 2010-04',
  'lend from cb to Bank at A', 'repay A from Bank to cb', 'repay from Bank', 'repay A Bank', 'pay A from X to Y',
  'pay from X to Y', 'pay A to Y', 'withdraw A cash', 'deposit cash by public', 'withdraw A cash by', 'deposit A',
  'offer term_deposits A for 28 days at B weekly from 2010-02', 'offer reverse_repos unlimited at A',
  'offer reverse_repos at A', 'offer term_deposits for 7 days at A by 2010-03', 'offer bonds A at B',
  'treasury issue A for sfp monthly to public', 'treasury spend A', 'treasury tax from public', 'treasury redeem A for',
  'treasury tax A by 2010-06 from banks', 'post "q" { A.reserves + B\n B.deposits - A }', 'post { cb.x + A }',
  'post { cb + A }', 'post "x" {\n}', 'expect A within B at end', 'expect A always', 'expect A at',
  'expect A monthly from 2010-01 until 2011-01', 'expect A every 2 weeks until 2010-06', 'expect A weekly from banks',
  'report A, B as "b" monthly to "out.csv"', 'report A as "a", B every 1 month', 'report A to', 'report A, ',
  'show balance_sheets on 2010-01-04', 'show balance_sheets of A_, cb on 2010-02', 'show balance_sheets of on 2010-02',
  'show balance_sheets of A on', 'A', 'B = A', 'on 2010-01-04 when A { }', 'every month { expect A }',
]; // prettier-ignore
const ECONOMIES = [
  'economy e "E" {\n currency USD\n unit 1m USD\n central_bank Fed { treasuries 10bn; yield mbs 3%\n maturity mbs 30 years }\n treasury T\n}',
  'economy e {\n bank B { reserves 1\n lends C 2\n ineligible\n rrp_access }\n public\n public P { deposits 1 }\n firm F banks with B { deposits 3 }\n firm G\n}',
  'economy e { banks community 4000 { reserves 1bn\n sizes lognormal 1.0 }\n maintenance 14 days from 2010-01-07 lag 2 days\n maintenance monthly\n lender L }',
  'economy e {\n set reserve_ratio = 10%\n reserve_requirement { 3% above }\n remunerate { reserves at 0% }\n}',
  'economy e { currency XYZ }', 'economy e { bank }', 'economy { }', 'economy e { banks g { } }', 'economy e { maintenance from 2010-01 }',
  'economy e { public { x } }', 'economy e { buy x 1 }', 'economy e {}', 'economy e { firm F banks B }',
]; // prettier-ignore
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
    fc.tuple(fc.constantFrom(...TEMPLATES), expr, expr).map(([t, a, b]) => t.replace('A', a).replace('B', b)),
    fc.tuple(dates, tie('stmt'), tie('stmt')).map(([d, s, t]) => `on ${d} {\n${s}\n${t}\n}`),
    fc.tuple(expr, tie('stmt')).map(([c, s]) => `when ${c} { ${s} }`),
    fc.tuple(fc.constantFrom('day', 'business_day', 'week', 'month', 'quarter', '2 weeks', '3 days', 'x'), tie('stmt')).map(([p, s]) => `every ${p} {\n${s}\n}`),
    fc.constantFrom(...ECONOMIES),
    fc.constantFrom('report reserves monthly', 'hold sfp at 0 USD', 'let x = 5', '}', ')', 'set', 'on', '@'),
  ),
})).stmt as fc.Arbitrary<string>; // prettier-ignore

const script = fc
  .array(fc.tuple(statement, fc.constantFrom('\n', '\n', ';', '\n\n', ' ', '\n# c\n')), { maxLength: 8 })
  .map((xs) => xs.map(([s, t]) => s + t).join(''));

describe('the fast path agrees with the grammar', () => {
  afterEach(() => setFastPath(true));

  it('accepts exactly what the grammar accepts, with the same AST (generated statements)', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(script, statement), (text) => {
        const fast = viaFastPath(text);
        const grammar = viaGrammar(text);
        if (fast !== undefined) {
          accepted++;
          expect(fast).toBe(grammar);
        } else if (grammar !== undefined && lexTokens(text).unterminated.length === 0) {
          // Only an unterminated string (a lexing error) may leave a grammatical script to the grammar.
          expect.fail(`the fast path gave up on a script the grammar accepts:\n${text}`);
        }
      }),
      { numRuns: 5000 },
    );
    // The comparison means something only if the fast path takes a fair share of the scripts.
    expect(accepted).toBeGreaterThan(1000);
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

  it('accepts every batch of every .mon file that the grammar accepts, with the same AST', () => {
    const missed: string[] = [];
    let clean = 0;
    for (const file of files) {
      const t = batchLaw(read(file), file);
      clean += t.clean;
      if (t.missed > 0) missed.push(`${file}: ${t.missed} of ${t.clean} batches`);
    }
    expect(missed).toEqual([]);
    expect(clean).toBeGreaterThan(files.length);
  });

  const seeds: Seed[] = files.map((path) => ({ path, text: read(path) }));

  it('agrees with the grammar on token-level mutants of every .mon file', () => {
    let fast = 0;
    let batches = 0;
    let missed = 0;
    fc.assert(
      fc.property(
        fc.nat(seeds.length - 1),
        fc.array(fc.tuple(fc.constantFrom('delete', 'insert', 'swap', 'duplicate'), fc.nat(), fc.nat()), {
          minLength: 1,
          maxLength: 4,
        }),
        (seed, edits) => {
          const text = mutateTokens(seeds[seed].text, edits);
          const t = batchLaw(text, `${seeds[seed].path} ${JSON.stringify(edits)}`);
          fast += t.fast;
          batches += t.batches;
          missed += t.missed;
        },
      ),
      { numRuns: 1500, seed: 20261122 },
    );
    // Mutants mostly leave some statements whole: the fast path must be taking many of them.
    expect(fast).toBeGreaterThan(batches / 6);
    // Token mutants keep every string whole, so a batch the grammar accepts is one the fast path must take.
    expect(missed).toBe(0);
  });

  it("agrees with the grammar on the fuzzer's text mutants, whole files included", () => {
    fc.assert(
      fc.property(mutationArb(seeds.length), (m) => {
        const s = apply(seeds, m);
        batchLaw(s.text, `${s.path} ${JSON.stringify(m)}`);
        expect(wholeFile(s.text, true)).toBe(wholeFile(s.text, false));
      }),
      { numRuns: 400, seed: 20261122 },
    );
  });
});

/**
 * `text` with token edits applied, each (kind, i, j) on tokens i and j (modulo the token count, taken
 * afresh after each edit): delete token i, insert a copy of token j before token i, swap tokens i and j, or
 * duplicate token i. Tokens are glued back with the original text between them, so comments and layout stay.
 */
function mutateTokens(text: string, edits: [string, number, number][]): string {
  let t = text;
  for (const [kind, a, b] of edits) {
    const tokens = lexTokens(t);
    if (tokens.count === 0) break;
    const i = a % tokens.count;
    const j = b % tokens.count;
    const img = (k: number): string => t.slice(tokens.starts[k], tokens.ends[k]);
    const [si, ei] = [tokens.starts[i], tokens.ends[i]];
    if (kind === 'delete') t = t.slice(0, si) + t.slice(ei);
    else if (kind === 'insert') t = `${t.slice(0, si)}${img(j)} ${t.slice(si)}`;
    else if (kind === 'duplicate') t = `${t.slice(0, ei)} ${img(i)}${t.slice(ei)}`;
    else {
      const [x, y] = i < j ? [i, j] : [j, i];
      if (x === y) continue;
      const [sx, ex, sy, ey] = [tokens.starts[x], tokens.ends[x], tokens.starts[y], tokens.ends[y]];
      t = t.slice(0, sx) + t.slice(sy, ey) + t.slice(ex, sy) + t.slice(sx, ex) + t.slice(ey);
    }
  }
  return t;
}

function monFilesUnder(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) monFilesUnder(path, out);
    else if (name.endsWith('.mon')) out.push(path);
  }
  return out;
}

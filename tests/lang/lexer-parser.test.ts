// Lexical structure (SPEC §2) and the grammar (§3): tokens, contextual keywords, newlines, recovery.
import { describe, expect, it } from 'vitest';
import { lex } from '../../grammar/index.js';
import { MonetaParser } from '../../grammar/parser.js';
import { CURRENCY_CODES } from '../../grammar/tokens.js';
import { CURRENCIES } from '../../src/plan/catalogue.js';
import { createAstBuilder } from '../../src/lang/build-ast.js';
import { parse } from '../../src/lang/index.js';
import type { Expr, Stmt } from '../../src/lang/ast.js';

const kinds = (text: string): string[] => lex(text).tokens.map((t) => `${t.tokenType.name}:${t.image}`);

function stmts(text: string): Stmt[] {
  const r = parse(text, 't.mon');
  expect(r.diagnostics.filter((d) => d.code.startsWith('MON1'))).toEqual([]);
  return r.value!.program.statements;
}

describe('the grammar', () => {
  it('passes chevrotain’s grammar validation (no ambiguity it does not expect, no left recursion)', () => {
    expect(() => new MonetaParser({ validate: true })).not.toThrow();
  });

  it('has a visitor method for every rule', () => {
    expect(() => createAstBuilder().validateVisitor()).not.toThrow();
  });

  it('knows exactly the currencies of the catalogue', () => {
    expect([...CURRENCY_CODES]).toEqual([...CURRENCIES]);
  });
});

describe('tokens', () => {
  it('numbers: underscores, fractions, exponents, magnitudes without a space', () => {
    expect(kinds('42 1.5 600e9 1_000_000 600bn 1.25tn 10.7m 5k')).toEqual([
      'NumberLit:42',
      'NumberLit:1.5',
      'NumberLit:600e9',
      'NumberLit:1_000_000',
      'NumberLit:600bn',
      'NumberLit:1.25tn',
      'NumberLit:10.7m',
      'NumberLit:5k',
    ]);
  });

  it('a magnitude is not the start of a word: `6 months`, `6months`', () => {
    expect(kinds('6 months')).toEqual(['NumberLit:6', 'Months:months']);
    expect(kinds('6months')).toEqual(['NumberLit:6', 'Months:months']);
  });

  it('percent, basis points, dates and months', () => {
    expect(kinds('0.25% 35bp 2008-10-09 2017-03')).toEqual([
      'PercentLit:0.25%',
      'BpLit:35bp',
      'DateLit:2008-10-09',
      'DateLit:2017-03',
    ]);
  });

  it('amounts are a number and a currency code', () => {
    expect(kinds('75bn USD')).toEqual(['NumberLit:75bn', 'CurrencyCode:USD']);
  });

  it('keywords are whole words: `settle` is a name, not `set` + `tle`', () => {
    expect(kinds('set settle reserves')).toEqual(['Set:set', 'Name:settle', 'Reserves:reserves']);
  });

  it('strings with escapes; an unterminated string ends at the line', () => {
    expect(kinds('"a \\"b\\" \\\\"')).toEqual(['StringLit:"a \\"b\\" \\\\"']);
    const l = lex('title "open\nseed 1');
    expect(l.unterminatedStrings.map((t) => t.startOffset)).toEqual([6]);
  });

  it('comments run to the end of the line and are kept aside', () => {
    const l = lex('seed 1 # the seed\n# alone\n');
    expect(l.tokens.map((t) => t.image)).toEqual(['seed', '1', '\n']);
    expect(l.comments.map((c) => c.image)).toEqual(['# the seed', '# alone']);
  });

  it('newlines end statements, except inside parentheses; runs of them are one', () => {
    expect(kinds('a\n\n\nb').filter((k) => k.startsWith('Newline'))).toHaveLength(1);
    expect(kinds('f(a,\n b)\n').filter((k) => k.startsWith('Newline'))).toHaveLength(1);
  });
});

describe('statements', () => {
  it('a newline inside parentheses does not end a statement', () => {
    const s = stmts('expect (reserves +\n  cb.assets) > 0 USD at end\n');
    expect(s).toHaveLength(1);
    expect(s[0].kind).toBe('expect');
  });

  it('`;` separates statements on one line', () => {
    expect(stmts('seed 1; title "x"').map((s) => s.kind)).toEqual(['seed', 'title']);
  });

  it('keywords stand as names where a name may: series called `reserves`, `currency`, `sfp`, `month`', () => {
    const s = stmts('expect reserves + currency + sfp > 0 USD at end\nreport avg(reserves, month) monthly\n');
    expect(s.map((x) => x.kind)).toEqual(['expect', 'report']);
  });

  it('reads every statement of SPEC §3', () => {
    const text = [
      'title "All"',
      'use "./x.mon"',
      'use fed.ior_2008',
      'simulate from 2010-01 to 2010-12',
      'seed 7',
      'let x = 5bn USD',
      'param cut = 0.25% in 0% .. 1%',
      'economy e "E" {',
      '  currency USD',
      '  unit 1m USD',
      '  central_bank Fed { treasuries 1tn; yield treasuries 2%; maturity treasuries 5 years }',
      '  treasury T',
      '  bank A { reserves 10; lends B 40; capital 10 }',
      '  banks community 4000 { reserves 20bn; deposits 900bn; sizes lognormal 1.0 }',
      '  lender GSEs { ineligible; rrp_access }',
      '  public { currency 10 }',
      '  firm X banks with A',
      '  maintenance 14 days from 2010-01-07 lag 30 days',
      '  set reserve_ratio = 10%',
      '  reserve_requirement { 0% up to 10.7m; 3% up to 58.8m; 10% above }',
      '  remunerate { required at iorr; excess up to 6 * required at 0%; rest at ioer }',
      '}',
      'set target = 0% to 0.25%',
      'set yield.mbs = 3%',
      'buy treasuries 75bn USD monthly from 2010-02 until 2010-06 from banks',
      'sell mbs 1bn USD by 2010-06-30 to public',
      'hold sfp at 200bn USD',
      'runoff mbs cap 17.5bn USD monthly',
      'lend 40 from A to X at 1% for 28 days every 2 weeks',
      'repay 40 from B to A',
      'pay 60 from X to Y',
      'withdraw 5 USD cash by Public',
      'deposit 5 USD cash',
      'offer term_deposits 5bn USD for 28 days at 0.25% weekly',
      'offer reverse_repos unlimited at rrp_rate',
      'treasury issue 100bn USD for sfp daily until 2010-03',
      'post "teach" { A.reserves + 10; Fed.reserves + 10 }',
      'on 2010-03-01 { set ioer = target.high - 5bp }',
      'on 2010-04-01 buy bills 1bn USD',
      'when overnight_rate > discount_rate { set framework = corridor }',
      'every month { lend 1bn USD to banks }',
      'every 2 weeks { deposit 1 USD cash }',
      'expect reserves = 10bn USD within 5% on 2010-06-30',
      'expect multiplier = 10 always',
      'expect ioer <= target.high monthly from 2010-02 until 2010-10',
      'report reserves as "R", ioer weekly to "out.csv"',
      'show balance_sheets of A, Fed on 2010-06-30',
      'show balance_sheets on 2010-06-30',
    ].join('\n');
    const s = stmts(text);
    expect(s.map((x) => x.kind)).toEqual([
      'title', 'use', 'use', 'simulate', 'seed', 'let', 'param', 'economy', 'set', 'set', 'trade', 'trade', 'hold',
      'runoff', 'lend', 'repay', 'pay', 'cash', 'cash', 'offer', 'offer', 'treasury', 'post', 'on', 'on', 'when',
      'every', 'every', 'expect', 'expect', 'expect', 'report', 'show', 'show',
    ]); // prettier-ignore
    expect(s.every((x) => x.recovered !== true)).toBe(true);
  });

  it('an operation without its amount parses, the amount marked missing where it belongs', () => {
    const text = 'buy treasuries monthly until 2017-03';
    const [s] = stmts(text);
    expect(s.kind === 'trade' && s.amount).toBe(undefined);
    expect(s.missingAmountAt && text.slice(s.missingAmountAt.start, s.missingAmountAt.end)).toBe('monthly');
  });

  it('recovers at the end of a statement: the statements after an error are still there', () => {
    const r = parse(
      'buy treasuries 10 bn USD\nsel mbs 5bn USD\nsimulate from 2010-01-01 to 2010-12-31\n',
      't.mon',
    );
    expect(r.value!.program.statements.map((s) => s.kind)).toEqual(['trade', 'simulate']);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['MON1007', 'MON1006']);
  });

  it('an unclosed block is reported at its opening brace', () => {
    const r = parse('simulate from 2010-01-01 to 2010-12-31\non 2010-03-01 {\n  set target = 1%\n', 't.mon');
    expect(r.diagnostics.map((d) => [d.code, d.span.start])).toEqual([['MON1004', { line: 2, col: 15 }]]);
  });

  it('an unclosed parenthesis is reported where it opens', () => {
    const r = parse('expect (reserves > 1bn USD at end\n', 't.mon');
    expect(r.diagnostics[0]).toMatchObject({ code: 'MON1005', span: { start: { line: 1, col: 8 } } });
  });

  it('a typo of a keyword gets a did-you-mean', () => {
    const r = parse('sel mbs 5bn USD\n', 't.mon');
    expect(r.diagnostics[0]).toMatchObject({ code: 'MON1006', hint: 'did you mean `sell`?' });
  });

  it('a word after `on DATE` starts a statement: an unknown one is MON1006, with its did-you-mean', () => {
    const r = parse('on 2010-03-01 sel mbs 5bn USD\non 2010-03-02 drain 5bn USD\n', 't.mon');
    expect(r.diagnostics.map((d) => [d.code, d.span.start.line, d.span.start.col, d.hint])).toEqual([
      ['MON1006', 1, 15, 'did you mean `sell`?'],
      ['MON1006', 2, 15, undefined],
    ]);
  });

  it("a statement's date written after it gets a hint to put it in front", () => {
    const r = parse('sell mbs 5bn USD from banks on 2010-03-01\n', 't.mon');
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({
      code: 'MON1003',
      span: { start: { line: 1, col: 29 }, end: { line: 1, col: 30 } },
      hint: 'the date goes in front of the statement: `on 2010-03-01 sell …`',
    });
    expect(parse('set target = 1% to 2% on 2010-03-01\n', 't.mon').diagnostics[0]?.hint).toBe(
      'the date goes in front of the statement: `on 2010-03-01 set …`',
    );
    // An expectation's `on DATE` is where it belongs.
    expect(parse('expect reserves > 1bn USD on 2010-03-01\n', 't.mon').diagnostics).toEqual([]);
  });

  it('`every month` in a schedule gets a hint to give a count or use the frequency word', () => {
    const r = parse('report reserves every month\nexpect reserves > 1 USD every quarter\n', 't.mon');
    expect(r.diagnostics.map((d) => [d.code, d.span.start.line, d.hint])).toEqual([
      ['MON1003', 1, 'in a schedule, `every` takes a count: `every 1 months`, or write `monthly`'],
      ['MON1003', 2, 'in a schedule, `every` takes a count: `every 3 months`, or write `quarterly`'],
    ]);
    // Two statements or holdings on one line; a stray word that starts neither gets no such hint.
    const twoOnALine = parse(
      'economy e {\n  bank A { reserves 5 loans 95 }\n}\nbuy mbs 1bn USD sell mbs 1bn USD\nbuy mbs 1bn USD frm banks\n',
      't.mon',
    ).diagnostics.map((d) => [d.span.start.line, d.hint]);
    expect(twoOnALine).toEqual([
      [2, 'one statement or item per line: start `loans` on a new line, or put `;` before it'],
      [4, 'one statement or item per line: start `sell` on a new line, or put `;` before it'],
      [5, undefined],
    ]);
    // A period the grammar has no word for.
    expect(parse('every fortnight {\n  buy mbs 1bn USD\n}\n', 't.mon').diagnostics[0]?.hint).toBe(
      'write `every 2 weeks`',
    );
    // Cut short at the end of the input: a plain syntax error, no hint and no fault.
    for (const text of ['report reserves every', 'on 2010-03-01', 'sell mbs 5bn USD from banks on'])
      expect(
        parse(text, 't.mon').diagnostics.map((d) => [d.code, d.hint]),
        text,
      ).toEqual([['MON1003', undefined]]);
    // As a statement, `every month { … }` is a rule block.
    expect(parse('every month {\n  buy mbs 1bn USD\n}\n', 't.mon').diagnostics).toEqual([]);
  });
});

describe('expressions', () => {
  const expr = (text: string): Expr => {
    const [s] = stmts(`expect ${text}`);
    return (s as Extract<Stmt, { kind: 'expect' }>).expr;
  };

  it('literals keep their spelling', () => {
    expect(expr('60e9 EUR')).toMatchObject({ kind: 'amount', raw: '60e9', currency: 'EUR' });
    expect(expr('-0.3%')).toMatchObject({ kind: 'unary', op: '-', arg: { kind: 'percent', raw: '0.3' } });
    expect(expr('14 days')).toMatchObject({ kind: 'duration', raw: '14', unit: 'days' });
  });

  it('calls and selectors', () => {
    expect(expr('min(target, maintenance_period)')).toMatchObject({
      kind: 'call',
      callee: { name: 'min' },
      args: [{ kind: 'name' }, { kind: 'name' }],
    });
    expect(expr('target.high')).toMatchObject({
      kind: 'member',
      object: { kind: 'name', name: 'target' },
      member: { name: 'high' },
    });
  });

  it('ranges cover the whole expression', () => {
    const text = 'expect reserves > 10bn USD + 5bp at end';
    const [s] = stmts(text);
    const e = (s as Extract<Stmt, { kind: 'expect' }>).expr;
    expect(e.kind === 'binary' && text.slice(e.right.range.start, e.right.range.end)).toBe('10bn USD + 5bp');
  });
});

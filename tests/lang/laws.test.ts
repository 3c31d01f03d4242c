// Laws of the front end, checked with fast-check:
// - totality: lexing, parsing, checking and compiling never throw, on any string and on mutated scripts;
// - the formatter is faithful: parse(print(p)) = p (modulo source ranges) for generated programs;
// - precedence is that of SPEC §3 (pinned with a fully parenthesised printer);
// - a plan survives JSON unchanged.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lex } from '../../grammar/index.js';
import type * as A from '../../src/lang/ast.js';
import { printProgram } from '../../src/lang/format.js';
import { check, compile, format, parse } from '../../src/lang/index.js';
import { BINARY_PRECEDENCE, NOT_PRECEDENCE } from '../../src/lang/precedence.js';
import { CONFORMANCE, memoryHost, monFiles, read } from './helpers.js';

const R: A.Range = { start: 0, end: 0 };
const host = memoryHost({});

/** The AST without positions (and without what only a syntax error sets). */
function strip(x: unknown): unknown {
  return JSON.parse(
    JSON.stringify(x, (k, v) =>
      k === 'range' || k === 'missingAmountAt' || k === 'recovered' ? undefined : v,
    ),
  );
}

// ---- Totality ------------------------------------------------------------------------------------------

const ALPHABET = [...'abcdefghijklmnopqrstuvwxyz_ABCDEFGHIJ0123456789 \t\n\r#"\\%.,;:+-*/=<>!(){}[]@$é'];
const sourceLike = fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 200 });
const WORDS = [
  'set',
  'buy',
  'on',
  'economy',
  '{',
  '}',
  '(',
  ')',
  'expect',
  '10bn',
  'USD',
  '2010-01-01',
  '%',
  '\n',
  'to',
  'target',
  '=',
];

const conformance = monFiles(CONFORMANCE).map(read);

/** A conformance script with some characters deleted, inserted or replaced. */
const mutated = fc
  .tuple(
    fc.constantFrom(...conformance),
    fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.constantFrom(...ALPHABET, ...WORDS)), {
      minLength: 1,
      maxLength: 8,
    }),
  )
  .map(([text, edits]) => {
    let t = text;
    for (const [at, len, insert] of edits) {
      const i = at % (t.length + 1);
      t = t.slice(0, i) + insert + t.slice(i + len);
    }
    return t;
  });

describe('totality', () => {
  it('law: the lexer, parser, checker, compiler and formatter never throw on arbitrary text', () => {
    fc.assert(
      fc.property(sourceLike, (text) => {
        lex(text);
        const p = parse(text, 'x.mon');
        expect(p.diagnostics.every((d) => d.code !== 'MON9001')).toBe(true);
        const c = compile(text, { file: 'x.mon', host });
        expect(c.diagnostics.every((d) => d.code !== 'MON9001')).toBe(true);
        format(text);
      }),
      { numRuns: 300 },
    );
  });

  it('law: … nor on mutated conformance scripts, and every diagnostic has a code and a span inside the file', () => {
    fc.assert(
      fc.property(mutated, (text) => {
        const r = check(text, { file: 'x.mon', host });
        const lines = text.split('\n').length + 1;
        for (const d of r.diagnostics) {
          expect(d.code).toMatch(/^MON[1-4]\d{3}$/);
          expect(d.span.start.line).toBeGreaterThanOrEqual(1);
          expect(d.span.end.line).toBeLessThanOrEqual(lines);
        }
        format(text);
      }),
      { numRuns: 300 },
    );
  });

  it('law: a script with an error still gets diagnostics for its other statements', () => {
    fc.assert(
      fc.property(fc.constantFrom(...conformance), fc.nat(), (text, n) => {
        const lines = text.split('\n');
        // Between top-level statements (outside every brace).
        const tops: number[] = [];
        let depth = 0;
        lines.forEach((l, i) => {
          if (depth === 0) tops.push(i);
          depth += (l.match(/\{/g)?.length ?? 0) - (l.match(/\}/g)?.length ?? 0);
        });
        const at = tops[n % tops.length];
        const broken = [
          ...lines.slice(0, at),
          'sel mbs 5bn USD',
          ...lines.slice(at),
          'buy treasurys 1 USD',
        ].join('\n');
        const codes = check(broken, { file: 'x.mon', host }).diagnostics.map((d) => d.code);
        expect(codes).toContain('MON1006');
        expect(codes).toContain('MON2001');
      }),
      { numRuns: 40 },
    );
  });
});

// ---- Generated programs -------------------------------------------------------------------------------

const NAMES = ['reserves', 'ioer', 'target', 'x', 'y2', 'Banks', 'deposits_at'];
const name = fc.constantFrom(...NAMES);
const ident = name.map((n): A.Ident => ({ name: n, range: R }));
const digits = fc.constantFrom('0', '1', '42', '1.5', '600e9', '1_000', '10bn', '1.25tn', '7m');
const date = fc
  .constantFrom('2010-01-04', '2010-06', '2011-12-31')
  .map((raw): A.DateLit => ({ kind: 'date', raw, range: R }));
const duration = fc
  .tuple(fc.constantFrom('1', '14', '28'), fc.constantFrom('days', 'weeks', 'month', 'years'))
  .map(([raw, unit]): A.DurationLit => ({ kind: 'duration', raw, unit, range: R }));

const leaf: fc.Arbitrary<A.Expr> = fc.oneof(
  digits.map((raw): A.Expr => ({ kind: 'number', raw, range: R })),
  fc
    .tuple(digits, fc.constantFrom('USD', 'EUR'))
    .map(([raw, currency]): A.Expr => ({ kind: 'amount', raw, currency, range: R })),
  fc.constantFrom('0', '0.25', '10').map((raw): A.Expr => ({ kind: 'percent', raw, range: R })),
  fc.constantFrom('5', '35').map((raw): A.Expr => ({ kind: 'bp', raw, range: R })),
  date,
  duration,
  fc
    .constantFrom('a', 'fred/WRESBAL')
    .map((value): A.Expr => ({ kind: 'string', value, raw: `"${value}"`, range: R })),
  name.map((n): A.Expr => ({ kind: 'name', name: n, range: R })),
  fc.tuple(name, name).map(([o, m]): A.Expr => ({
    kind: 'member',
    object: { kind: 'name', name: o, range: R },
    member: { name: m, range: R },
    range: R,
  })),
);

const BIN_OPS: A.BinaryOperator[] = ['+', '-', '*', '/', '=', '==', '!=', '<', '<=', '>', '>=', 'and', 'or'];

const { expr: rawExpr } = fc.letrec<{ expr: A.Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc
      .tuple(fc.constantFrom(...BIN_OPS), tie('expr'), tie('expr'))
      .map(([op, left, right]): A.Expr => ({ kind: 'binary', op, left, right, range: R })),
    fc
      .tuple(fc.constantFrom<A.UnaryOperator>('-', 'not'), tie('expr'))
      .map(([op, arg]): A.Expr => ({ kind: 'unary', op, arg, range: R })),
    fc
      .tuple(fc.constantFrom('min', 'avg', 'f'), fc.array(tie('expr'), { maxLength: 3 }))
      .map(([callee, args]): A.Expr => ({
        kind: 'call',
        callee: { name: callee, range: R },
        args,
        range: R,
      })),
    tie('expr').map((e): A.Expr => ({ kind: 'paren', expr: e, range: R })),
  ),
}));

const paren = (e: A.Expr): A.Expr => ({ kind: 'paren', expr: e, range: R });

/**
 * Adds the parentheses the printed form needs to read back as the same tree — exactly those a parse of it
 * would show: lower-precedence operands, right operands of equal precedence, chained comparisons, `not`
 * inside arithmetic or a comparison, `and`/`or` under `not`, and any operator under a unary minus.
 */
function normalize(e: A.Expr): A.Expr {
  switch (e.kind) {
    case 'binary': {
      const p = BINARY_PRECEDENCE[e.op];
      let left = normalize(e.left);
      let right = normalize(e.right);
      const weak = (x: A.Expr, strict: boolean): boolean =>
        (x.kind === 'binary' &&
          (strict
            ? BINARY_PRECEDENCE[x.op] <= p
            : BINARY_PRECEDENCE[x.op] < p || (p === 4 && BINARY_PRECEDENCE[x.op] === 4))) ||
        (x.kind === 'unary' && x.op === 'not' && p > NOT_PRECEDENCE);
      if (weak(left, false)) left = paren(left);
      if (weak(right, true)) right = paren(right);
      return { ...e, left, right };
    }
    case 'unary': {
      const arg = normalize(e.arg);
      const needs =
        e.op === '-'
          ? arg.kind === 'binary' || (arg.kind === 'unary' && arg.op === 'not')
          : arg.kind === 'binary' && BINARY_PRECEDENCE[arg.op] < NOT_PRECEDENCE;
      return { ...e, arg: needs ? paren(arg) : arg };
    }
    case 'call':
      return { ...e, args: e.args.map(normalize) };
    case 'paren':
      return { ...e, expr: normalize(e.expr) };
    default:
      return e;
  }
}

const expr = rawExpr.map(normalize);
const freq = fc.oneof(
  fc
    .constantFrom('daily', 'weekly', 'monthly', 'quarterly')
    .map((kind) => ({ kind, range: R }) as A.Frequency),
  fc
    .tuple(fc.constantFrom('2', '3'), fc.constantFrom('days', 'weeks'))
    .map(([count, unit]): A.Frequency => ({ kind: 'every', count, unit, range: R })),
);
const schedule: fc.Arbitrary<A.Schedule> = fc.oneof(
  fc
    .tuple(freq, fc.option(date, { nil: undefined }), fc.option(date, { nil: undefined }))
    .map(([f, from, until]) => {
      const s: A.Schedule = { kind: 'freq', freq: f, range: R };
      if (from) s.from = from;
      if (until) s.until = until;
      return s;
    }),
  date.map((d): A.Schedule => ({ kind: 'by', date: d, range: R })),
);

function opt<T extends object, K extends string, V>(o: T, k: K, v: V | undefined): T {
  if (v !== undefined) (o as Record<string, unknown>)[k] = v;
  return o;
}

const simpleStatement: fc.Arbitrary<A.Stmt> = fc.oneof(
  fc
    .tuple(ident, expr, fc.option(expr, { nil: undefined }))
    .map(([n, value, to]) => opt({ kind: 'set', target: [n], value, range: R } as A.SetStmt, 'to', to)),
  fc
    .tuple(expr, fc.option(expr, { nil: undefined }), fc.option(date, { nil: undefined }))
    .map(([e, within, d]) =>
      opt(
        opt({ kind: 'expect', expr: e, range: R } as A.Stmt, 'within', within),
        'time',
        d && { kind: 'on', date: d, range: R },
      ),
    ),
  fc
    .tuple(
      fc.constantFrom<'buy' | 'sell'>('buy', 'sell'),
      ident,
      fc.option(leaf, { nil: undefined }),
      fc.option(schedule, { nil: undefined }),
      fc.option(ident, { nil: undefined }),
    )
    .map(([op, asset, amount, sched, cp]) => {
      const s = { kind: 'trade', op, asset, range: R } as A.Stmt & { kind: 'trade' };
      if (amount !== undefined && amount.kind !== 'name' && amount.kind !== 'member') s.amount = amount;
      opt(s, 'schedule', sched);
      return opt(s, 'counterparty', cp && { dir: 'from' as const, party: cp, range: R });
    }),
  fc
    .tuple(leaf, ident, fc.option(duration, { nil: undefined }))
    .map(([amount, to, term]) => opt({ kind: 'lend', amount, to, range: R } as A.Stmt, 'term', term)),
  fc.tuple(ident, expr).map(([n, value]): A.Stmt => ({ kind: 'let', name: n, value, range: R })),
  fc
    .array(fc.tuple(expr, fc.option(fc.constant('L'), { nil: undefined })), { minLength: 1, maxLength: 3 })
    .map((series): A.Stmt => ({
      kind: 'report',
      series: series.map(([e, l]) =>
        opt(
          { expr: e, range: R },
          'label',
          l && ({ kind: 'string', value: l, raw: `"${l}"`, range: R } as A.StringLit),
        ),
      ),
      range: R,
    })),
  fc.tuple(date, date).map(([from, to]): A.Stmt => ({ kind: 'simulate', from, to, range: R })),
  fc.constantFrom('1', '42').map((raw): A.Stmt => ({ kind: 'seed', value: { raw, range: R }, range: R })),
);

const statement: fc.Arbitrary<A.Stmt> = fc.oneof(
  { weight: 4, arbitrary: simpleStatement },
  fc.tuple(date, simpleStatement).map(([d, body]): A.Stmt => ({ kind: 'on', date: d, body, range: R })),
  fc.tuple(date, fc.array(simpleStatement, { maxLength: 3 })).map(([d, statements]): A.Stmt => ({
    kind: 'on',
    date: d,
    body: { kind: 'block', statements, range: R },
    range: R,
  })),
  fc.tuple(expr, fc.array(simpleStatement, { maxLength: 3 })).map(([cond, statements]): A.Stmt => ({
    kind: 'when',
    cond,
    body: { kind: 'block', statements, range: R },
    range: R,
  })),
);

const program = fc
  .array(statement, { maxLength: 6 })
  .map((statements): A.Program => ({ kind: 'program', statements, range: R }));

describe('the formatter', () => {
  it('law: parse(print(p)) = p for generated programs', () => {
    fc.assert(
      fc.property(program, (p) => {
        const text = printProgram(p);
        const back = parse(text, 'gen.mon');
        expect(
          back.diagnostics.filter((d) => d.code.startsWith('MON1')),
          text,
        ).toEqual([]);
        expect(strip(back.value!.program.statements), text).toEqual(strip(p.statements));
      }),
      { numRuns: 300 },
    );
  });

  it('law: fmt is idempotent on generated programs and on mutated scripts that parse', () => {
    fc.assert(
      fc.property(fc.oneof(program.map(printProgram), mutated), (text) => {
        const once = format(text);
        if (once.value === undefined) return;
        expect(format(once.value).value).toBe(once.value);
      }),
      { numRuns: 200 },
    );
  });
});

// ---- Precedence -----------------------------------------------------------------------------------------

/** Every operator application in parentheses: the tree made visible. */
function fullyParenthesised(e: A.Expr): string {
  switch (e.kind) {
    case 'binary':
      return `(${fullyParenthesised(e.left)} ${e.op} ${fullyParenthesised(e.right)})`;
    case 'unary':
      return `(${e.op === 'not' ? 'not ' : '-'}${fullyParenthesised(e.arg)})`;
    case 'paren':
      return fullyParenthesised(e.expr);
    case 'member':
      return `${fullyParenthesised(e.object)}.${e.member.name}`;
    case 'call':
      return `${e.callee.name}(${e.args.map(fullyParenthesised).join(', ')})`;
    case 'amount':
      return `${e.raw} ${e.currency}`;
    case 'percent':
      return `${e.raw}%`;
    case 'bp':
      return `${e.raw}bp`;
    case 'name':
      return e.name;
    default:
      return 'raw' in e ? e.raw : '?';
  }
}

function tree(source: string): string {
  const r = parse(`expect ${source}`, 'p.mon');
  const s = r.value!.program.statements[0] as A.StmtOf<'expect'>;
  return fullyParenthesised(s.expr);
}

describe('precedence (SPEC §3)', () => {
  it.each([
    ['a + b * c', '(a + (b * c))'],
    ['a * b + c', '((a * b) + c)'],
    ['a - b - c', '((a - b) - c)'],
    ['a / b / c', '((a / b) / c)'],
    ['-a * b', '((-a) * b)'],
    ['-a.b', '(-a.b)'],
    ['a = b + c', '(a = (b + c))'],
    ['a < b and c > d', '((a < b) and (c > d))'],
    ['a or b and c', '(a or (b and c))'],
    ['a and b or c', '((a and b) or c)'],
    ['not a = b', '(not (a = b))'],
    ['not a and b', '((not a) and b)'],
    ['a or not b = c and d', '(a or ((not (b = c)) and d))'],
    ['10bn USD + 5bp', '(10bn USD + 5bp)'],
    ['target.high - 5bp >= 0%', '((target.high - 5bp) >= 0%)'],
    ['min(a, b + c) * 2', '(min(a, (b + c)) * 2)'],
    ['(a + b) * c', '((a + b) * c)'],
    ['--a', '(-(-a))'],
  ])('%s', (source, expected) => {
    expect(tree(source)).toBe(expected);
  });

  it('a chained comparison is reported', () => {
    expect(parse('expect 0% < a < 1%', 'p.mon').diagnostics.map((d) => d.code)).toEqual(['MON1009']);
  });
});

// ---- Plans and JSON -------------------------------------------------------------------------------------

describe('plans', () => {
  it('law: a plan round-trips through JSON unchanged', () => {
    for (const [i, text] of conformance.entries()) {
      const r = compile(text, { file: `c${i}.mon`, host });
      expect(r.value).toBeDefined();
      expect(JSON.parse(JSON.stringify(r.value))).toEqual(r.value);
    }
  });
});

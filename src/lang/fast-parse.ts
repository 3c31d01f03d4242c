// A fast path for the statements long scripts are made of: `on DATE stmt`, `set`, `buy`/`sell` and `expect`
// with their expressions, parsed straight from the token arrays to the AST that chevrotain's CST and
// build-ast.ts would give. The chevrotain grammar stays the grammar of record: anything else, anything
// unusual (a block, a schedule, a missing amount, a chained comparison …) and every syntax error makes
// `fastParse` give up on the batch, which is then parsed the ordinary way. So it only ever accepts input the
// grammar accepts, and builds the same AST for it; tests/lang/fast-parse.test.ts compares the two on every
// example and on mutated scripts.
import { tokenMatcher, type IToken, type TokenType } from '#chevrotain';
import { typeOf, type Tokens } from '../../grammar/index.js';
import * as T from '../../grammar/tokens.js';
import type * as A from './ast.js';
import { BINARY_PRECEDENCE, NOT_PRECEDENCE, isComparison } from './precedence.js';

// What the fast path asks of a token type, as bits, worked out once per tokenTypeIdx with chevrotain's own
// category matching.
const IDENTIFIER = 1;
const BINARY_OP = 2;
const PREFIX_OP = 4;
const TERMINATOR = 8;
const DURATION_UNIT = 16;
const CURRENCY_CODE = 32;
/** Can start an expression (an operand: prefix operator or primary). */
const EXPRESSION_START = 64;
const flagsByIdx: number[] = [];

function flags(idx: number): number {
  let f = flagsByIdx[idx];
  if (f === undefined) {
    const type = typeOf(idx);
    const probe = { tokenTypeIdx: idx, tokenType: type } as IToken;
    const is = (t: TokenType): boolean => tokenMatcher(probe, t);
    f = 0;
    if (is(T.Identifier)) f |= IDENTIFIER;
    if (is(T.BinaryOp)) f |= BINARY_OP;
    if (is(T.PrefixOp)) f |= PREFIX_OP;
    if (is(T.Terminator)) f |= TERMINATOR;
    if (is(T.DurationUnit)) f |= DURATION_UNIT;
    if (is(T.CurrencyCode)) f |= CURRENCY_CODE;
    if (
      (f & (IDENTIFIER | PREFIX_OP)) !== 0 ||
      [T.NumberLit, T.PercentLit, T.BpLit, T.DateLit, T.StringLit, T.LParen].some(is)
    )
      f |= EXPRESSION_START;
    flagsByIdx[idx] = f;
  }
  return f;
}

const BINARY_OPS: ReadonlyMap<TokenType, A.BinaryOperator> = new Map<TokenType, A.BinaryOperator>([
  [T.Plus, '+'],
  [T.Minus, '-'],
  [T.Star, '*'],
  [T.Slash, '/'],
  [T.Equals, '='],
  [T.EqEq, '=='],
  [T.NotEq, '!='],
  [T.Lt, '<'],
  [T.LtEq, '<='],
  [T.Gt, '>'],
  [T.GtEq, '>='],
  [T.And, 'and'],
  [T.Or, 'or'],
]);

/** Thrown to give up on a batch; not an Error, so that giving up captures no stack. */
const GIVE_UP = { giveUp: true };

/** An operand as read: its prefix operators (token indices) and its primary with `.name`s applied. */
interface Operand {
  prefixes: number[] | undefined;
  expr: A.Expr;
}

function unescape(raw: string): string {
  const body = raw.endsWith('"') && raw.length > 1 ? raw.slice(1, -1) : raw.slice(1);
  return body.replace(/\\(.)/g, '$1');
}

class FastParser {
  private readonly text: string;
  private readonly types: Uint16Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private i: number;
  // Token types by index, fetched once.
  private readonly idx = {
    on: T.On.tokenTypeIdx!,
    set: T.Set.tokenTypeIdx!,
    buy: T.Buy.tokenTypeIdx!,
    sell: T.Sell.tokenTypeIdx!,
    expect: T.Expect.tokenTypeIdx!,
    within: T.Within.tokenTypeIdx!,
    from: T.From.tokenTypeIdx!,
    to: T.To.tokenTypeIdx!,
    date: T.DateLit.tokenTypeIdx!,
    number: T.NumberLit.tokenTypeIdx!,
    percent: T.PercentLit.tokenTypeIdx!,
    bp: T.BpLit.tokenTypeIdx!,
    string: T.StringLit.tokenTypeIdx!,
    lParen: T.LParen.tokenTypeIdx!,
    rParen: T.RParen.tokenTypeIdx!,
    comma: T.Comma.tokenTypeIdx!,
    dot: T.Dot.tokenTypeIdx!,
    equals: T.Equals.tokenTypeIdx!,
    not: T.Not.tokenTypeIdx!,
  };

  constructor(
    tokens: Tokens,
    from: number,
    private readonly to: number,
  ) {
    this.text = tokens.text;
    this.types = tokens.types;
    this.starts = tokens.starts;
    this.ends = tokens.ends;
    this.i = from;
  }

  /** The next token's tokenTypeIdx; -1 past the batch (chevrotain's EOF). */
  private la(): number {
    return this.i < this.to ? this.types[this.i] : -1;
  }

  private laFlags(): number {
    return this.i < this.to ? flags(this.types[this.i]) : 0;
  }

  private expect(idx: number): number {
    if (this.la() !== idx) throw GIVE_UP;
    return this.i++;
  }

  private expectIdentifier(): number {
    if ((this.laFlags() & IDENTIFIER) === 0) throw GIVE_UP;
    return this.i++;
  }

  private image(k: number): string {
    return this.text.slice(this.starts[k], this.ends[k]);
  }

  private range(k: number): A.Range {
    return { start: this.starts[k], end: this.ends[k] };
  }

  /** From the start of token `a` to the end of the last token read. */
  private rangeFrom(a: number): A.Range {
    return { start: this.starts[a], end: this.ends[this.i - 1] };
  }

  private ident(k: number): A.Ident {
    return { name: this.image(k), range: this.range(k) };
  }

  program(): A.Stmt[] {
    const out: A.Stmt[] = [];
    while (this.i < this.to) {
      if ((flags(this.types[this.i]) & TERMINATOR) !== 0) {
        this.i++;
        continue;
      }
      out.push(this.statement());
      // `end`: a terminator, or nothing before the end of the input (a `}` here would be an error).
      if (this.i < this.to) {
        if ((flags(this.types[this.i]) & TERMINATOR) === 0) throw GIVE_UP;
        this.i++;
      }
    }
    return out;
  }

  private statement(): A.Stmt {
    const t = this.la();
    const x = this.idx;
    if (t === x.on) return this.onStatement();
    if (t === x.set) return this.setStatement();
    if (t === x.buy || t === x.sell) return this.tradeStatement();
    if (t === x.expect) return this.expectStatement();
    throw GIVE_UP;
  }

  private onStatement(): A.Stmt {
    const a = this.i++;
    const d = this.expect(this.idx.date);
    const date: A.DateLit = { kind: 'date', raw: this.image(d), range: this.range(d) };
    const body = this.statement(); // a block is left to the grammar
    return { kind: 'on', date, body, range: this.rangeFrom(a) };
  }

  private setStatement(): A.SetStmt {
    const a = this.i++;
    const target: A.Ident[] = [this.ident(this.expectIdentifier())];
    while (this.la() === this.idx.dot) {
      this.i++;
      target.push(this.ident(this.expectIdentifier()));
    }
    this.expect(this.idx.equals);
    const value = this.expression();
    let to: A.Expr | undefined;
    if (this.la() === this.idx.to) {
      this.i++;
      to = this.expression();
    }
    const s: A.SetStmt = { kind: 'set', target, value, range: this.rangeFrom(a) };
    if (to !== undefined) s.to = to;
    return s;
  }

  private tradeStatement(): A.Stmt {
    const a = this.i;
    const op = this.types[this.i++] === this.idx.buy ? 'buy' : 'sell';
    const asset = this.ident(this.expectIdentifier());
    // A missing amount (the grammar's GATE) and a schedule are left to the grammar.
    const next = this.la();
    if ((this.laFlags() & EXPRESSION_START) === 0 || AMOUNT_FOLLOWERS.has(next)) throw GIVE_UP;
    const amount = this.expression();
    const after = this.la();
    if (SCHEDULE_START.has(after)) throw GIVE_UP;
    let counterparty: A.Counterparty | undefined;
    if (after === this.idx.from || after === this.idx.to) {
      const c = this.i++;
      const party = this.ident(this.expectIdentifier());
      counterparty = { dir: after === this.idx.from ? 'from' : 'to', party, range: this.rangeFrom(c) };
    }
    const s: A.Stmt = { kind: 'trade', op, asset, range: this.rangeFrom(a) };
    s.amount = amount;
    if (counterparty !== undefined) s.counterparty = counterparty;
    return s;
  }

  private expectStatement(): A.Stmt {
    const a = this.i++;
    const expr = this.expression();
    let within: A.Expr | undefined;
    if (this.la() === this.idx.within) {
      this.i++;
      within = this.expression();
    }
    let time: A.CheckTime | undefined;
    const t = this.la();
    if (t === this.idx.on) {
      const c = this.i++;
      const d = this.expect(this.idx.date);
      const date: A.DateLit = { kind: 'date', raw: this.image(d), range: this.range(d) };
      time = { kind: 'on', date, range: this.rangeFrom(c) };
    } else if (CHECK_TIME_START.has(t)) throw GIVE_UP;
    const s: A.Stmt = { kind: 'expect', expr, range: this.rangeFrom(a) };
    if (within !== undefined) s.within = within;
    if (time !== undefined) s.time = time;
    return s;
  }

  // ---- Expressions: operands and operators, then build-ast.ts's precedence climb over them -------------

  private operands: Operand[] = [];
  private ops: number[] = [];
  private climbI = 0;
  private climbP = 0;

  private expression(): A.Expr {
    const operands: Operand[] = [this.operand()];
    const ops: number[] = [];
    while ((this.laFlags() & BINARY_OP) !== 0) {
      ops.push(this.i++);
      operands.push(this.operand());
    }
    if (ops.length === 0) {
      const o = operands[0];
      let e = o.expr;
      const prefix = o.prefixes;
      if (prefix === undefined) return e;
      for (let k = prefix.length - 1; k >= 0; k--) {
        const r = this.range(prefix[k]);
        e = {
          kind: 'unary',
          op: this.types[prefix[k]] === this.idx.not ? 'not' : '-',
          arg: e,
          range: { start: Math.min(r.start, e.range.start), end: Math.max(r.end, e.range.end) },
        };
      }
      return e;
    }
    const saved = [this.operands, this.ops, this.climbI, this.climbP] as const;
    this.operands = operands;
    this.ops = ops;
    this.climbI = 0;
    this.climbP = 0;
    try {
      return this.climb(0);
    } finally {
      [this.operands, this.ops, this.climbI, this.climbP] = saved;
    }
  }

  private unary(): A.Expr {
    const o = this.operands[this.climbI];
    const prefix = o.prefixes;
    if (prefix !== undefined && this.climbP < prefix.length) {
      const k = prefix[this.climbP++];
      const r = this.range(k);
      const not = this.types[k] === this.idx.not;
      const arg = not ? this.climb(NOT_PRECEDENCE + 1) : this.unary();
      return {
        kind: 'unary',
        op: not ? 'not' : '-',
        arg,
        range: { start: Math.min(r.start, arg.range.start), end: Math.max(r.end, arg.range.end) },
      };
    }
    this.climbI++;
    this.climbP = 0;
    return o.expr;
  }

  private climb(minPrec: number): A.Expr {
    let left = this.unary();
    for (;;) {
      const k = this.ops[this.climbI - 1];
      if (k === undefined) break;
      const op = BINARY_OPS.get(typeOf(this.types[k])) ?? '+';
      const prec = BINARY_PRECEDENCE[op];
      if (prec < minPrec) break;
      const right = this.climb(prec + 1);
      // `a < b < c` is reported by the ordinary path.
      if (isComparison(op) && left.kind === 'binary' && isComparison(left.op)) throw GIVE_UP;
      left = {
        kind: 'binary',
        op,
        left,
        right,
        range: {
          start: Math.min(left.range.start, right.range.start),
          end: Math.max(left.range.end, right.range.end),
        },
      };
    }
    return left;
  }

  private operand(): Operand {
    let prefixes: number[] | undefined;
    while ((this.laFlags() & PREFIX_OP) !== 0) (prefixes ??= []).push(this.i++);
    let e = this.primary();
    while (this.la() === this.idx.dot) {
      this.i++;
      const member = this.ident(this.expectIdentifier());
      e = {
        kind: 'member',
        object: e,
        member,
        range: {
          start: Math.min(e.range.start, member.range.start),
          end: Math.max(e.range.end, member.range.end),
        },
      };
    }
    return { prefixes, expr: e };
  }

  private primary(): A.Expr {
    const t = this.la();
    const x = this.idx;
    const k = this.i;
    if (t === x.number) {
      this.i++;
      const r = this.range(k);
      const f = this.laFlags();
      if ((f & CURRENCY_CODE) !== 0) {
        const c = this.i++;
        return { kind: 'amount', raw: this.image(k), currency: this.image(c), range: this.span(r, c) };
      }
      if ((f & DURATION_UNIT) !== 0) {
        const u = this.i++;
        return { kind: 'duration', raw: this.image(k), unit: this.image(u), range: this.span(r, u) };
      }
      return { kind: 'number', raw: this.image(k), range: r };
    }
    if (t === x.percent) {
      this.i++;
      return { kind: 'percent', raw: this.image(k).slice(0, -1), range: this.range(k) };
    }
    if (t === x.bp) {
      this.i++;
      return { kind: 'bp', raw: this.image(k).slice(0, -2), range: this.range(k) };
    }
    if (t === x.date) {
      this.i++;
      return { kind: 'date', raw: this.image(k), range: this.range(k) };
    }
    if (t === x.string) {
      this.i++;
      const raw = this.image(k);
      return { kind: 'string', value: unescape(raw), raw, range: this.range(k) };
    }
    if ((this.laFlags() & IDENTIFIER) !== 0) {
      this.i++;
      const id = this.ident(k);
      if (this.la() !== x.lParen) return { kind: 'name', name: id.name, range: id.range };
      this.i++;
      const args: A.Expr[] = [];
      if ((this.laFlags() & EXPRESSION_START) !== 0) {
        args.push(this.expression());
        while (this.la() === x.comma) {
          this.i++;
          args.push(this.expression());
        }
      }
      this.expect(x.rParen);
      return { kind: 'call', callee: id, args, range: this.span(id.range, this.i - 1) };
    }
    if (t === x.lParen) {
      this.i++;
      const inner = this.expression();
      const close = this.expect(x.rParen);
      return { kind: 'paren', expr: inner, range: this.span(this.range(k), close) };
    }
    // An unterminated string, or no operand at all.
    throw GIVE_UP;
  }

  /** build-ast.ts's `span` of a range and a later token. */
  private span(r: A.Range, k: number): A.Range {
    return { start: Math.min(r.start, this.starts[k]), end: Math.max(r.end, this.ends[k]) };
  }
}

const AMOUNT_FOLLOWERS: ReadonlySet<number> = new Set(
  [T.Daily, T.Weekly, T.Monthly, T.Quarterly, T.Every, T.By, T.From, T.To, T.For, T.At, T.Cash].map(
    (t) => t.tokenTypeIdx!,
  ),
);
const SCHEDULE_START: ReadonlySet<number> = new Set(
  [T.Daily, T.Weekly, T.Monthly, T.Quarterly, T.Every, T.By].map((t) => t.tokenTypeIdx!),
);
const CHECK_TIME_START: ReadonlySet<number> = new Set(
  [T.At, T.Always, T.Daily, T.Weekly, T.Monthly, T.Quarterly, T.Every].map((t) => t.tokenTypeIdx!),
);

/**
 * The statements of tokens [from, to) — a batch, as grammar/index.ts cuts them — or undefined when the fast
 * path leaves the batch to the grammar.
 */
export function fastParse(tokens: Tokens, from: number, to: number): A.Stmt[] | undefined {
  try {
    return new FastParser(tokens, from, to).program();
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}

// A fast path for the parser: the whole grammar of grammar/parser.ts (every statement, the economy and its
// items, schedules, blocks), parsed straight from the token arrays to the AST that chevrotain's CST and
// build-ast.ts would give. The chevrotain grammar stays the grammar of record: every decision here is the one
// its LL(1) lookahead makes (same first sets, same GATEs, same order of alternatives), and anything that
// would be a syntax error — or that build-ast.ts would report, like a chained comparison — makes `fastParse`
// give up on the batch, which is then parsed the ordinary way, with chevrotain's recovery and messages. So
// it only ever accepts input the grammar accepts, and builds the same AST for it; tests/lang/fast-parse.test.ts
// holds the two together (generated statements, every .mon file, mutants of them) and checks that the fast
// path accepts every file of the corpus that the grammar accepts, so that it keeps up with the grammar.
import { tokenMatcher, type IToken, type TokenType } from '#chevrotain';
import { typeOf, type Tokens } from '../../grammar/index.js';
import * as T from '../../grammar/tokens.js';
import type * as A from './ast.js';
import { BINARY_PRECEDENCE, NOT_PRECEDENCE, isComparison } from './precedence.js';

// What the fast path asks of a token type, as bits, worked out once per tokenTypeIdx with chevrotain's own
// category matching (a keyword is also a name; an unterminated string is also a string).
const IDENTIFIER = 1;
const BINARY_OP = 2;
const PREFIX_OP = 4;
const TERMINATOR = 8;
const DURATION_UNIT = 16;
const CURRENCY_CODE = 32;
/** Can start an expression (an operand: prefix operator or primary). */
const EXPRESSION_START = 64;
const FREQUENCY_WORD = 128;
const STRING = 256;
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
    if (is(T.Frequency)) f |= FREQUENCY_WORD;
    if (is(T.StringLit)) f |= STRING;
    if (
      (f & (IDENTIFIER | PREFIX_OP | STRING)) !== 0 ||
      [T.NumberLit, T.PercentLit, T.BpLit, T.DateLit, T.LParen].some(is)
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

/** BINARY_OPS by tokenTypeIdx. */
const OP_BY_IDX: (A.BinaryOperator | undefined)[] = [];
for (const [type, op] of BINARY_OPS) OP_BY_IDX[type.tokenTypeIdx!] = op;

/** Thrown to give up on a batch; not an Error, so that giving up captures no stack. */
const GIVE_UP = { giveUp: true };

// The operand stack of `FastParser.expression`.
const OPERAND_P0: number[] = [];
const OPERAND_NP: number[] = [];
const OPERAND_EXPR: A.Expr[] = [];
const OPERATOR_BEFORE: number[] = [];
const OPERAND_START: number[] = [];
const OPERAND_END: number[] = [];

// Words and literals repeat through a script (`target`, `USD`, `25bp`): each spelling is kept once, so a
// token's text is looked up by its characters instead of sliced into a new string, and the checker's
// lookups by name meet the same string (its hash already computed). A fixed table, one spelling per slot:
// a collision replaces the older one.
const INTERN_SLOTS = 4096;
const INTERN_MAX = 16;
const interned: (string | undefined)[] = new Array<string | undefined>(INTERN_SLOTS).fill(undefined);

/** `text.slice(start, end)`, the same string object as the last time these characters were read. */
function word(text: string, start: number, end: number): string {
  const n = end - start;
  if (n > INTERN_MAX || n <= 0) return text.slice(start, end);
  let h = n;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  const slot = (h ^ (h >>> 13)) & (INTERN_SLOTS - 1);
  const known = interned[slot];
  if (known !== undefined && known.length === n && text.startsWith(known, start)) return known;
  const w = text.slice(start, end);
  interned[slot] = w;
  return w;
}

function unescape(raw: string): string {
  const body = raw.endsWith('"') && raw.length > 1 ? raw.slice(1, -1) : raw.slice(1);
  return body.replace(/\\(.)/g, '$1');
}

/** Token types by index (chevrotain numbers them when they are created). */
const K = {
  title: T.Title.tokenTypeIdx!,
  use: T.Use.tokenTypeIdx!,
  simulate: T.Simulate.tokenTypeIdx!,
  seed: T.Seed.tokenTypeIdx!,
  let: T.Let.tokenTypeIdx!,
  param: T.Param.tokenTypeIdx!,
  in: T.In.tokenTypeIdx!,
  economy: T.Economy.tokenTypeIdx!,
  currency: T.Currency.tokenTypeIdx!,
  unit: T.Unit.tokenTypeIdx!,
  centralBank: T.CentralBank.tokenTypeIdx!,
  treasury: T.Treasury.tokenTypeIdx!,
  bank: T.Bank.tokenTypeIdx!,
  banks: T.Banks.tokenTypeIdx!,
  lender: T.Lender.tokenTypeIdx!,
  public: T.Public.tokenTypeIdx!,
  firm: T.Firm.tokenTypeIdx!,
  with: T.With.tokenTypeIdx!,
  maintenance: T.Maintenance.tokenTypeIdx!,
  lag: T.Lag.tokenTypeIdx!,
  sizes: T.Sizes.tokenTypeIdx!,
  lends: T.Lends.tokenTypeIdx!,
  yield: T.Yield.tokenTypeIdx!,
  maturity: T.Maturity.tokenTypeIdx!,
  ineligible: T.Ineligible.tokenTypeIdx!,
  rrpAccess: T.RrpAccess.tokenTypeIdx!,
  set: T.Set.tokenTypeIdx!,
  reserveRequirement: T.ReserveRequirement.tokenTypeIdx!,
  on: T.On.tokenTypeIdx!,
  up: T.Up.tokenTypeIdx!,
  above: T.Above.tokenTypeIdx!,
  remunerate: T.Remunerate.tokenTypeIdx!,
  required: T.Required.tokenTypeIdx!,
  excess: T.Excess.tokenTypeIdx!,
  reserves: T.Reserves.tokenTypeIdx!,
  rest: T.Rest.tokenTypeIdx!,
  at: T.At.tokenTypeIdx!,
  buy: T.Buy.tokenTypeIdx!,
  sell: T.Sell.tokenTypeIdx!,
  hold: T.Hold.tokenTypeIdx!,
  runoff: T.Runoff.tokenTypeIdx!,
  cap: T.Cap.tokenTypeIdx!,
  lend: T.Lend.tokenTypeIdx!,
  for: T.For.tokenTypeIdx!,
  repay: T.Repay.tokenTypeIdx!,
  pay: T.Pay.tokenTypeIdx!,
  withdraw: T.Withdraw.tokenTypeIdx!,
  deposit: T.Deposit.tokenTypeIdx!,
  cash: T.Cash.tokenTypeIdx!,
  by: T.By.tokenTypeIdx!,
  offer: T.Offer.tokenTypeIdx!,
  termDeposits: T.TermDeposits.tokenTypeIdx!,
  reverseRepos: T.ReverseRepos.tokenTypeIdx!,
  unlimited: T.Unlimited.tokenTypeIdx!,
  issue: T.Issue.tokenTypeIdx!,
  redeem: T.Redeem.tokenTypeIdx!,
  spend: T.Spend.tokenTypeIdx!,
  tax: T.Tax.tokenTypeIdx!,
  sfp: T.Sfp.tokenTypeIdx!,
  post: T.Post.tokenTypeIdx!,
  every: T.Every.tokenTypeIdx!,
  until: T.Until.tokenTypeIdx!,
  monthly: T.Monthly.tokenTypeIdx!,
  day: T.Day.tokenTypeIdx!,
  businessDay: T.BusinessDay.tokenTypeIdx!,
  week: T.Week.tokenTypeIdx!,
  month: T.Month.tokenTypeIdx!,
  quarter: T.Quarter.tokenTypeIdx!,
  when: T.When.tokenTypeIdx!,
  expect: T.Expect.tokenTypeIdx!,
  within: T.Within.tokenTypeIdx!,
  end: T.End.tokenTypeIdx!,
  always: T.Always.tokenTypeIdx!,
  report: T.Report.tokenTypeIdx!,
  show: T.Show.tokenTypeIdx!,
  balanceSheets: T.BalanceSheets.tokenTypeIdx!,
  of: T.Of.tokenTypeIdx!,
  as: T.As.tokenTypeIdx!,
  from: T.From.tokenTypeIdx!,
  to: T.To.tokenTypeIdx!,
  date: T.DateLit.tokenTypeIdx!,
  number: T.NumberLit.tokenTypeIdx!,
  percent: T.PercentLit.tokenTypeIdx!,
  bp: T.BpLit.tokenTypeIdx!,
  string: T.StringLit.tokenTypeIdx!,
  lParen: T.LParen.tokenTypeIdx!,
  rParen: T.RParen.tokenTypeIdx!,
  lCurly: T.LCurly.tokenTypeIdx!,
  rCurly: T.RCurly.tokenTypeIdx!,
  comma: T.Comma.tokenTypeIdx!,
  dot: T.Dot.tokenTypeIdx!,
  dotDot: T.DotDot.tokenTypeIdx!,
  equals: T.Equals.tokenTypeIdx!,
  plus: T.Plus.tokenTypeIdx!,
  minus: T.Minus.tokenTypeIdx!,
  not: T.Not.tokenTypeIdx!,
};

/** The grammar's AMOUNT_FOLLOWERS: keywords that follow a missing amount (its GATE). */
const AMOUNT_FOLLOWERS: ReadonlySet<number> = new Set(
  [T.Daily, T.Weekly, T.Monthly, T.Quarterly, T.Every, T.By, T.From, T.To, T.For, T.At, T.Cash].map(
    (t) => t.tokenTypeIdx!,
  ),
);

class FastParser {
  private readonly text: string;
  private readonly types: Uint16Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly count: number;
  private i: number;
  /** Where the last operation without an amount (`amount` returned undefined) should have had it. */
  private missingAt: A.Range | undefined;

  constructor(
    tokens: Tokens,
    from: number,
    private readonly to: number,
  ) {
    this.text = tokens.text;
    this.types = tokens.types;
    this.starts = tokens.starts;
    this.ends = tokens.ends;
    this.count = tokens.count;
    this.i = from;
  }

  /** The next token's tokenTypeIdx; -1 past the batch (chevrotain's EOF). */
  private la(): number {
    return this.i < this.to ? this.types[this.i] : -1;
  }

  /** The tokenTypeIdx of the token after the next; -1 past the batch. */
  private la2(): number {
    return this.i + 1 < this.to ? this.types[this.i + 1] : -1;
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
    return word(this.text, this.starts[k], this.ends[k]);
  }

  private range(k: number): A.Range {
    return { start: this.starts[k], end: this.ends[k] };
  }

  /** From the start of token `a` to the end of the last token read (a CST node's location). */
  private rangeFrom(a: number): A.Range {
    return { start: this.starts[a], end: this.ends[this.i - 1] };
  }

  private ident(k: number): A.Ident {
    return { name: this.image(k), range: this.range(k) };
  }

  private dateAt(k: number): A.DateLit {
    // Sliced, not interned: a script's dates are mostly different, and the table would only churn.
    return { kind: 'date', raw: this.text.slice(this.starts[k], this.ends[k]), range: this.range(k) };
  }

  private expectDate(): A.DateLit {
    return this.dateAt(this.expect(K.date));
  }

  /** A string where the grammar wants one; an unterminated one (a lexing error) is left to the grammar. */
  private expectString(): A.StringLit {
    const k = this.expect(K.string);
    const raw = this.image(k);
    return { kind: 'string', value: unescape(raw), raw, range: this.range(k) };
  }

  private atString(): boolean {
    return (this.laFlags() & STRING) !== 0;
  }

  // ---- Lines, blocks, statements ------------------------------------------------------------------------

  /** The grammar's `end`: a terminator, or nothing before `}` (in a block) or the end of the input. */
  private end(): void {
    if ((this.laFlags() & TERMINATOR) !== 0) {
      this.i++;
      return;
    }
    const t = this.la();
    if (t === -1 || t === K.rCurly) return;
    throw GIVE_UP;
  }

  program(): A.Stmt[] {
    const out = this.lines();
    // A `}` (or anything else that starts no line) ends the grammar's `program` before the input does.
    if (this.i < this.to) throw GIVE_UP;
    return out;
  }

  /** `MANY(statement end | Terminator)`, as in `program` and `block`. */
  private lines(): A.Stmt[] {
    const out: A.Stmt[] = [];
    for (;;) {
      if ((this.laFlags() & TERMINATOR) !== 0) {
        this.i++;
        continue;
      }
      const s = this.statement();
      if (s === undefined) return out;
      out.push(s);
      this.end();
    }
  }

  private block(): A.Block {
    const a = this.expect(K.lCurly);
    const statements = this.lines();
    this.expect(K.rCurly);
    return { kind: 'block', statements, range: this.rangeFrom(a) };
  }

  /** A statement, or undefined when the next token starts none (the token is not consumed). */
  private statement(): A.Stmt | undefined {
    switch (this.la()) {
      case K.title:
        return this.titleStatement();
      case K.use:
        return this.useStatement();
      case K.simulate:
        return this.simulateStatement();
      case K.seed:
        return this.seedStatement();
      case K.let:
        return this.letStatement();
      case K.param:
        return this.paramStatement();
      case K.economy:
        return this.economyDeclaration();
      case K.set:
        return this.setStatement();
      case K.reserveRequirement:
        return this.reserveRequirement();
      case K.remunerate:
        return this.remunerate();
      case K.buy:
      case K.sell:
        return this.tradeStatement();
      case K.hold:
        return this.holdStatement();
      case K.runoff:
        return this.runoffStatement();
      case K.lend:
        return this.lendStatement();
      case K.repay:
        return this.repayStatement();
      case K.pay:
        return this.payStatement();
      case K.withdraw:
      case K.deposit:
        return this.cashStatement();
      case K.offer:
        return this.offerStatement();
      case K.treasury:
        return this.treasuryStatement();
      case K.post:
        return this.postStatement();
      case K.on:
        return this.onStatement();
      case K.when:
        return this.whenStatement();
      case K.every:
        return this.everyStatement();
      case K.expect:
        return this.expectStatement();
      case K.report:
        return this.reportStatement();
      case K.show:
        return this.showStatement();
      default:
        return undefined;
    }
  }

  // ---- Headers ------------------------------------------------------------------------------------------

  private titleStatement(): A.Stmt {
    const kw = this.range(this.i++);
    const title = this.expectString();
    return { kind: 'title', title, range: span(kw, title.range) };
  }

  private useStatement(): A.Stmt {
    const kw = this.range(this.i++);
    if (this.atString()) {
      const str = this.expectString();
      return { kind: 'use', target: str, range: span(kw, str.range) };
    }
    const names = this.dottedName();
    return { kind: 'use', target: names, range: span(kw, names[names.length - 1].range) };
  }

  private dottedName(): A.Ident[] {
    const out: A.Ident[] = [this.ident(this.expectIdentifier())];
    while (this.la() === K.dot) {
      this.i++;
      out.push(this.ident(this.expectIdentifier()));
    }
    return out;
  }

  private simulateStatement(): A.Stmt {
    const kw = this.range(this.i++);
    this.expect(K.from);
    const from = this.expectDate();
    this.expect(K.to);
    const to = this.expectDate();
    return { kind: 'simulate', from, to, range: span(kw, to.range) };
  }

  private seedStatement(): A.Stmt {
    const kw = this.range(this.i++);
    const n = this.expect(K.number);
    const r = this.range(n);
    return { kind: 'seed', value: { raw: this.image(n), range: r }, range: span(kw, r) };
  }

  private letStatement(): A.Stmt {
    const kw = this.range(this.i++);
    const name = this.ident(this.expectIdentifier());
    this.expect(K.equals);
    const value = this.expression();
    return { kind: 'let', name, value, range: span(kw, value.range) };
  }

  private paramStatement(): A.Stmt {
    const kw = this.range(this.i++);
    const name = this.ident(this.expectIdentifier());
    this.expect(K.equals);
    const value = this.expression();
    let lo: A.Expr | undefined;
    let hi: A.Expr | undefined;
    if (this.la() === K.in) {
      this.i++;
      lo = this.expression();
      this.expect(K.dotDot);
      hi = this.expression();
    }
    const s: A.Stmt = { kind: 'param', name, value, range: span(kw, (hi ?? lo ?? value).range) };
    if (lo !== undefined) s.lo = lo;
    if (hi !== undefined) s.hi = hi;
    return s;
  }

  // ---- The economy --------------------------------------------------------------------------------------

  private economyDeclaration(): A.Stmt {
    const a = this.i++;
    const name = this.ident(this.expectIdentifier());
    const title = this.atString() ? this.expectString() : undefined;
    this.expect(K.lCurly);
    const items: A.EconomyItem[] = [];
    for (;;) {
      if ((this.laFlags() & TERMINATOR) !== 0) {
        this.i++;
        continue;
      }
      const item = this.economyItem();
      if (item === undefined) break;
      items.push(item);
      this.end();
    }
    this.expect(K.rCurly);
    const s: A.Stmt = { kind: 'economy', name, items, range: this.rangeFrom(a) };
    if (title !== undefined) s.title = title;
    return s;
  }

  private economyItem(): A.EconomyItem | undefined {
    const t = this.la();
    switch (t) {
      case K.currency: {
        const kw = this.range(this.i++);
        if ((this.laFlags() & CURRENCY_CODE) === 0) throw GIVE_UP;
        const c = this.i++;
        return { kind: 'currency', code: this.image(c), range: span(kw, this.range(c)) };
      }
      case K.unit: {
        const kw = this.range(this.i++);
        const value = this.expression();
        return { kind: 'unit', value, range: span(kw, value.range) };
      }
      case K.centralBank:
      case K.treasury:
      case K.bank:
      case K.lender: {
        const a = this.i++;
        const agentKind: A.AgentKeyword =
          t === K.centralBank
            ? 'central_bank'
            : t === K.treasury
              ? 'treasury'
              : t === K.bank
                ? 'bank'
                : 'lender';
        const name = this.ident(this.expectIdentifier());
        const holdings = this.la() === K.lCurly ? this.holdings() : undefined;
        const item: A.AgentItem = { kind: 'agent', agentKind, range: this.rangeFrom(a) };
        item.name = name;
        if (holdings !== undefined) item.holdings = holdings;
        return item;
      }
      case K.public: {
        const a = this.i++;
        const name = (this.laFlags() & IDENTIFIER) !== 0 ? this.ident(this.i++) : undefined;
        const holdings = this.la() === K.lCurly ? this.holdings() : undefined;
        const item: A.AgentItem = { kind: 'agent', agentKind: 'public', range: this.rangeFrom(a) };
        if (name !== undefined) item.name = name;
        if (holdings !== undefined) item.holdings = holdings;
        return item;
      }
      case K.firm: {
        const a = this.i++;
        const name = this.ident(this.expectIdentifier());
        let home: A.Ident | undefined;
        if (this.la() === K.banks) {
          this.i++;
          this.expect(K.with);
          home = this.ident(this.expectIdentifier());
        }
        const holdings = this.la() === K.lCurly ? this.holdings() : undefined;
        const item: A.AgentItem = { kind: 'agent', agentKind: 'firm', range: this.rangeFrom(a) };
        item.name = name;
        if (home !== undefined) item.homeBank = home;
        if (holdings !== undefined) item.holdings = holdings;
        return item;
      }
      case K.banks: {
        const a = this.i++;
        const name = this.ident(this.expectIdentifier());
        const n = this.expect(K.number);
        const holdings = this.holdings();
        const item: A.AgentItem = { kind: 'agent', agentKind: 'banks', range: this.rangeFrom(a) };
        item.name = name;
        item.count = { raw: this.image(n), range: this.range(n) };
        item.holdings = holdings;
        return item;
      }
      case K.maintenance: {
        const a = this.i++;
        const length: A.DurationLit | 'monthly' =
          this.la() === K.monthly ? (this.i++, 'monthly') : this.duration();
        const from = this.la() === K.from ? (this.i++, this.expectDate()) : undefined;
        const lag = this.la() === K.lag ? (this.i++, this.duration()) : undefined;
        const item: A.EconomyItem = { kind: 'maintenance', length, range: this.rangeFrom(a) };
        if (from !== undefined) item.from = from;
        if (lag !== undefined) item.lag = lag;
        return item;
      }
      case K.set:
        return this.setStatement();
      case K.reserveRequirement:
        return this.reserveRequirement();
      case K.remunerate:
        return this.remunerate();
      default:
        return undefined;
    }
  }

  private holdings(): A.HoldingItem[] {
    this.expect(K.lCurly);
    const out: A.HoldingItem[] = [];
    for (;;) {
      const f = this.laFlags();
      if ((f & TERMINATOR) !== 0) {
        this.i++;
        continue;
      }
      if ((f & IDENTIFIER) === 0) break;
      out.push(this.holding());
      this.end();
    }
    this.expect(K.rCurly);
    return out;
  }

  // The grammar's alternatives in its order: keyword items first, then `NAME expression`.
  private holding(): A.HoldingItem {
    const a = this.i;
    const t = this.types[this.i++];
    if (t === K.lends) {
      const to = this.ident(this.expectIdentifier());
      const amount = this.expression();
      return { kind: 'lends', to, amount, range: this.rangeFrom(a) };
    }
    if (t === K.yield) {
      const instrument = this.ident(this.expectIdentifier());
      const rate = this.expression();
      return { kind: 'yield', instrument, rate, range: this.rangeFrom(a) };
    }
    if (t === K.maturity) {
      const instrument = this.ident(this.expectIdentifier());
      const duration = this.duration();
      return { kind: 'maturity', instrument, duration, range: this.rangeFrom(a) };
    }
    if (t === K.sizes) {
      const dist = this.ident(this.expectIdentifier());
      const n = this.expect(K.number);
      return { kind: 'sizes', dist, param: this.image(n), range: this.rangeFrom(a) };
    }
    if (t === K.ineligible) return { kind: 'flag', flag: 'ineligible', range: this.rangeFrom(a) };
    if (t === K.rrpAccess) return { kind: 'flag', flag: 'rrp_access', range: this.rangeFrom(a) };
    const instrument = this.ident(a);
    const amount = this.expression();
    return { kind: 'holding', instrument, amount, range: this.rangeFrom(a) };
  }

  // ---- Policy -------------------------------------------------------------------------------------------

  private setStatement(): A.SetStmt {
    const a = this.i++;
    const target = this.dottedName();
    this.expect(K.equals);
    const value = this.expression();
    let to: A.Expr | undefined;
    if (this.la() === K.to) {
      this.i++;
      to = this.expression();
    }
    const s: A.SetStmt = { kind: 'set', target, value, range: this.rangeFrom(a) };
    if (to !== undefined) s.to = to;
    return s;
  }

  private reserveRequirement(): A.ReserveRequirementStmt {
    const a = this.i++;
    let on: A.Ident | undefined;
    if (this.la() === K.on) {
      this.i++;
      on = this.ident(this.expectIdentifier());
    }
    this.expect(K.lCurly);
    const tranches: A.Tranche[] = [];
    for (;;) {
      if ((this.laFlags() & TERMINATOR) !== 0) {
        this.i++;
        continue;
      }
      if (this.la() !== K.percent) break;
      const b = this.i++;
      const rate = { raw: this.image(b).slice(0, -1), range: this.range(b) };
      let upTo: A.Expr | undefined;
      if (this.la() === K.up) {
        this.i++;
        this.expect(K.to);
        upTo = this.expression();
      } else this.expect(K.above);
      const tranche: A.Tranche = { rate, range: this.rangeFrom(b) };
      if (upTo !== undefined) tranche.upTo = upTo;
      tranches.push(tranche);
      this.end();
    }
    this.expect(K.rCurly);
    const s: A.ReserveRequirementStmt = { kind: 'reserve_requirement', tranches, range: this.rangeFrom(a) };
    if (on !== undefined) s.on = on;
    return s;
  }

  private remunerate(): A.RemunerateStmt {
    const a = this.i++;
    this.expect(K.lCurly);
    const tiers: A.Tier[] = [];
    for (;;) {
      if ((this.laFlags() & TERMINATOR) !== 0) {
        this.i++;
        continue;
      }
      const t = this.la();
      let base: A.Tier['base'];
      if (t === K.required) base = 'required';
      else if (t === K.excess) base = 'excess';
      else if (t === K.reserves) base = 'reserves';
      else if (t === K.rest) base = 'rest';
      else break;
      const b = this.i++;
      let upTo: A.Expr | undefined;
      if (this.la() === K.up) {
        this.i++;
        this.expect(K.to);
        upTo = this.expression();
      }
      this.expect(K.at);
      const rate = this.expression();
      const tier: A.Tier = { base, rate, range: this.rangeFrom(b) };
      if (upTo !== undefined) tier.upTo = upTo;
      tiers.push(tier);
      this.end();
    }
    this.expect(K.rCurly);
    return { kind: 'remunerate', tiers, range: this.rangeFrom(a) };
  }

  // ---- Operations ---------------------------------------------------------------------------------------

  /** The grammar's `amountOption` (its GATE included), or where build-ast.ts says the amount is missing. */
  private amount(before: number): A.Expr | undefined {
    if ((this.laFlags() & EXPRESSION_START) !== 0 && !AMOUNT_FOLLOWERS.has(this.la()))
      return this.expression();
    // build-ast.ts's `missingAt`: the first token of the file at or after the end of `before`.
    const next = before + 1;
    this.missingAt =
      next < this.count
        ? { start: this.starts[next], end: this.ends[next] }
        : { start: this.ends[before], end: this.ends[before] };
    return undefined;
  }

  private atScheduleStart(): boolean {
    const t = this.la();
    return t === K.by || t === K.every || (this.laFlags() & FREQUENCY_WORD) !== 0;
  }

  private schedule(): A.Schedule {
    const a = this.i;
    if (this.la() === K.by) {
      this.i++;
      const date = this.expectDate();
      return { kind: 'by', date, range: this.rangeFrom(a) };
    }
    const freq = this.frequency();
    const window = this.window();
    const s: A.Schedule = { kind: 'freq', freq, range: this.rangeFrom(a) };
    if (window.from !== undefined) s.from = window.from;
    if (window.until !== undefined) s.until = window.until;
    return s;
  }

  /** `[from DATE] [until DATE]`: `from` counts only before a date (the grammar's GATE). */
  private window(): { from?: A.DateLit; until?: A.DateLit } {
    const w: { from?: A.DateLit; until?: A.DateLit } = {};
    if (this.la() === K.from && this.la2() === K.date) {
      this.i++;
      w.from = this.expectDate();
    }
    if (this.la() === K.until) {
      this.i++;
      w.until = this.expectDate();
    }
    return w;
  }

  private atFrequency(): boolean {
    return this.la() === K.every || (this.laFlags() & FREQUENCY_WORD) !== 0;
  }

  private frequency(): A.Frequency {
    const a = this.i;
    if ((this.laFlags() & FREQUENCY_WORD) !== 0) {
      this.i++;
      return { kind: this.image(a) as 'daily' | 'weekly' | 'monthly' | 'quarterly', range: this.range(a) };
    }
    this.expect(K.every);
    const n = this.expect(K.number);
    if ((this.laFlags() & DURATION_UNIT) === 0) throw GIVE_UP;
    const u = this.i++;
    return { kind: 'every', count: this.image(n), unit: this.image(u), range: this.rangeFrom(a) };
  }

  private duration(): A.DurationLit {
    const n = this.expect(K.number);
    if ((this.laFlags() & DURATION_UNIT) === 0) throw GIVE_UP;
    const u = this.i++;
    return { kind: 'duration', raw: this.image(n), unit: this.image(u), range: this.rangeFrom(n) };
  }

  private counterparty(): A.Counterparty | undefined {
    const t = this.la();
    if (t !== K.from && t !== K.to) return undefined;
    const c = this.i++;
    const party = this.ident(this.expectIdentifier());
    return { dir: t === K.from ? 'from' : 'to', party, range: this.rangeFrom(c) };
  }

  private tradeStatement(): A.Stmt {
    const a = this.i;
    const op = this.types[this.i++] === K.buy ? 'buy' : 'sell';
    const assetAt = this.expectIdentifier();
    const asset = this.ident(assetAt);
    const amount = this.amount(assetAt);
    const schedule = this.atScheduleStart() ? this.schedule() : undefined;
    const counterparty = this.counterparty();
    // The common shapes made whole (see `expectStatement`).
    if (amount !== undefined && schedule === undefined) {
      const range = this.rangeFrom(a);
      return counterparty === undefined
        ? { kind: 'trade', op, asset, range, amount }
        : { kind: 'trade', op, asset, range, amount, counterparty };
    }
    const s: A.Stmt = { kind: 'trade', op, asset, range: this.rangeFrom(a) };
    if (amount !== undefined) s.amount = amount;
    else s.missingAmountAt = this.missingAt;
    if (schedule !== undefined) s.schedule = schedule;
    if (counterparty !== undefined) s.counterparty = counterparty;
    return s;
  }

  private holdStatement(): A.Stmt {
    const a = this.i++;
    const what = this.ident(this.expectIdentifier());
    this.expect(K.at);
    const level = this.expression();
    return { kind: 'hold', what, level, range: this.rangeFrom(a) };
  }

  private runoffStatement(): A.Stmt {
    const a = this.i++;
    const asset = this.ident(this.expectIdentifier());
    let cap: A.Expr | undefined;
    let capFreq: A.Frequency | undefined;
    if (this.la() === K.cap) {
      this.i++;
      cap = this.expression();
      capFreq = this.frequency();
    }
    const s: A.Stmt = { kind: 'runoff', asset, range: this.rangeFrom(a) };
    if (cap !== undefined) s.cap = cap;
    if (capFreq !== undefined) s.capFreq = capFreq;
    return s;
  }

  private lendStatement(): A.Stmt {
    const a = this.i++;
    const amount = this.amount(a);
    let from: A.Ident | undefined;
    if (this.la() === K.from) {
      this.i++;
      from = this.ident(this.expectIdentifier());
    }
    this.expect(K.to);
    const to = this.ident(this.expectIdentifier());
    let rate: A.Expr | undefined;
    if (this.la() === K.at) {
      this.i++;
      rate = this.expression();
    }
    let term: A.DurationLit | undefined;
    if (this.la() === K.for) {
      this.i++;
      term = this.duration();
    }
    const schedule = this.atScheduleStart() ? this.schedule() : undefined;
    const s: A.Stmt = { kind: 'lend', to, range: this.rangeFrom(a) };
    if (amount !== undefined) s.amount = amount;
    else s.missingAmountAt = this.missingAt;
    if (from !== undefined) s.from = from;
    if (rate !== undefined) s.rate = rate;
    if (term !== undefined) s.term = term;
    if (schedule !== undefined) s.schedule = schedule;
    return s;
  }

  private repayStatement(): A.Stmt {
    const a = this.i++;
    const amount = this.amount(a);
    this.expect(K.from);
    const from = this.ident(this.expectIdentifier());
    let to: A.Ident | undefined;
    if (this.la() === K.to) {
      this.i++;
      to = this.ident(this.expectIdentifier());
    }
    const s: A.Stmt = { kind: 'repay', from, range: this.rangeFrom(a) };
    if (amount !== undefined) s.amount = amount;
    else s.missingAmountAt = this.missingAt;
    if (to !== undefined) s.to = to;
    return s;
  }

  private payStatement(): A.Stmt {
    const a = this.i++;
    const amount = this.amount(a);
    this.expect(K.from);
    const from = this.ident(this.expectIdentifier());
    this.expect(K.to);
    const to = this.ident(this.expectIdentifier());
    const s: A.Stmt = { kind: 'pay', from, to, range: this.rangeFrom(a) };
    if (amount !== undefined) s.amount = amount;
    else s.missingAmountAt = this.missingAt;
    return s;
  }

  private cashStatement(): A.Stmt {
    const a = this.i;
    const op = this.types[this.i++] === K.withdraw ? 'withdraw' : 'deposit';
    const amount = this.amount(a);
    this.expect(K.cash);
    let by: A.Ident | undefined;
    if (this.la() === K.by) {
      this.i++;
      by = this.ident(this.expectIdentifier());
    }
    const s: A.Stmt = { kind: 'cash', op, range: this.rangeFrom(a) };
    if (amount !== undefined) s.amount = amount;
    else s.missingAmountAt = this.missingAt;
    if (by !== undefined) s.by = by;
    return s;
  }

  private offerStatement(): A.Stmt {
    const a = this.i++;
    const t = this.la();
    if (t !== K.termDeposits && t !== K.reverseRepos) throw GIVE_UP;
    const facilityAt = this.i++;
    let amount: A.Expr | 'unlimited' | undefined;
    let missingAt: A.Range | undefined;
    if (this.la() === K.unlimited) {
      this.i++;
      amount = 'unlimited';
    } else {
      amount = this.amount(facilityAt);
      missingAt = this.missingAt;
    }
    let term: A.DurationLit | undefined;
    if (this.la() === K.for) {
      this.i++;
      term = this.duration();
    }
    this.expect(K.at);
    const rate = this.expression();
    const schedule = this.atScheduleStart() ? this.schedule() : undefined;
    const s: A.Stmt = {
      kind: 'offer',
      facility: t === K.termDeposits ? 'term_deposits' : 'reverse_repos',
      rate,
      range: this.rangeFrom(a),
    };
    if (amount !== undefined) s.amount = amount;
    else s.missingAmountAt = missingAt;
    if (term !== undefined) s.term = term;
    if (schedule !== undefined) s.schedule = schedule;
    return s;
  }

  private treasuryStatement(): A.Stmt {
    const a = this.i++;
    const t = this.la();
    let action: 'issue' | 'redeem' | 'spend' | 'tax';
    if (t === K.issue) action = 'issue';
    else if (t === K.redeem) action = 'redeem';
    else if (t === K.spend) action = 'spend';
    else if (t === K.tax) action = 'tax';
    else throw GIVE_UP;
    const actionAt = this.i++;
    const amount = this.amount(actionAt);
    let forSfp = false;
    if (this.la() === K.for) {
      this.i++;
      this.expect(K.sfp);
      forSfp = true;
    }
    const schedule = this.atScheduleStart() ? this.schedule() : undefined;
    const counterparty = this.counterparty();
    const s: A.Stmt = { kind: 'treasury', action, forSfp, range: this.rangeFrom(a) };
    if (amount !== undefined) s.amount = amount;
    else s.missingAmountAt = this.missingAt;
    if (schedule !== undefined) s.schedule = schedule;
    if (counterparty !== undefined) s.counterparty = counterparty;
    return s;
  }

  private postStatement(): A.Stmt {
    const a = this.i++;
    const label = this.atString() ? this.expectString() : undefined;
    this.expect(K.lCurly);
    const entries: A.PostEntry[] = [];
    for (;;) {
      const f = this.laFlags();
      if ((f & TERMINATOR) !== 0) {
        this.i++;
        continue;
      }
      if ((f & IDENTIFIER) === 0) break;
      const b = this.i++;
      const party = this.ident(b);
      this.expect(K.dot);
      const instrument = this.ident(this.expectIdentifier());
      const sign = this.la();
      if (sign !== K.plus && sign !== K.minus) throw GIVE_UP;
      this.i++;
      const amount = this.expression();
      entries.push({
        party,
        instrument,
        sign: sign === K.minus ? '-' : '+',
        amount,
        range: this.rangeFrom(b),
      });
      this.end();
    }
    this.expect(K.rCurly);
    const s: A.Stmt = { kind: 'post', entries, range: this.rangeFrom(a) };
    if (label !== undefined) s.label = label;
    return s;
  }

  // ---- Control ------------------------------------------------------------------------------------------

  private onStatement(): A.Stmt {
    const a = this.i++;
    const date = this.expectDate();
    let body: A.Stmt | A.Block;
    if (this.la() === K.lCurly) body = this.block();
    else {
      const s = this.statement();
      if (s === undefined) throw GIVE_UP;
      body = s;
    }
    return { kind: 'on', date, body, range: this.rangeFrom(a) };
  }

  private whenStatement(): A.Stmt {
    const a = this.i++;
    const cond = this.expression();
    const body = this.block();
    return { kind: 'when', cond, body, range: this.rangeFrom(a) };
  }

  private everyStatement(): A.Stmt {
    const a = this.i++;
    const p = this.i;
    const t = this.la();
    let period: A.Period;
    if (t === K.day || t === K.businessDay || t === K.week || t === K.month || t === K.quarter) {
      this.i++;
      const kind =
        t === K.day
          ? 'day'
          : t === K.businessDay
            ? 'business_day'
            : t === K.week
              ? 'week'
              : t === K.month
                ? 'month'
                : 'quarter';
      period = { kind, range: this.range(p) };
    } else {
      const duration = this.duration();
      period = { kind: 'count', duration, range: this.rangeFrom(p) };
    }
    const body = this.block();
    return { kind: 'every', period, body, range: this.rangeFrom(a) };
  }

  // ---- Checks and output --------------------------------------------------------------------------------

  private expectStatement(): A.Stmt {
    const a = this.i++;
    const expr = this.expression();
    let within: A.Expr | undefined;
    if (this.la() === K.within) {
      this.i++;
      within = this.expression();
    }
    let time: A.CheckTime | undefined;
    const t = this.la();
    const c = this.i;
    if (t === K.on) {
      this.i++;
      const date = this.expectDate();
      time = { kind: 'on', date, range: this.rangeFrom(c) };
    } else if (t === K.at) {
      this.i++;
      this.expect(K.end);
      time = { kind: 'end', range: this.rangeFrom(c) };
    } else if (t === K.always) {
      this.i++;
      time = { kind: 'always', range: this.rangeFrom(c) };
    } else if (this.atFrequency()) {
      const freq = this.frequency();
      const window = this.window();
      const ft: A.CheckTime = { kind: 'freq', freq, range: this.rangeFrom(c) };
      if (window.from !== undefined) ft.from = window.from;
      if (window.until !== undefined) ft.until = window.until;
      time = ft;
    }
    // Made whole, in the order of the keys build-ast.ts writes: properties added later would each cost the
    // node a separate property store.
    const range = this.rangeFrom(a);
    if (within === undefined)
      return time === undefined ? { kind: 'expect', expr, range } : { kind: 'expect', expr, range, time };
    return time === undefined
      ? { kind: 'expect', expr, range, within }
      : { kind: 'expect', expr, range, within, time };
  }

  private reportStatement(): A.Stmt {
    const a = this.i++;
    const series: { expr: A.Expr; label?: A.StringLit; range: A.Range }[] = [];
    for (;;) {
      const b = this.i;
      const expr = this.expression();
      if (this.la() === K.as) {
        this.i++;
        const label = this.expectString();
        series.push({ expr, label, range: this.rangeFrom(b) });
      } else series.push({ expr, range: this.rangeFrom(b) });
      if (this.la() !== K.comma) break;
      this.i++;
    }
    const freq = this.atFrequency() ? this.frequency() : undefined;
    let to: A.StringLit | undefined;
    if (this.la() === K.to) {
      this.i++;
      to = this.expectString();
    }
    const s: A.Stmt = { kind: 'report', series, range: this.rangeFrom(a) };
    if (freq !== undefined) s.freq = freq;
    if (to !== undefined) s.to = to;
    return s;
  }

  private showStatement(): A.Stmt {
    const a = this.i++;
    this.expect(K.balanceSheets);
    let parties: A.Ident[] | undefined;
    if (this.la() === K.of) {
      this.i++;
      parties = [this.ident(this.expectIdentifier())];
      while (this.la() === K.comma) {
        this.i++;
        parties.push(this.ident(this.expectIdentifier()));
      }
    }
    this.expect(K.on);
    const date = this.expectDate();
    const s: A.Stmt = { kind: 'show', date, range: this.rangeFrom(a) };
    if (parties !== undefined) s.parties = parties;
    return s;
  }

  // ---- Expressions: operands and operators, then build-ast.ts's precedence climb over them -------------

  // The operands of the expressions being read, on one stack (an expression inside a parenthesis or a call
  // is read while its outer expression's operands are on it, and leaves it as it found it): each operand's
  // prefix operators (the `np` tokens from `p0`), its primary with `.name`s applied and that one's range,
  // and the operator token before it. Module-level and reused: reading an expression allocates only its
  // nodes.
  private top = 0;
  private climbI = 0;
  private climbP = 0;
  // The range of the expression last read or built, kept beside it: reading `.range` back from nodes of a
  // dozen shapes was a megamorphic property load at every operator and operand.
  private es = 0;
  private ee = 0;

  private expression(): A.Expr {
    const base = this.top;
    this.operand();
    // Most expressions are one operand: no precedence climb.
    if ((this.laFlags() & BINARY_OP) === 0) {
      this.top = base;
      let e = OPERAND_EXPR[base];
      let es = OPERAND_START[base];
      let ee = OPERAND_END[base];
      const p0 = OPERAND_P0[base];
      for (let k = p0 + OPERAND_NP[base] - 1; k >= p0; k--) {
        es = Math.min(this.starts[k], es);
        ee = Math.max(this.ends[k], ee);
        e = {
          kind: 'unary',
          op: this.types[k] === K.not ? 'not' : '-',
          arg: e,
          range: { start: es, end: ee },
        };
      }
      this.es = es;
      this.ee = ee;
      return e;
    }
    while ((this.laFlags() & BINARY_OP) !== 0) {
      const op = this.i++;
      this.operand();
      OPERATOR_BEFORE[this.top - 1] = op;
    }
    const end = this.top;
    this.climbI = base;
    this.climbP = 0;
    const e = this.climb(0, end);
    this.top = base;
    return e;
  }

  private unary(end: number): A.Expr {
    const i = this.climbI;
    if (this.climbP < OPERAND_NP[i]) {
      const k = OPERAND_P0[i] + this.climbP++;
      const not = this.types[k] === K.not;
      const arg = not ? this.climb(NOT_PRECEDENCE + 1, end) : this.unary(end);
      const start = Math.min(this.starts[k], this.es);
      const stop = Math.max(this.ends[k], this.ee);
      this.es = start;
      this.ee = stop;
      return { kind: 'unary', op: not ? 'not' : '-', arg, range: { start, end: stop } };
    }
    this.climbI++;
    this.climbP = 0;
    this.es = OPERAND_START[i];
    this.ee = OPERAND_END[i];
    return OPERAND_EXPR[i];
  }

  private climb(minPrec: number, end: number): A.Expr {
    let left = this.unary(end);
    let ls = this.es;
    let le = this.ee;
    for (;;) {
      // The operator before the next operand, if there is one.
      if (this.climbI >= end) break;
      const k = OPERATOR_BEFORE[this.climbI];
      const op = OP_BY_IDX[this.types[k]] ?? '+';
      const prec = BINARY_PRECEDENCE[op];
      if (prec < minPrec) break;
      const right = this.climb(prec + 1, end);
      // `a < b < c` is reported by the ordinary path.
      if (isComparison(op) && left.kind === 'binary' && isComparison(left.op)) throw GIVE_UP;
      ls = Math.min(ls, this.es);
      le = Math.max(le, this.ee);
      left = { kind: 'binary', op, left, right, range: { start: ls, end: le } };
    }
    this.es = ls;
    this.ee = le;
    return left;
  }

  /** An operand, pushed on the operand stack. */
  private operand(): void {
    const p0 = this.i;
    while ((this.laFlags() & PREFIX_OP) !== 0) this.i++;
    const np = this.i - p0;
    let e = this.primary();
    let es = this.es;
    let ee = this.ee;
    while (this.la() === K.dot) {
      this.i++;
      const m = this.expectIdentifier();
      const member = this.ident(m);
      es = Math.min(es, this.starts[m]);
      ee = Math.max(ee, this.ends[m]);
      e = { kind: 'member', object: e, member, range: { start: es, end: ee } };
    }
    // Pushed only now: `primary` may have read operands of its own (call arguments, parentheses).
    const t = this.top++;
    OPERAND_P0[t] = p0;
    OPERAND_NP[t] = np;
    OPERAND_EXPR[t] = e;
    OPERAND_START[t] = es;
    OPERAND_END[t] = ee;
  }

  /** A primary expression; its range is also left in `es` and `ee`. */
  private primary(): A.Expr {
    const t = this.la();
    const k = this.i;
    const starts = this.starts;
    const ends = this.ends;
    if (t === K.number) {
      this.i++;
      const f = this.laFlags();
      if ((f & CURRENCY_CODE) !== 0) {
        const c = this.i++;
        const range = this.rangeTo(k, c);
        return { kind: 'amount', raw: this.image(k), currency: this.image(c), range };
      }
      if ((f & DURATION_UNIT) !== 0) {
        const u = this.i++;
        const range = this.rangeTo(k, u);
        return { kind: 'duration', raw: this.image(k), unit: this.image(u), range };
      }
      this.es = starts[k];
      this.ee = ends[k];
      return { kind: 'number', raw: this.image(k), range: this.range(k) };
    }
    this.es = starts[k];
    this.ee = ends[k];
    if (t === K.percent) {
      this.i++;
      return { kind: 'percent', raw: word(this.text, starts[k], ends[k] - 1), range: this.range(k) };
    }
    if (t === K.bp) {
      this.i++;
      return { kind: 'bp', raw: word(this.text, starts[k], ends[k] - 2), range: this.range(k) };
    }
    if (t === K.date) {
      this.i++;
      return this.dateAt(k);
    }
    // An unterminated string is a string to the grammar too, but a lexing error: left to the grammar.
    if (t === K.string) return this.expectString();
    if ((this.laFlags() & IDENTIFIER) !== 0) {
      this.i++;
      if (this.la() !== K.lParen) return { kind: 'name', name: this.image(k), range: this.range(k) };
      const id = this.ident(k);
      this.i++;
      const args: A.Expr[] = [];
      if ((this.laFlags() & EXPRESSION_START) !== 0) {
        args.push(this.expression());
        while (this.la() === K.comma) {
          this.i++;
          args.push(this.expression());
        }
      }
      const close = this.expect(K.rParen);
      const range = this.rangeTo(k, close);
      return { kind: 'call', callee: id, args, range };
    }
    if (t === K.lParen) {
      this.i++;
      const inner = this.expression();
      const close = this.expect(K.rParen);
      const range = this.rangeTo(k, close);
      return { kind: 'paren', expr: inner, range };
    }
    // An unterminated string, or no operand at all.
    throw GIVE_UP;
  }

  /** build-ast.ts's `span` of the ranges of tokens `a` and `b`, also left in `es` and `ee`. */
  private rangeTo(a: number, b: number): A.Range {
    const starts = this.starts;
    const ends = this.ends;
    const start = Math.min(starts[a], starts[b]);
    const end = Math.max(ends[a], ends[b]);
    this.es = start;
    this.ee = end;
    return { start, end };
  }
}

/** build-ast.ts's `span`: the smallest range covering both. */
function span(a: A.Range, b: A.Range): A.Range {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

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

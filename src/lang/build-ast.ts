// CST → AST: a chevrotain CST visitor. It also builds expression trees from the parser's flat operand lists
// by the precedence table of SPEC §3 (see precedence.ts). Recovered (partial) CST nodes give partial AST
// nodes marked `recovered`; nothing here throws on them.
import type { CstNode, IToken } from '#chevrotain';
import { parserInstance } from '../../grammar/parser.js';
import type * as C from '../../grammar/generated/cst.js';
import type { Tokens } from '../../grammar/scan.js';
import type * as A from './ast.js';
import { BINARY_PRECEDENCE, NOT_PRECEDENCE, isComparison } from './precedence.js';

export interface BuildIssue {
  kind: 'chained_comparison';
  range: A.Range;
}

type Ctor = new () => {
  visit(node: CstNode | CstNode[], param?: unknown): unknown;
  validateVisitor(): void;
};

let Base: Ctor | undefined;

function baseVisitor(): Ctor {
  Base ??= parserInstance().getBaseCstVisitorConstructor() as unknown as Ctor;
  return Base;
}

const ERROR_RANGE: A.Range = { start: 0, end: 0 };

/** Range of a token; undefined for a token the parser inserted while recovering. */
function tokenRange(t: IToken | undefined): A.Range | undefined {
  if (t === undefined || t.isInsertedInRecovery === true || !Number.isFinite(t.startOffset)) return undefined;
  return { start: t.startOffset, end: (t.endOffset ?? t.startOffset) + 1 };
}

function first(tokens: IToken[] | undefined): IToken | undefined {
  const t = tokens?.[0];
  return t === undefined || t.isInsertedInRecovery === true ? undefined : t;
}

function span(a: A.Range, b: A.Range | undefined): A.Range {
  return b === undefined ? a : { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

function nodeRange(node: CstNode, fallback: A.Range = ERROR_RANGE): A.Range {
  const l = node.location;
  if (l !== undefined && Number.isFinite(l.startOffset) && Number.isFinite(l.endOffset)) {
    return { start: l.startOffset, end: (l.endOffset as number) + 1 };
  }
  return fallback;
}

/** The node of a rule that is one choice between rules (`statement`, `economyItem`). */
function onlyChild(node: { children: object }): CstNode | undefined {
  const children = node.children as Record<string, CstNode[] | undefined>;
  for (const key in children) return children[key]?.[0];
  return undefined;
}

function unescape(raw: string): string {
  const body = raw.endsWith('"') && raw.length > 1 ? raw.slice(1, -1) : raw.slice(1);
  return body.replace(/\\(.)/g, '$1');
}

const BINARY_OPS: Readonly<Record<string, A.BinaryOperator>> = {
  Plus: '+',
  Minus: '-',
  Star: '*',
  Slash: '/',
  Equals: '=',
  EqEq: '==',
  NotEq: '!=',
  Lt: '<',
  LtEq: '<=',
  Gt: '>',
  GtEq: '>=',
  And: 'and',
  Or: 'or',
};

export function createAstBuilder(): AstBuilder {
  const BaseClass = baseVisitor();

  class Builder extends BaseClass implements AstBuilder {
    issues: BuildIssue[] = [];

    // ---- Program ----------------------------------------------------------------------------------------

    /** The statements of a `program` CST (issues accumulate until the caller resets them). */
    program(ctx: C.ProgramCstChildren): A.Stmt[] {
      return this.statements(ctx.statement);
    }

    // Rules whose nodes their parents read directly; chevrotain's visitor check wants a method per rule.
    end(): undefined {
      return undefined;
    }

    operand(): undefined {
      return undefined;
    }

    window(): undefined {
      return undefined;
    }

    series(): undefined {
      return undefined;
    }

    statements(nodes: C.StatementCstNode[] | undefined): A.Stmt[] {
      const out: A.Stmt[] = [];
      for (const n of nodes ?? []) {
        const s = this.statementNode(n);
        if (s !== undefined) out.push(s);
      }
      return out;
    }

    statementNode(node: C.StatementCstNode): A.Stmt | undefined {
      const inner = onlyChild(node);
      if (inner === undefined) return undefined;
      const s = this.visit(inner, nodeRange(inner)) as A.Stmt | undefined;
      if (s !== undefined && (node.recoveredNode === true || inner.recoveredNode === true))
        s.recovered = true;
      return s;
    }

    statement(ctx: C.StatementCstChildren): A.Stmt | undefined {
      const inner = onlyChild({ children: ctx });
      return inner === undefined ? undefined : (this.visit(inner, nodeRange(inner)) as A.Stmt | undefined);
    }

    block(ctx: C.BlockCstChildren, range: A.Range = ERROR_RANGE): A.Block {
      return { kind: 'block', statements: this.statements(ctx.statement), range };
    }

    blockNode(node: C.BlockCstNode): A.Block {
      return this.block(node.children, nodeRange(node));
    }

    // ---- Helpers ----------------------------------------------------------------------------------------

    ident(t: IToken | undefined): A.Ident | undefined {
      const r = tokenRange(t);
      return r === undefined ? undefined : { name: t!.image, range: r };
    }

    /** An identifier the grammar requires: a recovered statement may lack it (it is not checked then). */
    requiredIdent(t: IToken | undefined, near: A.Range): A.Ident {
      return this.ident(t) ?? { name: '', range: { start: near.start, end: near.start } };
    }

    date(t: IToken | undefined, near: A.Range): A.DateLit {
      const r = tokenRange(t);
      return r === undefined
        ? { kind: 'date', raw: '', range: { start: near.end, end: near.end } }
        : { kind: 'date', raw: t!.image, range: r };
    }

    optionalDate(t: IToken | undefined): A.DateLit | undefined {
      const r = tokenRange(t);
      return r === undefined ? undefined : { kind: 'date', raw: t!.image, range: r };
    }

    string(t: IToken | undefined): A.StringLit | undefined {
      const r = tokenRange(t);
      return r === undefined
        ? undefined
        : { kind: 'string', value: unescape(t!.image), raw: t!.image, range: r };
    }

    expr(nodes: C.ExpressionCstNode[] | undefined, i = 0, near: A.Range = ERROR_RANGE): A.Expr {
      const n = nodes?.[i];
      return n === undefined
        ? { kind: 'error', range: { start: near.end, end: near.end } }
        : this.expressionNode(n);
    }

    optionalExpr(nodes: C.ExpressionCstNode[] | undefined, i = 0): A.Expr | undefined {
      const n = nodes?.[i];
      return n === undefined ? undefined : this.expressionNode(n);
    }

    durationNode(node: C.DurationCstNode | undefined): A.DurationLit | undefined {
      return node === undefined ? undefined : this.duration(node.children, nodeRange(node));
    }

    // ---- Headers ----------------------------------------------------------------------------------------

    titleStatement(ctx: C.TitleStatementCstChildren): A.Stmt {
      const kw = tokenRange(ctx.Title[0])!;
      const title = this.string(first(ctx.StringLit)) ?? { kind: 'string', value: '', raw: '', range: kw };
      return { kind: 'title', title, range: span(kw, title.range) };
    }

    useStatement(ctx: C.UseStatementCstChildren): A.Stmt {
      const kw = tokenRange(ctx.Use[0])!;
      const str = this.string(first(ctx.StringLit));
      if (str !== undefined) return { kind: 'use', target: str, range: span(kw, str.range) };
      const names = ctx.dottedName?.[0] ? this.dottedName(ctx.dottedName[0].children) : [];
      return { kind: 'use', target: names, range: span(kw, names[names.length - 1]?.range) };
    }

    dottedName(ctx: C.DottedNameCstChildren): A.Ident[] {
      const out: A.Ident[] = [];
      for (const t of ctx.Identifier ?? []) {
        const id = this.ident(t);
        if (id !== undefined) out.push(id);
      }
      return out;
    }

    simulateStatement(ctx: C.SimulateStatementCstChildren): A.Stmt {
      const kw = tokenRange(ctx.Simulate[0])!;
      const from = this.date(ctx.DateLit?.[0], kw);
      const to = this.date(ctx.DateLit?.[1], from.range);
      return { kind: 'simulate', from, to, range: span(kw, to.range) };
    }

    seedStatement(ctx: C.SeedStatementCstChildren): A.Stmt {
      const kw = tokenRange(ctx.Seed[0])!;
      const n = first(ctx.NumberLit);
      const r = tokenRange(n) ?? kw;
      return { kind: 'seed', value: { raw: n?.image ?? '', range: r }, range: span(kw, r) };
    }

    letStatement(ctx: C.LetStatementCstChildren): A.Stmt {
      const kw = tokenRange(ctx.Let[0])!;
      const name = this.requiredIdent(first(ctx.Identifier), kw);
      const value = this.expr(ctx.expression, 0, name.range);
      return { kind: 'let', name, value, range: span(kw, value.range) };
    }

    paramStatement(ctx: C.ParamStatementCstChildren): A.Stmt {
      const kw = tokenRange(ctx.Param[0])!;
      const name = this.requiredIdent(first(ctx.Identifier), kw);
      const value = this.expr(ctx.expression, 0, name.range);
      const lo = this.optionalExpr(ctx.lo);
      const hi = this.optionalExpr(ctx.hi);
      const s: A.Stmt = { kind: 'param', name, value, range: span(kw, (hi ?? lo ?? value).range) };
      if (lo !== undefined) s.lo = lo;
      if (hi !== undefined) s.hi = hi;
      return s;
    }

    // ---- Economy ----------------------------------------------------------------------------------------

    economyDeclaration(ctx: C.EconomyDeclarationCstChildren, range: A.Range): A.Stmt {
      const kw = tokenRange(ctx.Economy[0])!;
      const name = this.requiredIdent(first(ctx.Identifier), kw);
      const title = this.string(first(ctx.StringLit));
      const items: A.EconomyItem[] = [];
      for (const node of ctx.economyItem ?? []) {
        const inner = onlyChild(node);
        if (inner === undefined) continue;
        const item = this.visit(inner, nodeRange(inner)) as A.EconomyItem | undefined;
        if (item === undefined) continue;
        if (node.recoveredNode === true || inner.recoveredNode === true) item.recovered = true;
        items.push(item);
      }
      const s: A.Stmt = { kind: 'economy', name, items, range };
      if (title !== undefined) s.title = title;
      return s;
    }

    economyItem(ctx: C.EconomyItemCstChildren): A.EconomyItem | undefined {
      const inner = onlyChild({ children: ctx });
      return inner === undefined ? undefined : (this.visit(inner, nodeRange(inner)) as A.EconomyItem);
    }

    currencyItem(ctx: C.CurrencyItemCstChildren): A.EconomyItem {
      const kw = tokenRange(ctx.Currency[0])!;
      const code = first(ctx.CurrencyCode);
      return { kind: 'currency', code: code?.image ?? '', range: span(kw, tokenRange(code)) };
    }

    unitItem(ctx: C.UnitItemCstChildren): A.EconomyItem {
      const kw = tokenRange(ctx.Unit[0])!;
      const value = this.expr(ctx.expression, 0, kw);
      return { kind: 'unit', value, range: span(kw, value.range) };
    }

    agentItem(ctx: C.AgentItemCstChildren, range: A.Range): A.AgentItem {
      const agentKind: A.AgentKeyword = ctx.CentralBank
        ? 'central_bank'
        : ctx.Treasury
          ? 'treasury'
          : ctx.Bank
            ? 'bank'
            : 'lender';
      const item: A.AgentItem = { kind: 'agent', agentKind, range };
      const name = this.ident(first(ctx.Identifier));
      if (name !== undefined) item.name = name;
      if (ctx.holdings?.[0]) item.holdings = this.holdingsNode(ctx.holdings[0]);
      return item;
    }

    publicItem(ctx: C.PublicItemCstChildren, range: A.Range): A.AgentItem {
      const item: A.AgentItem = { kind: 'agent', agentKind: 'public', range };
      const name = this.ident(first(ctx.Identifier));
      if (name !== undefined) item.name = name;
      if (ctx.holdings?.[0]) item.holdings = this.holdingsNode(ctx.holdings[0]);
      return item;
    }

    firmItem(ctx: C.FirmItemCstChildren, range: A.Range): A.AgentItem {
      const item: A.AgentItem = { kind: 'agent', agentKind: 'firm', range };
      const name = this.ident(first(ctx.Identifier));
      if (name !== undefined) item.name = name;
      const home = this.ident(first(ctx.homeBank));
      if (home !== undefined) item.homeBank = home;
      if (ctx.holdings?.[0]) item.holdings = this.holdingsNode(ctx.holdings[0]);
      return item;
    }

    groupItem(ctx: C.GroupItemCstChildren, range: A.Range): A.AgentItem {
      const item: A.AgentItem = { kind: 'agent', agentKind: 'banks', range };
      const name = this.ident(first(ctx.Identifier));
      if (name !== undefined) item.name = name;
      const count = first(ctx.NumberLit);
      const cr = tokenRange(count);
      if (cr !== undefined) item.count = { raw: count!.image, range: cr };
      item.holdings = ctx.holdings?.[0] ? this.holdingsNode(ctx.holdings[0]) : [];
      return item;
    }

    maintenanceItem(ctx: C.MaintenanceItemCstChildren, range: A.Range): A.EconomyItem {
      const length = ctx.Monthly ? 'monthly' : this.durationNode(ctx.duration?.[0]);
      const item: A.EconomyItem = {
        kind: 'maintenance',
        length: length ?? { kind: 'duration', raw: '', unit: '', range },
        range,
      };
      const from = this.optionalDate(first(ctx.DateLit));
      if (from !== undefined) item.from = from;
      const lag = this.durationNode(ctx.lag?.[0]);
      if (lag !== undefined) item.lag = lag;
      return item;
    }

    holdingsNode(node: C.HoldingsCstNode): A.HoldingItem[] {
      return this.holdings(node.children);
    }

    holdings(ctx: C.HoldingsCstChildren): A.HoldingItem[] {
      const out: A.HoldingItem[] = [];
      for (const h of ctx.holding ?? []) {
        const item = this.holding(h.children, nodeRange(h));
        if (item !== undefined) out.push(item);
      }
      return out;
    }

    holding(ctx: C.HoldingCstChildren, range: A.Range): A.HoldingItem | undefined {
      const id = this.ident(first(ctx.Identifier));
      if (ctx.Ineligible) return { kind: 'flag', flag: 'ineligible', range };
      if (ctx.RrpAccess) return { kind: 'flag', flag: 'rrp_access', range };
      if (id === undefined) return undefined;
      if (ctx.Lends) return { kind: 'lends', to: id, amount: this.expr(ctx.expression, 0, id.range), range };
      if (ctx.Yield)
        return { kind: 'yield', instrument: id, rate: this.expr(ctx.expression, 0, id.range), range };
      if (ctx.Maturity) {
        const duration = this.durationNode(ctx.duration?.[0]);
        return duration === undefined ? undefined : { kind: 'maturity', instrument: id, duration, range };
      }
      if (ctx.Sizes) return { kind: 'sizes', dist: id, param: first(ctx.NumberLit)?.image ?? '', range };
      return { kind: 'holding', instrument: id, amount: this.expr(ctx.expression, 0, id.range), range };
    }

    // ---- Policy -----------------------------------------------------------------------------------------

    setStatement(ctx: C.SetStatementCstChildren, range: A.Range): A.SetStmt {
      const target = ctx.dottedName?.[0] ? this.dottedName(ctx.dottedName[0].children) : [];
      const value = this.expr(ctx.expression, 0, range);
      const s: A.SetStmt = { kind: 'set', target, value, range };
      const to = this.optionalExpr(ctx.to);
      if (to !== undefined) s.to = to;
      return s;
    }

    reserveRequirement(ctx: C.ReserveRequirementCstChildren, range: A.Range): A.ReserveRequirementStmt {
      const s: A.ReserveRequirementStmt = { kind: 'reserve_requirement', tranches: [], range };
      const on = this.ident(first(ctx.Identifier));
      if (on !== undefined) s.on = on;
      for (const t of ctx.tranche ?? []) s.tranches.push(this.tranche(t.children, nodeRange(t)));
      return s;
    }

    tranche(ctx: C.TrancheCstChildren, range: A.Range): A.Tranche {
      const p = first(ctx.PercentLit);
      const t: A.Tranche = {
        rate: { raw: p?.image.slice(0, -1) ?? '', range: tokenRange(p) ?? range },
        range,
      };
      const upTo = this.optionalExpr(ctx.expression);
      if (upTo !== undefined) t.upTo = upTo;
      return t;
    }

    remunerate(ctx: C.RemunerateCstChildren, range: A.Range): A.RemunerateStmt {
      const s: A.RemunerateStmt = { kind: 'remunerate', tiers: [], range };
      for (const t of ctx.tier ?? []) s.tiers.push(this.tier(t.children, nodeRange(t)));
      return s;
    }

    tier(ctx: C.TierCstChildren, range: A.Range): A.Tier {
      const base = ctx.Required ? 'required' : ctx.Excess ? 'excess' : ctx.Reserves ? 'reserves' : 'rest';
      const t: A.Tier = { base, rate: this.expr(ctx.rate, 0, range), range };
      const upTo = this.optionalExpr(ctx.upTo);
      if (upTo !== undefined) t.upTo = upTo;
      return t;
    }

    // ---- Operations -------------------------------------------------------------------------------------

    amountOf(nodes: C.ExpressionCstNode[] | undefined): A.Expr | undefined {
      return this.optionalExpr(nodes);
    }

    /** Where a missing amount belongs: the token after `before` (the keyword or name before the amount). */
    missingAt(before: IToken | undefined): A.Range {
      const b = tokenRange(before) ?? ERROR_RANGE;
      return this.rangeOfTokenAfter(b) ?? { start: b.end, end: b.end };
    }

    tradeStatement(ctx: C.TradeStatementCstChildren, range: A.Range): A.Stmt {
      const opTok = first(ctx.Buy) ?? first(ctx.Sell);
      const asset = this.requiredIdent(first(ctx.Identifier), range);
      const s: A.Stmt = { kind: 'trade', op: ctx.Buy ? 'buy' : 'sell', asset, range };
      const amount = this.amountOf(ctx.amount);
      if (amount !== undefined) s.amount = amount;
      else s.missingAmountAt = this.missingAt(first(ctx.Identifier) ?? opTok);
      const schedule = this.scheduleNode(ctx.schedule?.[0]);
      if (schedule !== undefined) s.schedule = schedule;
      const cp = this.counterpartyNode(ctx.counterparty?.[0]);
      if (cp !== undefined) s.counterparty = cp;
      return s;
    }

    counterparty(ctx: C.CounterpartyCstChildren, range: A.Range): A.Counterparty | undefined {
      const party = this.ident(first(ctx.Identifier));
      return party === undefined ? undefined : { dir: ctx.From ? 'from' : 'to', party, range };
    }

    counterpartyNode(node: C.CounterpartyCstNode | undefined): A.Counterparty | undefined {
      return node === undefined ? undefined : this.counterparty(node.children, nodeRange(node));
    }

    holdStatement(ctx: C.HoldStatementCstChildren, range: A.Range): A.Stmt {
      const what = this.requiredIdent(first(ctx.Identifier), range);
      return { kind: 'hold', what, level: this.expr(ctx.expression, 0, range), range };
    }

    runoffStatement(ctx: C.RunoffStatementCstChildren, range: A.Range): A.Stmt {
      const asset = this.requiredIdent(first(ctx.Identifier), range);
      const s: A.Stmt = { kind: 'runoff', asset, range };
      const cap = this.optionalExpr(ctx.expression);
      if (cap !== undefined) s.cap = cap;
      const freq = this.frequencyNode(ctx.frequency?.[0]);
      if (freq !== undefined) s.capFreq = freq;
      return s;
    }

    lendStatement(ctx: C.LendStatementCstChildren, range: A.Range): A.Stmt {
      const to = this.requiredIdent(first(ctx.borrower), range);
      const s: A.Stmt = { kind: 'lend', to, range };
      const amount = this.amountOf(ctx.amount);
      if (amount !== undefined) s.amount = amount;
      else s.missingAmountAt = this.missingAt(first(ctx.Lend));
      const from = this.ident(first(ctx.lender));
      if (from !== undefined) s.from = from;
      const rate = this.optionalExpr(ctx.rate);
      if (rate !== undefined) s.rate = rate;
      const term = this.durationNode(ctx.duration?.[0]);
      if (term !== undefined) s.term = term;
      const schedule = this.scheduleNode(ctx.schedule?.[0]);
      if (schedule !== undefined) s.schedule = schedule;
      return s;
    }

    repayStatement(ctx: C.RepayStatementCstChildren, range: A.Range): A.Stmt {
      const s: A.Stmt = { kind: 'repay', from: this.requiredIdent(first(ctx.Identifier), range), range };
      const amount = this.amountOf(ctx.amount);
      if (amount !== undefined) s.amount = amount;
      else s.missingAmountAt = this.missingAt(first(ctx.Repay));
      const to = this.ident(first(ctx.to));
      if (to !== undefined) s.to = to;
      return s;
    }

    payStatement(ctx: C.PayStatementCstChildren, range: A.Range): A.Stmt {
      const s: A.Stmt = {
        kind: 'pay',
        from: this.requiredIdent(first(ctx.Identifier), range),
        to: this.requiredIdent(first(ctx.to), range),
        range,
      };
      const amount = this.amountOf(ctx.amount);
      if (amount !== undefined) s.amount = amount;
      else s.missingAmountAt = this.missingAt(first(ctx.Pay));
      return s;
    }

    cashStatement(ctx: C.CashStatementCstChildren, range: A.Range): A.Stmt {
      const s: A.Stmt = { kind: 'cash', op: ctx.Withdraw ? 'withdraw' : 'deposit', range };
      const amount = this.amountOf(ctx.amount);
      if (amount !== undefined) s.amount = amount;
      else s.missingAmountAt = this.missingAt(first(ctx.Withdraw) ?? first(ctx.Deposit));
      const by = this.ident(first(ctx.Identifier));
      if (by !== undefined) s.by = by;
      return s;
    }

    offerStatement(ctx: C.OfferStatementCstChildren, range: A.Range): A.Stmt {
      const s: A.Stmt = {
        kind: 'offer',
        facility: ctx.TermDeposits ? 'term_deposits' : 'reverse_repos',
        rate: this.expr(ctx.rate, 0, range),
        range,
      };
      if (ctx.Unlimited) s.amount = 'unlimited';
      else {
        const amount = this.amountOf(ctx.amount);
        if (amount !== undefined) s.amount = amount;
        else s.missingAmountAt = this.missingAt(first(ctx.TermDeposits) ?? first(ctx.ReverseRepos));
      }
      const term = this.durationNode(ctx.duration?.[0]);
      if (term !== undefined) s.term = term;
      const schedule = this.scheduleNode(ctx.schedule?.[0]);
      if (schedule !== undefined) s.schedule = schedule;
      return s;
    }

    treasuryStatement(ctx: C.TreasuryStatementCstChildren, range: A.Range): A.Stmt {
      const action = ctx.Issue ? 'issue' : ctx.Redeem ? 'redeem' : ctx.Spend ? 'spend' : 'tax';
      const s: A.Stmt = { kind: 'treasury', action, forSfp: ctx.Sfp !== undefined, range };
      const amount = this.amountOf(ctx.amount);
      if (amount !== undefined) s.amount = amount;
      else {
        s.missingAmountAt = this.missingAt(
          first(ctx.Issue) ?? first(ctx.Redeem) ?? first(ctx.Spend) ?? first(ctx.Tax),
        );
      }
      const schedule = this.scheduleNode(ctx.schedule?.[0]);
      if (schedule !== undefined) s.schedule = schedule;
      const cp = this.counterpartyNode(ctx.counterparty?.[0]);
      if (cp !== undefined) s.counterparty = cp;
      return s;
    }

    postStatement(ctx: C.PostStatementCstChildren, range: A.Range): A.Stmt {
      const s: A.Stmt = { kind: 'post', entries: [], range };
      const label = this.string(first(ctx.StringLit));
      if (label !== undefined) s.label = label;
      for (const e of ctx.postEntry ?? []) {
        const entry = this.postEntry(e.children, nodeRange(e));
        if (entry !== undefined) s.entries.push(entry);
      }
      return s;
    }

    postEntry(ctx: C.PostEntryCstChildren, range: A.Range): A.PostEntry | undefined {
      const party = this.ident(first(ctx.Identifier));
      const instrument = this.ident(first(ctx.instrument));
      if (party === undefined || instrument === undefined) return undefined;
      return {
        party,
        instrument,
        sign: ctx.Minus ? '-' : '+',
        amount: this.expr(ctx.expression, 0, instrument.range),
        range,
      };
    }

    scheduleNode(node: C.ScheduleCstNode | undefined): A.Schedule | undefined {
      return node === undefined ? undefined : this.schedule(node.children, nodeRange(node));
    }

    schedule(ctx: C.ScheduleCstChildren, range: A.Range): A.Schedule | undefined {
      if (ctx.By) {
        const date = this.optionalDate(first(ctx.DateLit));
        return date === undefined ? undefined : { kind: 'by', date, range };
      }
      const freq = this.frequencyNode(ctx.frequency?.[0]);
      if (freq === undefined) return undefined;
      const s: A.Schedule = { kind: 'freq', freq, range };
      const w = ctx.window?.[0]?.children;
      if (w !== undefined) this.windowInto(w, s);
      return s;
    }

    windowInto(w: C.WindowCstChildren, target: { from?: A.DateLit; until?: A.DateLit }): void {
      const from = this.optionalDate(first(w.from));
      if (from !== undefined) target.from = from;
      const until = this.optionalDate(first(w.until));
      if (until !== undefined) target.until = until;
    }

    frequencyNode(node: C.FrequencyCstNode | undefined): A.Frequency | undefined {
      return node === undefined ? undefined : this.frequency(node.children, nodeRange(node));
    }

    frequency(ctx: C.FrequencyCstChildren, range: A.Range): A.Frequency | undefined {
      const word = first(ctx.FrequencyWord);
      if (word !== undefined)
        return { kind: word.image as 'daily' | 'weekly' | 'monthly' | 'quarterly', range };
      const n = first(ctx.NumberLit);
      const unit = first(ctx.DurationUnit);
      if (n === undefined || unit === undefined) return undefined;
      return { kind: 'every', count: n.image, unit: unit.image, range };
    }

    duration(ctx: C.DurationCstChildren, range: A.Range): A.DurationLit | undefined {
      const n = first(ctx.NumberLit);
      const unit = first(ctx.DurationUnit);
      if (n === undefined || unit === undefined) return undefined;
      return { kind: 'duration', raw: n.image, unit: unit.image, range };
    }

    // ---- Control ----------------------------------------------------------------------------------------

    onStatement(ctx: C.OnStatementCstChildren, range: A.Range): A.Stmt {
      const kw = tokenRange(ctx.On[0])!;
      const date = this.date(first(ctx.DateLit), kw);
      let body: A.Stmt | A.Block | undefined;
      if (ctx.block?.[0]) body = this.blockNode(ctx.block[0]);
      else if (ctx.statement?.[0]) body = this.statementNode(ctx.statement[0]);
      return { kind: 'on', date, body: body ?? { kind: 'block', statements: [], range }, range };
    }

    whenStatement(ctx: C.WhenStatementCstChildren, range: A.Range): A.Stmt {
      const cond = this.expr(ctx.expression, 0, range);
      const body = ctx.block?.[0]
        ? this.blockNode(ctx.block[0])
        : { kind: 'block' as const, statements: [], range };
      return { kind: 'when', cond, body, range };
    }

    everyStatement(ctx: C.EveryStatementCstChildren, range: A.Range): A.Stmt {
      const p = ctx.period?.[0];
      const period = (p ? this.period(p.children, nodeRange(p)) : undefined) ?? {
        kind: 'day' as const,
        range,
      };
      const body = ctx.block?.[0]
        ? this.blockNode(ctx.block[0])
        : { kind: 'block' as const, statements: [], range };
      return { kind: 'every', period, body, range };
    }

    period(ctx: C.PeriodCstChildren, range: A.Range): A.Period | undefined {
      if (ctx.Day) return { kind: 'day', range };
      if (ctx.BusinessDay) return { kind: 'business_day', range };
      if (ctx.Week) return { kind: 'week', range };
      if (ctx.Month) return { kind: 'month', range };
      if (ctx.Quarter) return { kind: 'quarter', range };
      const duration = this.durationNode(ctx.duration?.[0]);
      return duration === undefined ? undefined : { kind: 'count', duration, range };
    }

    // ---- Checks and output ------------------------------------------------------------------------------

    expectStatement(ctx: C.ExpectStatementCstChildren, range: A.Range): A.Stmt {
      const s: A.Stmt = { kind: 'expect', expr: this.expr(ctx.expression, 0, range), range };
      const within = this.optionalExpr(ctx.within);
      if (within !== undefined) s.within = within;
      const t = ctx.checkTime?.[0];
      const time = t ? this.checkTime(t.children, nodeRange(t)) : undefined;
      if (time !== undefined) s.time = time;
      return s;
    }

    checkTime(ctx: C.CheckTimeCstChildren, range: A.Range): A.CheckTime | undefined {
      if (ctx.On) {
        const date = this.optionalDate(first(ctx.DateLit));
        return date === undefined ? undefined : { kind: 'on', date, range };
      }
      if (ctx.End) return { kind: 'end', range };
      if (ctx.Always) return { kind: 'always', range };
      const freq = this.frequencyNode(ctx.frequency?.[0]);
      if (freq === undefined) return undefined;
      const time: A.CheckTime = { kind: 'freq', freq, range };
      const w = ctx.window?.[0]?.children;
      if (w !== undefined) this.windowInto(w, time);
      return time;
    }

    reportStatement(ctx: C.ReportStatementCstChildren, range: A.Range): A.Stmt {
      const s: A.Stmt = { kind: 'report', series: [], range };
      for (const node of ctx.series ?? []) {
        const r = nodeRange(node, range);
        const expr = this.expr(node.children.expression, 0, r);
        const label = this.string(first(node.children.StringLit));
        s.series.push(label === undefined ? { expr, range: r } : { expr, label, range: r });
      }
      const freq = this.frequencyNode(ctx.frequency?.[0]);
      if (freq !== undefined) s.freq = freq;
      const to = this.string(first(ctx.StringLit));
      if (to !== undefined) s.to = to;
      return s;
    }

    showStatement(ctx: C.ShowStatementCstChildren, range: A.Range): A.Stmt {
      const kw = tokenRange(ctx.On?.[0]) ?? range;
      const s: A.Stmt = { kind: 'show', date: this.date(first(ctx.DateLit), kw), range };
      if (ctx.Of) {
        s.parties = [];
        for (const t of ctx.Identifier ?? []) {
          const id = this.ident(t);
          if (id !== undefined) s.parties.push(id);
        }
      }
      return s;
    }

    // ---- Expressions ------------------------------------------------------------------------------------

    expressionNode(node: C.ExpressionCstNode): A.Expr {
      return this.expression(node.children, nodeRange(node));
    }

    // The state of the precedence climb in `expression`: fields and methods rather than closures, which would
    // be allocated anew for every expression with an operator.
    private climbOperands: C.OperandCstNode[] = [];
    private climbOps: IToken[] = [];
    /** climbOperands[climbI] is the next operand to read; climbOps[climbI - 1] the operator after the last. */
    private climbI = 0;
    /** Prefix operators of climbOperands[climbI] already applied. */
    private climbP = 0;
    private climbRange: A.Range = ERROR_RANGE;

    /** Precedence climbing over `operand (op operand)*`. */
    expression(ctx: C.ExpressionCstChildren, range: A.Range = ERROR_RANGE): A.Expr {
      const operands = ctx.operand ?? [];
      const ops = ctx.BinaryOp ?? [];
      if (operands.length === 1 && ops.length === 0) return this.operandPlain(operands[0], range);
      // An operand may hold a parenthesised expression, which climbs with the same fields.
      const saved = [this.climbOperands, this.climbOps, this.climbI, this.climbP, this.climbRange] as const;
      this.climbOperands = operands;
      this.climbOps = ops;
      this.climbI = 0;
      this.climbP = 0;
      this.climbRange = range;
      try {
        return this.climb(0);
      } finally {
        [this.climbOperands, this.climbOps, this.climbI, this.climbP, this.climbRange] = saved;
      }
    }

    private unary(): A.Expr {
      const range = this.climbRange;
      const node = this.climbOperands[this.climbI];
      if (node === undefined) {
        // An operator with no operand after it (a recovered parse).
        this.climbI++;
        return { kind: 'error', range: { start: range.end, end: range.end } };
      }
      const prefix = node.children.PrefixOp;
      if (prefix !== undefined && this.climbP < prefix.length) {
        const tok = prefix[this.climbP++];
        const r = tokenRange(tok) ?? range;
        // `not` applies to a whole comparison; `-` to the operand only.
        const arg = tok.image === 'not' ? this.climb(NOT_PRECEDENCE + 1) : this.unary();
        return { kind: 'unary', op: tok.image === 'not' ? 'not' : '-', arg, range: span(r, arg.range) };
      }
      const e = this.postfix(node, range);
      this.climbI++;
      this.climbP = 0;
      return e;
    }

    private climb(minPrec: number): A.Expr {
      let left = this.unary();
      for (;;) {
        const tok = this.climbOps[this.climbI - 1];
        if (tok === undefined) break;
        const op = BINARY_OPS[tok.tokenType.name] ?? '+';
        const prec = BINARY_PRECEDENCE[op];
        if (prec < minPrec) break;
        const right = this.climb(prec + 1);
        if (isComparison(op) && left.kind === 'binary' && isComparison(left.op)) {
          this.issues.push({ kind: 'chained_comparison', range: span(left.range, right.range) });
        }
        left = { kind: 'binary', op, left, right, range: span(left.range, right.range) };
      }
      return left;
    }

    /** An operand without operators around it (the common case, kept cheap). */
    operandPlain(node: C.OperandCstNode, range: A.Range): A.Expr {
      const prefix = node.children.PrefixOp;
      let e = this.postfix(node, range);
      if (prefix === undefined) return e;
      for (let k = prefix.length - 1; k >= 0; k--) {
        const r = tokenRange(prefix[k]) ?? range;
        e = { kind: 'unary', op: prefix[k].image === 'not' ? 'not' : '-', arg: e, range: span(r, e.range) };
      }
      return e;
    }

    /** A primary and its `.name` selectors. */
    postfix(node: C.OperandCstNode, range: A.Range): A.Expr {
      const ctx = node.children;
      let e = this.primary(ctx, nodeRange(node, range));
      for (const t of ctx.member ?? []) {
        const member = this.ident(t);
        if (member === undefined) break;
        e = { kind: 'member', object: e, member, range: span(e.range, member.range) };
      }
      return e;
    }

    /** The primary of an operand; `operandRange` also covers prefix operators and selectors. */
    primary(ctx: C.OperandCstChildren, operandRange: A.Range): A.Expr {
      const num = first(ctx.NumberLit);
      if (num !== undefined) {
        const r = tokenRange(num)!;
        const cur = first(ctx.CurrencyCode);
        if (cur !== undefined)
          return { kind: 'amount', raw: num.image, currency: cur.image, range: span(r, tokenRange(cur)) };
        const unit = first(ctx.DurationUnit);
        if (unit !== undefined)
          return { kind: 'duration', raw: num.image, unit: unit.image, range: span(r, tokenRange(unit)) };
        return { kind: 'number', raw: num.image, range: r };
      }
      const pct = first(ctx.PercentLit);
      if (pct !== undefined) return { kind: 'percent', raw: pct.image.slice(0, -1), range: tokenRange(pct)! };
      const bp = first(ctx.BpLit);
      if (bp !== undefined) return { kind: 'bp', raw: bp.image.slice(0, -2), range: tokenRange(bp)! };
      const date = first(ctx.DateLit);
      if (date !== undefined) return { kind: 'date', raw: date.image, range: tokenRange(date)! };
      const str = this.string(first(ctx.StringLit));
      if (str !== undefined) return str;
      const id = this.ident(first(ctx.Identifier));
      if (id !== undefined) {
        const call = ctx.callArguments?.[0];
        if (call === undefined) return { kind: 'name', name: id.name, range: id.range };
        return {
          kind: 'call',
          callee: id,
          args: this.callArguments(call.children),
          range: span(id.range, nodeRange(call, id.range)),
        };
      }
      const open = tokenRange(first(ctx.LParen));
      if (open !== undefined && ctx.expression?.[0]) {
        const inner = this.expressionNode(ctx.expression[0]);
        return {
          kind: 'paren',
          expr: inner,
          range: span(open, tokenRange(first(ctx.RParen)) ?? inner.range),
        };
      }
      return { kind: 'error', range: operandRange };
    }

    callArguments(ctx: C.CallArgumentsCstChildren): A.Expr[] {
      return (ctx.expression ?? []).map((e) => this.expressionNode(e));
    }

    // ---- Token positions ---------------------------------------------------------------------------------

    tokens: Tokens | undefined = undefined;

    /** The range of the first token starting at or after the end of `r` (for "missing amount" positions). */
    rangeOfTokenAfter(r: A.Range): A.Range | undefined {
      const toks = this.tokens;
      if (toks === undefined) return undefined;
      const starts = toks.starts;
      let lo = 0;
      let hi = toks.count;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (starts[mid] < r.end) lo = mid + 1;
        else hi = mid;
      }
      return lo < toks.count ? { start: starts[lo], end: toks.ends[lo] } : undefined;
    }
  }

  return new Builder();
}

export interface AstBuilder {
  issues: BuildIssue[];
  /** The tokens of the file being built, while it is. */
  tokens: Tokens | undefined;
  /** The statements of a `program` CST. */
  program(ctx: C.ProgramCstChildren): A.Stmt[];
  validateVisitor(): void;
}

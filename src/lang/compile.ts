// AST → plan (src/plan/types.ts), for a program the checker passed. Pure: it reads what the checker
// learned (types, resolved names, holdings in units) and builds plain data. `let` constants are inlined;
// months become days (first as a start, last as an end); `%` literals become rates or ratios by context;
// a bare number in an amount slot becomes money in the economy's currency.
import { SETTABLE, type Asset, type Instrument } from '../plan/catalogue.js';
import * as P from '../plan/types.js';
import type * as A from './ast.js';
import type { Checked } from './check/index.js';
import type { CheckContext } from './check/context.js';
import { evalConst } from './check/const.js';
import { agentKind, agentName } from './check/env.js';
import { assetOf, instrumentOf } from './check/lookup.js';
import {
  catalogueName,
  catalogueType,
  checkedTypeOf,
  resolvedOf,
  settableName,
  windowOf,
} from './check/expressions.js';
import type * as T from './check/types.js';
import { isoDay } from './dates.js';
import * as D from './decimal.js';
import { resolveFrom } from './paths.js';
import type { SourceFile } from './source.js';

type Want = 'rate' | 'ratio' | undefined;

const ERROR_TYPE: T.Ty = { k: 'error' };

/** Where an action takes effect: a day, the first day, or whenever its event fires. */
type At = { date: string; dynamic: false } | { date: string; dynamic: true };

const HEADER_KINDS = new Set<A.Stmt['kind']>(['title', 'use', 'simulate', 'seed', 'let', 'param', 'economy']);

function dec(raw: string): D.Decimal {
  return D.parseDecimal(raw) ?? D.ZERO;
}

// A literal's plan value by its text (and the power of ten it is shifted by: 0, -2 for `%`, -4 for `bp`).
// Scripts repeat their literals; bounded like the parse caches so that no input grows them without limit.
const literalCaches = new Map<number, Map<string, string>>();
const plainLiterals = new Map<string, string>();
literalCaches.set(0, plainLiterals);

function literal(raw: string, shiftBy: number): string {
  let cache = shiftBy === 0 ? plainLiterals : literalCaches.get(shiftBy);
  if (cache === undefined) literalCaches.set(shiftBy, (cache = new Map()));
  let v = cache.get(raw);
  if (v === undefined) {
    if (cache.size > 50_000) cache.clear();
    v = D.toString(shiftBy === 0 ? dec(raw) : D.shift(dec(raw), shiftBy));
    cache.set(raw, v);
  }
  return v;
}

/**
 * The plan text of a constant's exact value (`D.toString` of `evalConst`), or undefined when it is not
 * constant. A literal's comes from the cache of `literal`: the same digits, without the arithmetic.
 */
function constText(e: A.Expr, info: CheckContext): string | undefined {
  switch (e.kind) {
    case 'number':
    case 'amount':
      if (D.parseDecimal(e.raw) !== undefined) return literal(e.raw, 0);
      break;
    case 'percent':
      if (D.parseDecimal(e.raw) !== undefined) return literal(e.raw, -2);
      break;
    case 'bp':
      if (D.parseDecimal(e.raw) !== undefined) return literal(e.raw, -4);
      break;
    default:
      break;
  }
  const v = evalConst(e, info.letValue);
  return v === undefined ? undefined : D.toString(v.v);
}

function duration(d: A.DurationLit): P.Duration {
  return { n: Number(dec(d.raw).int), unit: d.unit.replace(/s$/, '') as P.DurationUnit };
}

function frequency(f: A.Frequency): P.Frequency {
  if (f.kind !== 'every') return { k: f.kind };
  return {
    k: 'every',
    n: Number(dec(f.count).int),
    unit: f.unit.replace(/s$/, '') as 'day' | 'week' | 'month',
  };
}

function party(id: A.Ident): P.Party {
  if (id.name === 'banks' || id.name === 'public' || id.name === 'dealers') return { k: id.name };
  return { k: 'agent', name: id.name };
}

function day(raw: string, as: 'start' | 'end'): string {
  return isoDay(raw, as) ?? raw;
}

class Compiler {
  file: SourceFile;
  private readonly info: CheckContext;
  private readonly currency: string;
  private readonly simFrom: string;

  constructor(private readonly checked: Checked) {
    this.info = checked.info;
    this.file = checked.files[0].source;
    this.currency = checked.env.economy!.currency!;
    this.simFrom = checked.env.from!;
  }

  inFile<T>(file: SourceFile, f: () => T): T {
    const saved = this.file;
    this.file = file;
    try {
      return f();
    } finally {
      this.file = saved;
    }
  }

  span(r: A.Range): P.Span {
    return this.file.span(r);
  }

  ty(e: A.Expr): T.Ty {
    return checkedTypeOf(e, this.info) ?? ERROR_TYPE;
  }

  exprType(t: T.Ty, want: Want): P.ExprType {
    switch (t.k) {
      case 'percent':
        return want ?? 'ratio';
      case 'window':
      case 'error':
        return 'number';
      default:
        return t.k;
    }
  }

  // ---- Expressions ----------------------------------------------------------------------------------------

  expr(e: A.Expr, want?: Want): P.Expr {
    // A parenthesis is its content's node: no span of its own to work out and drop.
    if (e.kind === 'paren') return this.expr(e.expr, want);
    const span = this.span(e.range);
    switch (e.kind) {
      case 'number':
        return { k: 'num', t: 'number', v: literal(e.raw, 0), span };
      case 'amount':
        return { k: 'money', t: 'money', v: literal(e.raw, 0), cur: e.currency, span };
      case 'percent': {
        const v = literal(e.raw, -2);
        return want === 'rate' ? { k: 'rate', t: 'rate', v, span } : { k: 'ratio', t: 'ratio', v, span };
      }
      case 'bp':
        return { k: 'rate', t: 'rate', v: literal(e.raw, -4), span };
      case 'date':
        return { k: 'date', t: 'date', v: day(e.raw, 'start'), span };
      case 'duration':
        return { k: 'dur', t: 'duration', v: duration(e), span };
      case 'string':
        return { k: 'str', t: 'string', v: e.value, span };
      case 'name':
      case 'member':
        return this.reference(e, want, span);
      case 'call':
        return this.call(e, want, span);
      case 'unary': {
        if (e.op === 'not') return { k: 'not', t: 'bool', arg: this.expr(e.arg), span };
        const t = this.ty(e);
        return { k: 'neg', t: this.exprType(t, want), arg: this.expr(e.arg, this.childWant(t, want)), span };
      }
      case 'binary':
        return this.binary(e, want, span);
      case 'error':
        return { k: 'num', t: 'number', v: '0', span };
    }
  }

  /** What a `%` literal under a node of type `t` becomes. */
  childWant(t: T.Ty, want: Want): Want {
    if (t.k === 'rate') return 'rate';
    if (t.k === 'percent') return want;
    return 'ratio';
  }

  binary(e: Extract<A.Expr, { kind: 'binary' }>, want: Want, span: P.Span): P.Expr {
    switch (e.op) {
      case 'and':
      case 'or':
        return { k: 'logic', t: 'bool', op: e.op, l: this.expr(e.left), r: this.expr(e.right), span };
      case '+':
      case '-': {
        const t = this.ty(e);
        const w = this.childWant(t, want);
        return {
          k: 'bin',
          t: this.exprType(t, want),
          op: e.op,
          l: this.expr(e.left, w),
          r: this.expr(e.right, w),
          span,
        };
      }
      case '*':
      case '/': {
        const t = this.ty(e);
        // A percentage multiplying or dividing something else is a ratio of it.
        const w: Want = t.k === 'percent' ? want : 'ratio';
        return {
          k: 'bin',
          t: this.exprType(t, want),
          op: e.op,
          l: this.expr(e.left, w),
          r: this.expr(e.right, w),
          span,
        };
      }
      default: {
        const lt = this.ty(e.left);
        const rt = this.ty(e.right);
        const w: Want = lt.k === 'rate' || rt.k === 'rate' ? 'rate' : 'ratio';
        const op = e.op === '=' ? '==' : e.op;
        return { k: 'cmp', t: 'bool', op, l: this.expr(e.left, w), r: this.expr(e.right, w), span };
      }
    }
  }

  reference(e: A.Expr, want: Want, span: P.Span): P.Expr {
    let r = this.info.resolved.get(e);
    let ty: T.Ty;
    if (r === undefined && e.kind === 'name') {
      // A name the catalogue gives its meaning has no entries in either table (see `literalType`).
      const c = catalogueName(e.name);
      r = c.k === 'none' ? undefined : c.resolved;
      ty = catalogueType(c, this.info) ?? ERROR_TYPE;
    } else ty = this.ty(e);
    const t = this.exprType(ty, want);
    switch (r?.k) {
      case 'let': {
        // Not `inFile` with a closure, which would make V8 allocate this function's context on every call.
        const def = this.checked.env.lets.get(r.name)!;
        const saved = this.file;
        this.file = def.file;
        try {
          return this.expr(def.node.value, want);
        } finally {
          this.file = saved;
        }
      }
      case 'param':
        return { k: 'param', t, name: r.name, span };
      case 'series':
        return { k: 'series', t, name: r.name, span };
      case 'policy':
        return r.part === undefined
          ? { k: 'policy', t, name: r.name, span }
          : { k: 'policy', t, name: r.name, part: r.part, span };
      case 'cb':
        return { k: 'cb', t, name: r.name, span };
      case 'holding':
        return { k: 'holding', t: 'money', agent: r.agent, instrument: r.instrument, span };
      case 'enum':
        return { k: 'enum', t: 'enum', v: r.value, span };
      case 'required':
        return { k: 'required', t: 'money', span };
      default:
        // Unreachable for a checked program; a number keeps the plan well-formed regardless.
        return { k: 'num', t: 'number', v: '0', span };
    }
  }

  call(e: Extract<A.Expr, { kind: 'call' }>, want: Want, span: P.Span): P.Expr {
    const r = resolvedOf(e, this.info);
    const t = this.ty(e);
    const type = this.exprType(t, want);
    const w = this.childWant(t, want);
    switch (r?.k) {
      case 'fn': {
        // A loop, not a closure over `this` and `w` (which would cost a context on every call).
        const args: P.Expr[] = [];
        for (let i = 0; i < e.args.length; i++) args.push(this.expr(e.args[i], w));
        return { k: 'fn', t: type, fn: r.fn, args, span };
      }
      case 'windowFn': {
        const win = windowOf(e.args[1]);
        const window: P.Window =
          win === 'not a window'
            ? { k: 'days', n: 1 }
            : win.k === 'named'
              ? { k: 'named', name: win.name as 'month' }
              : { k: 'days', n: win.n };
        return { k: 'window', t: type, fn: r.fn, arg: this.expr(e.args[0], w), window, span };
      }
      case 'at':
        return {
          k: 'at',
          t: type,
          arg: this.expr(e.args[0], w),
          date: day((e.args[1] as A.DateLit).raw, 'start'),
          span,
        };
      case 'data': {
        const s = r.source;
        const source =
          s.startsWith('/') || s.startsWith('./') || s.startsWith('../')
            ? `file:${resolveFrom(this.file.path, s)}`
            : `stdlib:${s.replace(/\.csv$/, '')}`;
        return { k: 'data', t: 'number', source, span };
      }
      default:
        return { k: 'num', t: 'number', v: '0', span };
    }
  }

  /** An operation's amount: a bare number is money in the economy's currency. */
  amount(e: A.Expr): P.Expr {
    const t = this.ty(e);
    if (t.k !== 'number') return this.expr(e);
    const span = this.span(e.range);
    const v = constText(e, this.info);
    if (v !== undefined) return { k: 'money', t: 'money', v, cur: this.currency, span };
    const one: P.Expr = { k: 'money', t: 'money', v: '1', cur: this.currency, span };
    return { k: 'bin', t: 'money', op: '*', l: this.expr(e), r: one, span };
  }

  // ---- Statements -----------------------------------------------------------------------------------------

  schedule(s: A.Schedule | undefined, at: At): P.Schedule | undefined {
    if (s === undefined) return undefined;
    const dynamic = at.dynamic ? ({ fromFiring: true } as const) : {};
    if (s.kind === 'by') return { k: 'by', from: at.date, date: day(s.date.raw, 'end'), ...dynamic };
    const out: P.Schedule = {
      k: 'freq',
      freq: frequency(s.freq),
      from: s.from ? day(s.from.raw, 'start') : at.date,
    };
    if (s.until) out.until = day(s.until.raw, 'end');
    if (s.from === undefined && at.dynamic) out.fromFiring = true;
    return out;
  }

  setAction(s: A.SetStmt): P.Action {
    const parts = s.target;
    const name =
      parts.length === 2
        ? `yield.${assetOf(parts[1].name) ?? parts[1].name}`
        : (settableName(parts[0].name) ?? parts[0].name);
    const kind = name.startsWith('yield.') ? 'rate' : SETTABLE[name];
    const span = this.span(s.range);
    if (s.to !== undefined) {
      const value: P.Expr = {
        k: 'range',
        t: 'range',
        lo: this.expr(s.value, 'rate'),
        hi: this.expr(s.to, 'rate'),
        span: this.span({ start: s.value.range.start, end: s.to.range.end }),
      };
      return { k: 'set', name, value, span };
    }
    const value =
      kind === 'money' ? this.amount(s.value) : this.expr(s.value, kind === 'rate' ? 'rate' : 'ratio');
    return { k: 'set', name, value, span };
  }

  remunerate(s: A.RemunerateStmt): P.Action {
    const tiers = s.tiers.map((tier): P.Tier => {
      const out: P.Tier = {
        base: tier.base,
        rate: this.expr(tier.rate, 'rate'),
        span: this.span(tier.range),
      };
      if (tier.upTo !== undefined) out.upTo = this.amount(tier.upTo);
      return out;
    });
    return { k: 'remunerate', tiers, span: this.span(s.range) };
  }

  reserveRequirement(s: A.ReserveRequirementStmt): P.Action {
    const on: Instrument = s.on ? (instrumentOf(s.on.name) ?? 'deposits') : 'deposits';
    const tranches = s.tranches.map((t): P.Tranche => {
      const out: P.Tranche = { rate: D.toString(D.shift(dec(t.rate.raw), -2)), span: this.span(t.range) };
      if (t.upTo !== undefined) out.upTo = this.amount(t.upTo);
      return out;
    });
    return { k: 'reserve_requirement', on, tranches, span: this.span(s.range) };
  }

  operation(s: A.Stmt): P.Operation | undefined {
    switch (s.kind) {
      case 'trade':
        return {
          op: s.op,
          asset: assetOf(s.asset.name)!,
          amount: this.amount(s.amount!),
          party: s.counterparty ? party(s.counterparty.party) : { k: 'banks' },
        };
      case 'hold':
        return {
          op: 'hold',
          what:
            s.what.name === 'sfp' || s.what.name === 'tga' ? s.what.name : (assetOf(s.what.name) as Asset),
          level: this.amount(s.level),
        };
      case 'runoff': {
        const op: P.Operation = { op: 'runoff', asset: assetOf(s.asset.name)! };
        if (s.cap !== undefined) op.cap = this.amount(s.cap);
        if (s.capFreq !== undefined) op.capFreq = frequency(s.capFreq);
        return op;
      }
      case 'lend': {
        const op: P.Operation = { op: 'lend', amount: this.amount(s.amount!), to: party(s.to) };
        if (s.from !== undefined) op.from = party(s.from);
        if (s.rate !== undefined) op.rate = this.expr(s.rate, 'rate');
        if (s.term !== undefined) op.term = duration(s.term);
        return op;
      }
      case 'repay': {
        const op: P.Operation = { op: 'repay', amount: this.amount(s.amount!), from: party(s.from) };
        if (s.to !== undefined) op.to = party(s.to);
        return op;
      }
      case 'pay':
        return { op: 'pay', amount: this.amount(s.amount!), from: party(s.from), to: party(s.to) };
      case 'cash': {
        const op: P.Operation = { op: s.op, amount: this.amount(s.amount!) };
        if (s.by !== undefined) op.by = party(s.by);
        return op;
      }
      case 'offer': {
        const op: P.Operation = {
          op: 'offer',
          facility: s.facility,
          amount: s.amount === 'unlimited' || s.amount === undefined ? null : this.amount(s.amount),
          rate: this.expr(s.rate, 'rate'),
        };
        if (s.term !== undefined) op.term = duration(s.term);
        return op;
      }
      case 'treasury': {
        const op: P.Operation = {
          op: 'treasury',
          action: s.action,
          amount: this.amount(s.amount!),
          forSfp: s.forSfp,
        };
        if (s.counterparty !== undefined) op.party = party(s.counterparty.party);
        return op;
      }
      case 'post': {
        const op: P.Operation = {
          op: 'post',
          entries: s.entries.map((e) => ({
            agent: e.party.name,
            instrument: instrumentOf(e.instrument.name)!,
            sign: e.sign === '+' ? 1 : -1,
            amount: this.amount(e.amount),
            span: this.span(e.range),
          })),
        };
        if (s.label !== undefined) op.label = s.label.value;
        return op;
      }
      default:
        return undefined;
    }
  }

  /** The actions of statements in a block; expectations under `on DATE` are hoisted to that date. */
  actions(stmts: A.Stmt[], at: At, plan: P.Plan): P.Action[] {
    const out: P.Action[] = [];
    for (const s of stmts) {
      const a = this.action(s, at, plan);
      if (a !== undefined) out.push(a);
    }
    return out;
  }

  action(s: A.Stmt, at: At, plan: P.Plan): P.Action | undefined {
    // The span is made in the branches that use it: `set` and `expect`, the commonest actions, make their own.
    switch (s.kind) {
      case 'set':
        return this.setAction(s);
      case 'remunerate':
        return this.remunerate(s);
      case 'reserve_requirement':
        return this.reserveRequirement(s);
      case 'on':
      case 'when':
      case 'every':
        return { k: 'event', event: this.event(s, at, plan), span: this.span(s.range) };
      case 'expect':
        plan.expectations.push(this.expectation(s, at.dynamic ? undefined : at.date));
        return undefined;
      default: {
        const op = this.operation(s);
        if (op === undefined) return undefined;
        const action: P.Action = { k: 'op', op, span: this.span(s.range) };
        const schedule = this.schedule('schedule' in s ? s.schedule : undefined, at);
        if (schedule !== undefined) action.schedule = schedule;
        return action;
      }
    }
  }

  event(s: A.StmtOf<'on'> | A.StmtOf<'when'> | A.StmtOf<'every'>, at: At, plan: P.Plan): P.Event {
    const span = this.span(s.range);
    if (s.kind === 'on') {
      const date = day(s.date.raw, 'start');
      const inner: At = at.dynamic ? { date: at.date, dynamic: true } : { date, dynamic: false };
      let actions: P.Action[];
      if (s.body.kind === 'block') actions = this.actions(s.body.statements, inner, plan);
      else {
        const a = this.action(s.body, inner, plan);
        actions = a === undefined ? [] : [a];
      }
      return { trigger: { k: 'on', date }, actions, span };
    }
    const inner: At = { date: at.date, dynamic: true };
    if (s.kind === 'when') {
      return {
        trigger: { k: 'when', cond: this.expr(s.cond) },
        actions: this.actions(s.body.statements, inner, plan),
        span,
      };
    }
    const p = s.period;
    const period: P.Period =
      p.kind === 'count'
        ? { k: 'every', ...(duration(p.duration) as { n: number; unit: 'day' | 'week' | 'month' }) }
        : { k: p.kind };
    const trigger: P.Trigger = { k: 'every', period };
    if (!at.dynamic && at.date !== this.simFrom) trigger.from = at.date;
    return { trigger, actions: this.actions(s.body.statements, inner, plan), span };
  }

  expectation(s: A.StmtOf<'expect'>, onDate: string | undefined): P.Expectation {
    const e: P.Expectation = {
      expr: this.expr(s.expr),
      when: { k: 'end' },
      text: this.file.slice(s.range),
      span: this.span(s.range),
    };
    if (s.within !== undefined) {
      const t = this.ty(s.within);
      if (t.k === 'percent') {
        e.tolerance = { k: 'rel', v: constText(s.within, this.info) ?? '0' };
      } else {
        const cmp = s.expr.kind === 'binary' ? s.expr : undefined;
        const side = cmp !== undefined && (this.ty(cmp.left).k === 'rate' || this.ty(cmp.right).k === 'rate');
        e.tolerance = { k: 'abs', v: this.expr(s.within, side ? 'rate' : 'ratio') };
      }
    }
    const t = s.time;
    if (onDate !== undefined && t === undefined) e.when = { k: 'on', date: onDate };
    else if (t?.kind === 'on') e.when = { k: 'on', date: day(t.date.raw, 'start') };
    else if (t?.kind === 'always') e.when = { k: 'always' };
    else if (t?.kind === 'freq') {
      const w: P.ExpectWhen = { k: 'freq', freq: frequency(t.freq) };
      if (t.from) w.from = day(t.from.raw, 'start');
      if (t.until) w.until = day(t.until.raw, 'end');
      e.when = w;
    }
    return e;
  }

  report(s: A.StmtOf<'report'>): P.Report {
    const r: P.Report = {
      series: s.series.map((x) => ({
        expr: this.expr(x.expr),
        label: x.label?.value ?? this.file.slice(x.expr.range),
      })),
      span: this.span(s.range),
    };
    if (s.freq !== undefined) r.freq = frequency(s.freq);
    if (s.to !== undefined) r.to = s.to.value;
    return r;
  }

  // ---- The economy ----------------------------------------------------------------------------------------

  agent(item: A.AgentItem): P.AgentPlan {
    const units = this.info.holdingUnits;
    const a: P.AgentPlan = {
      kind: agentKind(item),
      name: agentName(item),
      holdings: [],
      lends: [],
      yields: [],
      maturities: [],
      span: this.span(item.range),
    };
    for (const h of item.holdings ?? []) {
      const span = this.span(h.range);
      switch (h.kind) {
        case 'holding':
          a.holdings.push({
            instrument: instrumentOf(h.instrument.name)!,
            amount: Number(units.get(h.amount) ?? 0n),
            span,
          });
          break;
        case 'lends':
          a.lends.push({ to: h.to.name, amount: Number(units.get(h.amount) ?? 0n), span });
          break;
        case 'yield': {
          a.yields.push({
            instrument: instrumentOf(h.instrument.name)!,
            rate: constText(h.rate, this.info) ?? '0',
            span,
          });
          break;
        }
        case 'maturity': {
          const d = duration(h.duration);
          a.maturities.push({
            instrument: instrumentOf(h.instrument.name)!,
            months: d.unit === 'year' ? 12 * d.n : d.n,
            span,
          });
          break;
        }
        case 'flag':
          if (h.flag === 'ineligible') a.ineligible = true;
          else a.rrpAccess = true;
          break;
        case 'sizes':
          a.sizes = { dist: h.dist.name, param: Number(h.param.replace(/_/g, '')) };
          break;
      }
    }
    if (item.count !== undefined) a.count = Number(dec(item.count.raw).int);
    if (item.homeBank !== undefined) a.homeBank = item.homeBank.name;
    return a;
  }

  economy(): { plan: P.EconomyPlan; events: P.Event[] } {
    const eco = this.checked.env.economy!;
    return this.inFile(eco.file, () => {
      const s = eco.stmt;
      const plan: P.EconomyPlan = {
        name: s.name.name,
        currency: this.currency,
        unit: D.toString(eco.unit!),
        agents: [],
        aliases: {},
        span: this.span(s.range),
      };
      if (s.title !== undefined) plan.title = s.title.value;
      const events: P.Event[] = [];
      for (const item of s.items) {
        switch (item.kind) {
          case 'agent':
            plan.agents.push(this.agent(item));
            break;
          case 'maintenance': {
            const days = (d: A.DurationLit): number => {
              const x = duration(d);
              return x.unit === 'week' ? 7 * x.n : x.n;
            };
            const m: NonNullable<P.EconomyPlan['maintenance']> = {
              lagDays: item.lag ? days(item.lag) : 0,
              span: this.span(item.range),
            };
            if (item.length === 'monthly') m.monthly = true;
            else m.days = days(item.length);
            if (item.from !== undefined) m.from = day(item.from.raw, 'start');
            plan.maintenance = m;
            break;
          }
          case 'set':
          case 'remunerate':
          case 'reserve_requirement': {
            const action =
              item.kind === 'set'
                ? this.setAction(item)
                : item.kind === 'remunerate'
                  ? this.remunerate(item)
                  : this.reserveRequirement(item);
            events.push({ trigger: { k: 'start' }, actions: [action], span: this.span(item.range) });
            break;
          }
          default:
            break;
        }
      }
      return { plan, events };
    });
  }

  plan(file: string): P.Plan {
    const env = this.checked.env;
    const { plan: economy, events } = this.economy();
    const plan: P.Plan = {
      version: P.PLAN_VERSION,
      file,
      simulate: { from: env.from!, to: env.to! },
      seed: env.seed ? Number(dec(env.seed.node.value.raw).int) : 1,
      economy,
      params: [],
      events,
      expectations: [],
      reports: [],
      shows: [],
    };
    if (env.title !== undefined) plan.title = env.title.node.title.value;
    const start: At = { date: this.simFrom, dynamic: false };
    const items = this.checked.items;
    // Indexed: a for-of here made an iterator result per statement (see check/index.ts).
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      this.file = item.file;
      const s = item.stmt;
      if (s.kind === 'param') {
        const p: P.ParamPlan = { name: s.name.name, value: this.expr(s.value), span: this.span(s.range) };
        if (s.lo !== undefined) p.lo = this.expr(s.lo);
        if (s.hi !== undefined) p.hi = this.expr(s.hi);
        plan.params.push(p);
        continue;
      }
      if (HEADER_KINDS.has(s.kind)) continue;
      if (s.kind === 'expect') {
        plan.expectations.push(this.expectation(s, undefined));
      } else if (s.kind === 'report') {
        plan.reports.push(this.report(s));
      } else if (s.kind === 'show') {
        const show: P.Show = { date: day(s.date.raw, 'start'), span: this.span(s.range) };
        if (s.parties !== undefined) show.parties = s.parties.map((p) => p.name);
        plan.shows.push(show);
      } else if (s.kind === 'on' || s.kind === 'when' || s.kind === 'every') {
        plan.events.push(this.event(s, start, plan));
      } else {
        const action = this.action(s, start, plan);
        if (action !== undefined)
          plan.events.push({ trigger: { k: 'start' }, actions: [action], span: this.span(s.range) });
      }
    }
    return plan;
  }
}

/** The plan of a checked program without errors; undefined when it has no simulation period. */
export function toPlan(checked: Checked, file: string): P.Plan | undefined {
  const env = checked.env;
  if (
    env.from === undefined ||
    env.to === undefined ||
    env.economy?.currency === undefined ||
    env.economy.unit === undefined
  ) {
    return undefined;
  }
  return new Compiler(checked).plan(file);
}

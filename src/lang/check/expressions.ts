// Name resolution and types of expressions (SPEC §4.1). Every expression is typed once; the type and what
// each name refers to are recorded in the context for the compiler. A reported mistake types as `error`,
// which every rule accepts silently, so one mistake gives one diagnostic.
import {
  ASSETS,
  CB_SERIES,
  ENUMS,
  INSTRUMENTS,
  RATE_ALIASES,
  SERIES,
  SETTABLE,
  WINDOWS,
  type ValueType,
} from '../../plan/catalogue.js';
import { didYouMean } from '../../diagnostics/suggest.js';
import type * as A from '../ast.js';
import { parseDate } from '../dates.js';
import { isComparison } from '../precedence.js';
import * as D from '../decimal.js';
import type { CheckContext, Resolved } from './context.js';
import { assetOf, instrumentOf, remembered } from './lookup.js';
import * as T from './types.js';

const ENUM_OF = new Map<string, string>();
for (const [name, values] of Object.entries(ENUMS)) for (const v of values) ENUM_OF.set(v, name);

const TARGET_NAMES = new Set(['target', 'mro', 'bank_rate']);
const WINDOW_NAMES: ReadonlySet<string> = new Set(WINDOWS);

// `settableName` by word: asked for every rule by the checker and the compiler.
/** The canonical settable a name stands for (aliases resolved), or undefined. */
export const settableName: (name: string) => string | undefined = remembered(settableNameUncached);

function settableNameUncached(name: string): string | undefined {
  if (name in SETTABLE)
    return RATE_ALIASES[name] !== undefined && RATE_ALIASES[name] in SETTABLE ? RATE_ALIASES[name] : name;
  return undefined;
}

export function isTargetName(name: string): boolean {
  return TARGET_NAMES.has(name);
}

export function valueType(t: ValueType, ctx: CheckContext): T.Ty {
  switch (t) {
    case 'money':
      return T.money(ctx.currency);
    case 'rate':
      return T.RATE;
    case 'ratio':
      return T.RATIO;
    case 'number':
      return T.NUMBER;
    case 'bool':
      return T.BOOL;
    case 'enum':
      return T.ANY_ENUM;
    case 'date':
      return T.DATE;
    case 'duration':
      return T.DURATION;
    case 'string':
      return T.STRING;
  }
}

function set(ctx: CheckContext, e: A.Expr, t: T.Ty, r?: Resolved): T.Ty {
  ctx.types.set(e, t);
  if (r !== undefined) ctx.resolved.set(e, r);
  return t;
}

/**
 * The type of a literal that passed its checks, which its kind decides. Such literals, and names that mean
 * what the catalogue says they mean, are not entered in `ctx.types` and `ctx.resolved`: they are most of an
 * expression's nodes, and tables keyed by node cost a hash insertion each, then garbage. A literal that
 * failed (typed `error`) is entered, as is the root of every `let` and `param` value (`typeRoot`), so that
 * whatever is typed twice is still reported, and records its policy references, once.
 */
function literalType(e: A.Expr): T.Ty | undefined {
  switch (e.kind) {
    case 'number':
      return T.NUMBER;
    case 'amount':
      return T.money(e.currency);
    case 'percent':
      return T.PERCENT;
    case 'bp':
      return T.RATE;
    case 'date':
      return T.DATE;
    case 'duration':
      return T.DURATION;
    case 'string':
      return T.STRING;
    case 'error':
      return T.ERROR;
    default:
      return undefined;
  }
}

/** The type the checker gave `e` (see `literalType`), or undefined when it was not typed. */
export function typeOf(e: A.Expr, ctx: CheckContext): T.Ty | undefined {
  const t = ctx.types.get(e);
  if (t !== undefined) return t;
  if (e.kind === 'name') return catalogueType(catalogueName(e.name), ctx);
  return literalType(e);
}

/**
 * `typeOf` for a program without errors, where every literal passed its checks: a literal's type without a
 * table lookup.
 */
export function checkedTypeOf(e: A.Expr, ctx: CheckContext): T.Ty | undefined {
  return literalType(e) ?? typeOf(e, ctx);
}

/** What a name, member or call refers to (see `literalType`). */
export function resolvedOf(e: A.Expr, ctx: CheckContext): Resolved | undefined {
  const r = ctx.resolved.get(e);
  if (r !== undefined || e.kind !== 'name') return r;
  const c = catalogueName(e.name);
  return c.k === 'none' ? undefined : c.resolved;
}

/** `typeExpr` of the value of a `let` or `param`, which every use types again: entered even when implicit. */
export function typeRoot(e: A.Expr, ctx: CheckContext): T.Ty {
  const t = typeExpr(e, ctx);
  if (!ctx.types.has(e)) ctx.types.set(e, t);
  return t;
}

// Whether a rate literal's digits go below the rate grid, by its text: scripts repeat their rates, and the
// answer takes a shift of a bigint. Bounded: the texts come from the input.
const fineness = { percent: new Map<string, boolean>(), bp: new Map<string, boolean>() };

/** A `%` or `bp` literal (valid digits) finer than 10^-8. */
function finerThanGrid(raw: string, kind: 'percent' | 'bp'): boolean {
  const known = fineness[kind];
  let fine = known.get(raw);
  if (fine === undefined) {
    if (known.size > 10_000) known.clear();
    fine = D.shift(D.parseDecimal(raw)!, kind === 'percent' ? -2 : -4).scale > 8;
    known.set(raw, fine);
  }
  return fine;
}

/** Checks the finiteness and precision of a literal. */
function literal(e: A.Expr & { raw: string }, ctx: CheckContext, t: T.Ty): T.Ty {
  const v = D.parseDecimal(e.raw);
  if (v === undefined) {
    ctx.report('MON3007', e.range, { detail: `\`${e.raw}\` is not a finite number` });
    return set(ctx, e, T.ERROR);
  }
  if ((e.kind === 'percent' || e.kind === 'bp') && finerThanGrid(e.raw, e.kind)) {
    ctx.report('MON3007', e.range, {
      detail: `\`${e.raw}${e.kind === 'percent' ? '%' : 'bp'}\` is finer than the rate grid of 10^-8 (0.000001%)`,
    });
    return set(ctx, e, T.ERROR);
  }
  return t;
}

export function typeExpr(e: A.Expr, ctx: CheckContext): T.Ty {
  const known = ctx.types.get(e);
  if (known !== undefined) return known;
  switch (e.kind) {
    case 'number':
      return literal(e, ctx, T.NUMBER);
    case 'amount':
      return literal(e, ctx, T.money(e.currency));
    case 'percent':
      return literal(e, ctx, T.PERCENT);
    case 'bp':
      return literal(e, ctx, T.RATE);
    case 'date': {
      const d = parseDate(e.raw);
      if ('error' in d) {
        ctx.report('MON4001', e.range, { raw: e.raw, reason: d.error });
        return set(ctx, e, T.ERROR);
      }
      return T.DATE;
    }
    case 'duration':
      return T.DURATION;
    case 'string':
      return T.STRING;
    case 'error':
      return T.ERROR;
    case 'paren':
      return set(ctx, e, typeExpr(e.expr, ctx));
    case 'name':
      return typeName(e, ctx);
    case 'member':
      return typeMember(e, ctx);
    case 'call':
      return typeCall(e, ctx);
    case 'unary':
      return typeUnary(e, ctx);
    case 'binary':
      return typeBinary(e, ctx);
  }
}

function typeUnary(e: Extract<A.Expr, { kind: 'unary' }>, ctx: CheckContext): T.Ty {
  const t = typeExpr(e.arg, ctx);
  if (t.k === 'error') return set(ctx, e, T.ERROR);
  if (e.op === 'not') {
    if (t.k !== 'bool') {
      ctx.report('MON3009', e.arg.range, { detail: `\`not\` needs a condition, not ${T.typeName(t)}` });
      return set(ctx, e, T.ERROR);
    }
    return set(ctx, e, T.BOOL);
  }
  if (T.isScalar(t) || t.k === 'money' || t.k === 'duration') return set(ctx, e, t);
  ctx.report('MON3001', e.range, { detail: `cannot negate ${T.typeName(t)}` });
  return set(ctx, e, T.ERROR);
}

function typeBinary(e: Extract<A.Expr, { kind: 'binary' }>, ctx: CheckContext): T.Ty {
  const l = typeExpr(e.left, ctx);
  const r = typeExpr(e.right, ctx);
  // `a < b < c` is a syntax error (MON1009), already reported.
  if (isComparison(e.op) && e.left.kind === 'binary' && isComparison(e.left.op)) return set(ctx, e, T.ERROR);
  let out: T.Outcome;
  switch (e.op) {
    case 'and':
    case 'or':
      for (const [side, t] of [
        [e.left, l],
        [e.right, r],
      ] as const) {
        if (t.k !== 'bool' && t.k !== 'error') {
          ctx.report('MON3009', side.range, {
            detail: `\`${e.op}\` needs conditions on both sides, not ${T.typeName(t)}`,
          });
          return set(ctx, e, T.ERROR);
        }
      }
      return set(ctx, e, l.k === 'error' || r.k === 'error' ? T.ERROR : T.BOOL);
    case '+':
    case '-':
      out = T.addSub(e.op, l, r);
      break;
    case '*':
      out = T.times(l, r);
      break;
    case '/':
      out = T.divide(l, r);
      break;
    default:
      out = T.comparable(e.op, l, r);
  }
  if ('ok' in out) return set(ctx, e, out.ok);
  if (out.code === 'MON3003') {
    const bare = l.k === 'number' ? e.left : e.right;
    const fixed = `${ctx.file.slice(bare.range)} ${ctx.currency ?? (l.k === 'money' ? l.cur : r.k === 'money' ? r.cur : 'USD')}`;
    ctx.report('MON3003', e.range, { op: out.detail, fixed });
  } else {
    ctx.report(out.code, e.range, { detail: out.detail });
  }
  return set(ctx, e, T.ERROR);
}

/** What a name means in the catalogue, whatever the program declares: a series, a setting, a choice, a window. */
export type CatalogueName =
  | { k: 'series'; name: string; resolved: Resolved }
  | { k: 'policy'; name: string; ty: T.Ty | undefined; resolved: Resolved }
  | { k: 'enum' | 'window'; ty: T.Ty; resolved: Resolved }
  | { k: 'none' };

// Names repeat in every expression; their catalogue meaning (and the Resolved record, never mutated, so
// shared) is worked out once per name. Bounded, since names come from the input.
const catalogueNames = new Map<string, CatalogueName>();
const NONE: CatalogueName = { k: 'none' };

export function catalogueName(n: string): CatalogueName {
  let c = catalogueNames.get(n);
  if (c === undefined) {
    if (catalogueNames.size > 10_000) catalogueNames.clear();
    c = catalogueNameUncached(n);
    catalogueNames.set(n, c);
  }
  return c;
}

/** The type of a catalogue name (money in the economy's currency), or undefined for none. */
export function catalogueType(c: CatalogueName, ctx: CheckContext): T.Ty | undefined {
  switch (c.k) {
    case 'series':
      return valueType(SERIES[c.name], ctx);
    case 'policy':
      return c.ty ?? valueType(SETTABLE[c.name], ctx);
    case 'enum':
    case 'window':
      return c.ty;
    default:
      return undefined;
  }
}

function catalogueNameUncached(n: string): CatalogueName {
  const alias = RATE_ALIASES[n];
  const seriesName = n in SERIES ? n : alias !== undefined && alias in SERIES ? alias : undefined;
  if (seriesName !== undefined)
    return { k: 'series', name: seriesName, resolved: { k: 'series', name: seriesName } };
  const settable = settableName(n);
  if (settable !== undefined) {
    // Money depends on the economy's currency: its type is made at each use.
    const ty: T.Ty | undefined = SETTABLE[settable] === 'enum' ? { k: 'enum', of: settable } : undefined;
    return { k: 'policy', name: settable, ty, resolved: { k: 'policy', name: settable } };
  }
  const enumOf = ENUM_OF.get(n);
  if (enumOf !== undefined)
    return { k: 'enum', ty: { k: 'enum', of: enumOf }, resolved: { k: 'enum', value: n } };
  if ((WINDOWS as readonly string[]).includes(n))
    return { k: 'window', ty: T.WINDOW, resolved: { k: 'window', name: n } };
  return NONE;
}

function nameCandidates(ctx: CheckContext): string[] {
  return [
    ...Object.keys(SERIES),
    ...Object.keys(SETTABLE),
    ...Object.keys(RATE_ALIASES),
    ...ctx.env.lets.keys(),
    ...ctx.env.params.keys(),
    ...ENUM_OF.keys(),
  ];
}

const letStack: string[] = [];
const paramStack: string[] = [];
const reportedCycles = new WeakMap<CheckContext, Set<string>>();

/** The type of a `let` constant's value (typed once); a definition cycle is reported on every `let` in it. */
export function typeLet(name: string, ctx: CheckContext): T.Ty {
  const def = ctx.env.lets.get(name)!;
  if (letStack.includes(name)) {
    const names = [...letStack.slice(letStack.indexOf(name)), name];
    const reported = reportedCycles.get(ctx) ?? new Set<string>();
    reportedCycles.set(ctx, reported);
    for (const n of new Set(names)) {
      if (reported.has(n)) continue;
      reported.add(n);
      const d = ctx.env.lets.get(n)!;
      ctx.reportIn(d.file, 'MON4013', d.node.name.range, { name: n, cycle: names.join(' → ') });
    }
    return T.ERROR;
  }
  letStack.push(name);
  const saved = ctx.file;
  ctx.file = def.file;
  try {
    return typeRoot(def.node.value, ctx);
  } finally {
    ctx.file = saved;
    letStack.pop();
  }
}

function typeName(e: Extract<A.Expr, { kind: 'name' }>, ctx: CheckContext): T.Ty {
  const n = e.name;
  if (n === 'required' && ctx.scope.inTier) return set(ctx, e, T.money(ctx.currency), { k: 'required' });
  if (ctx.env.lets.has(n)) {
    const t = typeLet(n, ctx);
    return set(ctx, e, t, t.k === 'error' ? undefined : { k: 'let', name: n });
  }
  const paramDef = ctx.env.params.get(n);
  if (paramDef !== undefined) {
    // A param defined in terms of itself (`param x = x`) is a definition cycle, not endless recursion.
    if (paramStack.includes(n)) {
      const names = [...paramStack.slice(paramStack.indexOf(n)), n];
      const reported = reportedCycles.get(ctx) ?? new Set<string>();
      reportedCycles.set(ctx, reported);
      if (!reported.has(n))
        ctx.reportIn(paramDef.file, 'MON4013', paramDef.node.name.range, {
          name: n,
          cycle: names.join(' → '),
        });
      reported.add(n);
      return set(ctx, e, T.ERROR);
    }
    paramStack.push(n);
    const saved = ctx.file;
    ctx.file = paramDef.file;
    let t: T.Ty;
    try {
      t = typeRoot(paramDef.node.value, ctx);
    } finally {
      ctx.file = saved;
      paramStack.pop();
    }
    return set(ctx, e, t, { k: 'param', name: n });
  }
  // Implicit in ctx.types and ctx.resolved (see `literalType`).
  const known = catalogueName(n);
  switch (known.k) {
    case 'series':
      return valueType(SERIES[known.name], ctx);
    case 'policy': {
      ctx.scope.refs?.push({ name: known.name, expr: e, file: ctx.file });
      return known.ty ?? valueType(SETTABLE[known.name], ctx);
    }
    case 'enum':
    case 'window':
      return known.ty;
    default:
      break;
  }
  const agent = ctx.env.economy?.agents.get(n);
  if (agent !== undefined || n === 'cb') {
    ctx.report(
      'MON2003',
      e.range,
      { name: n },
      { hint: `an agent is not a value; name one of its holdings, e.g. \`${n}.reserves\`` },
    );
    return set(ctx, e, T.ERROR);
  }
  const guess = didYouMean(n, nameCandidates(ctx));
  ctx.report(
    'MON2003',
    e.range,
    { name: n },
    guess === undefined ? {} : { hint: `did you mean \`${guess}\`?` },
  );
  return set(ctx, e, T.ERROR);
}

function typeMember(e: Extract<A.Expr, { kind: 'member' }>, ctx: CheckContext): T.Ty {
  const obj = e.object;
  const m = e.member.name;
  if (obj.kind !== 'name') {
    ctx.report(
      'MON2003',
      e.member.range,
      { name: m },
      { hint: 'only names have parts: `target.high`, `cb.assets`, `A.reserves`' },
    );
    return set(ctx, e, T.ERROR);
  }
  const o = obj.name;
  if (isTargetName(o)) {
    if (m === 'low' || m === 'high' || m === 'mid') {
      ctx.scope.refs?.push({ name: 'target', part: m, expr: e, file: ctx.file });
      return set(ctx, e, T.RATE, { k: 'policy', name: 'target', part: m });
    }
    const guess = didYouMean(m, ['low', 'high', 'mid']);
    ctx.report(
      'MON2003',
      e.member.range,
      { name: `${o}.${m}` },
      { hint: guess ? `did you mean \`${o}.${guess}\`?` : 'the parts of the target are low, high and mid' },
    );
    return set(ctx, e, T.ERROR);
  }
  if (o === 'yield') {
    const asset = assetOf(m);
    if (asset === undefined) {
      const guess = didYouMean(m, ASSETS);
      ctx.report('MON2001', e.member.range, { name: m }, guess ? { hint: `did you mean \`${guess}\`?` } : {});
      return set(ctx, e, T.ERROR);
    }
    ctx.scope.refs?.push({ name: `yield.${asset}`, expr: e, file: ctx.file });
    return set(ctx, e, T.RATE, { k: 'policy', name: `yield.${asset}` });
  }
  if (o === 'cb') {
    if (m in CB_SERIES) return set(ctx, e, valueType(CB_SERIES[m], ctx), { k: 'cb', name: m });
    const asset = assetOf(m);
    if (asset !== undefined) return set(ctx, e, T.money(ctx.currency), { k: 'cb', name: asset });
    const guess = didYouMean(m, [...Object.keys(CB_SERIES), ...ASSETS]);
    ctx.report(
      'MON2003',
      e.member.range,
      { name: `cb.${m}` },
      guess ? { hint: `did you mean \`cb.${guess}\`?` } : {},
    );
    return set(ctx, e, T.ERROR);
  }
  const agents = ctx.env.economy?.agents;
  const agent = agents?.get(o);
  if (agent === undefined) {
    if (agents === undefined) {
      ctx.report('MON2004', obj.range, { name: o }, { hint: 'there is no economy declaring agents' });
    } else {
      const guess = didYouMean(o, agents.keys());
      ctx.report('MON2004', obj.range, { name: o }, guess ? { hint: `did you mean \`${guess}\`?` } : {});
    }
    return set(ctx, e, T.ERROR);
  }
  const instrument = instrumentOf(m);
  if (instrument === undefined) {
    const guess = didYouMean(m, INSTRUMENTS);
    const hint =
      m in CB_SERIES
        ? `for the central bank's ${m}, write \`cb.${m}\``
        : guess
          ? `did you mean \`${guess}\`?`
          : undefined;
    ctx.report('MON2002', e.member.range, { name: m }, hint ? { hint } : {});
    return set(ctx, e, T.ERROR);
  }
  return set(ctx, e, T.money(ctx.currency), { k: 'holding', agent: o, instrument });
}

/** The window of a window function's second argument, or undefined (reported). */
export function windowOf(
  e: A.Expr,
): { k: 'named'; name: string } | { k: 'days'; n: number } | 'not a window' {
  if (e.kind === 'name' && WINDOW_NAMES.has(e.name)) return { k: 'named', name: e.name };
  if (e.kind === 'duration') {
    const n = D.parseDecimal(e.raw);
    if (n === undefined || n.scale !== 0 || n.int <= 0n) return 'not a window';
    const unit = e.unit.replace(/s$/, '');
    if (unit === 'day') return { k: 'days', n: Number(n.int) };
    if (unit === 'week') return { k: 'days', n: 7 * Number(n.int) };
  }
  return 'not a window';
}

function isWindowArg(e: A.Expr): boolean {
  return (e.kind === 'name' && WINDOW_NAMES.has(e.name)) || e.kind === 'duration';
}

/** MON3011 on a call, which types as `error`. */
function badCall(ctx: CheckContext, e: A.Expr, detail: string): T.Ty {
  ctx.report('MON3011', e.range, { detail });
  return set(ctx, e, T.ERROR);
}

// No closures in the functions that type every expression: one capturing a parameter makes V8 allocate
// the function's context on every call, whether or not the closure is made.
function typeCall(e: Extract<A.Expr, { kind: 'call' }>, ctx: CheckContext): T.Ty {
  const fn = e.callee.name;
  const args = e.args;
  switch (fn) {
    case 'min':
    case 'max':
    case 'avg':
    case 'sum': {
      if (args.length === 2 && isWindowArg(args[1])) {
        const t = typeExpr(args[0], ctx);
        const w = windowOf(args[1]);
        if (w === 'not a window') {
          ctx.report(
            'MON2011',
            args[1].range,
            { name: ctx.file.slice(args[1].range) },
            {
              hint: 'a window of days is written `14 days` or `2 weeks`; use month, quarter or year for calendar periods',
            },
          );
          return set(ctx, e, T.ERROR);
        }
        if (t.k !== 'error' && !T.isScalar(t) && t.k !== 'money')
          return badCall(ctx, e, `\`${fn}\` aggregates money, rates or ratios, not ${T.typeName(t)}`);
        return set(ctx, e, t, { k: 'windowFn', fn });
      }
      if (fn === 'avg' || fn === 'sum') {
        if (args.length === 2 && args[1].kind === 'name') {
          const guess = didYouMean(args[1].name, WINDOWS);
          typeExpr(args[0], ctx);
          ctx.report(
            'MON2011',
            args[1].range,
            { name: args[1].name },
            guess ? { hint: `did you mean \`${guess}\`?` } : {},
          );
          return set(ctx, e, T.ERROR);
        }
        return badCall(
          ctx,
          e,
          `\`${fn}\` takes a series and a window: \`${fn}(target, maintenance_period)\``,
        );
      }
      if (args.length === 0) return badCall(ctx, e, `\`${fn}\` needs at least one value`);
      let t: T.Ty = T.ERROR;
      for (const a of args) {
        const at = typeExpr(a, ctx);
        if (at.k === 'window')
          return badCall(ctx, e, `a window is the second of exactly two arguments: \`${fn}(x, month)\``);
        const u = T.unify(t, at);
        if (u === undefined)
          return badCall(
            ctx,
            e,
            `the values of \`${fn}\` must have one type, not ${T.typeName(t)} and ${T.typeName(at)}`,
          );
        t = u;
      }
      return set(ctx, e, t, { k: 'fn', fn });
    }
    case 'abs': {
      if (args.length !== 1) return badCall(ctx, e, '`abs` takes one value');
      const t = typeExpr(args[0], ctx);
      if (t.k !== 'error' && !T.isScalar(t) && t.k !== 'money')
        return badCall(ctx, e, `\`abs\` takes a number, not ${T.typeName(t)}`);
      return set(ctx, e, t, { k: 'fn', fn: 'abs' });
    }
    case 'at': {
      if (args.length !== 2)
        return badCall(ctx, e, '`at` takes a series and a date: `at(reserves, 2010-06-30)`');
      const t = typeExpr(args[0], ctx);
      const dt = typeExpr(args[1], ctx);
      if (args[1].kind !== 'date')
        return dt.k === 'error'
          ? set(ctx, e, T.ERROR)
          : badCall(ctx, e, 'the second argument of `at` is a date literal');
      if (dt.k === 'error') return set(ctx, e, T.ERROR);
      return set(ctx, e, t, { k: 'at' });
    }
    case 'data': {
      if (args.length !== 1 || args[0].kind !== 'string')
        return badCall(ctx, e, '`data` takes one string: `data("fred/WRESBAL")`');
      typeExpr(args[0], ctx);
      return set(ctx, e, T.NUMBER, { k: 'data', source: args[0].value });
    }
    default: {
      for (const a of args) typeExpr(a, ctx);
      const guess = didYouMean(fn, ['min', 'max', 'avg', 'sum', 'abs', 'at', 'data']);
      ctx.report(
        'MON2006',
        e.callee.range,
        { name: fn },
        guess ? { hint: `did you mean \`${guess}\`?` } : {},
      );
      return set(ctx, e, T.ERROR);
    }
  }
}

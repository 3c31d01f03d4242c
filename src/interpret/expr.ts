// Plan expressions compiled once into closures over the run's state, so the daily loop evaluates them
// without walking trees or allocating. Numeric representations: money in accounting units, rates and
// ratios as integers of 10^-8 (exact for literals, +, − and × by numbers), numbers as floats, dates as day
// numbers, enums as strings.
import type { Engine } from '../engine/api.js';
import { dayFromIso } from '../engine/calendar.js';
import type { Expr, ExprType, Span, Window } from '../plan/types.js';
import { periodStart } from './calendar.js';
import { decToGrid, divDec, GRID, parseDec, roundHalfEven, toGrid, type Dec } from './decimal.js';

export type Value = number | string | boolean | Range;
export interface Range {
  lo: number;
  hi: number;
}
export type Fn = () => Value;
export type NumFn = () => number;

export class RuntimeError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly span: Span,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export interface DataSeries {
  days: number[];
  values: number[];
}

/** What compiled expressions read. `day` and `required` change as the run goes. */
export interface Scope {
  day: number;
  simStart: number;
  /** The bank's own required reserves (units) while a tier bound is evaluated. */
  required: number;
  engine: Engine;
  unit: Dec;
  /** Start of the maintenance period containing `day` (the engine's grid; calendar months without one). */
  maintenanceStart(day: number): number;
  policy(name: string, span: Span): Value;
  param(name: string, span: Span): Value;
  data(source: string, span: Span): DataSeries;
  /** Registers a history to be sampled at the end of every day; returns its buffer. */
  history(sample: Fn): History;
}

/** Daily values of an expression, indexed by day − simStart. */
export interface History {
  values: Float64Array;
  /** Highest day index recorded so far (−1: none). */
  last: number;
  sample: Fn;
}

const isGrid = (t: ExprType) => t === 'rate' || t === 'ratio';

/** Numeric value of a series read from the engine, converted to the interpreter's representation. */
function engineValue(t: ExprType, raw: number): number {
  return isGrid(t) ? toGrid(raw) : raw;
}

export function compileExpr(e: Expr, scope: Scope): Fn {
  switch (e.k) {
    case 'num': {
      const v = Number(e.v);
      return () => v;
    }
    case 'money': {
      const v = divDec(parseDec(e.v), scope.unit);
      return () => v;
    }
    case 'rate':
    case 'ratio': {
      const v = decToGrid(e.v);
      return () => v;
    }
    case 'date': {
      const v = dayFromIso(e.v);
      return () => v;
    }
    case 'dur': {
      const days = e.v.n * { day: 1, week: 7, month: 30, year: 365 }[e.v.unit];
      return () => days;
    }
    case 'str':
    case 'enum': {
      const v = e.v;
      return () => v;
    }
    case 'bool': {
      const v = e.v;
      return () => v;
    }
    case 'series': {
      const { engine } = scope;
      const name = e.name;
      const t = e.t;
      return () => engineValue(t, engine.series(name));
    }
    case 'cb': {
      const { engine } = scope;
      const name = e.name;
      return () => engine.cb(name);
    }
    case 'holding': {
      const { engine } = scope;
      const { agent, instrument } = e;
      return () => engine.holding(agent, instrument);
    }
    case 'policy': {
      const { name, part, span } = e;
      if (!part)
        return () => {
          const v = scope.policy(name, span);
          if (typeof v === 'object')
            throw new RuntimeError(
              'MON7004',
              `${name} is a range here; a single value is needed`,
              span,
              `use ${name}.low, ${name}.high or ${name}.mid`,
            );
          return v;
        };
      return () => {
        const v = scope.policy(name, span);
        if (typeof v !== 'object') return v;
        return part === 'low' ? v.lo : part === 'high' ? v.hi : roundHalfEven((v.lo + v.hi) / 2);
      };
    }
    case 'param': {
      const { name, span } = e;
      return () => scope.param(name, span);
    }
    case 'required':
      return () => scope.required;
    case 'neg': {
      const a = compileNum(e.arg, scope);
      return () => -a();
    }
    case 'bin':
      return compileBinary(e, scope);
    case 'cmp': {
      const [l, r] = comparable(e.l, e.r, scope);
      switch (e.op) {
        case '==':
          return () => l() === r();
        case '!=':
          return () => l() !== r();
        case '<':
          return () => (l() as number) < (r() as number);
        case '<=':
          return () => (l() as number) <= (r() as number);
        case '>':
          return () => (l() as number) > (r() as number);
        case '>=':
          return () => (l() as number) >= (r() as number);
      }
      break;
    }
    case 'logic': {
      const l = compileExpr(e.l, scope);
      const r = compileExpr(e.r, scope);
      return e.op === 'and' ? () => Boolean(l()) && Boolean(r()) : () => Boolean(l()) || Boolean(r());
    }
    case 'not': {
      const a = compileExpr(e.arg, scope);
      return () => !a();
    }
    case 'range': {
      const lo = compileNum(e.lo, scope);
      const hi = compileNum(e.hi, scope);
      return () => ({ lo: lo(), hi: hi() });
    }
    case 'fn': {
      const args = e.args.map((a) => coerced(a, e.t, scope));
      if (e.fn === 'abs') {
        const a = args[0];
        return () => Math.abs(a());
      }
      const pick = e.fn === 'min' ? Math.min : Math.max;
      return () => {
        let v = args[0]();
        for (let i = 1; i < args.length; i++) v = pick(v, args[i]());
        return v;
      };
    }
    case 'window':
      return compileWindow(e.fn, e.arg, e.window, e.t, scope);
    case 'at': {
      const h = scope.history(compileExpr(e.arg, scope));
      const target = dayFromIso(e.date);
      const span = e.span;
      return () => {
        const i = target - scope.simStart;
        if (target > scope.day || (target === scope.day && h.last < i))
          throw new RuntimeError('MON7004', `at(…, ${e.date}) asks for a day that has not ended yet`, span);
        if (i < 0)
          throw new RuntimeError(
            'MON7004',
            `at(…, ${e.date}) asks for a day before the simulation starts`,
            span,
          );
        return h.values[i];
      };
    }
    case 'data': {
      const { source, span } = e;
      let series: DataSeries | undefined;
      let idx = 0;
      return () => {
        series ??= scope.data(source, span);
        const { days, values } = series;
        if (idx > 0 && days[idx - 1] > scope.day) idx = 0;
        while (idx < days.length && days[idx] <= scope.day) idx++;
        if (idx === 0)
          throw new RuntimeError('MON7004', `the series ${source} has no value on or before this day`, span);
        return values[idx - 1];
      };
    }
  }
  throw new Error(`unknown expression ${(e as Expr).k}`);
}

export function compileNum(e: Expr, scope: Scope): NumFn {
  return compileExpr(e, scope) as NumFn;
}

/** An operand converted to the representation of type `t` (a bare number among rates becomes a rate). */
function coerced(e: Expr, t: ExprType, scope: Scope): NumFn {
  const f = compileNum(e, scope);
  if (e.t === 'number' && isGrid(t)) return () => f() * GRID;
  return f;
}

function comparable(l: Expr, r: Expr, scope: Scope): [Fn, Fn] {
  if (l.t === 'number' && isGrid(r.t)) return [coerced(l, r.t, scope), compileExpr(r, scope)];
  if (r.t === 'number' && isGrid(l.t)) return [compileExpr(l, scope), coerced(r, l.t, scope)];
  return [compileExpr(l, scope), compileExpr(r, scope)];
}

function compileBinary(e: Extract<Expr, { k: 'bin' }>, scope: Scope): NumFn {
  const { l, r, op, span } = e;
  const lt = l.t;
  const rt = r.t;
  if (op === '+' || op === '-') {
    const [a, b] = comparable(l, r, scope) as [NumFn, NumFn];
    return op === '+' ? () => a() + b() : () => a() - b();
  }
  const a = compileNum(l, scope);
  const b = compileNum(r, scope);
  if (op === '*') {
    if (isGrid(lt) && isGrid(rt)) return () => roundHalfEven((a() * b()) / GRID);
    if (isGrid(lt) && rt === 'number') return () => roundHalfEven(a() * b());
    if (lt === 'number' && isGrid(rt)) return () => roundHalfEven(a() * b());
    if (lt === 'money' && isGrid(rt)) return () => (a() * b()) / GRID;
    if (isGrid(lt) && rt === 'money') return () => (a() * b()) / GRID;
    return () => a() * b();
  }
  const div = (x: number, y: number) => {
    if (y === 0) throw new RuntimeError('MON7004', 'division by zero', span);
    return x / y;
  };
  if (e.t === 'ratio' || (isGrid(e.t) && isGrid(lt) && isGrid(rt))) {
    if (lt === rt || (lt === 'money' && rt === 'money')) return () => toGrid(div(a(), b()));
  }
  if (isGrid(lt) && rt === 'number') return () => roundHalfEven(div(a(), b()));
  if (lt === 'money' && isGrid(rt)) return () => div(a() * GRID, b());
  if (lt === 'money' && rt === 'money') return () => toGrid(div(a(), b()));
  if (isGrid(lt) && isGrid(rt)) return () => toGrid(div(a(), b()));
  return () => div(a(), b());
}

function compileWindow(
  fn: 'min' | 'max' | 'avg' | 'sum',
  arg: Expr,
  w: Window,
  t: ExprType,
  scope: Scope,
): NumFn {
  const h = scope.history(compileExpr(arg, scope));
  const start = (): number => {
    if (w.k === 'days') return scope.day - w.n + 1;
    if (w.name === 'maintenance_period') return scope.maintenanceStart(scope.day);
    return periodStart(scope.day, w.name);
  };
  const grid = isGrid(t);
  return () => {
    const today = scope.day - scope.simStart;
    if (h.last < today) {
      // Causal windows include today: sample it now (rules evaluated earlier today are visible).
      h.values[today] = h.sample() as number;
      h.last = today;
    }
    const from = Math.max(0, start() - scope.simStart);
    const vals = h.values;
    let acc = fn === 'min' ? Infinity : fn === 'max' ? -Infinity : 0;
    for (let i = from; i <= today; i++) {
      const v = vals[i];
      if (fn === 'min') acc = v < acc ? v : acc;
      else if (fn === 'max') acc = v > acc ? v : acc;
      else acc += v;
    }
    if (fn === 'avg') acc /= today - from + 1;
    return grid ? roundHalfEven(acc) : acc;
  };
}

/** Names of policy rules an expression reads (for ordering rule evaluation). */
export function policyDeps(e: Expr, out: Set<string> = new Set()): Set<string> {
  switch (e.k) {
    case 'policy':
      out.add(e.name);
      break;
    case 'neg':
    case 'not':
      policyDeps(e.arg, out);
      break;
    case 'bin':
    case 'cmp':
    case 'logic':
      policyDeps(e.l, out);
      policyDeps(e.r, out);
      break;
    case 'range':
      policyDeps(e.lo, out);
      policyDeps(e.hi, out);
      break;
    case 'fn':
      e.args.forEach((a) => policyDeps(a, out));
      break;
    case 'window':
    case 'at':
      policyDeps(e.arg, out);
      break;
    default:
      break;
  }
  return out;
}

// The plan: what a checked Moneta script means, as plain JSON-serialisable data (no classes, no functions,
// no undefined-vs-missing distinctions that JSON would lose). The compiler produces it, the interpreter
// runs it. Every step carries the source span it came from so that runtime errors and invariant breaks can
// name the script line. Bump PLAN_VERSION on any incompatible change and update plan.schema.json.

import type { AgentKind, Asset, Instrument, ValueType } from './catalogue.js';

export const PLAN_VERSION = 1;

/** 1-based line and column; `end` is inclusive (the last character of the range). */
export interface Pos {
  line: number;
  col: number;
}
export interface Span {
  file: string;
  start: Pos;
  end: Pos;
}

/** ISO calendar date `YYYY-MM-DD` (months are resolved to a day by the compiler: first day as a start, last as an end). */
export type IsoDate = string;

export type DurationUnit = 'day' | 'week' | 'month' | 'year';
export interface Duration {
  n: number;
  unit: DurationUnit;
}

export type ExprType = ValueType | 'range';

/**
 * Expressions. Every node has its checked type `t` and its `span`. Decimal literals are strings so that
 * they stay exact: `money.v` is in major units of `cur` ("97222.22"), `rate.v` and `ratio.v` are fractions
 * ("0.0025" for 0.25%), `num.v` is a plain decimal ("1e9" is normalised to "1000000000").
 */
export type Expr =
  | { k: 'num'; t: 'number'; v: string; span: Span }
  | { k: 'money'; t: 'money'; v: string; cur: string; span: Span }
  | { k: 'rate'; t: 'rate'; v: string; span: Span }
  | { k: 'ratio'; t: 'ratio'; v: string; span: Span }
  | { k: 'date'; t: 'date'; v: IsoDate; span: Span }
  | { k: 'dur'; t: 'duration'; v: Duration; span: Span }
  | { k: 'str'; t: 'string'; v: string; span: Span }
  | { k: 'enum'; t: 'enum'; v: string; span: Span }
  | { k: 'bool'; t: 'bool'; v: boolean; span: Span }
  /** An aggregate series of catalogue.SERIES (`reserves`, `multiplier`, `overnight_rate` …). */
  | { k: 'series'; t: ExprType; name: string; span: Span }
  /** A settable policy name (`target`, `ioer`, `yield.mbs`, `framework` …); `part` selects from a range. */
  | { k: 'policy'; t: ExprType; name: string; part?: 'low' | 'high' | 'mid'; span: Span }
  /** `cb.<name>` (catalogue.CB_SERIES or an asset). */
  | { k: 'cb'; t: ExprType; name: string; span: Span }
  /** `<agent>.<instrument>` for a declared agent. */
  | { k: 'holding'; t: 'money'; agent: string; instrument: Instrument; span: Span }
  /** A `param` (overridable from the command line). */
  | { k: 'param'; t: ExprType; name: string; span: Span }
  /** Inside a remuneration tier's bound: the bank's own required reserves. */
  | { k: 'required'; t: 'money'; span: Span }
  | { k: 'neg'; t: ExprType; arg: Expr; span: Span }
  | { k: 'bin'; t: ExprType; op: '+' | '-' | '*' | '/'; l: Expr; r: Expr; span: Span }
  | { k: 'cmp'; t: 'bool'; op: '==' | '!=' | '<' | '<=' | '>' | '>='; l: Expr; r: Expr; span: Span }
  | { k: 'logic'; t: 'bool'; op: 'and' | 'or'; l: Expr; r: Expr; span: Span }
  | { k: 'not'; t: 'bool'; arg: Expr; span: Span }
  /** A target range `lo to hi` (only as the value of `set target`). */
  | { k: 'range'; t: 'range'; lo: Expr; hi: Expr; span: Span }
  /** Plain scalar functions: min, max (any number of args), abs. */
  | { k: 'fn'; t: ExprType; fn: 'min' | 'max' | 'abs'; args: Expr[]; span: Span }
  /** A causal window aggregate of a series from the window's start to today. */
  | { k: 'window'; t: ExprType; fn: 'min' | 'max' | 'avg' | 'sum'; arg: Expr; window: Window; span: Span }
  /** `at(x, DATE)`: the value of x at the end of DATE. */
  | { k: 'at'; t: ExprType; arg: Expr; date: IsoDate; span: Span }
  /**
   * `data("fred/WRESBAL")`: a dated series. `source` is `stdlib:<path>` (under stdlib/data/, `.csv`
   * implied) or `file:<absolute path>`. Its type is Number (the file's values as written; scale them as
   * in `data("fred/WRESBAL") * 1bn USD`); the file's last value on or before today is used.
   */
  | { k: 'data'; t: 'number'; source: string; span: Span };

export type Window =
  | { k: 'named'; name: 'maintenance_period' | 'month' | 'quarter' | 'year' | 'week' }
  | { k: 'days'; n: number };

export type Frequency =
  | { k: 'daily' }
  | { k: 'weekly' }
  | { k: 'monthly' }
  | { k: 'quarterly' }
  | { k: 'every'; n: number; unit: 'day' | 'week' | 'month' };

/**
 * When an operation happens. `freq`: the amount is per period, spread evenly over the period's business
 * days with the rounding remainder on the last one. `by`: a total spread over the business days from the
 * start to `date`. Absent: once, on the effective date. `from`/`until` are inclusive and already resolved
 * (a month as a start is its first day, as an end its last).
 * `fromFiring` (an optional addition of the front end): the schedule was written without its own start
 * inside a `when` or `every` block, so it starts on the day its event fires; `from` is then only the first
 * simulated day.
 */
export type Schedule =
  | { k: 'freq'; freq: Frequency; from: IsoDate; until?: IsoDate; fromFiring?: true }
  | { k: 'by'; from: IsoDate; date: IsoDate; fromFiring?: true };

export type Party = { k: 'banks' } | { k: 'public' } | { k: 'dealers' } | { k: 'agent'; name: string };

export type Operation =
  | { op: 'buy' | 'sell'; asset: Asset; amount: Expr; party: Party }
  | { op: 'hold'; what: Asset | 'sfp' | 'tga'; level: Expr }
  | { op: 'runoff'; asset: Asset; cap?: Expr; capFreq?: Frequency }
  /** `from` absent: the central bank lends. Present: a bank lends (interbank, or to a firm/the public). */
  | { op: 'lend'; amount: Expr; from?: Party; to: Party; rate?: Expr; term?: Duration }
  | { op: 'repay'; amount: Expr; from: Party; to?: Party }
  | { op: 'pay'; amount: Expr; from: Party; to: Party }
  | { op: 'withdraw' | 'deposit'; amount: Expr; by?: Party }
  | {
      op: 'offer';
      facility: 'term_deposits' | 'reverse_repos';
      /** null: unlimited */
      amount: Expr | null;
      term?: Duration;
      rate: Expr;
    }
  | {
      op: 'treasury';
      action: 'issue' | 'redeem' | 'spend' | 'tax';
      amount: Expr;
      forSfp: boolean;
      party?: Party;
    }
  | { op: 'post'; label?: string; entries: PostEntry[] };

export interface PostEntry {
  agent: string;
  instrument: Instrument;
  sign: 1 | -1;
  amount: Expr;
  span: Span;
}

export interface Tier {
  base: 'required' | 'excess' | 'reserves' | 'rest';
  /** The amount of this tier's base placed in it; may use `required` (the bank's own requirement). */
  upTo?: Expr;
  rate: Expr;
  span: Span;
}

export interface Tranche {
  /** Fraction, exact decimal string ("0.03"). */
  rate: string;
  /** Cumulative threshold on the bank's deposits; absent for `above` (the last tranche). */
  upTo?: Expr;
  span: Span;
}

export type Action =
  /** Install a rule: from today until another `set` of the same name replaces it. */
  | { k: 'set'; name: string; value: Expr; span: Span }
  | { k: 'remunerate'; tiers: Tier[]; span: Span }
  | { k: 'reserve_requirement'; on: Instrument; tranches: Tranche[]; span: Span }
  | { k: 'op'; op: Operation; schedule?: Schedule; span: Span }
  /** A nested `on`/`when`/`every` inside a block. */
  | { k: 'event'; event: Event; span: Span };

export type Trigger =
  /** The first simulated day (economy-level and top-level statements). */
  | { k: 'start' }
  | { k: 'on'; date: IsoDate }
  /** Fires each time `cond` turns from false to true (evaluated after rules, before operations). */
  | { k: 'when'; cond: Expr }
  | { k: 'every'; period: Period; from?: IsoDate };

export type Period =
  | { k: 'day' }
  | { k: 'business_day' }
  | { k: 'week' }
  | { k: 'month' }
  | { k: 'quarter' }
  | { k: 'every'; n: number; unit: 'day' | 'week' | 'month' };

export interface Event {
  trigger: Trigger;
  actions: Action[];
  span: Span;
}

export type ExpectWhen =
  | { k: 'on'; date: IsoDate }
  | { k: 'end' }
  | { k: 'always' }
  | { k: 'freq'; freq: Frequency; from?: IsoDate; until?: IsoDate };

export type Tolerance =
  /** Relative: |actual − expected| ≤ v × |expected|; v a fraction string ("0.0001" for 0.01%). */
  | { k: 'rel'; v: string }
  /** Absolute, in the type of the comparison (money, rate, ratio, number). */
  | { k: 'abs'; v: Expr };

export interface Expectation {
  /** Usually a comparison; any Bool expression. */
  expr: Expr;
  tolerance?: Tolerance;
  when: ExpectWhen;
  /** The statement's source text, as written (for messages). */
  text: string;
  span: Span;
}

export interface ReportSeries {
  expr: Expr;
  /** The `as` label, else the expression's source text. */
  label: string;
}

export interface Report {
  series: ReportSeries[];
  /** Absent: daily. */
  freq?: Frequency;
  to?: string;
  span: Span;
}

export interface Show {
  /** Absent: every named agent. */
  parties?: string[];
  date: IsoDate;
  span: Span;
}

export interface Holding {
  instrument: Instrument;
  /** Integer count of the economy's accounting unit (|x| ≤ 2^53, checked by the compiler). */
  amount: number;
  span: Span;
}

export interface AgentPlan {
  kind: AgentKind;
  name: string;
  holdings: Holding[];
  /** Claims on other agents (`lends B 40`): an asset here and a liability of `to`. */
  lends: { to: string; amount: number; span: Span }[];
  /** Yields (fractions per year, decimal strings) and maturities (months) of held securities. */
  yields: { instrument: Instrument; rate: string; span: Span }[];
  maturities: { instrument: Instrument; months: number; span: Span }[];
  ineligible?: boolean;
  rrpAccess?: boolean;
  /** Groups: number of banks and the size distribution that splits the aggregate holdings. */
  count?: number;
  sizes?: { dist: string; param: number };
  /** Firms: the bank their deposits are at. */
  homeBank?: string;
  span: Span;
}

export interface EconomyPlan {
  name: string;
  title?: string;
  currency: string;
  /** Major units of `currency` per accounting unit, as an exact decimal string ("0.01", "1000000"). */
  unit: string;
  agents: AgentPlan[];
  maintenance?: { days?: number; monthly?: boolean; from?: IsoDate; lagDays: number; span: Span };
  /** Extra series aliases declared by the economy (alias → canonical name). */
  aliases: Record<string, string>;
  span: Span;
}

export interface ParamPlan {
  name: string;
  value: Expr;
  lo?: Expr;
  hi?: Expr;
  span: Span;
}

export interface Plan {
  version: typeof PLAN_VERSION;
  title?: string;
  /** The script's path as given to the compiler. */
  file: string;
  simulate: { from: IsoDate; to: IsoDate };
  seed: number;
  economy: EconomyPlan;
  params: ParamPlan[];
  /** In source order; economy-level statements first, as `start` events. */
  events: Event[];
  expectations: Expectation[];
  reports: Report[];
  shows: Show[];
}

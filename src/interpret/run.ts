// Runs a plan day by day against the engine (SPEC §4.5). Everything that depends only on the plan
// (expression closures, schedules of dated operations, histories) is prepared once; the daily loop walks
// arrays.
import {
  EngineError,
  type AgentSpec,
  type AssetName,
  type Engine,
  type InvariantViolation,
  type Policy,
  type TierValue,
  type TrancheValue,
} from '../engine/api.js';
import {
  addMonths,
  dayFromIso,
  firstOfMonth,
  isBusinessDay,
  isoFromDay,
  nextBusinessDay,
} from '../engine/calendar.js';
import { createEngine } from '../engine/index.js';
import { PeriodGrid, type MaintenanceSpec } from '../engine/maintenance.js';
import type { Diagnostic } from '../diagnostics/types.js';
import type {
  Action,
  Duration,
  Event,
  Expectation,
  Expr,
  ExprType,
  Operation,
  Plan,
  Span,
  Tier,
  Tranche,
} from '../plan/types.js';
import { isSampleDay, periodFires } from './calendar.js';
import { decToGrid, GRID, roundHalfEven } from './decimal.js';
import {
  compileExpr,
  policyDeps,
  RuntimeError,
  type DataSeries,
  type Fn,
  type History,
  type NumFn,
  type Scope,
  type Value,
} from './expr.js';
import { paramValueMismatch, parseParamValue } from './params.js';
import { checkPlanLimits, checkRuleValue, describeOp } from './limits.js';
import { expandSchedule, ScheduleLimitError } from './schedule.js';
import { Units } from './values.js';
import type { BalanceSheetView, ExpectationResult, ReportTable, RunOptions, RunResult } from './result.js';

export const DEFAULT_LIMITS = {
  maxDays: 366 * 200,
  maxScheduleOps: 1_000_000,
  maxBanks: 2_000_000,
};

const RATE_POLICY: Record<string, keyof Policy> = {
  iorr: 'iorr',
  ioer: 'ioer',
  discount_rate: 'discountRate',
  deposit_rate: 'depositRate',
  lending_rate: 'lendingRate',
  rrp_rate: 'rrpRate',
  penalty_rate: 'penaltyRate',
  reserve_ratio: 'reserveRatio',
  cash_ratio: 'cashRatio',
  excess_ratio: 'excessRatio',
  ineligible_share: 'ineligibleShare',
  arbitrage_share: 'arbitrageShare',
};

const RATE_POLICY_ENTRIES = Object.entries(RATE_POLICY);
const YIELD_NAMES: [AssetName, string][] = (
  ['treasuries', 'bills', 'agency_debt', 'mbs', 'corporate_bonds', 'etfs'] as AssetName[]
).map((a) => [a, `yield.${a}`]);

// A Map: a lookup of a name that is no alias (nearly every call, every day) is a hash probe, where a
// missing key on an object literal walked its prototype chain (the top interpreter line in a profile).
const POLICY_ALIASES = new Map<string, string>([
  ['mro', 'target'],
  ['bank_rate', 'target'],
]);

interface Rule {
  name: string;
  fn: Fn;
  deps: Set<string>;
  span: Span;
}

interface CompiledTier {
  base: Tier['base'];
  rate: NumFn;
  upTo: NumFn | null;
}

interface ActiveOp {
  op: Operation;
  tag: number;
  days: number[];
  amounts: number[];
  idx: number;
  /** Extra per-op values computed at install (rates of loans and offers). */
  rate: number;
}

interface CompiledEvent {
  event: Event;
  /** For `when`: the condition and its previous value. */
  cond?: Fn;
  prev: boolean;
  anchor: number;
  /** `on` events: their day. */
  on: number;
  /** One-shot events fire once. */
  done: boolean;
}

interface CompiledExpectation {
  exp: Expectation;
  /** Evaluates today's check; stores the compared values on `x` (no allocation in the daily loop). */
  check: (x: CompiledExpectation) => boolean;
  kind: ExprType;
  result: ExpectationResult;
  lastDay?: number;
  actual?: Value;
  expected?: Value;
  from: number;
  until: number;
  on: number;
}

/** Runs a plan. Runtime errors become a diagnostic in the result (never a throw for bad input). */
export function runPlan(plan: Plan, opts: RunOptions = {}): RunResult {
  return new Runner(plan, opts).run();
}

/** A report with its columns' functions and kinds. */
interface CompiledReport {
  table: ReportTable;
  fns: Fn[];
  kinds: ExprType[];
}

class Runner implements Scope {
  day: number;
  readonly simStart: number;
  readonly simEnd: number;
  required = 0;
  engine!: Engine;
  private readonly declaredYields = new Map<string, number>();
  readonly unit;
  private readonly maintenance: MaintenanceSpec | undefined;
  private readonly maintenanceGrid: PeriodGrid | null;
  readonly units: Units;

  private readonly limits;
  private readonly values = new Map<string, Value>();
  /** Bumped when a rule's value differs from the day before; writePolicy skips the scalars when unchanged. */
  private valuesVersion = 0;
  private writtenVersion = -1;
  private readonly rules = new Map<string, Rule>();
  private ruleOrder: Rule[] = [];
  private rulesDirty = false;
  private tiers: CompiledTier[] | null = null;
  private tierValues: TierValue[] | null = null;
  private trancheValues: TrancheValue[] | null = null;
  private tranches: { rate: number; upTo: NumFn | null }[] | null = null;
  /** `reserve_requirement on time_deposits`. */
  private timeTranches: { rate: number; upTo: NumFn | null }[] | null = null;
  private timeTrancheValues: TrancheValue[] | null = null;
  private readonly histories: History[] = [];
  private readonly paramValues = new Map<string, Value>();
  private readonly dataCache = new Map<string, DataSeries>();
  private readonly spans: Span[] = [];
  private readonly compiled = new Map<Expr, Fn>();
  private readonly activeOps: ActiveOp[] = [];
  private readonly pendingOps: { action: Extract<Action, { k: 'op' }>; effective: number }[] = [];
  private readonly events: CompiledEvent[] = [];
  private readonly expectations: CompiledExpectation[] = [];
  private readonly reports: CompiledReport[] = [];
  private readonly series: RunResult['series'] = {};
  private readonly sheets: RunResult['balanceSheets'] = [];
  private readonly sheetDates: Map<number, string[] | undefined> = new Map();

  constructor(
    private readonly plan: Plan,
    private readonly opts: RunOptions,
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    this.simStart = dayFromIso(plan.simulate.from);
    this.simEnd = dayFromIso(plan.simulate.to);
    this.day = this.simStart;
    this.units = new Units(plan.economy.unit, plan.economy.currency);
    this.unit = this.units.unit;
    const m = plan.economy.maintenance;
    this.maintenance = m
      ? {
          days: m.days,
          monthly: m.monthly,
          from: m.from ? dayFromIso(m.from) : undefined,
          lagDays: m.lagDays,
        }
      : undefined;
    // Windows over `maintenance_period` use the same grid as the engine's reserve bookkeeping.
    this.maintenanceGrid = this.maintenance ? new PeriodGrid(this.maintenance, this.simStart) : null;
    // Securities' yields declared in the economy are the defaults of the `yield.<asset>` rules.
    for (const a of plan.economy.agents)
      if (a.kind === 'central_bank')
        for (const y of a.yields) this.declaredYields.set(`yield.${y.instrument}`, decToGrid(y.rate));
  }

  private createEngine(): Engine {
    const { plan, opts } = this;
    return createEngine({
      mode: opts.mode ?? 'exact',
      ...(opts.specialise === undefined ? {} : { tuning: { specialise: opts.specialise } }),
      seed: plan.seed,
      startDay: this.simStart,
      unitMajor: this.units.unitMajor,
      currency: plan.economy.currency,
      maintenance: this.maintenance,
      agents: plan.economy.agents.map((a): AgentSpec => ({
        kind: a.kind,
        name: a.name,
        holdings: a.holdings.map((h) => ({ instrument: h.instrument, amount: h.amount })),
        lends: a.lends.map((l) => ({ to: l.to, amount: l.amount })),
        yields: a.yields.map((y) => ({ instrument: y.instrument, rate: Number(y.rate) })),
        maturities: a.maturities.map((x) => ({ instrument: x.instrument, months: x.months })),
        ineligible: a.ineligible,
        rrpAccess: a.rrpAccess,
        count: a.count,
        sizes: a.sizes,
        homeBank: a.homeBank,
      })),
    });
  }

  // ---- Scope -------------------------------------------------------------------------------------

  policy(name: string): Value {
    return this.canonicalPolicy(POLICY_ALIASES.get(name) ?? name);
  }

  /** The policy value of a canonical name (no alias): the rule in force, a declared yield or the default. */
  private canonicalPolicy(canonical: string): Value {
    const v = this.values.get(canonical);
    if (v !== undefined) return v;
    return this.declaredYields.get(canonical) ?? defaultPolicy(canonical);
  }

  maintenanceStart(day: number): number {
    const g = this.maintenanceGrid;
    return g ? g.start(g.index(day)) : firstOfMonth(day);
  }

  param(name: string, span: Span): Value {
    const v = this.paramValues.get(name);
    if (v === undefined) throw new RuntimeError('MON7004', `parameter ${name} has no value`, span);
    return v;
  }

  data(source: string, span: Span): DataSeries {
    const cached = this.dataCache.get(source);
    if (cached) return cached;
    const text = this.opts.loadData?.(source);
    if (text === undefined) throw new RuntimeError('MON7004', `cannot read the data series ${source}`, span);
    const series = parseCsvSeries(text);
    this.dataCache.set(source, series);
    return series;
  }

  history(sample: Fn): History {
    const h: History = { values: new Float64Array(this.simEnd - this.simStart + 1), last: -1, sample };
    this.histories.push(h);
    return h;
  }

  // ---- preparation -------------------------------------------------------------------------------

  private fn(e: Expr): Fn {
    let f = this.compiled.get(e);
    if (!f) {
      f = compileExpr(e, this);
      this.compiled.set(e, f);
    }
    return f;
  }

  private num(e: Expr): NumFn {
    return this.fn(e) as NumFn;
  }

  private tag(span: Span): number {
    this.spans.push(span);
    return this.spans.length - 1;
  }

  /** An override stays in the range its `param … in lo .. hi` declares (the checker holds the default to it). */
  private checkParamRange(p: Plan['params'][number], text: string, v: Value): void {
    if (typeof v !== 'number') return;
    const lo = p.lo === undefined ? undefined : this.fn(p.lo)();
    const hi = p.hi === undefined ? undefined : this.fn(p.hi)();
    if ((typeof lo === 'number' && v < lo) || (typeof hi === 'number' && v > hi)) {
      const shown = (e: Expr | undefined, x: unknown) =>
        // A ratio reads as the percentage a script declares it with (`0% .. 100%`, not `0 .. 1`).
        e === undefined || typeof x !== 'number' ? '…' : this.units.format(e.t === 'ratio' ? 'rate' : e.t, x);
      throw new RuntimeError(
        'MON7007',
        `--param ${p.name}=${text} is outside the range the param declares (${shown(p.lo, lo)} .. ${shown(p.hi, hi)})`,
        p.span,
      );
    }
  }

  private prepare(): void {
    const { plan } = this;
    for (const p of plan.params) {
      const override = this.opts.params?.[p.name];
      if (override !== undefined) {
        const v = parseParamValue(override, p.value.t, this.unit, this.plan.economy.currency);
        if (v === undefined)
          throw new RuntimeError(
            'MON7004',
            paramValueMismatch(p.name, override, p.value.t, this.plan.economy.currency),
            p.span,
          );
        this.checkParamRange(p, override, v);
        this.paramValues.set(p.name, v);
      } else {
        this.paramValues.set(p.name, this.fn(p.value)());
      }
    }
    for (const ev of plan.events) this.addEvent(ev, this.simStart);
    for (const exp of plan.expectations) this.expectations.push(this.compileExpectation(exp));
    for (const r of plan.reports) {
      this.reports.push({
        table: {
          labels: r.series.map((s) => s.label),
          kinds: r.series.map((s) => s.expr.t),
          freq: r.freq,
          rows: [],
          span: r.span,
          to: r.to,
        },
        fns: r.series.map((s) => this.fn(s.expr)),
        kinds: r.series.map((s) => s.expr.t),
      });
      for (const s of r.series) this.series[s.label] ??= [];
    }
    for (const s of plan.shows) this.sheetDates.set(dayFromIso(s.date), s.parties);
    for (const d of this.opts.balanceSheetDates ?? []) {
      const day = dayFromIso(d);
      if (!this.sheetDates.has(day)) this.sheetDates.set(day, undefined);
    }
  }

  /** Compiles an event's expressions up front (so window histories cover the whole run). */
  private addEvent(event: Event, anchor: number): CompiledEvent {
    const ce: CompiledEvent = {
      event,
      prev: false,
      anchor,
      on: event.trigger.k === 'on' ? dayFromIso(event.trigger.date) : NaN,
      done: false,
    };
    if (event.trigger.k === 'when') ce.cond = this.fn(event.trigger.cond);
    if (event.trigger.k === 'every' && event.trigger.from) ce.anchor = dayFromIso(event.trigger.from);
    this.precompile(event.actions);
    this.events.push(ce);
    return ce;
  }

  private precompile(actions: Action[]): void {
    for (const a of actions) {
      if (a.k === 'set') this.fn(a.value);
      else if (a.k === 'remunerate')
        a.tiers.forEach((t) => {
          this.fn(t.rate);
          if (t.upTo) this.fn(t.upTo);
        });
      else if (a.k === 'reserve_requirement') a.tranches.forEach((t) => t.upTo && this.fn(t.upTo));
      else if (a.k === 'event') {
        if (a.event.trigger.k === 'when') this.fn(a.event.trigger.cond);
        this.precompile(a.event.actions);
      }
    }
  }

  private compileExpectation(exp: Expectation): CompiledExpectation {
    const line = exp.span.start.line;
    const result: ExpectationResult = { line, text: exp.text, passed: true, checks: 0, span: exp.span };
    let check: CompiledExpectation['check'];
    let kind: ExprType = 'bool';
    const e = exp.expr;
    if (e.k === 'cmp') {
      const grid = (t: ExprType) => t === 'rate' || t === 'ratio';
      kind = e.l.t === 'number' && grid(e.r.t) ? e.r.t : e.l.t;
      const toKind = (x: Expr): NumFn => {
        const f = this.num(x);
        return x.t === 'number' && grid(kind) ? () => f() * GRID : f;
      };
      const l = toKind(e.l);
      const r = toKind(e.r);
      const tol = exp.tolerance;
      const tolAbs: NumFn | null = tol?.k === 'abs' ? toKind(tol.v) : null;
      const rel = tol?.k === 'rel' ? Number(tol.v) : 0;
      const op = e.op;
      const eq = kind === 'enum' || kind === 'bool' || kind === 'string' || kind === 'date';
      check = (x) => {
        const a = l();
        const b = r();
        x.actual = a;
        x.expected = b;
        if (eq) {
          const same = (a as unknown) === (b as unknown);
          return op === '!=' ? !same : op === '==' ? same : compare(op, a, b, 0);
        }
        const t = tolAbs ? Math.abs(tolAbs()) : rel * Math.abs(b);
        return compare(op, a, b, t);
      };
    } else {
      const f = this.fn(e);
      check = () => Boolean(f());
    }
    const w = exp.when;
    return {
      exp,
      check,
      kind,
      result,
      on: w.k === 'on' ? dayFromIso(w.date) : NaN,
      from: w.k === 'freq' && w.from ? dayFromIso(w.from) : this.simStart,
      until: w.k === 'freq' && w.until ? dayFromIso(w.until) : this.simEnd,
    };
  }

  // ---- the run -----------------------------------------------------------------------------------

  run(): RunResult {
    const diagnostics: Diagnostic[] = [];
    let stopped = false;
    try {
      if (this.simEnd < this.simStart)
        throw new RuntimeError('MON7005', 'the simulation ends before it starts', this.plan.economy.span);
      if (this.simEnd - this.simStart + 1 > this.limits.maxDays)
        throw new RuntimeError(
          'MON7005',
          `the simulation is ${this.simEnd - this.simStart + 1} days long; the limit is ${this.limits.maxDays}`,
          this.plan.economy.span,
          'shorten `simulate from … to …` or raise the limit (--max-days)',
        );
      checkPlanLimits(this.plan, this.limits); // banks and rules (limits.ts)
      this.engine = this.createEngine();
      this.prepare();
      for (this.day = this.simStart; this.day <= this.simEnd; this.day++) {
        if (this.opts.shouldStop?.()) {
          stopped = true;
          break;
        }
        this.step();
      }
      if (!stopped) this.finishExpectations();
    } catch (e) {
      diagnostics.push(this.toDiagnostic(e));
      this.abandonExpectations();
    }
    const result: RunResult = {
      meta: {
        title: this.plan.title,
        file: this.plan.file,
        economy: this.plan.economy.name,
        currency: this.plan.economy.currency,
        unit: this.plan.economy.unit,
        from: this.plan.simulate.from,
        to: this.plan.simulate.to,
        seed: this.plan.seed,
        days: Math.max(0, Math.min(this.day, this.simEnd + 1) - this.simStart),
        params: Object.fromEntries([...this.paramValues].map(([k, v]) => [k, String(v)])),
        stopped,
      },
      series: this.series,
      reports: this.reports.map((r) => r.table),
      expectations: this.expectationResults(),
      balanceSheets: this.sheets,
      diagnostics,
    };
    // The result is plain data: the engine's columns and warm kernels can go to the next run (arena.ts).
    (this.engine as Engine | undefined)?.release();
    return result;
  }

  private step(): void {
    const day = this.day;
    const bd = isBusinessDay(day);
    // 1. Install rules, tiers and requirements dated today; queue today's operations.
    for (const ce of this.events) {
      if (ce.done) continue;
      const t = ce.event.trigger;
      if (t.k === 'start') {
        if (day === this.simStart) this.fire(ce, this.simStart);
      } else if (t.k === 'on') {
        if (ce.on === day || (day === this.simStart && ce.on < day)) this.fire(ce, ce.on);
      } else if (t.k === 'every') {
        if (periodFires(t.period, day, ce.anchor)) this.fireRepeat(ce, day);
      }
    }
    // 2. Evaluate rules; then edge-triggered `when`s, which may install more rules.
    this.evaluateRules();
    let fired = false;
    for (const ce of this.events) {
      if (!ce.cond || ce.done) continue;
      const now = Boolean(ce.cond());
      if (now && !ce.prev) {
        this.fireRepeat(ce, day);
        fired = true;
      }
      ce.prev = now;
    }
    if (fired) this.evaluateRules();
    this.writePolicy();
    // 3. Operations.
    this.engine.beginDay(day);
    this.installPendingOps();
    if (bd) this.executeOps(day);
    this.opts.testHook?.(this.engine, isoFromDay(day));
    // 4. Everything else of the day, in the engine.
    this.engine.setSource(-1);
    this.engine.endOfDay(day, bd);
    if (this.opts.audit) {
      const v = this.engine.checkInvariants();
      if (v) throw this.invariantError(v);
    }
    // 5. Histories, expectations, reports, balance sheets.
    const i = day - this.simStart;
    for (const h of this.histories) if (h.last < i) this.sample(h, i);
    this.checkExpectations(day);
    for (const r of this.reports)
      if (day === this.simEnd || isSampleDay(day, r.table.freq)) this.sampleReport(r, day);
    if (this.sheetDates.has(day)) this.captureSheets(day, this.sheetDates.get(day));
  }

  /**
   * A report's row for today: on its sample days, and on the last day if that is not one and no row is.
   * (A method of its own, not part of step: these branches first run on the first sample day, and the last
   * day's only on the last day; inside step they deoptimised it once each per process, by --trace-deopt,
   * and V8 then compiled step again.)
   */
  private sampleReport(r: CompiledReport, day: number): void {
    if (day === this.simEnd && !isSampleDay(day, r.table.freq) && r.table.rows.length > 0) return;
    const iso = isoFromDay(day);
    const values = r.fns.map((f, k) => this.units.display(r.kinds[k], f()));
    r.table.rows.push({ date: iso, values });
    r.table.labels.forEach((label, k) => this.series[label].push([iso, values[k]]));
  }

  /**
   * Records a history's value for today. A series that has no single value today (a target range read as a
   * point by a rule no longer in force) records NaN rather than stopping the run; a rule that is in force
   * reports the problem when it is evaluated.
   */
  private sample(h: History, i: number): void {
    let v: number;
    try {
      v = h.sample() as number;
    } catch (e) {
      if (!(e instanceof RuntimeError)) throw e;
      v = NaN;
    }
    h.values[i] = v;
    h.last = i;
  }

  private fire(ce: CompiledEvent, effective: number): void {
    ce.done = true;
    this.applyActions(ce.event.actions, effective);
  }

  private fireRepeat(ce: CompiledEvent, day: number): void {
    this.applyActions(ce.event.actions, day);
  }

  private applyActions(actions: Action[], effective: number): void {
    for (const a of actions) {
      switch (a.k) {
        case 'set':
          this.installRule(a.name, a.value, a.span);
          break;
        case 'remunerate':
          this.tiers = a.tiers.map((t) => ({
            base: t.base,
            rate: this.num(t.rate),
            upTo: t.upTo ? this.num(t.upTo) : null,
          }));
          this.tierValues = null;
          break;
        case 'reserve_requirement': {
          const tranches = a.tranches.map((t: Tranche) => ({
            rate: Number(t.rate),
            upTo: t.upTo ? this.num(t.upTo) : null,
          }));
          if (a.on === 'time_deposits') {
            this.timeTranches = tranches;
            this.timeTrancheValues = null;
          } else {
            this.tranches = tranches;
            this.trancheValues = null;
          }
          break;
        }
        case 'op':
          this.pendingOps.push({ action: a, effective });
          break;
        case 'event': {
          const ce = this.addEvent(a.event, effective);
          // A nested dated event whose date is today fires now.
          if (ce.on <= this.day) this.fire(ce, this.day);
          break;
        }
      }
    }
  }

  private installRule(name: string, value: Expr, span: Span): void {
    const canonical = POLICY_ALIASES.get(name) ?? name;
    if (canonical === 'iorb') {
      // IORB replaces both rates: iorr and ioer follow it from today.
      const ref: Expr = { k: 'policy', t: 'rate', name: 'iorb', span };
      this.rules.set('iorr', { name: 'iorr', fn: this.fn(ref), deps: new Set(['iorb']), span });
      this.rules.set('ioer', { name: 'ioer', fn: this.fn(ref), deps: new Set(['iorb']), span });
    }
    this.rules.set(canonical, { name: canonical, fn: this.fn(value), deps: policyDeps(value), span });
    this.rulesDirty = true;
  }

  private evaluateRules(): void {
    if (this.rulesDirty) {
      this.ruleOrder = orderRules(this.rules);
      this.rulesDirty = false;
    }
    for (const r of this.ruleOrder) {
      const v = r.fn();
      if (typeof v === 'number') checkRuleValue(r.name, v, r.span); // numeric guard (limits.ts)
      // A target range is a new object every day: it always counts as a change.
      if (this.values.get(r.name) !== v) {
        this.values.set(r.name, v);
        this.valuesVersion++;
      }
    }
  }

  private writePolicy(): void {
    const p = this.engine.policy;
    // The scalars depend only on the rules' values (defaults and declared yields are fixed at the start,
    // and nothing else writes the engine's policy): 25 lookups a day for nothing on most days.
    if (this.valuesVersion !== this.writtenVersion) {
      this.writtenVersion = this.valuesVersion;
      this.writeScalars(p);
    }
    this.writeSchedules(p);
  }

  private writeScalars(p: Policy): void {
    const target = this.policy('target');
    if (typeof target === 'object') {
      p.targetLow = target.lo / GRID;
      p.targetHigh = target.hi / GRID;
      p.target = roundHalfEven((target.lo + target.hi) / 2) / GRID;
    } else {
      p.target = p.targetLow = p.targetHigh = (target as number) / GRID;
    }
    for (let i = 0; i < RATE_POLICY_ENTRIES.length; i++) {
      const e = RATE_POLICY_ENTRIES[i];
      (p[e[1]] as number) = (this.canonicalPolicy(e[0]) as number) / GRID;
    }
    const shock = this.values.get('payment_shock');
    p.paymentShock = shock === undefined ? NaN : (shock as number);
    p.framework = this.canonicalPolicy('framework') as Policy['framework'];
    p.lending = this.canonicalPolicy('lending') as Policy['lending'];
    p.interbank = this.canonicalPolicy('interbank') as Policy['interbank'];
    for (let i = 0; i < YIELD_NAMES.length; i++)
      p.yields[YIELD_NAMES[i][0]] = (this.canonicalPolicy(YIELD_NAMES[i][1]) as number) / GRID;
  }

  /** Tiers and tranches: their rates and bounds are expressions, evaluated every day. */
  private writeSchedules(p: Policy): void {
    // Tier and tranche objects are built once per `remunerate` / `reserve_requirement` and updated in place.
    if (this.tiers) {
      if (!this.tierValues)
        this.tierValues = this.tiers.map((t) => ({
          base: t.base,
          upTo: t.upTo ? { perRequired: 0, fixed: 0 } : null,
          rate: 0,
        }));
      for (let i = 0; i < this.tiers.length; i++) {
        const t = this.tiers[i];
        const v = this.tierValues[i];
        v.rate = t.rate() / GRID;
        if (t.upTo && v.upTo) {
          // Bounds are linear in the bank's requirement: read the intercept and the slope.
          this.required = 0;
          const fixed = t.upTo();
          this.required = 1e6;
          v.upTo.perRequired = (t.upTo() - fixed) / 1e6;
          v.upTo.fixed = fixed;
          this.required = 0;
        }
      }
      p.tiers = this.tierValues;
    } else p.tiers = null;
    this.trancheValues = trancheValuesOf(this.tranches, this.trancheValues);
    p.tranches = this.trancheValues;
    this.timeTrancheValues = trancheValuesOf(this.timeTranches, this.timeTrancheValues);
    p.timeTranches = this.timeTrancheValues;
  }

  private installPendingOps(): void {
    if (this.pendingOps.length === 0) return;
    for (const { action, effective } of this.pendingOps.splice(0)) {
      const tag = this.tag(action.span);
      const op = action.op;
      const span = action.span;
      try {
        this.installOp(op, action, effective, tag);
      } catch (e) {
        if (e instanceof ScheduleLimitError) throw new RuntimeError('MON7005', e.message, span);
        throw e;
      }
    }
  }

  private installOp(
    op: Operation,
    action: Extract<Action, { k: 'op' }>,
    effective: number,
    tag: number,
  ): void {
    if (op.op === 'hold' || op.op === 'runoff' || op.op === 'post') {
      // Standing instructions and hand-written entries take effect once, on their date or the next
      // business day; their values are evaluated then.
      const d = nextBusinessDay(effective);
      if (d >= this.simStart && d <= this.simEnd)
        this.activeOps.push({ op, tag, days: [d], amounts: [0], idx: 0, rate: 0 });
      return;
    }
    const amountExpr = op.amount;
    let amount = 0;
    if (amountExpr) {
      amount = this.num(amountExpr)();
      this.assertAmount(amount, amountExpr.span, op);
    }
    let rate = 0;
    if (op.op === 'lend' && op.rate) rate = this.num(op.rate)() / GRID;
    if (op.op === 'offer') rate = this.num(op.rate)() / GRID;
    const { days, amounts } = expandSchedule(
      action.schedule,
      op.op === 'offer' && !op.amount ? 1 : amount,
      effective,
      this.simStart,
      this.simEnd,
      this.limits.maxScheduleOps,
    );
    if (days.length > 0) this.activeOps.push({ op, tag, days, amounts, idx: 0, rate });
  }

  private assertAmount(v: number, span: Span, op?: Operation): void {
    if (!Number.isFinite(v)) throw new RuntimeError('MON7006', 'the amount is not a finite number', span);
    if (Math.abs(v) > Number.MAX_SAFE_INTEGER)
      throw new RuntimeError(
        'MON7002',
        `the amount${op ? ` of ${describeOp(op)}` : ''} is beyond the exact range of this economy (2^53 units of ${this.plan.economy.unit} ${this.plan.economy.currency})`,
        span,
        'declare a larger `unit` in the economy',
      );
    if (v <= 0) throw new RuntimeError('MON7001', 'the amount of this operation is zero or negative', span);
  }

  private executeOps(day: number): void {
    const ops = this.activeOps;
    for (let k = 0; k < ops.length; k++) {
      const a = ops[k];
      while (a.idx < a.days.length && a.days[a.idx] < day) a.idx++;
      if (a.idx < a.days.length && a.days[a.idx] === day) {
        this.engine.setSource(a.tag);
        this.execute(a, a.amounts[a.idx], day);
        a.idx++;
      }
    }
    // Drop finished operations so the list stays short over long runs.
    let w = 0;
    for (let k = 0; k < ops.length; k++) if (ops[k].idx < ops[k].days.length) ops[w++] = ops[k];
    ops.length = w;
  }

  private execute(a: ActiveOp, amount: number, day: number): void {
    const { engine } = this;
    const op = a.op;
    switch (op.op) {
      case 'buy':
        engine.buy(op.asset, amount, op.party);
        break;
      case 'sell':
        engine.sell(op.asset, amount, op.party);
        break;
      case 'hold': {
        const level = roundHalfEven(this.num(op.level)());
        if (!Number.isFinite(level) || level < 0)
          throw new RuntimeError('MON7001', 'the level must be zero or more', op.level.span);
        engine.hold(op.what, level);
        break;
      }
      case 'runoff': {
        let cap: number | null = null;
        if (op.cap) {
          cap = this.num(op.cap)();
          // The engine takes a monthly cap; scale other frequencies.
          if (op.capFreq?.k === 'weekly') cap = (cap * 52) / 12;
          else if (op.capFreq?.k === 'quarterly') cap = cap / 3;
          else if (op.capFreq?.k === 'daily') cap = (cap * 261) / 12;
          cap = roundHalfEven(cap);
        }
        engine.runoff(op.asset, cap);
        break;
      }
      case 'lend':
        engine.lend(amount, op.to, op.from ? op.from : null, a.rate, op.term ? termDays(op.term, day) : null);
        break;
      case 'repay':
        engine.repay(amount, op.from, op.to ? op.to : null);
        break;
      case 'pay':
        engine.pay(amount, op.from, op.to);
        break;
      case 'withdraw':
        engine.withdrawCash(amount, op.by ? op.by : null);
        break;
      case 'deposit':
        engine.depositCash(amount, op.by ? op.by : null);
        break;
      case 'offer':
        engine.offer(
          op.facility,
          op.amount ? amount : null,
          op.term ? termDays(op.term, day) : op.facility === 'reverse_repos' ? 1 : 28,
          a.rate,
        );
        break;
      case 'treasury':
        engine.treasury(op.action, amount, op.forSfp, op.party ? op.party : null);
        break;
      case 'post':
        engine.post(
          op.entries.map((en) => {
            const v = roundHalfEven(this.num(en.amount)());
            if (!Number.isFinite(v))
              throw new RuntimeError('MON7006', 'the amount is not a finite number', en.span);
            return { agent: en.agent, instrument: en.instrument, delta: en.sign * v };
          }),
        );
        break;
    }
  }

  private checkExpectations(day: number): void {
    for (const x of this.expectations) {
      const w = x.exp.when;
      let due = false;
      if (w.k === 'on') due = day === x.on;
      else if (w.k === 'always') due = true;
      else if (w.k === 'freq') due = day >= x.from && day <= x.until && isSampleDay(day, w.freq);
      if (due) this.evaluate(x, day);
    }
  }

  private finishExpectations(): void {
    // Checked as of the last day: windows and `at` read the day under evaluation from `this.day`, which the
    // loop has left one past the end.
    const after = this.day;
    this.day = this.simEnd;
    try {
      this.checkAtEnd();
    } finally {
      this.day = after;
    }
  }

  private checkAtEnd(): void {
    for (const x of this.expectations) {
      if (x.exp.when.k === 'end') this.evaluate(x, this.simEnd);
      else if (x.result.checks === 0) {
        x.result.passed = false;
        x.result.message = 'never checked: its date is outside the simulation';
      }
    }
  }

  /**
   * After a runtime error: an expectation the run did not get to check in full has not passed, whatever it
   * read on the days it was checked (its schedule went on past the error, or it was due at the end).
   */
  private abandonExpectations(): void {
    const day = this.day;
    for (const x of this.expectations) {
      const r = x.result;
      if (!r.passed) continue;
      const w = x.exp.when;
      const complete =
        w.k === 'end'
          ? false
          : w.k === 'on'
            ? r.checks > 0
            : x.until < day || (x.until === day && x.lastDay === day);
      if (complete) continue;
      r.passed = false;
      r.message =
        r.checks === 0
          ? 'not checked: the run stopped at the error below'
          : `checked only until ${isoFromDay(x.lastDay ?? day)}: the run stopped at the error below`;
    }
  }

  private evaluate(x: CompiledExpectation, day: number): void {
    const r = x.result;
    r.checks++;
    // The first failure is the one reported; while passing, keep the latest values. Formatting waits for
    // the end of the run (expectations checked `always` are evaluated every day).
    if (!r.passed) return;
    r.passed = x.check(x);
    x.lastDay = day;
  }

  private expectationResults(): ExpectationResult[] {
    return this.expectations.map((x) => {
      const r = x.result;
      if (x.lastDay !== undefined) r.date = isoFromDay(x.lastDay);
      if (x.actual !== undefined) {
        r.actual = this.units.display(x.kind, x.actual);
        r.actualText = this.units.format(x.kind, x.actual);
      }
      if (x.expected !== undefined) {
        r.expected = this.units.display(x.kind, x.expected);
        // `expected 0 EUR` would misread a failed `< 0 EUR`: an inequality shows its operator.
        const e = x.exp.expr;
        const op = e.k === 'cmp' && e.op !== '==' ? `${e.op} ` : '';
        r.expectedText = op + this.units.format(x.kind, x.expected);
      }
      return r;
    });
  }

  private captureSheets(day: number, parties: string[] | undefined): void {
    const names = parties ?? this.engine.agentNames();
    const sheets: BalanceSheetView[] = names.map((name) => {
      const bs = this.engine.balanceSheet(name);
      const line = (l: { instrument: string; counterparty?: string; amount: number; source: number }) => ({
        label: l.counterparty ? `${l.instrument} (${l.counterparty})` : l.instrument,
        amount: this.units.major(l.amount),
        line: l.source >= 0 ? this.spans[l.source]?.start.line : undefined,
      });
      return {
        agent: bs.agent,
        kind: bs.kind,
        assets: bs.assets.map(line),
        liabilities: bs.liabilities.map(line),
        equity: this.units.major(bs.equity),
      };
    });
    this.sheets.push({ date: isoFromDay(day), sheets });
  }

  private invariantError(v: InvariantViolation): RuntimeError {
    const span = v.source >= 0 ? this.spans[v.source] : this.plan.economy.span;
    const where = [v.agent, v.instrument].filter(Boolean).join('.');
    return new RuntimeError(
      'MON7003',
      `invariant ${v.invariant} (${v.name}) broken on ${isoFromDay(v.day)}${where ? ` at ${where}` : ''}: ${v.detail}`,
      span,
    );
  }

  private toDiagnostic(e: unknown): Diagnostic {
    if (e instanceof RuntimeError)
      return { code: e.code, severity: 'error', message: e.message, hint: e.hint, span: e.span };
    if (e instanceof EngineError) {
      const span = e.info.source >= 0 ? this.spans[e.info.source] : this.plan.economy.span;
      return {
        code: e.info.code,
        severity: 'error',
        message: `${isoFromDay(this.day)}: ${e.info.message}`,
        hint:
          e.info.code === 'MON7002'
            ? 'declare a larger `unit` in the economy, e.g. `unit 1m USD`'
            : undefined,
        span,
      };
    }
    const message = e instanceof Error ? e.message : String(e);
    return {
      code: 'MON7005',
      severity: 'error',
      message: `internal error on ${isoFromDay(this.day)}: ${message}`,
      span: this.plan.economy.span,
    };
  }
}

function compare(op: string, a: Value, b: Value, tol: number): boolean {
  const x = a as number;
  const y = b as number;
  switch (op) {
    case '==':
      return Math.abs(x - y) <= tol;
    case '!=':
      return Math.abs(x - y) > tol;
    case '<':
      return x < y + tol;
    case '<=':
      return x <= y + tol;
    case '>':
      return x > y - tol;
    case '>=':
      return x >= y - tol;
  }
  return false;
}

function termDays(d: Duration, day: number): number {
  switch (d.unit) {
    case 'day':
      return d.n;
    case 'week':
      return 7 * d.n;
    case 'month':
      return addMonths(day, d.n) - day;
    case 'year':
      return addMonths(day, 12 * d.n) - day;
  }
}

function defaultPolicy(name: string): Value {
  switch (name) {
    case 'framework':
      return 'floor';
    case 'lending':
      return 'off';
    case 'interbank':
      return 'open';
    case 'arbitrage_share':
      return 0.5 * GRID;
    case 'cash_ratio':
      return NaN;
    default:
      return 0;
  }
}

/** Dependency order of the active rules (a rule after the rules it reads); cycles keep source order. */
function orderRules(rules: Map<string, Rule>): Rule[] {
  const out: Rule[] = [];
  const state = new Map<string, 1 | 2>();
  const visit = (r: Rule) => {
    const s = state.get(r.name);
    if (s) return;
    state.set(r.name, 1);
    for (const d of r.deps) {
      const dep = rules.get(d);
      if (dep && dep !== r && state.get(d) !== 1) visit(dep);
    }
    state.set(r.name, 2);
    out.push(r);
  };
  for (const r of rules.values()) visit(r);
  return out;
}

export function parseCsvSeries(text: string): DataSeries {
  const days: number[] = [];
  const values: number[] = [];
  for (const line of text.split(/\r?\n/)) {
    const [d, v] = line.split(',');
    if (!d || v === undefined) continue;
    const day = dayFromIso(d.trim());
    const value = Number(v.trim());
    if (Number.isNaN(day) || v.trim() === '' || !Number.isFinite(value)) continue;
    days.push(day);
    values.push(value);
  }
  return { days, values };
}

/**
 * Today's tranche values: the previous array while no bound has changed (the engine recognises unchanged
 * tranches by identity), a new one when a bound has.
 */
function trancheValuesOf(
  tranches: { rate: number; upTo: NumFn | null }[] | null,
  prev: TrancheValue[] | null,
): TrancheValue[] | null {
  if (tranches === null) return null;
  let same = prev !== null;
  for (let i = 0; same && i < tranches.length; i++) same = prev?.[i].upTo === trancheBound(tranches[i]);
  if (same) return prev;
  return tranches.map((t) => ({ rate: t.rate, upTo: trancheBound(t) }));
}

function trancheBound(t: { upTo: NumFn | null }): number | null {
  return t.upTo ? roundHalfEven(t.upTo() as number) : null;
}

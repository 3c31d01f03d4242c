// Rules over time (SPEC §4.2): `set x = expr` is in force from its date until another `set x` replaces it.
// Walking the rules in date order gives, at each date, the rules in force: among them there must be no
// cycle, and while the target is a range no rule (nor expectation) may use it as a single rate.
import type * as A from '../ast.js';
import { dayNumber, isoDay } from '../dates.js';
import type { CheckContext, PolicyRef } from './context.js';
import { settableName } from './expressions.js';

interface Rule {
  stmt: A.SetStmt;
  file: import('../source.js').SourceFile;
  names: readonly string[];
  refs: readonly PolicyRef[];
  day: number;
  seq: number;
  isRange: boolean;
}

// The lists of `ruleNames` by what the target says, made once: callers only read them. Bounded, since the
// words come from the input.
const namesByTarget = new Map<string, readonly string[]>();
const NO_NAMES: readonly string[] = [];
const NO_REFS: readonly PolicyRef[] = [];
const NO_CYCLES: { names: string[]; rules: Rule[] }[] = [];

/** The settings a `set` installs rules for (`iorb` sets both iorr and ioer). Read-only. */
export function ruleNames(stmt: A.SetStmt): readonly string[] {
  const parts = stmt.target;
  if (parts.length === 2 && parts[0].name === 'yield') return cachedNames(`yield.${parts[1].name}`, true);
  if (parts.length !== 1) return NO_NAMES;
  return cachedNames(parts[0].name, false);
}

function cachedNames(word: string, isYield: boolean): readonly string[] {
  // A yield's key keeps its dot; a plain word has none, so the two never collide.
  let names = namesByTarget.get(word);
  if (names === undefined) {
    if (namesByTarget.size > 10_000) namesByTarget.clear();
    const name = isYield ? word : settableName(word);
    names = name === undefined ? NO_NAMES : name === 'iorb' ? ['iorb', 'iorr', 'ioer'] : [name];
    namesByTarget.set(word, names);
  }
  return names;
}

function dayOf(date: string | 'start' | 'dynamic', start: number): number | undefined {
  if (date === 'dynamic') return undefined;
  return date === 'start' ? start : dayNumber(date);
}

/**
 * Cycles through given settings among the rules in force: the static one in force for a setting (`inForce`)
 * and any dynamic ones, each cycle with the settings on it in order. One finder serves a whole check, asked
 * once for every day a rule is installed on, so it keeps its scratch space and allocates nothing per rule
 * visited.
 */
class CycleFinder {
  /**
   * Each setting's state in the current search: `2 × search` while open, one more once done; anything
   * lower is from an earlier search (unvisited). Counting searches spares clearing the table for each.
   */
  private readonly state = new Map<string, number>();
  private search = 0;
  private readonly path: string[] = [];
  private cycles: { names: string[]; rules: Rule[] }[] = NO_CYCLES;

  constructor(
    private readonly inForce: ReadonlyMap<string, Rule>,
    private readonly dynamicByName: ReadonlyMap<string, Rule[]>,
    /** The rules of a setting, the static one first (for the rules of a cycle). */
    private readonly rulesOf: (name: string) => Rule[],
  ) {}

  find(starts: readonly string[]): readonly { names: string[]; rules: Rule[] }[] {
    this.cycles = NO_CYCLES;
    this.search++;
    // Popped rather than truncated: `length = 0` gives up the array's storage, which the next push remakes.
    while (this.path.length > 0) this.path.pop();
    for (let i = 0; i < starts.length; i++) if (!this.seen(starts[i])) this.visit(starts[i]);
    return this.cycles;
  }

  private seen(name: string): boolean {
    return (this.state.get(name) ?? 0) >= 2 * this.search;
  }

  private visit(name: string): void {
    this.state.set(name, 2 * this.search);
    this.path.push(name);
    const s = this.inForce.get(name);
    if (s !== undefined) this.visitRule(s);
    const d = this.dynamicByName.get(name);
    if (d !== undefined) for (let i = 0; i < d.length; i++) this.visitRule(d[i]);
    this.path.pop();
    this.state.set(name, 2 * this.search + 1);
  }

  private visitRule(rule: Rule): void {
    const refs = rule.refs;
    for (let i = 0; i < refs.length; i++) {
      const ref = refs[i].name;
      if (!this.inForce.has(ref) && !this.dynamicByName.has(ref)) continue;
      const s = this.state.get(ref) ?? 0;
      if (s === 2 * this.search) {
        const names = this.path.slice(this.path.indexOf(ref));
        if (this.cycles === NO_CYCLES) this.cycles = [];
        this.cycles.push({ names, rules: [...new Set(names.flatMap(this.rulesOf))] });
      } else if (s < 2 * this.search) this.visit(ref);
    }
  }
}

export function checkRules(ctx: CheckContext): void {
  const start = ctx.env.from !== undefined ? dayNumber(ctx.env.from) : Number.NEGATIVE_INFINITY;
  const end = ctx.env.to !== undefined ? dayNumber(ctx.env.to) : Number.POSITIVE_INFINITY;
  const statics: Rule[] = [];
  const dynamics: Rule[] = [];
  for (let i = 0; i < ctx.rules.length; i++) {
    const r = ctx.rules[i];
    if (r.stmt.recovered === true) continue;
    const names = ruleNames(r.stmt);
    if (names.length === 0) continue;
    const rule: Rule = {
      stmt: r.stmt,
      file: r.file,
      names,
      refs: ctx.ruleRefs.get(r.stmt) ?? NO_REFS,
      day: dayOf(r.date, start) ?? Number.NaN,
      seq: r.economy ? i - ctx.rules.length : i,
      isRange: r.stmt.to !== undefined,
    };
    (r.date === 'dynamic' ? dynamics : statics).push(rule);
  }
  statics.sort((a, b) => a.day - b.day || a.seq - b.seq);

  const reportedCycle = new Set<A.SetStmt>();
  const reportedRef = new Set<A.Expr>();
  /** Days from which the target is a range ([from, to) pairs). */
  const rangeSpans: { from: number; to: number; rule: Rule }[] = [];
  const inForce = new Map<string, Rule>();
  let rangeSince: Rule | undefined;

  const scalarTargetUses = (refs: readonly PolicyRef[]): PolicyRef[] =>
    refs.filter((r) => r.name === 'target' && r.part === undefined);
  const reportRange = (ref: PolicyRef, since: Rule): void => {
    if (reportedRef.has(ref.expr)) return;
    reportedRef.add(ref.expr);
    const line = since.file.pos(since.stmt.range.start).line;
    ctx.reportIn(ref.file, 'MON3004', ref.expr.range, {
      name: ref.file.slice(ref.expr.range),
      since: `set on line ${line}${since.file !== ref.file ? ` of ${since.file.path}` : ''}`,
    });
  };

  const dynamicByName = new Map<string, Rule[]>();
  for (const r of dynamics)
    for (const n of r.names) {
      const list = dynamicByName.get(n);
      if (list === undefined) dynamicByName.set(n, [r]);
      else list.push(r);
    }
  const rulesOf = (name: string): Rule[] => {
    const s = inForce.get(name);
    const d = dynamicByName.get(name);
    return s === undefined ? (d ?? []) : d === undefined ? [s] : [s, ...d];
  };
  const finder = new CycleFinder(inForce, dynamicByName, rulesOf);
  const reportCycles = (starts: readonly string[]): void => {
    for (const cycle of finder.find(starts)) {
      for (const r of cycle.rules) {
        if (reportedCycle.has(r.stmt)) continue;
        reportedCycle.add(r.stmt);
        ctx.reportIn(r.file, 'MON4004', r.stmt.range, { detail: describeCycle(cycle.names) });
      }
    }
  };
  // Cycles among the dynamic rules alone (they may all be installed at once).
  reportCycles([...dynamicByName.keys()]);

  // The settings of the rules installed on a day that read settings; one array for every day.
  const starts: string[] = [];
  for (let i = 0; i < statics.length;) {
    const day = statics[i].day;
    // A new cycle passes through a rule installed today, and only a rule that reads settings closes one.
    while (starts.length > 0) starts.pop();
    for (; i < statics.length && statics[i].day === day; i++) {
      const r = statics[i];
      for (const n of r.names) inForce.set(n, r);
      if (r.refs.length > 0) starts.push(...r.names);
      if (r.names.includes('target')) {
        if (r.isRange) rangeSince ??= r;
        else if (rangeSince !== undefined) {
          rangeSpans.push({ from: rangeSince.day, to: day, rule: rangeSince });
          rangeSince = undefined;
        }
      }
    }
    if (starts.length > 0) reportCycles(starts);
    if (rangeSince !== undefined) {
      for (const r of new Set(inForce.values()))
        for (const ref of scalarTargetUses(r.refs)) reportRange(ref, rangeSince);
    }
  }
  if (rangeSince !== undefined)
    rangeSpans.push({ from: rangeSince.day, to: Number.POSITIVE_INFINITY, rule: rangeSince });
  if (rangeSpans.length === 0) return;

  for (const x of ctx.expectations) {
    const uses = scalarTargetUses(ctx.expectRefs.get(x.stmt) ?? NO_REFS);
    if (uses.length === 0 || x.date === 'dynamic') continue;
    const window = checkWindow(x.stmt, x.date, start, end);
    if (window === undefined) continue;
    const hit = rangeSpans.find((s) => s.from <= window.to && window.from < s.to);
    if (hit !== undefined) for (const ref of uses) reportRange(ref, hit.rule);
  }
}

function describeCycle(names: string[]): string {
  if (names.length === 1) return `the rule for \`${names[0]}\` uses itself`;
  const listed = `${names
    .slice(0, -1)
    .map((n) => `\`${n}\``)
    .join(', ')} and \`${names[names.length - 1]}\``;
  return `the rules for ${listed} depend on each other (${[...names, names[0]].join(' → ')})`;
}

/** The days on which an expectation is checked. */
function checkWindow(
  stmt: A.StmtOf<'expect'>,
  date: string | 'start',
  start: number,
  end: number,
): { from: number; to: number } | undefined {
  const t = stmt.time;
  if (date !== 'start') {
    const d = dayNumber(date);
    return { from: d, to: d };
  }
  if (t === undefined || t.kind === 'end') return { from: end, to: end };
  if (t.kind === 'always') return { from: start, to: end };
  if (t.kind === 'on') {
    const d = isoDay(t.date.raw, 'start');
    return d === undefined ? undefined : { from: dayNumber(d), to: dayNumber(d) };
  }
  const from = t.from ? isoDay(t.from.raw, 'start') : undefined;
  const until = t.until ? isoDay(t.until.raw, 'end') : undefined;
  return { from: from ? dayNumber(from) : start, to: until ? dayNumber(until) : end };
}

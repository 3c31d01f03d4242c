// Checks of statements, registered by kind.
import { ASSETS, ENUMS, INSTRUMENTS, SETTABLE, sideOf, type AgentKind } from '../../plan/catalogue.js';
import { didYouMean } from '../../diagnostics/suggest.js';
import type * as A from '../ast.js';
import { dayNumber } from '../dates.js';
import * as D from '../decimal.js';
import { formatMoney } from '../format-amount.js';
import { isComparison } from '../precedence.js';
import type { CheckContext, PolicyRef, Scope } from './context.js';
import { evalConst } from './const.js';
import { assetOf, instrumentOf } from './lookup.js';
import { isTargetName, settableName, typeExpr, typeLet, typeOf, typeRoot } from './expressions.js';
import type { ValidationRegistry, Where } from './registry.js';
import { amountSlot, conditionSlot, dateSlot, durationSlot, letLookup, rateSlot } from './slots.js';
import * as T from './types.js';

export const SECTORS = new Set(['banks', 'public', 'dealers']);

function hintFor(guess: string | undefined): { hint?: string } {
  return guess === undefined ? {} : { hint: `did you mean \`${guess}\`?` };
}

export function checkAsset(id: A.Ident, ctx: CheckContext, extra: readonly string[] = []): void {
  if (id.name === '' || assetOf(id.name) !== undefined || extra.includes(id.name)) return;
  ctx.report('MON2001', id.range, { name: id.name }, hintFor(didYouMean(id.name, [...ASSETS, ...extra])));
}

export function checkInstrument(id: A.Ident, ctx: CheckContext): boolean {
  if (id.name === '' || instrumentOf(id.name) !== undefined) return true;
  ctx.report('MON2002', id.range, { name: id.name }, hintFor(didYouMean(id.name, INSTRUMENTS)));
  return false;
}

/** A counterparty: a sector (banks, public, dealers) or a declared agent. Returns the agent's kind. */
export function checkParty(id: A.Ident, ctx: CheckContext, sectors = true): AgentKind | 'sector' | undefined {
  if (id.name === '') return undefined;
  if (sectors && SECTORS.has(id.name)) return 'sector';
  const agents = ctx.env.economy?.agents;
  const agent = agents?.get(id.name);
  if (agent !== undefined) return agent.kind;
  if (agents === undefined) return undefined; // no economy: reported once, elsewhere
  const names = [...agents.keys(), ...(sectors ? SECTORS : [])];
  ctx.report('MON2004', id.range, { name: id.name }, hintFor(didYouMean(id.name, names)));
  return undefined;
}

function notHere(ctx: CheckContext, node: A.Stmt, what: string, where: Where): boolean {
  if (where.block === 'top') return false;
  ctx.report(
    'MON1008',
    node.range,
    { what, where: `inside \`${where.block}\`` },
    {
      hint:
        where.block === 'on' && what.startsWith('`report')
          ? 'reports go at the top level; choose their dates with a frequency'
          : 'move it to the top level of the script',
    },
  );
  return true;
}

/** Reports a missing amount; callers test `missingAmountAt` first, sparing the example's string otherwise. */
function missingAmount(at: A.Range, ctx: CheckContext, op: string, example: string): void {
  ctx.report('MON3008', at, { op, example });
}

/** The ISO day a block's schedule starts without its own `from`. */
function startOf(where: Where, ctx: CheckContext): string | undefined {
  if (where.date === 'dynamic') return undefined;
  return where.date === 'start' ? ctx.env.from : where.date;
}

export function checkFrequency(f: A.Frequency, ctx: CheckContext): void {
  if (f.kind !== 'every') return;
  durationSlot({ kind: 'duration', raw: f.count, unit: f.unit, range: f.range }, ctx, [
    'day',
    'week',
    'month',
  ]);
}

/** from ≤ until (the later-written date is reported). */
function checkWindow(
  from: A.DateLit | undefined,
  until: A.DateLit | undefined,
  start: string | undefined,
  ctx: CheckContext,
): void {
  const f = from !== undefined ? dateSlot(from, ctx, 'start') : start;
  const u = until !== undefined ? dateSlot(until, ctx, 'end') : undefined;
  if (f === undefined || u === undefined || until === undefined) return;
  if (dayNumber(u) < dayNumber(f)) ctx.report('MON4003', until.range, { start: f, end: u });
}

export function checkSchedule(s: A.Schedule | undefined, ctx: CheckContext, where: Where): void {
  if (s === undefined) return;
  if (s.kind === 'by') {
    const by = dateSlot(s.date, ctx, 'end');
    const start = startOf(where, ctx);
    if (by !== undefined && start !== undefined && dayNumber(by) < dayNumber(start)) {
      ctx.report('MON4003', s.date.range, { start, end: by });
    }
    return;
  }
  checkFrequency(s.freq, ctx);
  checkWindow(s.from, s.until, startOf(where, ctx), ctx);
}

/** Warns about a day of the script outside `simulate from … to …` (a module's dates are its own affair). */
function inPeriod(iso: string | undefined, d: A.DateLit, ctx: CheckContext): void {
  const { from, to } = ctx.env;
  if (iso === undefined || from === undefined || to === undefined || ctx.file !== ctx.mainFile) return;
  // ISO days compare as strings.
  if (iso < from || iso > to) ctx.report('MON4009', d.range, { raw: d.raw, from, to });
}

/**
 * A scope that collects policy references, for a rule or an expectation. One scope and its array serve them
 * all: the caller stores a copy of what was recorded (`takeRefs`), the array is emptied for the next. Inside
 * another such scope, or a tier, a scope of its own.
 */
function refsScope(ctx: CheckContext): Scope {
  const saved = ctx.scope;
  if (saved.inTier || saved.refs !== undefined) return { inTier: saved.inTier, refs: [] };
  return (ctx.spareRefsScope ??= { inTier: false, refs: [] });
}

/**
 * The references a scope of `refsScope` recorded, as an array of their number (a pushed-to array keeps
 * room for more), and the scope emptied; undefined for none.
 */
function takeRefs(scope: Scope): PolicyRef[] | undefined {
  const refs = scope.refs!;
  if (refs.length === 0) return undefined;
  const out = refs.slice();
  // Popped rather than truncated: `length = 0` gives up the array's storage, which the next push remakes.
  while (refs.length > 0) refs.pop();
  return out;
}

/** A rule: its references to other settings are recorded for the cycle and target-range checks. */
export function checkSet(node: A.SetStmt, ctx: CheckContext): void {
  const saved = ctx.scope;
  const scope = refsScope(ctx);
  ctx.scope = scope;
  try {
    checkSetValue(node, ctx);
  } finally {
    // Read as `ruleRefs.get(rule) ?? []`: no entry for none.
    const refs = takeRefs(scope);
    if (refs !== undefined) ctx.ruleRefs.set(node, refs);
    ctx.scope = saved;
  }
}

/** `yield.mbs`: the target of a `set` as written (for messages only). */
function fullName(parts: A.Ident[]): string {
  return parts.map((p) => p.name).join('.');
}

function checkSetValue(node: A.SetStmt, ctx: CheckContext): void {
  const parts = node.target;
  if (parts.length === 0) return;
  let name: string | undefined;
  if (parts.length === 2 && parts[0].name === 'yield') {
    const asset = assetOf(parts[1].name);
    if (asset === undefined) {
      ctx.report(
        'MON2001',
        parts[1].range,
        { name: parts[1].name },
        hintFor(didYouMean(parts[1].name, ASSETS)),
      );
      return;
    }
    name = `yield.${asset}`;
  } else if (parts.length === 1) {
    name = settableName(parts[0].name);
  }
  if (name === undefined) {
    const range = { start: parts[0].range.start, end: parts[parts.length - 1].range.end };
    const guess = didYouMean(fullName(parts), [...Object.keys(SETTABLE), ...ASSETS.map((a) => `yield.${a}`)]);
    ctx.report('MON2005', range, { name: fullName(parts) }, hintFor(guess));
    typeExpr(node.value, ctx);
    if (node.to) typeExpr(node.to, ctx);
    return;
  }
  const kind = name.startsWith('yield.') ? 'rate' : SETTABLE[name];
  if (node.to !== undefined) {
    if (!isTargetName(parts[0].name)) {
      ctx.report(
        'MON3014',
        { start: node.value.range.start, end: node.to.range.end },
        { detail: `\`${fullName(parts)}\` holds one value; only the target may be a range` },
      );
      return;
    }
    rateSlot(node.value, ctx, 'the low end of the target range');
    rateSlot(node.to, ctx, 'the high end of the target range');
    const lo = evalConst(node.value, letLookup(ctx));
    const hi = evalConst(node.to, letLookup(ctx));
    if (lo && hi && D.cmp(lo.v, hi.v) > 0) {
      ctx.report(
        'MON3014',
        { start: node.value.range.start, end: node.to.range.end },
        { detail: 'the low end of the range is above its high end' },
        {
          hint: `write \`${ctx.file.slice(node.to.range)} to ${ctx.file.slice(node.value.range)}\``,
        },
      );
    }
    return;
  }
  if (kind === 'enum') {
    const v = node.value;
    const values = ENUMS[name];
    if (v.kind === 'name' && values.includes(v.name)) {
      ctx.types.set(v, { k: 'enum', of: name });
      ctx.resolved.set(v, { k: 'enum', value: v.name });
      return;
    }
    const t = v.kind === 'name' ? undefined : typeExpr(v, ctx);
    if (t !== undefined && t.k === 'enum' && (t.of === name || t.of === null)) return;
    if (t?.k === 'error') return;
    const word = ctx.file.slice(v.range);
    ctx.report(
      'MON2010',
      v.range,
      { value: word, name },
      {
        hint:
          `${name} is ${values.map((x) => `\`${x}\``).join(', ')}` +
          (didYouMean(word, values) ? `; did you mean \`${didYouMean(word, values)}\`?` : ''),
      },
    );
    return;
  }
  const t = typeExpr(node.value, ctx);
  if (t.k === 'error') return;
  const fits =
    (kind === 'rate' && (t.k === 'rate' || t.k === 'percent')) ||
    (kind === 'ratio' && T.isDimensionless(t)) ||
    (kind === 'money' && t.k === 'money');
  if (!fits) {
    const want = kind === 'rate' ? 'a rate' : kind === 'ratio' ? 'a ratio' : 'an amount of money';
    const hint =
      kind === 'money' && t.k === 'number'
        ? `add a currency: \`${ctx.file.slice(node.value.range)} ${ctx.currency ?? 'USD'}\``
        : kind === 'rate' && t.k === 'number'
          ? 'write a rate with its unit: `0.25%` or `25bp`'
          : undefined;
    ctx.report(
      'MON3005',
      node.value.range,
      { detail: `\`${fullName(parts)}\` is ${want}, not ${T.typeName(t)}` },
      hint ? { hint } : {},
    );
    return;
  }
  if (
    kind === 'money' &&
    t.k === 'money' &&
    t.cur !== null &&
    ctx.currency !== null &&
    t.cur !== ctx.currency
  ) {
    ctx.report('MON3002', node.value.range, {
      detail: `this amount is in ${t.cur}, but the economy's currency is ${ctx.currency}`,
    });
  }
}

const RESERVABLE: ReadonlySet<string> = new Set(['deposits', 'time_deposits']);

export function checkReserveRequirement(node: A.ReserveRequirementStmt, ctx: CheckContext): void {
  if (node.on !== undefined && checkInstrument(node.on, ctx) && node.on.name !== '') {
    const instrument = instrumentOf(node.on.name);
    if (instrument !== undefined && !RESERVABLE.has(instrument))
      ctx.report('MON2014', node.on.range, { name: node.on.name });
  }
  node.tranches.forEach((t, i) => {
    const v = D.parseDecimal(t.rate.raw);
    if (v === undefined)
      ctx.report('MON3007', t.rate.range, { detail: `\`${t.rate.raw}%\` is not a finite number` });
    if (t.upTo !== undefined) amountSlot(t.upTo, ctx);
    else if (i < node.tranches.length - 1) {
      ctx.report('MON1003', t.range, {
        detail: '`above` is the last tranche: the ones after it are never reached',
      });
    }
  });
}

export function checkRemunerate(node: A.RemunerateStmt, ctx: CheckContext): void {
  for (const tier of node.tiers) {
    if (tier.upTo !== undefined) {
      const saved = ctx.scope;
      ctx.scope = { ...saved, inTier: true };
      try {
        amountSlot(tier.upTo, ctx);
      } finally {
        ctx.scope = saved;
      }
    }
    rateSlot(tier.rate, ctx, 'the rate of a tier');
  }
}

function checkPost(node: A.StmtOf<'post'>, ctx: CheckContext): void {
  // Static double entry for constant amounts: per agent, Δassets = Δliabilities + Δequity; per instrument,
  // what changes as an asset changes as a liability somewhere. Each sum keeps the range of its entries, so
  // that an imbalance is underlined where it is, not at the block's first line.
  const perAgent = new Map<string, { net: D.Decimal; range: A.Range }>();
  const perInstrument = new Map<string, { net: D.Decimal; range: A.Range }>();
  const add = (m: typeof perAgent, key: string, net: D.Decimal, range: A.Range): void => {
    const sum = m.get(key);
    if (sum === undefined) m.set(key, { net, range });
    else m.set(key, { net: D.add(sum.net, net), range: { start: sum.range.start, end: range.end } });
  };
  let allConstant = true;
  for (const e of node.entries) {
    const kind = checkParty(e.party, ctx);
    const ok = checkInstrument(e.instrument, ctx);
    amountSlot(e.amount, ctx);
    const v = evalConst(e.amount, letLookup(ctx));
    if (kind === undefined || !ok || v === undefined) {
      allConstant = false;
      continue;
    }
    const instrument = instrumentOf(e.instrument.name)!;
    const agentKind: AgentKind = kind === 'sector' ? (e.party.name === 'banks' ? 'bank' : 'public') : kind;
    const side = sideOf(agentKind, instrument);
    const signed = e.sign === '+' ? v.v : D.neg(v.v);
    const net = side === 'asset' ? signed : D.neg(signed);
    add(perAgent, e.party.name, net, e.range);
    if (side !== 'equity') add(perInstrument, instrument, net, e.range);
  }
  if (!allConstant) return;
  const amount = (net: D.Decimal): string => formatMoney(D.sign(net) < 0 ? D.neg(net) : net, ctx.currency);
  for (const [agent, { net, range }] of perAgent) {
    if (D.sign(net) !== 0) {
      const [more, than] =
        D.sign(net) > 0 ? ['assets', 'liabilities and equity'] : ['liabilities and equity', 'assets'];
      ctx.report('MON4011', range, {
        detail: `the entries of \`${agent}\` do not net to zero: its ${more} change ${amount(net)} more than its ${than}`,
      });
      return;
    }
  }
  for (const [instrument, { net, range }] of perInstrument) {
    if (D.sign(net) !== 0) {
      const [more, than] = D.sign(net) > 0 ? ['held as an asset', 'owed'] : ['owed', 'held as an asset'];
      ctx.report('MON4011', range, {
        detail: `${instrument} ${more} changes by ${amount(net)} more than ${instrument} ${than}: every claim needs its counterpart`,
      });
      return;
    }
  }
}

export function registerStatementChecks(r: ValidationRegistry): void {
  r.statement('title', (n, ctx, w) => void notHere(ctx, n, '`title`', w));
  r.statement('use', (n, ctx, w) => void notHere(ctx, n, '`use`', w));
  r.statement('seed', (n, ctx, w) => {
    if (notHere(ctx, n, '`seed`', w)) return;
    const v = D.parseDecimal(n.value.raw);
    if (v === undefined || v.scale !== 0 || v.int > BigInt(Number.MAX_SAFE_INTEGER)) {
      ctx.report('MON3005', n.value.range, { detail: 'the seed is a whole number below 2^53' });
    }
  });
  r.statement('simulate', (n, ctx, w) => {
    if (notHere(ctx, n, '`simulate`', w)) return;
    const from = dateSlot(n.from, ctx, 'start');
    const to = dateSlot(n.to, ctx, 'end');
    if (from !== undefined && to !== undefined && dayNumber(to) < dayNumber(from)) {
      ctx.report('MON4002', n.to.range, { from, to });
    }
  });
  r.statement('let', (n, ctx, w) => {
    if (notHere(ctx, n, '`let`', w)) return;
    if (ctx.env.lets.get(n.name.name)?.node === n) typeLet(n.name.name, ctx);
    else typeExpr(n.value, ctx);
  });
  r.statement('param', (n, ctx, w) => {
    if (notHere(ctx, n, '`param`', w)) return;
    const t = typeRoot(n.value, ctx);
    const lets = letLookup(ctx);
    const value = evalConst(n.value, lets);
    if (t.k !== 'error' && value === undefined) {
      ctx.report('MON3012', n.value.range, { detail: 'a param has a constant default value' });
      return;
    }
    if (n.lo === undefined || n.hi === undefined) return;
    const lo = evalConst(n.lo, lets);
    const hi = evalConst(n.hi, lets);
    typeExpr(n.lo, ctx);
    typeExpr(n.hi, ctx);
    if (lo === undefined || hi === undefined) {
      ctx.report(
        'MON3012',
        { start: n.lo.range.start, end: n.hi.range.end },
        { detail: "a param's range is constant" },
      );
      return;
    }
    if (value === undefined) return;
    const kinds = new Set(
      [value.k, lo.k, hi.k].map((k) => (k === 'percent' || k === 'number' ? 'ratio' : k)),
    );
    const rateLike = [value.k, lo.k, hi.k].every((k) => k === 'rate' || k === 'percent');
    if (kinds.size > 1 && !rateLike) {
      ctx.report(
        'MON4014',
        { start: n.lo.range.start, end: n.hi.range.end },
        { detail: 'the range and the value must have one type' },
      );
    } else if (D.cmp(lo.v, hi.v) > 0) {
      ctx.report(
        'MON4014',
        { start: n.lo.range.start, end: n.hi.range.end },
        { detail: 'the range is empty: its low end is above its high end' },
      );
    } else if (D.cmp(value.v, lo.v) < 0 || D.cmp(value.v, hi.v) > 0) {
      ctx.report('MON4014', n.value.range, { detail: 'the default value lies outside the range' });
    }
  });
  r.statement('economy', (n, ctx, w) => void notHere(ctx, n, 'an economy', w));
  r.statement('set', (n, ctx) => checkSet(n, ctx));
  r.statement('reserve_requirement', (n, ctx) => checkReserveRequirement(n, ctx));
  r.statement('remunerate', (n, ctx) => checkRemunerate(n, ctx));

  r.statement('trade', (n, ctx, w) => {
    checkAsset(n.asset, ctx);
    if (n.missingAmountAt !== undefined)
      missingAmount(
        n.missingAmountAt,
        ctx,
        n.op,
        `${n.op} ${n.asset.name || 'treasuries'} 10bn ${ctx.currency ?? 'USD'}`,
      );
    if (n.amount !== undefined) amountSlot(n.amount, ctx, { op: n.op });
    checkSchedule(n.schedule, ctx, w);
    if (n.counterparty !== undefined) checkParty(n.counterparty.party, ctx);
  });
  r.statement('hold', (n, ctx) => {
    checkAsset(n.what, ctx, ['sfp', 'tga']);
    amountSlot(n.level, ctx, { op: 'hold', nonNegative: true });
  });
  r.statement('runoff', (n, ctx) => {
    checkAsset(n.asset, ctx);
    if (n.cap !== undefined) amountSlot(n.cap, ctx, { op: 'runoff' });
    if (n.capFreq !== undefined) checkFrequency(n.capFreq, ctx);
  });
  r.statement('lend', (n, ctx, w) => {
    if (n.missingAmountAt !== undefined)
      missingAmount(
        n.missingAmountAt,
        ctx,
        'lend',
        `lend 10bn ${ctx.currency ?? 'USD'} to ${n.to.name || 'banks'}`,
      );
    if (n.amount !== undefined) amountSlot(n.amount, ctx, { op: 'lend' });
    if (n.from !== undefined) {
      const k = checkParty(n.from, ctx);
      if (k !== undefined && k !== 'bank' && k !== 'group' && !(k === 'sector' && n.from.name === 'banks')) {
        ctx.report('MON2013', n.from.range, {
          detail: `\`${n.from.name}\` is not a bank: \`lend … from\` names the bank that lends`,
        });
      }
    }
    checkParty(n.to, ctx);
    if (n.rate !== undefined) rateSlot(n.rate, ctx, 'the rate of a loan');
    if (n.term !== undefined) durationSlot(n.term, ctx, ['day', 'week', 'month', 'year']);
    checkSchedule(n.schedule, ctx, w);
  });
  r.statement('repay', (n, ctx) => {
    if (n.missingAmountAt !== undefined)
      missingAmount(
        n.missingAmountAt,
        ctx,
        'repay',
        `repay 10bn ${ctx.currency ?? 'USD'} from ${n.from.name || 'banks'}`,
      );
    if (n.amount !== undefined) amountSlot(n.amount, ctx, { op: 'repay' });
    checkParty(n.from, ctx);
    if (n.to !== undefined) checkParty(n.to, ctx);
  });
  r.statement('pay', (n, ctx) => {
    if (n.missingAmountAt !== undefined)
      missingAmount(
        n.missingAmountAt,
        ctx,
        'pay',
        `pay 10 ${ctx.currency ?? 'USD'} from ${n.from.name || 'X'} to ${n.to.name || 'Y'}`,
      );
    if (n.amount !== undefined) amountSlot(n.amount, ctx, { op: 'pay' });
    checkParty(n.from, ctx);
    checkParty(n.to, ctx);
  });
  r.statement('cash', (n, ctx) => {
    if (n.missingAmountAt !== undefined)
      missingAmount(n.missingAmountAt, ctx, n.op, `${n.op} 5bn ${ctx.currency ?? 'USD'} cash`);
    if (n.amount !== undefined) amountSlot(n.amount, ctx, { op: n.op });
    if (n.by !== undefined) checkParty(n.by, ctx);
  });
  r.statement('offer', (n, ctx, w) => {
    if (n.missingAmountAt !== undefined)
      missingAmount(
        n.missingAmountAt,
        ctx,
        'offer',
        `offer ${n.facility} 10bn ${ctx.currency ?? 'USD'} at 0.25%`,
      );
    if (n.amount !== undefined && n.amount !== 'unlimited') amountSlot(n.amount, ctx, { op: 'offer' });
    if (n.term !== undefined) durationSlot(n.term, ctx, ['day', 'week', 'month', 'year']);
    rateSlot(n.rate, ctx, 'the rate offered');
    checkSchedule(n.schedule, ctx, w);
  });
  r.statement('treasury', (n, ctx, w) => {
    if (n.missingAmountAt !== undefined)
      missingAmount(
        n.missingAmountAt,
        ctx,
        `treasury ${n.action}`,
        `treasury ${n.action} 10bn ${ctx.currency ?? 'USD'}`,
      );
    if (n.amount !== undefined) amountSlot(n.amount, ctx, { op: `treasury ${n.action}` });
    checkSchedule(n.schedule, ctx, w);
    if (n.counterparty !== undefined) checkParty(n.counterparty.party, ctx);
  });
  r.statement('post', (n, ctx) => checkPost(n, ctx));

  r.statement('on', (n, ctx) => {
    const iso = dateSlot(n.date, ctx, 'start');
    inPeriod(iso, n.date, ctx);
  });
  r.statement('when', (n, ctx) => conditionSlot(n.cond, ctx, '`when`'));
  r.statement('every', (n, ctx) => {
    if (n.period.kind === 'count') durationSlot(n.period.duration, ctx, ['day', 'week', 'month']);
  });

  r.statement('expect', (n, ctx, w) => {
    if (w.date === 'dynamic') {
      ctx.report(
        'MON1008',
        n.range,
        {
          what: '`expect`',
          where: `inside \`${w.block === 'on' ? 'on` under `when` or `every' : w.block}\``,
        },
        {
          hint: 'expectations are checked on fixed days: write `expect … on DATE`, `always` or a frequency at the top level',
        },
      );
      return;
    }
    const saved = ctx.scope;
    const scope = refsScope(ctx);
    ctx.scope = scope;
    try {
      conditionSlot(n.expr, ctx, '`expect`');
      if (n.within !== undefined) checkTolerance(n, n.within, ctx);
    } finally {
      // Read as `expectRefs.get(expectation) ?? []`: no entry for none.
      const refs = takeRefs(scope);
      if (refs !== undefined) ctx.expectRefs.set(n, refs);
      ctx.scope = saved;
    }
    const t = n.time;
    if (t === undefined) return;
    if (t.kind === 'on') {
      if (w.block === 'on')
        ctx.report(
          'MON1008',
          t.range,
          { what: 'a second date', where: 'on an expectation inside `on DATE`' },
          { hint: 'the block gives the date; drop this one or move the expectation out' },
        );
      inPeriod(dateSlot(t.date, ctx, 'start'), t.date, ctx);
    } else if (t.kind === 'freq') {
      checkFrequency(t.freq, ctx);
      checkWindow(t.from, t.until, undefined, ctx);
    }
  });
  r.statement('report', (n, ctx, w) => {
    if (notHere(ctx, n, '`report`', w)) return;
    for (const s of n.series) {
      const t = typeExpr(s.expr, ctx);
      if (t.k !== 'error' && !(T.isScalar(t) || t.k === 'money' || t.k === 'bool' || t.k === 'enum')) {
        ctx.report('MON3005', s.expr.range, {
          detail: `a report shows money, rates, ratios or numbers, not ${T.typeName(t)}`,
        });
      }
    }
    if (n.freq !== undefined) checkFrequency(n.freq, ctx);
  });
  r.statement('show', (n, ctx, w) => {
    if (notHere(ctx, n, '`show`', w)) return;
    for (const p of n.parties ?? []) checkParty(p, ctx, false);
    inPeriod(dateSlot(n.date, ctx, 'start'), n.date, ctx);
  });
}

function checkTolerance(n: A.StmtOf<'expect'>, within: A.Expr, ctx: CheckContext): void {
  const tt = typeExpr(within, ctx);
  if (tt.k === 'error') return;
  if (tt.k === 'percent') {
    if (evalConst(within, letLookup(ctx)) === undefined) {
      ctx.report('MON3012', within.range, { detail: 'a relative tolerance is a constant percentage' });
    }
    return;
  }
  const cmp = n.expr.kind === 'binary' ? n.expr : undefined;
  if (cmp === undefined || !isComparison(cmp.op)) return;
  const lt = typeOf(cmp.left, ctx) ?? T.ERROR;
  const rt = typeOf(cmp.right, ctx) ?? T.ERROR;
  const side = lt.k !== 'error' && lt.k !== 'percent' && lt.k !== 'number' ? lt : rt;
  if (side.k === 'error') return;
  const fits =
    (side.k === 'money' && tt.k === 'money' && (side.cur === null || tt.cur === side.cur)) ||
    (side.k === 'rate' && tt.k === 'rate') ||
    (T.isDimensionless(side) && T.isDimensionless(tt));
  if (fits) return;
  ctx.report(
    'MON3010',
    within.range,
    {
      detail: `the values compared are ${T.typeName(side)}, so an absolute tolerance is ${T.typeName(side)} too, not ${T.typeName(tt)}`,
    },
    { hint: 'or give a relative tolerance in percent: `within 0.1%`' },
  );
}

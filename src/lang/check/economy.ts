// Checks of the economy: its items, the opening holdings in accounting units, and the static balance
// (SPEC §4.6): every agent with a declared capital balances, and the central bank's assets equal its
// liabilities (reserves, vault cash and currency held by others, the treasury's accounts …) plus capital.
import { INSTRUMENTS, sideOf, type Instrument } from '../../plan/catalogue.js';
import { didYouMean } from '../../diagnostics/suggest.js';
import type * as A from '../ast.js';
import * as D from '../decimal.js';
import { formatMoney } from '../format-amount.js';
import type { AgentInfo, CheckContext } from './context.js';
import { evalConst } from './const.js';
import { agentName } from './env.js';
import { instrumentOf } from './lookup.js';
import { typeExpr } from './expressions.js';
import type { ValidationRegistry } from './registry.js';
import { checkAsset, checkReserveRequirement, checkRemunerate, checkSet } from './statements.js';
import { dateSlot, durationSlot, letLookup } from './slots.js';
import * as T from './types.js';

const MAX_UNITS = 2n ** 53n;

/** The instruments the central bank owes to whoever holds them. */
const CB_LIABILITIES: readonly Instrument[] = [
  'reserves',
  'vault_cash',
  'currency',
  'tga',
  'sfp',
  'term_deposits',
  'reverse_repos',
];

// Opening holdings of literal amounts in accounting units, by the unit and the literal's text: the
// economies of the stdlib are checked again by every script that uses one. Only amounts that are whole
// numbers of units within range are kept, so that a hit has nothing to report. Bounded by unit and text.
const literalUnitsByUnit = new Map<string, Map<string, bigint>>();

let lastUnit: D.Decimal | undefined;
let lastUnits: Map<string, bigint> | undefined;

function unitsOfLiterals(unit: D.Decimal): Map<string, bigint> {
  // An economy's holdings come one after the other: the last unit's table, without making its key.
  if (unit === lastUnit && lastUnits !== undefined) return lastUnits;
  const key = `${unit.int}e-${unit.scale}`;
  let m = literalUnitsByUnit.get(key);
  if (m === undefined) {
    if (literalUnitsByUnit.size > 100) literalUnitsByUnit.clear();
    m = new Map();
    literalUnitsByUnit.set(key, m);
  }
  lastUnit = unit;
  lastUnits = m;
  return m;
}

/**
 * The amount of a holding in accounting units, or undefined when it cannot be known (reported). Bare
 * numbers are in the economy's currency; amounts are rounded half-to-even to the unit (with a warning).
 */
export function holdingUnits(e: A.Expr, ctx: CheckContext, allowNegative: boolean): bigint | undefined {
  const known = ctx.holdingUnits.get(e);
  if (known !== undefined) return known;
  const t = typeExpr(e, ctx);
  if (t.k === 'error') return undefined;
  const cur = ctx.currency;
  const eco = ctx.env.economy;
  if (t.k !== 'money' && t.k !== 'number') {
    ctx.report('MON3005', e.range, { detail: `a holding is an amount of money, not ${T.typeName(t)}` });
    return undefined;
  }
  if (t.k === 'money' && cur !== null && t.cur !== null && t.cur !== cur) {
    ctx.report('MON3002', e.range, {
      detail: `this amount is in ${t.cur}, but the economy's currency is ${cur}`,
    });
    return undefined;
  }
  // A literal that came out whole and in range before, in the same unit, does again (and reports nothing).
  const literalUnits =
    (e.kind === 'amount' || e.kind === 'number') && eco?.unit !== undefined
      ? unitsOfLiterals(eco.unit)
      : undefined;
  const knownUnits = literalUnits?.get((e as A.Expr & { raw: string }).raw);
  if (knownUnits !== undefined) {
    ctx.holdingUnits.set(e, knownUnits);
    return knownUnits;
  }
  const v = evalConst(e, letLookup(ctx));
  if (v === undefined) {
    ctx.report(
      'MON3012',
      e.range,
      { detail: 'an opening holding is a constant amount' },
      {
        hint: 'write a literal such as `10bn`, or a `let` constant',
      },
    );
    return undefined;
  }
  if (!allowNegative && D.sign(v.v) < 0) {
    ctx.report(
      'MON3006',
      e.range,
      { op: 'a holding', value: formatMoney(v.v, cur) },
      { hint: 'holdings are balances: zero or more' },
    );
    return undefined;
  }
  const unit = eco?.unit;
  if (unit === undefined) return undefined;
  const units = D.divRoundHalfEven(v.v, unit);
  if ((units < 0n ? -units : units) > MAX_UNITS) {
    ctx.report(
      'MON3007',
      e.range,
      {
        detail: `${formatMoney(v.v, cur)} is beyond the exact range of this economy (2^53 units of ${formatMoney(unit, cur)})`,
      },
      { hint: `declare a larger accounting unit, e.g. \`unit 1m ${cur ?? 'USD'}\`` },
    );
    return undefined;
  }
  if (D.cmp(D.mul(D.dec(units), unit), v.v) !== 0) {
    ctx.report('MON3013', e.range, {
      value: formatMoney(v.v, cur),
      unit: formatMoney(unit, cur),
      rounded: formatMoney(D.mul(D.dec(units), unit), cur),
    });
  } else if (literalUnits !== undefined) {
    if (literalUnits.size > 10_000) literalUnits.clear();
    literalUnits.set((e as A.Expr & { raw: string }).raw, units);
  }
  ctx.holdingUnits.set(e, units);
  return units;
}

function checkHoldings(item: A.AgentItem, ctx: CheckContext): void {
  const isGroup = item.agentKind === 'banks';
  for (const h of item.holdings ?? []) {
    switch (h.kind) {
      case 'holding': {
        const instrument = instrumentOf(h.instrument.name);
        if (instrument === undefined) {
          const guess = didYouMean(h.instrument.name, INSTRUMENTS);
          ctx.report(
            'MON2002',
            h.instrument.range,
            { name: h.instrument.name },
            guess ? { hint: `did you mean \`${guess}\`?` } : {},
          );
          typeExpr(h.amount, ctx);
          break;
        }
        holdingUnits(h.amount, ctx, instrument === 'capital');
        break;
      }
      case 'lends': {
        const to = ctx.env.economy?.agents.get(h.to.name);
        if (to === undefined) {
          const guess = didYouMean(h.to.name, ctx.env.economy?.agents.keys() ?? []);
          ctx.report(
            'MON2004',
            h.to.range,
            { name: h.to.name },
            guess ? { hint: `did you mean \`${guess}\`?` } : {},
          );
        } else if (to.item === item) {
          ctx.report('MON2013', h.to.range, { detail: 'an agent cannot lend to itself' });
        }
        holdingUnits(h.amount, ctx, false);
        break;
      }
      case 'yield': {
        // Securities and bank loans carry yields (a bank's `yield loans` is its lending rate).
        if (h.instrument.name !== 'loans') checkAsset(h.instrument, ctx);
        const t = typeExpr(h.rate, ctx);
        if (t.k !== 'error' && t.k !== 'rate' && t.k !== 'percent') {
          ctx.report('MON3005', h.rate.range, { detail: `a yield is a rate, not ${T.typeName(t)}` });
        } else if (t.k !== 'error' && evalConst(h.rate, letLookup(ctx)) === undefined) {
          ctx.report(
            'MON3012',
            h.rate.range,
            { detail: 'a yield in the economy is a constant rate' },
            { hint: 'use `set yield.ASSET = …` for a rule' },
          );
        }
        break;
      }
      case 'maturity':
        checkAsset(h.instrument, ctx);
        durationSlot(h.duration, ctx, ['month', 'year']);
        break;
      case 'sizes':
        if (!isGroup)
          ctx.report(
            'MON1008',
            h.range,
            { what: '`sizes`', where: 'outside a group of banks' },
            { hint: 'declare a group: `banks NAME COUNT { … }`' },
          );
        else if (D.parseDecimal(h.param) === undefined)
          ctx.report('MON3007', h.range, { detail: `\`${h.param}\` is not a finite number` });
        break;
      case 'flag':
        break;
    }
  }
}

interface Sheet {
  assets: bigint;
  liabilities: bigint;
  capital: bigint | undefined;
  /** False when an amount could not be worked out (already reported). */
  known: boolean;
}

function sheets(ctx: CheckContext): Map<string, Sheet> {
  const eco = ctx.env.economy!;
  const out = new Map<string, Sheet>();
  for (const a of eco.agents.values())
    out.set(a.name, { assets: 0n, liabilities: 0n, capital: undefined, known: true });
  for (const a of eco.agents.values()) {
    const sheet = out.get(a.name)!;
    for (const h of a.item.holdings ?? []) {
      if (h.kind !== 'holding' && h.kind !== 'lends') continue;
      const units = ctx.holdingUnits.get(h.amount);
      if (units === undefined) {
        sheet.known = false;
        continue;
      }
      if (h.kind === 'lends') {
        sheet.assets += units;
        const to = out.get(h.to.name);
        if (to !== undefined) to.liabilities += units;
        continue;
      }
      const instrument = instrumentOf(h.instrument.name);
      if (instrument === undefined) continue;
      const side = sideOf(a.kind, instrument);
      if (side === 'equity') sheet.capital = (sheet.capital ?? 0n) + units;
      else if (side === 'asset') sheet.assets += units;
      else if (a.kind !== 'central_bank' || !CB_LIABILITIES.includes(instrument)) sheet.liabilities += units;
    }
  }
  return out;
}

function money(units: bigint, ctx: CheckContext): string {
  return formatMoney(D.mul(D.dec(units), ctx.env.economy!.unit!), ctx.currency);
}

function describeGap(
  kindWord: string,
  a: AgentInfo,
  s: Sheet,
  liabilities: bigint,
  ctx: CheckContext,
): string {
  const capital = s.capital ?? 0n;
  const gap = s.assets - liabilities - capital;
  const side =
    gap < 0n ? `assets fall short by ${money(-gap, ctx)}` : `assets exceed them by ${money(gap, ctx)}`;
  return `${kindWord} \`${a.name}\` does not balance: assets ${money(s.assets, ctx)}, liabilities ${money(liabilities, ctx)} and capital ${money(capital, ctx)}; ${side}`;
}

const KIND_WORD: Readonly<Record<string, string>> = {
  central_bank: 'central bank',
  treasury: 'treasury',
  bank: 'bank',
  group: 'bank group',
  lender: 'lender',
  public: 'public',
  firm: 'firm',
};

/** An agent's holdings (not `lends`) in accounting units, summed by instrument; unknown amounts count 0. */
function holdingTotals(a: AgentInfo, ctx: CheckContext): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const h of a.item.holdings ?? []) {
    if (h.kind !== 'holding') continue;
    const instrument = instrumentOf(h.instrument.name);
    if (instrument === undefined) continue;
    out.set(instrument, (out.get(instrument) ?? 0n) + (ctx.holdingUnits.get(h.amount) ?? 0n));
  }
  return out;
}

function checkBalance(ctx: CheckContext): void {
  const eco = ctx.env.economy;
  if (eco === undefined || eco.unit === undefined || eco.currency === undefined) return;
  const all = sheets(ctx);
  const agents = [...eco.agents.values()];
  // Each agent's holdings summed by instrument, once, rather than a pass over every agent's holdings for
  // each of the central bank's liabilities.
  let totals: Map<string, bigint>[] | undefined;
  for (const a of agents) {
    const s = all.get(a.name)!;
    if (!s.known) continue;
    if (a.kind === 'central_bank') {
      totals ??= agents.map((b) => holdingTotals(b, ctx));
      const own = totals[agents.indexOf(a)];
      let liabilities = s.liabilities;
      for (const instrument of CB_LIABILITIES) {
        let others = 0n;
        for (let j = 0; j < agents.length; j++) {
          const b = agents[j];
          if (b === a || sideOf(b.kind, instrument) !== 'asset') continue;
          others += totals[j].get(instrument) ?? 0n;
        }
        const ownUnits = own.get(instrument) ?? 0n;
        if (others > 0n && ownUnits > 0n && others !== ownUnits) {
          ctx.reportIn(
            a.file,
            'MON4006',
            a.item.range,
            {
              detail: `central bank \`${a.name}\` declares ${instrument} of ${money(ownUnits, ctx)}, but the other agents hold ${money(others, ctx)}`,
            },
            { hint: `leave out the central bank's ${instrument}: it is the total the others hold` },
          );
          return;
        }
        liabilities += others > 0n ? others : ownUnits;
      }
      if (s.assets !== liabilities + (s.capital ?? 0n)) {
        ctx.reportIn(
          a.file,
          'MON4006',
          a.item.range,
          { detail: describeGap('central bank', a, s, liabilities, ctx) },
          {
            hint: "the central bank's liabilities are the reserves, vault cash and currency the others hold and the treasury's accounts",
          },
        );
      }
      continue;
    }
    if (s.capital === undefined) continue; // equity is the residual
    if (s.assets !== s.liabilities + s.capital) {
      ctx.reportIn(
        a.file,
        'MON4006',
        a.item.range,
        { detail: describeGap(KIND_WORD[a.kind] ?? a.kind, a, s, s.liabilities, ctx) },
        {
          hint: 'without `capital` the equity is the residual; with it, assets must equal liabilities + capital',
        },
      );
    }
  }
}

function checkAgents(s: A.StmtOf<'economy'>, ctx: CheckContext): void {
  const eco = ctx.env.economy;
  if (eco === undefined || eco.stmt !== s) return;
  const byKind = (k: string): AgentInfo[] => [...eco.agents.values()].filter((a) => a.kind === k);
  const cbs = byKind('central_bank');
  if (cbs.length === 0) {
    ctx.report(
      'MON4010',
      s.name.range,
      { detail: `economy \`${s.name.name}\` has no central bank` },
      { hint: 'add `central_bank NAME`' },
    );
  }
  for (const [kind, word] of [
    ['central_bank', 'central bank'],
    ['treasury', 'treasury'],
    ['public', 'public'],
  ] as const) {
    for (const extra of byKind(kind).slice(1)) {
      ctx.report('MON4010', extra.item.range, {
        detail: `an economy has one ${word}; \`${extra.name}\` is a second`,
      });
    }
  }
}

export function registerEconomyChecks(r: ValidationRegistry): void {
  /** An item that an economy has at most once (per check: the same AST may be checked again). */
  const once = (what: string, item: A.EconomyItem, ctx: CheckContext): boolean => {
    if (ctx.declared.has(what)) {
      ctx.report('MON4008', item.range, { what: `\`${what}\`` });
      return false;
    }
    ctx.declared.add(what);
    return true;
  };
  r.economyItem('currency', (n, ctx) => void once('currency', n, ctx));
  r.economyItem('unit', (n, ctx) => {
    if (!once('unit', n, ctx)) return;
    const t = typeExpr(n.value, ctx);
    if (t.k === 'error') return;
    const cur = ctx.currency;
    const v = evalConst(n.value, letLookup(ctx));
    if (t.k !== 'money' && t.k !== 'number') {
      ctx.report('MON4012', n.value.range, {
        detail: `the unit is an amount of money, not ${T.typeName(t)}`,
      });
    } else if (t.k === 'money' && cur !== null && t.cur !== cur) {
      ctx.report('MON4012', n.value.range, {
        detail: `the unit is in ${t.cur}, but the economy's currency is ${cur}`,
      });
    } else if (v === undefined) {
      ctx.report('MON3012', n.value.range, { detail: 'the accounting unit is a constant' });
    } else if (D.sign(v.v) <= 0) {
      ctx.report('MON4012', n.value.range, { detail: 'the unit must be a positive amount' });
    }
  });
  r.economyItem('maintenance', (n, ctx) => {
    if (!once('maintenance', n, ctx)) return;
    if (n.length !== 'monthly') durationSlot(n.length, ctx, ['day', 'week']);
    if (n.from !== undefined) dateSlot(n.from, ctx, 'start');
    if (n.lag !== undefined) durationSlot(n.lag, ctx, ['day', 'week']);
  });
  r.economyItem('agent', (n, ctx) => {
    if (n.agentKind === 'banks') {
      const c = n.count === undefined ? undefined : D.parseDecimal(n.count.raw);
      if (n.count !== undefined && (c === undefined || c.scale !== 0 || c.int <= 0n || c.int > 10_000_000n)) {
        ctx.report('MON4010', n.count.range, {
          detail: 'a group has a whole, positive number of banks (at most 10,000,000)',
        });
      }
    }
    if (n.homeBank !== undefined) {
      const home = ctx.env.economy?.agents.get(n.homeBank.name);
      if (home === undefined) {
        const guess = didYouMean(n.homeBank.name, ctx.env.economy?.agents.keys() ?? []);
        ctx.report(
          'MON2004',
          n.homeBank.range,
          { name: n.homeBank.name },
          guess ? { hint: `did you mean \`${guess}\`?` } : {},
        );
      } else if (home.kind !== 'bank' && home.kind !== 'group') {
        ctx.report('MON2013', n.homeBank.range, {
          detail: `firm \`${agentName(n)}\` banks with \`${home.name}\`, which is not a bank`,
        });
      }
    }
    checkHoldings(n, ctx);
  });
  r.economyItem('set', (n, ctx) => checkSet(n, ctx));
  r.economyItem('reserve_requirement', (n, ctx) => checkReserveRequirement(n, ctx));
  r.economyItem('remunerate', (n, ctx) => checkRemunerate(n, ctx));

  r.statement('economy', (n, ctx) => {
    const eco = ctx.env.economy;
    if (eco === undefined || eco.stmt !== n) return;
    if (eco.currency === undefined) ctx.report('MON4005', n.name.range, { name: n.name.name });
    checkAgents(n, ctx);
  });
  r.whole((ctx) => {
    const eco = ctx.env.economy;
    if (eco !== undefined) ctx.inFile(eco.file, () => checkBalance(ctx));
  });
}

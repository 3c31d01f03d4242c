// The typed slots of statements: an amount, a rate, a condition, a date. Each types its expression and
// reports, in the words of the slot, what does not fit.
import type * as A from '../ast.js';
import { isoDay, parseDate } from '../dates.js';
import * as D from '../decimal.js';
import { formatMoney } from '../format-amount.js';
import type { CheckContext } from './context.js';
import { evalConst } from './const.js';
import { typeExpr } from './expressions.js';
import * as T from './types.js';

const MAX_UNITS = D.dec(2n ** 53n);

export function letLookup(ctx: CheckContext): (name: string) => A.Expr | undefined {
  return ctx.letValue;
}

/**
 * An amount of money in the economy's currency; a bare number means that currency. `op` names the
 * operation whose amount must be positive (SPEC §4.1); `nonNegative` allows zero.
 */
export function amountSlot(
  e: A.Expr,
  ctx: CheckContext,
  opts: { op?: string; nonNegative?: boolean } = {},
): void {
  const t = typeExpr(e, ctx);
  if (t.k === 'error') return;
  const cur = ctx.currency;
  if (t.k === 'money') {
    if (cur !== null && t.cur !== null && t.cur !== cur) {
      ctx.report(
        'MON3002',
        e.range,
        { detail: `this amount is in ${t.cur}, but the economy's currency is ${cur}` },
        {
          hint: `write the amount in ${cur}`,
        },
      );
      return;
    }
  } else if (t.k !== 'number') {
    ctx.report(
      'MON3005',
      e.range,
      { detail: `expected an amount of money, found ${T.typeName(t)}` },
      {
        hint: cur === null ? 'write an amount such as `10bn USD`' : `write an amount such as \`10bn ${cur}\``,
      },
    );
    return;
  }
  const v = evalConst(e, letLookup(ctx));
  if (v === undefined) return;
  const sign = D.sign(v.v);
  if (opts.op !== undefined && (sign < 0 || (sign === 0 && opts.nonNegative !== true))) {
    ctx.report('MON3006', e.range, { op: opts.op, value: formatMoney(v.v, v.k === 'money' ? v.cur : cur) });
    return;
  }
  checkUnits(e, v.v, ctx);
}

/** A ledger amount must be a whole number of accounting units within 2^53 of them. */
export function checkUnits(e: A.Expr, value: D.Decimal, ctx: CheckContext): void {
  const unit = ctx.env.economy?.unit;
  if (unit === undefined) return;
  const units = D.divRoundHalfEven(value, unit);
  if (D.cmp(D.dec(units < 0n ? -units : units), MAX_UNITS) > 0) {
    ctx.report(
      'MON3007',
      e.range,
      {
        detail: `${formatMoney(value, ctx.currency)} is beyond the exact range of this economy (2^53 units of ${formatMoney(unit, ctx.currency)})`,
      },
      { hint: 'declare a larger accounting unit, e.g. `unit 1m ' + (ctx.currency ?? 'USD') + '`' },
    );
  }
}

/** A rate: `0.25%`, `35bp`, or an expression of type Rate. */
export function rateSlot(e: A.Expr, ctx: CheckContext, what: string): void {
  const t = typeExpr(e, ctx);
  if (t.k === 'error' || t.k === 'rate' || t.k === 'percent') return;
  ctx.report(
    'MON3005',
    e.range,
    { detail: `${what} is a rate, not ${T.typeName(t)}` },
    {
      hint: t.k === 'number' ? 'write a rate with its unit: `0.25%` or `25bp`' : undefined,
    },
  );
}

export function conditionSlot(e: A.Expr, ctx: CheckContext, what: string): void {
  const t = typeExpr(e, ctx);
  if (t.k === 'error' || t.k === 'bool') return;
  ctx.report('MON3009', e.range, { detail: `${what} needs a condition, not ${T.typeName(t)}` });
}

/** A date literal's ISO day (`as` a start or an end), or undefined when it is not a real date (reported). */
export function dateSlot(d: A.DateLit, ctx: CheckContext, as: 'start' | 'end'): string | undefined {
  if (d.raw === '') return undefined;
  const iso = isoDay(d.raw, as);
  if (iso === undefined) {
    const p = parseDate(d.raw);
    ctx.report('MON4001', d.range, { raw: d.raw, reason: 'error' in p ? p.error : 'not a date' });
  }
  return iso;
}

function plural(units: readonly string[]): string {
  const words = units.map((u) => `${u}s`);
  return words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** A positive whole count with a unit; `units` lists the units allowed here (singular). */
export function durationSlot(
  d: A.DurationLit,
  ctx: CheckContext,
  units: readonly string[],
): { n: number; unit: string } | undefined {
  const v = D.parseDecimal(d.raw);
  const unit = d.unit.replace(/s$/, '');
  if (v === undefined || v.scale !== 0 || v.int <= 0n || v.int > 100_000n) {
    ctx.report('MON3015', d.range, {
      detail: `\`${d.raw} ${d.unit}\`: a duration is a whole positive number of ${plural(units)}`,
    });
    return undefined;
  }
  if (!units.includes(unit)) {
    ctx.report('MON3015', d.range, { detail: `a duration here is in ${plural(units)}, not ${d.unit}` });
    return undefined;
  }
  return { n: Number(v.int), unit };
}

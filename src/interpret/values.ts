// Conversions between the interpreter's numeric representations and what people read: money in major
// units of the currency, rates in percent, ratios and numbers as plain numbers, dates as ISO strings.
import { isoFromDay } from '../engine/calendar.js';
import type { ExprType } from '../plan/types.js';
import { parseDec, type Dec } from './decimal.js';
import type { Value } from './expr.js';

export class Units {
  readonly unit: Dec;
  readonly unitMajor: number;
  /** When the unit is a power of ten, 10^-k: divide by 10^k for exactly rounded major amounts. */
  private readonly pow10: number | null;

  constructor(
    unitText: string,
    readonly currency: string,
  ) {
    this.unit = parseDec(unitText);
    this.unitMajor = Number(unitText);
    const digits = this.unit.m.toString();
    this.pow10 = /^10*$/.test(digits) ? digits.length - 1 - this.unit.scale : null;
  }

  /** Accounting units → major units. */
  major(units: number): number {
    if (this.pow10 === null) return units * this.unitMajor;
    return this.pow10 >= 0 ? units * 10 ** this.pow10 : units / 10 ** -this.pow10;
  }

  /** A value in the representation shown to people (JSON, CSV, tables). */
  display(t: ExprType, v: Value): number | string | boolean | null {
    if (typeof v === 'object') return null;
    if (typeof v !== 'number') return v;
    if (!Number.isFinite(v)) return null;
    switch (t) {
      case 'money':
        return this.major(v);
      case 'rate':
        return v / 1e6;
      case 'ratio':
        return v / 1e8;
      case 'date':
        return isoFromDay(v);
      default:
        return v;
    }
  }

  /** Human text: `1,234.5 USD`, `0.25%`, `10`, `2008-09-15`. */
  format(t: ExprType, v: Value): string {
    if (typeof v === 'object') return `${this.format('rate', v.lo)} to ${this.format('rate', v.hi)}`;
    const d = this.display(t, v);
    if (d === null) return String(v);
    if (typeof d !== 'number') return String(d);
    if (t === 'money') return `${formatNumber(d)} ${this.currency}`;
    if (t === 'rate') return `${formatNumber(d, 6)}%`;
    return formatNumber(d, 6);
  }
}

const formatters = new Map<number, Intl.NumberFormat>();

/** Grouped thousands, from `minFraction` to `maxFraction` decimals (no trailing zeros beyond `minFraction`). */
export function formatNumber(x: number, maxFraction = 2, minFraction = 0): string {
  if (!Number.isFinite(x)) return String(x);
  const key = maxFraction * 32 + minFraction;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat('en-US', {
      maximumFractionDigits: maxFraction,
      minimumFractionDigits: minFraction,
      useGrouping: true,
    });
    formatters.set(key, f);
  }
  // −0 prints as 0: a balance that rounds to nothing has no sign.
  return f.format(x === 0 ? 0 : x);
}

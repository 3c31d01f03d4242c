// Amounts in messages, the way a script writes them: `40 USD`, `2.5bn USD`.
import * as D from './decimal.js';

const MAGNITUDES: [number, string][] = [
  [12, 'tn'],
  [9, 'bn'],
  [6, 'm'],
];

/** From 1000tn on, an amount reads better as a script would write it with an exponent: `1e99`, `2.5e20`. */
const EXPONENT_FROM = 15;

function withExponent(v: D.Decimal): string {
  const sign = v.int < 0n ? '-' : '';
  let digits = (v.int < 0n ? -v.int : v.int).toString();
  const exp = digits.length - 1 - v.scale;
  digits = digits.replace(/0+$/, '');
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${mantissa}e${exp}`;
}

export function formatNumber(v: D.Decimal): string {
  const abs = v.int < 0n ? D.neg(v) : v;
  if (D.cmp(abs, D.dec(D.pow10(EXPONENT_FROM))) >= 0) return withExponent(v);
  for (const [exp, suffix] of MAGNITUDES) {
    if (D.cmp(abs, D.dec(D.pow10(exp))) >= 0) {
      const scaled = D.shift(v, -exp);
      if (scaled.scale <= 3) return `${D.toString(scaled)}${suffix}`;
    }
  }
  return D.toString(v);
}

export function formatMoney(v: D.Decimal, cur: string | null): string {
  return cur === null ? formatNumber(v) : `${formatNumber(v)} ${cur}`;
}

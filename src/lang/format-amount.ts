// Amounts in messages, the way a script writes them: `40 USD`, `2.5bn USD`.
import * as D from './decimal.js';

const MAGNITUDES: [number, string][] = [
  [12, 'tn'],
  [9, 'bn'],
  [6, 'm'],
];

export function formatNumber(v: D.Decimal): string {
  const abs = v.int < 0n ? D.neg(v) : v;
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

// Exact decimal literals (as written in the plan) turned into the interpreter's numeric representations
// without passing through binary floating point on the way.

/** A decimal as integer mantissa × 10^-scale. */
export interface Dec {
  m: bigint;
  scale: number;
}

export function parseDec(text: string): Dec {
  const s = text.trim().replace(/_/g, '');
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) throw new Error(`not a decimal: ${text}`);
  const sign = match[1] === '-' ? -1n : 1n;
  const intPart = match[2] || '0';
  const frac = match[3] ?? '';
  const exp = match[4] ? Number.parseInt(match[4], 10) : 0;
  let m = BigInt(intPart + frac) * sign;
  let scale = frac.length - exp;
  if (scale < 0) {
    m *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { m, scale };
}

/** a / b as the nearest float, computed from exact integers (correctly rounded when the quotient is exact). */
export function divDec(a: Dec, b: Dec): number {
  // a/b = (a.m × 10^b.scale) / (b.m × 10^a.scale)
  const num = a.m * 10n ** BigInt(b.scale);
  const den = b.m * 10n ** BigInt(a.scale);
  if (den === 0n) return NaN;
  const q = num / den;
  const r = num % den;
  if (r === 0n) return Number(q);
  // Keep 17 significant digits of the fractional part for non-integral quotients.
  const SCALE = 10n ** 18n;
  return Number(q) + Number((r * SCALE) / den) / 1e18;
}

/** The decimal as a float (nearest). */
export function decToNumber(d: Dec): number {
  return Number(`${d.m}e-${d.scale}`);
}

/** Rates and ratios are integers of 10^-8 (as fractions). Exact for literals with ≤ 8 decimals. */
export const GRID = 1e8;

export function decToGrid(text: string): number {
  const d = parseDec(text);
  if (d.scale <= 8) return Number(d.m * 10n ** BigInt(8 - d.scale));
  const div = 10n ** BigInt(d.scale - 8);
  return Number(roundHalfEvenBig(d.m, div));
}

function roundHalfEvenBig(n: bigint, div: bigint): bigint {
  let q = n / div;
  let r = n % div;
  if (r < 0n) {
    r = -r;
  }
  const twice = 2n * r;
  if (twice > div || (twice === div && q % 2n !== 0n)) q += n < 0n ? -1n : 1n;
  return q;
}

/** Round half to even to an integer. */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const diff = x - f;
  if (diff > 0.5) return f + 1;
  if (diff < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** A float fraction (from the rate model) rounded to the 10^-8 grid. */
export function toGrid(fraction: number): number {
  return roundHalfEven(fraction * GRID);
}

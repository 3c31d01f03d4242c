// Exact decimals for literals: value = int × 10^-scale. Money, rates and ratios in a script are decimal
// numbers; converting them through float64 would make `0.1 + 0.2` and `97222.22 USD` inexact.

export interface Decimal {
  int: bigint;
  scale: number;
}

/** Exponents beyond this are not finite in float64 either; refusing them keeps 10^n affordable. */
export const MAX_EXPONENT = 400;

const MAGNITUDE: Readonly<Record<string, number>> = { k: 3, m: 6, bn: 9, tn: 12 };

const pow10Cache: bigint[] = [];
export function pow10(n: number): bigint {
  if (n < 64) return (pow10Cache[n] ??= 10n ** BigInt(n));
  return 10n ** BigInt(n);
}

export function dec(int: bigint, scale = 0): Decimal {
  return { int, scale };
}

/**
 * Parses a numeric literal: digits with `_`, a fraction, an exponent and a magnitude suffix (`k`, `m`, `bn`,
 * `tn`). Undefined when it is not a number or its exponent is out of range (|e| > MAX_EXPONENT).
 */
export function parseDecimal(raw: string): Decimal | undefined {
  let d = parsed.get(raw);
  if (d === undefined) {
    // Literals repeat; the cache is bounded so that no input can grow it without limit.
    if (parsed.size > 50_000) parsed.clear();
    d = parseDecimalUncached(raw) ?? null;
    parsed.set(raw, d);
  }
  return d ?? undefined;
}

const parsed = new Map<string, Decimal | null>();

function parseDecimalUncached(raw: string): Decimal | undefined {
  const m = /^(\d[\d_]*)(?:\.(\d[\d_]*))?(?:[eE]([+-]?\d+))?(k|m|bn|tn)?$/.exec(raw);
  if (m === null) return undefined;
  const whole = m[1].replace(/_/g, '');
  const frac = (m[2] ?? '').replace(/_/g, '');
  const exp = m[3] === undefined ? 0 : Number(m[3]);
  const mag = m[4] === undefined ? 0 : MAGNITUDE[m[4]];
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > MAX_EXPONENT) return undefined;
  const shift = exp + mag - frac.length;
  const int = BigInt(whole + frac);
  return normalize(shift >= 0 ? { int: int * pow10(shift), scale: 0 } : { int, scale: -shift });
}

/** Removes trailing zeros of the fraction. */
export function normalize(d: Decimal): Decimal {
  let { int, scale } = d;
  while (scale > 0 && int % 10n === 0n) {
    int /= 10n;
    scale--;
  }
  return { int, scale };
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  if (a.scale === b.scale) return [a.int, b.int, a.scale];
  if (a.scale > b.scale) return [a.int, b.int * pow10(a.scale - b.scale), a.scale];
  return [a.int * pow10(b.scale - a.scale), b.int, b.scale];
}

export function add(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = align(a, b);
  return normalize({ int: x + y, scale });
}

export function sub(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = align(a, b);
  return normalize({ int: x - y, scale });
}

export function mul(a: Decimal, b: Decimal): Decimal {
  return normalize({ int: a.int * b.int, scale: a.scale + b.scale });
}

export function neg(a: Decimal): Decimal {
  return { int: -a.int, scale: a.scale };
}

export function cmp(a: Decimal, b: Decimal): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function sign(a: Decimal): number {
  return a.int < 0n ? -1 : a.int > 0n ? 1 : 0;
}

/** a × 10^n */
export function shift(a: Decimal, n: number): Decimal {
  return normalize(shiftScale(a.int, a.scale - n));
}

/** Exact quotient a / b when it terminates within `maxScale` digits; undefined otherwise or for b = 0. */
export function divExact(a: Decimal, b: Decimal, maxScale = 40): Decimal | undefined {
  if (b.int === 0n) return undefined;
  // a/b = (a.int / b.int) × 10^(b.scale − a.scale)
  for (let extra = 0; extra <= maxScale; extra++) {
    const num = a.int * pow10(extra);
    if (num % b.int === 0n) return normalize(shiftScale(num / b.int, a.scale + extra - b.scale));
  }
  return undefined;
}

function shiftScale(int: bigint, scale: number): Decimal {
  return scale >= 0 ? { int, scale } : { int: int * pow10(-scale), scale: 0 };
}

/** a / b rounded half-to-even to an integer (b ≠ 0). */
export function divRoundHalfEven(a: Decimal, b: Decimal): bigint {
  // a/b = (a.int × 10^b.scale) / (b.int × 10^a.scale)
  let num = a.int * pow10(b.scale);
  let den = b.int * pow10(a.scale);
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  let q = num / den;
  let r = num % den;
  if (r < 0n) {
    q -= 1n;
    r += den;
  }
  const twice = 2n * r;
  if (twice > den || (twice === den && q % 2n !== 0n)) q += 1n;
  return q;
}

/** Plain decimal notation without exponent: "1000000000", "0.0025", "-1.5". */
export function toString(a: Decimal): string {
  const n = normalize(a);
  const negative = n.int < 0n;
  const digits = (negative ? -n.int : n.int).toString();
  if (n.scale === 0) return (negative ? '-' : '') + digits;
  const padded = digits.padStart(n.scale + 1, '0');
  const body = `${padded.slice(0, padded.length - n.scale)}.${padded.slice(padded.length - n.scale)}`;
  return (negative ? '-' : '') + body;
}

export function toNumber(a: Decimal): number {
  return Number(toString(a));
}

export function isInteger(a: Decimal): boolean {
  return normalize(a).scale === 0;
}

export const ZERO: Decimal = { int: 0n, scale: 0 };

// Exact arithmetic on integers of the accounting unit held in float64, rates on the 1e-8 grid, the normal
// distribution and a seeded PRNG. Everything here is pure and allocation-free on its common paths.

/** Largest integer that float64 holds exactly (2^53). Amounts beyond it are an error (MON7002). */
export const MAX_EXACT = 2 ** 53;
/** Rates and ratios are exact decimals on a grid of 1e-8 (0.000001%). */
export const RATE_SCALE = 1e8;
/** act/360 with rates scaled by RATE_SCALE: interest = Σ(amount × rateInt × days) / DAY_COUNT_SCALE. */
export const DAY_COUNT_SCALE = 360 * RATE_SCALE;

/** Rounds to the nearest integer, ties to even. */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f * 0.5 === Math.floor(f * 0.5) ? f : f + 1;
}

/** A rate or ratio as an integer of 1e-8 (the grid every rate lives on). */
export function rateToInt(r: number): number {
  return Math.round(r * RATE_SCALE);
}

/** Rounds a computed rate to the 1e-8 grid (half-to-even). */
export function roundRate(r: number): number {
  return roundHalfEven(r * RATE_SCALE) / RATE_SCALE;
}

/**
 * round-half-even(p / d) for an exactly held non-negative integer p and a positive integer d.
 * Exact while p ≤ 2^53.
 */
export function divRoundHalfEven(p: number, d: number): number {
  if (p < 0) return -divRoundHalfEven(-p, d);
  let q = Math.floor(p / d);
  let rem = p - q * d;
  if (rem < 0) {
    q -= 1;
    rem += d;
  } else if (rem >= d) {
    q += 1;
    rem -= d;
  }
  const twice = rem * 2;
  if (twice > d || (twice === d && q * 0.5 !== Math.floor(q * 0.5))) q += 1;
  return q;
}

function bigDivRoundHalfEven(p: bigint, d: bigint): bigint {
  const neg = p < 0n;
  const a = neg ? -p : p;
  let q = a / d;
  const rem = a - q * d;
  const twice = rem * 2n;
  if (twice > d || (twice === d && q % 2n !== 0n)) q += 1n;
  return neg ? -q : q;
}

/**
 * round-half-even(a × k / 1e8), exactly, for integers a (an amount) and k (a ratio on the 1e-8 grid).
 * Integer arithmetic in float64 where it is exact, BigInt otherwise (ratios above 90% on huge amounts).
 */
export function mulRatioExact(a: number, k: number): number {
  if (a === 0 || k === 0) return 0;
  const neg = a < 0 !== k < 0;
  const aa = Math.abs(a);
  const kk = Math.abs(k);
  let r: number;
  const p = aa * kk;
  if (p <= MAX_EXACT) {
    r = divRoundHalfEven(p, RATE_SCALE);
  } else if (kk <= 9e7 && aa <= MAX_EXACT) {
    const ah = Math.floor(aa / RATE_SCALE);
    const al = aa - ah * RATE_SCALE;
    const lp = al * kk;
    let q = Math.floor(lp / RATE_SCALE);
    let rem = lp - q * RATE_SCALE;
    if (rem < 0) {
      q -= 1;
      rem += RATE_SCALE;
    } else if (rem >= RATE_SCALE) {
      q += 1;
      rem -= RATE_SCALE;
    }
    r = ah * kk + q;
    if (rem > 5e7 || (rem === 5e7 && r * 0.5 !== Math.floor(r * 0.5))) r += 1;
  } else {
    r = Number(bigDivRoundHalfEven(BigInt(aa) * BigInt(kk), BigInt(RATE_SCALE)));
  }
  return neg ? -r : r;
}

/**
 * round-half-even(a × f) for an integer amount a and a ratio f on the 1e-8 grid (k = f × 1e8).
 * The float product is used unless it lies so close to a tie that float error could decide the
 * rounding; then the exact integer path decides. Allocation-free on all practical inputs.
 */
export function mulRatio(a: number, f: number, k: number): number {
  const x = a * f;
  const fl = Math.floor(x);
  const d = x - fl;
  const tol = Math.abs(x) * 4.5e-16;
  if (d - 0.5 > tol) return fl + 1;
  if (0.5 - d > tol) return fl;
  return mulRatioExact(a, k);
}

/** Interest = balance × rate × days / 360, rounded half-to-even to the unit (DOMAIN.md §3). */
export function interest(balance: number, rate: number, days: number): number {
  const acc = balance * rateToInt(rate) * days;
  if (Math.abs(acc) <= MAX_EXACT) return divRoundHalfEven(acc, DAY_COUNT_SCALE);
  return Number(
    bigDivRoundHalfEven(BigInt(balance) * BigInt(rateToInt(rate)) * BigInt(days), BigInt(DAY_COUNT_SCALE)),
  );
}

/** Rounds an accrued Σ(amount × rateInt × days) to the unit, half-to-even. */
export function creditAccrued(acc: number): number {
  if (acc === 0) return 0;
  if (Math.abs(acc) <= MAX_EXACT && Number.isInteger(acc)) return divRoundHalfEven(acc, DAY_COUNT_SCALE);
  return roundHalfEven(acc / DAY_COUNT_SCALE);
}

// ---------------------------------------------------------------------------------------------------------
// The normal distribution.

/**
 * Standard normal CDF Φ(x), double precision (Hart 1968 / West 2005: absolute error < 1e-14).
 */
export function normalCdf(x: number): number {
  const z = Math.abs(x);
  let c: number;
  if (z > 37) {
    c = 0;
  } else {
    const e = Math.exp((-z * z) / 2);
    if (z < 7.07106781186547) {
      let n = 3.52624965998911e-2 * z + 0.700383064443688;
      n = n * z + 6.37396220353165;
      n = n * z + 33.912866078383;
      n = n * z + 112.079291497871;
      n = n * z + 221.213596169931;
      n = n * z + 220.206867912376;
      let d = 8.83883476483184e-2 * z + 1.75566716318264;
      d = d * z + 16.064177579207;
      d = d * z + 86.7807322029461;
      d = d * z + 296.564248779674;
      d = d * z + 637.333633378831;
      d = d * z + 793.826512519948;
      d = d * z + 440.413735824752;
      c = (e * n) / d;
    } else {
      let b = z + 0.65;
      b = z + 4 / b;
      b = z + 3 / b;
      b = z + 2 / b;
      b = z + 1 / b;
      c = e / b / 2.506628274631;
    }
  }
  return x > 0 ? 1 - c : c;
}

/** Φ⁻¹(p) by bisection on normalCdf (deterministic; used once a day by the corridor desk). */
export function normalQuantile(p: number): number {
  if (!(p > 0)) return -Infinity;
  if (!(p < 1)) return Infinity;
  let lo = -40;
  let hi = 40;
  for (let i = 0; i < 200 && hi - lo > 1e-13; i++) {
    const mid = (lo + hi) / 2;
    if (normalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

// ---------------------------------------------------------------------------------------------------------
// Seeded PRNG: sfc32 seeded through splitmix32. Same seed → same sequence on every platform.

function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    const st = { s: (Math.floor(seed) ^ Math.imul(stream + 1, 0x27d4eb2d)) | 0 };
    this.a = splitmix32(st);
    this.b = splitmix32(st);
    this.c = splitmix32(st);
    this.d = splitmix32(st);
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  nextU32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in (0, 1]. */
  uniform(): number {
    return (this.nextU32() + 1) / 4294967296;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u1 = this.uniform();
    const u2 = this.uniform();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}

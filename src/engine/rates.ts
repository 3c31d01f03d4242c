// The overnight-rate model (SPEC §4.6): a corridor between the rate on excess reserves (floor) and the
// lending facility (ceiling); the bank-to-bank rate Poole style; ineligible lenders (GSEs) lending below the
// floor; the reported rate as their volume-weighted mix; and the corridor desk's solve for the reserves that
// put the reported rate at target. Pure functions; computed rates are rounded to the 1e-8 grid.

import { normalCdf, normalQuantile, roundRate } from './num.js';

export interface RateModelInput {
  /** Rate eligible banks earn on their marginal excess reserves (or the deposit facility). */
  floor: number;
  /** Lending facility / discount rate (never below the floor). */
  ceiling: number;
  /** Aggregate excess reserves (units). */
  excess: number;
  /** Desired buffer: excess_ratio × deposits (units). */
  buffer: number;
  /** Payment-shock scale σ (units, > 0). */
  sigma: number;
  /** Share of ineligible lenders in the market's volume (0 when there are none). */
  ineligibleShare: number;
  /** Ineligible lenders' outside option: 0, or the RRP rate with rrp access. */
  outside: number;
  arbitrageShare: number;
}

export interface OvernightRates {
  /** Bank-to-bank rate. */
  bankToBank: number;
  /** Rate at which ineligible lenders lend. */
  ineligible: number;
  /** Reported (volume-weighted) overnight rate. */
  overnight: number;
}

/** floor + (ceiling − floor) × (1 − Φ(x)), x = (excess − buffer) / σ. */
export function bankToBankRate(floor: number, ceiling: number, x: number): number {
  return floor + (ceiling - floor) * (1 - normalCdf(x));
}

/** max(o, r_bb − arbitrage_share × (ior − o)); with ior ≤ o they lend at r_bb (or o). */
export function ineligibleLendingRate(
  rbb: number,
  ior: number,
  outside: number,
  arbitrageShare: number,
): number {
  return Math.max(outside, rbb - arbitrageShare * Math.max(0, ior - outside));
}

function reportedFromBankRate(rbb: number, m: RateModelInput): number {
  const s = m.ineligibleShare;
  if (s === 0) return rbb;
  return (1 - s) * rbb + s * ineligibleLendingRate(rbb, m.floor, m.outside, m.arbitrageShare);
}

export function overnightRates(m: RateModelInput): OvernightRates {
  return overnightRatesInto(m, { bankToBank: 0, ineligible: 0, overnight: 0 });
}

/** overnightRates writing into `out` (the engine's daily step allocates nothing). */
export function overnightRatesInto<T extends OvernightRates>(m: RateModelInput, out: T): T {
  const x = (m.excess - m.buffer) / m.sigma;
  const rbb = roundRate(bankToBankRate(m.floor, m.ceiling, x));
  const rne = roundRate(ineligibleLendingRate(rbb, m.floor, m.outside, m.arbitrageShare));
  const s = m.ineligibleShare;
  out.bankToBank = rbb;
  out.ineligible = rne;
  out.overnight = s === 0 ? rbb : roundRate((1 - s) * rbb + s * rne);
  return out;
}

const X_CAP = 8.5;

/**
 * The aggregate excess reserves at which the reported overnight rate equals `target` (the corridor desk's
 * goal). A target at or below what abundant reserves give is met with x = +8.5σ; at or above the ceiling
 * with x = −8.5σ.
 */
export function excessForTarget(target: number, m: RateModelInput): number {
  const f = m.floor;
  const c = m.ceiling;
  if (!(c > f)) return m.excess;
  // The reported rate is increasing in the bank-to-bank rate: bisect for r_bb on [f, c].
  let lo = f;
  let hi = c;
  if (reportedFromBankRate(lo, m) >= target) return m.buffer + X_CAP * m.sigma;
  if (reportedFromBankRate(hi, m) <= target) return m.buffer - X_CAP * m.sigma;
  for (let i = 0; i < 200 && hi - lo > 1e-15; i++) {
    const mid = (lo + hi) / 2;
    if (reportedFromBankRate(mid, m) < target) lo = mid;
    else hi = mid;
  }
  const rbb = (lo + hi) / 2;
  const x = normalQuantile(1 - (rbb - f) / (c - f));
  return m.buffer + Math.max(-X_CAP, Math.min(X_CAP, x)) * m.sigma;
}

// The textbook money multiplier (DOMAIN.md §2) as pure functions: the three formulas and the round table of
// deposit expansion. The engine's `lending textbook` behaviour converges to the same numbers.

/** m = 1/r. */
export function simpleMultiplier(r: number): number {
  return 1 / r;
}

/** m = 1/(r + e). */
export function excessMultiplier(r: number, e: number): number {
  return 1 / (r + e);
}

/** M/MB = (1 + c)/(r + e + c). */
export function cashDrainMultiplier(r: number, e: number, c: number): number {
  return (1 + c) / (r + e + c);
}

export interface ExpansionRound {
  round: number;
  newDeposits: number;
  newLoans: number;
  newRequired: number;
}

/**
 * Rounds of deposit expansion from `initial` new reserves at ratio r (no leakages): each round's new
 * deposits are the previous round's loans; loans are (1 − r) of them; the rest is required. Exact for the
 * table of DOMAIN.md §2 (1,000 / 900 / 810 … at 10%).
 */
export function expansionRounds(initial: number, r: number, rounds: number): ExpansionRound[] {
  const out: ExpansionRound[] = [];
  let deposits = initial;
  for (let k = 1; k <= rounds; k++) {
    const required = deposits * r;
    const loans = deposits - required;
    out.push({ round: k, newDeposits: deposits, newLoans: loans, newRequired: required });
    deposits = loans;
  }
  return out;
}

/** Limits of the expansion: deposits initial/r, loans deposits − initial, required = initial. */
export function expansionTotals(
  initial: number,
  r: number,
): { deposits: number; loans: number; required: number } {
  const deposits = initial / r;
  return { deposits, loans: deposits - initial, required: initial };
}

// Reserve maintenance (DOMAIN.md §3): the period grid, the position of one bank over one period, carry-over
// limits and the clearing allowance. Pure functions; the engine applies them per bank.

import { addMonths, monthIndex } from './calendar.js';

export interface MaintenanceSpec {
  days?: number;
  monthly?: boolean;
  from?: number;
  lagDays: number;
}

export interface PositionInput {
  /** Average balance at the CB over the period. */
  maintainedBalance: number;
  /** Reserve requirement (on the lagged computation period's deposits). */
  reserveRequirement: number;
  /** Vault cash applied to the requirement. */
  vaultCash: number;
  /** Contractual clearing balance (0 when none). */
  clearingBalance: number;
  /** Clearing balance allowance (given, or `clearingAllowance(clearingBalance, unitMajor)`). */
  clearingAllowance: number;
  /** Surplus (+) or deficit (−) carried in from the previous period. */
  carryIn: number;
  /** Surplus carried out to the next period (deducted here). */
  carryOut: number;
}

export interface Position {
  /** max(0, requirement − vault cash). */
  requiredReserveBalance: number;
  /** Required reserve balance + clearing balance. */
  totalBalanceRequirement: number;
  /** Maintained balance − total balance requirement. */
  grossPosition: number;
  /** Signed carry-over: carry-in − carry-out. */
  carryOver: number;
  /** Gross − clearing allowance + signed carry-over: the excess balance (negative: a deficiency). */
  excessBalance: number;
}

/**
 * The maintenance position of DOMAIN.md §3. With maintained 200, requirement 500, vault cash 400, clearing
 * 40, allowance 25, carry-in 10 and carry-out 25: required reserve balance 100, total requirement 140, gross
 * 60, signed carry-over −15, excess balance 20.
 */
export function maintenancePosition(p: PositionInput): Position {
  const requiredReserveBalance = Math.max(0, p.reserveRequirement - p.vaultCash);
  const totalBalanceRequirement = requiredReserveBalance + p.clearingBalance;
  const grossPosition = p.maintainedBalance - totalBalanceRequirement;
  const carryOver = p.carryIn - p.carryOut;
  return {
    requiredReserveBalance,
    totalBalanceRequirement,
    grossPosition,
    carryOver,
    excessBalance: grossPosition - p.clearingAllowance + carryOver,
  };
}

/** Carry-over limit: max(4% of the requirement, 50,000 major units), in units of `unitMajor`. */
export function carryOverLimit(requirement: number, unitMajor: number): number {
  return Math.max(Math.round(0.04 * requirement), Math.round(50_000 / unitMajor));
}

/** Clearing balance allowance: max(25,000 major units, 2% of the clearing balance); 0 without one. */
export function clearingAllowance(clearingBalance: number, unitMajor: number): number {
  if (clearingBalance <= 0) return 0;
  return Math.max(Math.round(25_000 / unitMajor), Math.round(0.02 * clearingBalance));
}

export interface PeriodSettlement {
  /** Signed carry to the next period (surplus +, deficit −). */
  carryOut: number;
  /** Average deficiency left after carry-over (≥ 0): it pays the penalty. */
  deficiency: number;
}

/**
 * Settles a period: the bank's position (average balance + vault cash − requirement + carry-in) is carried
 * into the next period up to the limit, in either direction; a deficit beyond the limit is a deficiency. A
 * bank that meets its requirement with vault cash alone gets no carry-over.
 */
export function settlePeriod(
  avgHeld: number,
  requirement: number,
  avgVaultCash: number,
  carryIn: number,
  limit: number,
): PeriodSettlement {
  if (requirement <= 0 || avgVaultCash >= requirement) return { carryOut: 0, deficiency: 0 };
  const position = avgHeld - requirement + carryIn;
  if (position >= 0) return { carryOut: Math.min(position, limit), deficiency: 0 };
  const carried = Math.max(position, -limit);
  return { carryOut: carried, deficiency: carried - position };
}

/** The maintenance-period grid: periods of `days` (or calendar months) anchored at `from`. */
export class PeriodGrid {
  private readonly len: number;
  private readonly monthly: boolean;
  private readonly from: number;
  private readonly fromMonthIndex: number;

  constructor(spec: MaintenanceSpec, startDay: number) {
    this.monthly = spec.monthly === true || !spec.days;
    this.len = spec.days ?? 0;
    this.from = spec.from ?? startDay;
    this.fromMonthIndex = monthIndex(this.from);
  }

  /** Shortest period (days). */
  get minLength(): number {
    return this.monthly ? 28 : this.len;
  }

  /** Index of the period containing `day` (negative before `from`). */
  index(day: number): number {
    if (!this.monthly) return Math.floor((day - this.from) / this.len);
    let j = monthIndex(day) - this.fromMonthIndex;
    if (day < this.start(j)) j -= 1;
    else if (day >= this.start(j + 1)) j += 1;
    return j;
  }

  start(j: number): number {
    if (!this.monthly) return this.from + j * this.len;
    return addMonths(this.from, j);
  }

  /** Last day of period j. */
  end(j: number): number {
    return this.start(j + 1) - 1;
  }
}

/** The maintenance period containing `day` under `spec` (first and last day), for windows in rules. */
export function maintenancePeriodOf(
  day: number,
  spec: MaintenanceSpec,
  startDay: number,
): { start: number; end: number } {
  const g = new PeriodGrid(spec, startDay);
  const j = g.index(day);
  return { start: g.start(j), end: g.end(j) };
}

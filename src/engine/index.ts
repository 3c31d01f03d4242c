// The monetary engine's entry point: `createEngine` and the pure helpers (exact arithmetic, splits, the
// rate model, maintenance positions, the textbook multiplier). The engine imports nothing from the front end,
// the plan or the interpreter; src/interpret drives it through api.ts.
import type { Engine, EngineConfig } from './api.js';
import { MonetaEngine } from './engine.js';

export * from './api.js';
export { defaultPolicy, MonetaEngine } from './engine.js';
export {
  MAX_EXACT,
  RATE_SCALE,
  interest,
  mulRatio,
  mulRatioExact,
  normalCdf,
  normalQuantile,
  rateToInt,
  roundHalfEven,
  roundRate,
} from './num.js';
export { splitLargestRemainder } from './split.js';
export {
  carryOverLimit,
  clearingAllowance,
  maintenancePeriodOf,
  maintenancePosition,
  settlePeriod,
  type MaintenanceSpec,
  type Position,
  type PositionInput,
} from './maintenance.js';
export {
  bankToBankRate,
  excessForTarget,
  ineligibleLendingRate,
  overnightRates,
  type OvernightRates,
  type RateModelInput,
} from './rates.js';
export {
  cashDrainMultiplier,
  excessMultiplier,
  expansionRounds,
  expansionTotals,
  simpleMultiplier,
  type ExpansionRound,
} from './textbook.js';

/** Builds an engine for an economy: opening balances, implicit counterparts, bank groups split by size. */
export function createEngine(config: EngineConfig): Engine {
  return new MonetaEngine(config);
}

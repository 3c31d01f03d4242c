// The engine's typed API: the contract between src/interpret (which drives it) and the engine's
// implementation. The engine knows nothing about syntax or plans; it sees integers of the accounting unit,
// rates as fractions per year, days as integers (days since 1970-01-01), and opaque `source` tags that the
// interpreter maps back to script spans.
//
// Changes since the skeleton (additions only; nothing existing changed meaning):
// - Policy: optional `loanRate` and `loanDemandGrowth` (parameters of `lending endogenous`; defaults NaN
//   and 5%). The interpreter need not set them.
// - EngineConfig: optional `tuning` (switch off the daily step's fast paths, for tests and benchmarks).
// - Engine: `beginDay(day)` (optional: names the day of the following operations; default the day after
//   the last endOfDay), `stateHash()` (invariant 6: equal hashes ⇔ identical state), `maintenancePeriod(day)`
//   (the period grid, for `maintenance_period` windows), `bankCount()`, `stateBytesPerBank()`, and the
//   test-only `__testCorrupt(agent, instrument, delta)` (moves one side of a line so an invariant breaks).
// - series(): besides SPEC §4.6's names, policy names (`ioer`, `target` …), `interbank_rate` (bank-to-bank),
//   `ineligible_rate`, `corridor_floor`, `corridor_ceiling`; cb(): also `repos` and `net_income`.
//   Balance sheets and holdings accept `group#k` for one bank of a group.
// - Engine: `release()` (the run is over: the per-bank columns and compiled kernels go to the next engine of
//   the same size; see src/engine/arena.ts).

export type AgentKind = 'central_bank' | 'treasury' | 'bank' | 'group' | 'lender' | 'public' | 'firm';

export type AssetName = 'treasuries' | 'bills' | 'agency_debt' | 'mbs' | 'corporate_bonds' | 'etfs';

export type InstrumentName =
  | AssetName
  | 'reserves'
  | 'vault_cash'
  | 'currency'
  | 'deposits'
  | 'time_deposits'
  | 'loans'
  | 'capital'
  | 'tga'
  | 'sfp'
  | 'term_deposits'
  | 'reverse_repos';

export interface AgentSpec {
  kind: AgentKind;
  name: string;
  /** Declared opening holdings, integer units; the side of each follows the agent's kind. */
  holdings: { instrument: InstrumentName; amount: number }[];
  /** Claims on other agents: an asset here, a liability of `to`. */
  lends: { to: string; amount: number }[];
  yields: { instrument: InstrumentName; rate: number }[];
  maturities: { instrument: InstrumentName; months: number }[];
  ineligible?: boolean;
  rrpAccess?: boolean;
  count?: number;
  sizes?: { dist: string; param: number };
  homeBank?: string;
}

export interface EngineConfig {
  /** `exact`: integer amounts, rounding half-to-even, largest-remainder splits. `float`: the same model in
   * plain float arithmetic (for benchmarks and comparison only). */
  mode: 'exact' | 'float';
  seed: number;
  agents: AgentSpec[];
  /** Maintenance periods: `days` long (or calendar months) starting at `from`; requirement computed on
   * deposits lagged by `lagDays`. Absent: none (interest credited monthly). */
  maintenance?: { days?: number; monthly?: boolean; from?: number; lagDays: number };
  /** First simulated day (days since 1970-01-01). */
  startDay: number;
  /** Accounting unit in major currency units (e.g. 0.01, 1e6): used only in messages. */
  unitMajor: number;
  currency: string;
  /**
   * Fast paths of the daily step, on by default; they never change results (a law in tests/engine). For
   * tests and benchmarks: `fuse` (fold the lending round and the re-deposit into the day pass; exact
   * splits over 64 banks and more on the kernels),
   * `specialise` (per-engine compiled kernels for 512 banks and more; default on under Node only, since it
   * uses `new Function`, which a page's Content-Security-Policy may forbid).
   */
  tuning?: { fuse?: boolean; specialise?: boolean };
}

/** A remuneration tier as numbers for today. `upTo` = perRequired × bank's requirement + fixed (units). */
export interface TierValue {
  base: 'required' | 'excess' | 'reserves' | 'rest';
  upTo: { perRequired: number; fixed: number } | null;
  rate: number;
}

export interface TrancheValue {
  rate: number;
  /** Cumulative threshold (units) on the bank's deposits; null for the last (`above`). */
  upTo: number | null;
}

/**
 * Policy for the day, written by the interpreter after it evaluates the rules and read by the engine's
 * daily step. Rates and ratios are fractions (0.0025 = 0.25%). NaN means "unset" where the model
 * distinguishes (cash_ratio: the public does not adjust cash until set).
 */
export interface Policy {
  target: number;
  targetLow: number;
  targetHigh: number;
  iorr: number;
  ioer: number;
  discountRate: number;
  depositRate: number;
  lendingRate: number;
  rrpRate: number;
  penaltyRate: number;
  reserveRatio: number;
  cashRatio: number;
  excessRatio: number;
  ineligibleShare: number;
  arbitrageShare: number;
  /** Units; NaN until set (the engine then uses 1% of total reserve balances at the start). */
  paymentShock: number;
  framework: 'corridor' | 'floor';
  lending: 'textbook' | 'endogenous' | 'off';
  interbank: 'open' | 'frozen';
  /** Yields by asset (fractions per year). */
  yields: Record<AssetName, number>;
  /** null: no `remunerate` in force (reserves earn 0). */
  tiers: TierValue[] | null;
  /** null: flat `reserveRatio` applies. */
  tranches: TrancheValue[] | null;
  /** Requirement on banks' time deposits (`reserve_requirement on time_deposits`); null: none. */
  timeTranches: TrancheValue[] | null;
  /** `lending endogenous`: the loan rate (NaN/absent: a bank's declared `yield loans`, else target + 3%). */
  loanRate?: number;
  /** `lending endogenous`: loan demand as a share of deposits per year (absent: 5%). */
  loanDemandGrowth?: number;
}

export type PartyRef = { k: 'banks' } | { k: 'public' } | { k: 'dealers' } | { k: 'agent'; name: string };

/** Raised for impossible operations and exactness breaches; `source` is the tag of the operation. */
export interface EngineErrorInfo {
  code: string;
  message: string;
  source: number;
  agent?: string;
  instrument?: string;
}

export interface InvariantViolation {
  day: number;
  invariant: 1 | 2 | 3 | 4 | 5 | 6;
  name: string;
  agent?: string;
  instrument?: string;
  detail: string;
  /** Tag of the last operation before the break (−1: none, the daily step itself). */
  source: number;
}

export interface BalanceSheetLine {
  instrument: string;
  /** Counterparty where it matters (an interbank claim on B, a loan from the CB). */
  counterparty?: string;
  amount: number;
  /** Tag of the operation that last moved this line (−1: opening balance / daily behaviour). */
  source: number;
}

export interface BalanceSheet {
  agent: string;
  kind: AgentKind;
  assets: BalanceSheetLine[];
  liabilities: BalanceSheetLine[];
  equity: number;
}

export interface Engine {
  readonly policy: Policy;
  /** Tag attached to the next operations (errors, invariant reports, last-moved-by). */
  setSource(tag: number): void;

  // Operations (business days). Amounts are positive integers of the unit.
  buy(asset: AssetName, amount: number, from: PartyRef): void;
  sell(asset: AssetName, amount: number, to: PartyRef): void;
  /** Keep CB holdings of an asset (reinvestment), or the SFP / TGA balance, at a level from now on. */
  hold(what: AssetName | 'sfp' | 'tga', level: number): void;
  /** Let an asset run off, redemptions capped at `capPerMonth` units per month (null: uncapped). */
  runoff(asset: AssetName, capPerMonth: number | null): void;
  /** The CB lends (`from` absent) or a bank lends. `termDays` null: open until repaid. */
  lend(amount: number, to: PartyRef, from: PartyRef | null, rate: number, termDays: number | null): void;
  repay(amount: number, from: PartyRef, to: PartyRef | null): void;
  pay(amount: number, from: PartyRef, to: PartyRef): void;
  withdrawCash(amount: number, by: PartyRef | null): void;
  depositCash(amount: number, by: PartyRef | null): void;
  /** null amount: unlimited (all that eligible counterparties offer). */
  offer(
    facility: 'term_deposits' | 'reverse_repos',
    amount: number | null,
    termDays: number,
    rate: number,
  ): void;
  treasury(
    action: 'issue' | 'redeem' | 'spend' | 'tax',
    amount: number,
    forSfp: boolean,
    party: PartyRef | null,
  ): void;
  post(entries: { agent: string; instrument: InstrumentName; delta: number }[]): void;

  /**
   * Everything of the day after the scheduled operations (SPEC §4.5 … CB income). Claims maturing on a day
   * are settled at its start — on the day's first operation, else here — so overnight operations roll.
   */
  endOfDay(day: number, businessDay: boolean): void;

  /** All six invariants; null when they hold. */
  checkInvariants(): InvariantViolation | null;

  // Queries. Money in units, rates/ratios as fractions.
  series(name: string): number;
  cb(name: string): number;
  holding(agent: string, instrument: InstrumentName): number;
  hasAgent(name: string): boolean;
  balanceSheet(agent: string): BalanceSheet;
  agentNames(): string[];

  /** Optional: the day the following operations belong to (default: the day after the last endOfDay). */
  beginDay(day: number): void;
  /** Invariant 6: a hash of the whole state; the same script, economy and seed give the same hashes. */
  stateHash(): string;
  /** The maintenance period containing `day` (first and last day), or null without maintenance periods. */
  maintenancePeriod(day: number): { start: number; end: number } | null;
  bankCount(): number;
  /** Bytes of typed-array state per bank. */
  stateBytesPerBank(): number;
  /**
   * The run is over: gives the per-bank columns the kernels work on, and the kernels compiled over them, to
   * the next engine of the same size and mode in this realm (no new warm-up). The engine must not be used
   * afterwards: operations, endOfDay and the queries throw. Idempotent.
   */
  release(): void;
  /** Test-only: moves one side of an agent's line without its counterpart, so an invariant must break. */
  __testCorrupt(agent: string, instrument: InstrumentName, delta: number): void;
}

/** An impossible operation or an exactness breach, carrying the source tag of the operation. */
export class EngineError extends Error {
  readonly info: EngineErrorInfo;
  constructor(info: EngineErrorInfo) {
    super(info.message);
    this.name = 'EngineError';
    this.info = info;
  }
}

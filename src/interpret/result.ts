// What a run produces: plain data for the CLI (tables, JSON, CSV) and the playground (charts, T-accounts).
import type { Diagnostic } from '../diagnostics/types.js';
import type { Engine } from '../engine/api.js';
import type { ExprType, Frequency, Span } from '../plan/types.js';

export interface RunOptions {
  /** `--param name=value` overrides, as written. */
  params?: Record<string, string>;
  /** Check every invariant every day. */
  audit?: boolean;
  mode?: 'exact' | 'float';
  /** Returns the CSV text of a `data()` source (`stdlib:fred/WRESBAL`, `file:/abs.csv`), or undefined. */
  loadData?: (source: string) => string | undefined;
  limits?: Partial<{ maxDays: number; maxScheduleOps: number; maxBanks: number; maxRules: number }>;
  /** Polled once per simulated day; returning true stops the run (the playground cancels this way). */
  shouldStop?: () => boolean;
  /** Extra dates (ISO) on which to capture every agent's balance sheet. */
  balanceSheetDates?: string[];
  /**
   * Per-engine kernels compiled with `new Function` (src/engine/kernels.ts). Default: on under Node, off
   * elsewhere, where a page's Content-Security-Policy may refuse code generation (the run then falls back
   * to the shared kernels: same results, slower for every engine after the first in the same realm).
   */
  specialise?: boolean;
  /** Test-only: called every day after the day's operations, before the engine's daily step. */
  testHook?: (engine: Engine, date: string) => void;
}

export interface ExpectationResult {
  line: number;
  text: string;
  passed: boolean;
  /** In display units: money in major units, rates in percent, ratios and numbers plain. */
  actual?: number | string | boolean | null;
  expected?: number | string | boolean | null;
  actualText?: string;
  expectedText?: string;
  /** The day of the first failure, or of the last check while passing. */
  date?: string;
  checks: number;
  message?: string;
  span: Span;
}

export interface ReportTable {
  labels: string[];
  kinds: ExprType[];
  freq?: Frequency;
  to?: string;
  rows: { date: string; values: (number | string | boolean | null)[] }[];
  span: Span;
}

export interface BalanceSheetLineView {
  label: string;
  /** Major units. */
  amount: number;
  /** Script line of the operation that last moved it (absent: opening balance or daily behaviour). */
  line?: number;
}

export interface BalanceSheetView {
  agent: string;
  kind: string;
  assets: BalanceSheetLineView[];
  liabilities: BalanceSheetLineView[];
  equity: number;
}

export interface RunResult {
  meta: {
    title?: string;
    file: string;
    economy: string;
    currency: string;
    unit: string;
    from: string;
    to: string;
    seed: number;
    days: number;
    params: Record<string, string>;
    stopped: boolean;
  };
  /** Reported series by label, in display units. */
  series: Record<string, [string, number | string | boolean | null][]>;
  reports: ReportTable[];
  expectations: ExpectationResult[];
  balanceSheets: { date: string; sheets: BalanceSheetView[] }[];
  /** Runtime errors (at most one: the run stops at the first). */
  diagnostics: Diagnostic[];
}

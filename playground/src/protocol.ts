// Messages between the page and the run worker. Results are made compact in the worker (columns as
// Float64Arrays, transferred without copying) so that posting them back costs little.
import type { BalanceSheetView, Diagnostic, ExpectationResult, RunResult } from './api';

export interface RunRequest {
  type: 'run';
  id: number;
  text: string;
  file: string;
  /** The worker stops the simulation itself after this long and returns what it has (meta.stopped). */
  timeLimitMs: number;
}

/** Balance sheets of every agent on some dates (re-runs the same script up to the last date). */
export interface SheetsRequest {
  type: 'sheets';
  id: number;
  text: string;
  file: string;
  dates: string[];
}

export interface FormatRequest {
  type: 'format';
  id: number;
  text: string;
}

export type ToWorker = RunRequest | SheetsRequest | FormatRequest;

export interface AgentSymbol {
  name: string;
  kind: string;
  count?: number;
  /** Opening holdings in major units. */
  holdings: { instrument: string; amount: number }[];
  homeBank?: string;
  line: number;
}

/** What the editor needs to know about the compiled script (completion, hover, the date slider). */
export interface Symbols {
  economy: string;
  title?: string;
  currency: string;
  unit: string;
  from: string;
  to: string;
  agents: AgentSymbol[];
  aliases: Record<string, string>;
  params: string[];
  /** `show balance_sheets … on DATE` statements: the slider opens on the first. */
  shows: { date: string; parties?: string[] }[];
}

export interface ReportView {
  labels: string[];
  kinds: string[];
  freq?: string;
  to?: string;
  line: number;
  dates: string[];
  /** Dates as Unix seconds (UTC midnight), for the charts. */
  x: Float64Array;
  /** One per label: numbers (NaN for missing), or the raw values of non-numeric series. */
  columns: (Float64Array | (string | number | boolean | null)[])[];
}

export type SheetsByDate = { date: string; sheets: BalanceSheetView[] }[];

export interface RunView {
  meta: RunResult['meta'];
  reports: ReportView[];
  expectations: ExpectationResult[];
  balanceSheets: SheetsByDate;
  /** Runtime diagnostics (at most one). */
  diagnostics: Diagnostic[];
}

export type FromWorker =
  | { type: 'ready' }
  | {
      type: 'compiled';
      id: number;
      diagnostics: Diagnostic[];
      symbols?: Symbols;
      planJson?: string;
      compileMs: number;
    }
  | { type: 'result'; id: number; view: RunView; compileMs: number; runMs: number }
  | { type: 'sheets'; id: number; balanceSheets: SheetsByDate; runMs: number; error?: string }
  | { type: 'formatted'; id: number; text?: string }
  | { type: 'crash'; id: number; message: string };

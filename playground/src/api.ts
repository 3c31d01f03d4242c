// The playground's only door into the library: its public API (src/index.ts). Lint forbids importing
// anything else from src/.
export { catalogue, compile, diagnosticEntry, format, runPlan, tableToCsv } from '../../src/index';
export type {
  BalanceSheetView,
  Diagnostic,
  ExpectationResult,
  Plan,
  ReportTable,
  RunOptions,
  RunResult,
  Span,
} from '../../src/index';

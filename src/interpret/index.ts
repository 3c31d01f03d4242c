export { runPlan, DEFAULT_LIMITS, parseCsvSeries } from './run.js';
export type * from './result.js';
export {
  renderRun,
  renderTable,
  renderTAccount,
  renderExpectation,
  tableToCsv,
  runToJson,
} from './report.js';

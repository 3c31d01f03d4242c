// The public API. Tools (CLI, playground, tests) use only what is exported here. Every stage is a function
// from data to `{ value, diagnostics }`, so a tool can stop at any stage.
export type { Diagnostic, Result, Severity } from './diagnostics/types.js';
export type * from './plan/types.js';
export { PLAN_VERSION } from './plan/types.js';
export * as catalogue from './plan/catalogue.js';
// Interpreter: run a compiled plan.
export { runPlan, renderRun, renderTable, renderTAccount, tableToCsv, runToJson } from './interpret/index.js';
export type * from './interpret/result.js';
// Front end: source text → AST → checked program → plan, and the diagnostics catalogue.
export { parse, check, buildPlan, compile, format } from './lang/index.js';
export type { Host, ParsedFile, Comment, Checked, Ast, CheckOptions } from './lang/index.js';
export { CATALOGUE as diagnosticCatalogue, entry as diagnosticEntry } from './diagnostics/catalogue.js';
export type { CatalogueEntry } from './diagnostics/catalogue.js';
export {
  renderDiagnostic,
  renderDiagnostics,
  sortDiagnostics,
  toJson as diagnosticToJson,
} from './diagnostics/render.js';
export type { JsonDiagnostic, SourceLookup } from './diagnostics/render.js';
export { didYouMean } from './diagnostics/suggest.js';

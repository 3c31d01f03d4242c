// The public API. Tools (CLI, playground, tests) use only what is exported here. Every stage is a function
// from data to `{ value, diagnostics }`, so a tool can stop at any stage.
export type { Diagnostic, Result, Severity } from './diagnostics/types.js';
export type * from './plan/types.js';
export { PLAN_VERSION } from './plan/types.js';
export * as catalogue from './plan/catalogue.js';

// Shared by the robustness tests: a small economy, compile-and-run, and the diagnostic-shape check.
import { expect } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import { runPlan, type RunOptions, type RunResult } from '../../src/interpret/index.js';
import { compile } from '../../src/lang/index.js';
import type { Plan } from '../../src/plan/types.js';

export const ECONOMY = `economy tiny {
  currency USD
  unit 1m USD
  central_bank Fed {
    treasuries 100bn
  }
  bank A {
    reserves 100bn
    loans 900bn
    deposits 1tn
  }
  public Public
}
`;

export const FILE = 'script.mon';

export function plan(text: string): Plan {
  const r = compile(text, { file: FILE, host: { readFile: () => undefined } });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  expect(errors, JSON.stringify(errors)).toEqual([]);
  expect(r.value).toBeDefined();
  return r.value!;
}

export function run(text: string, opts: RunOptions = {}): RunResult {
  return runPlan(plan(text), opts);
}

/** Every diagnostic is coded and located. */
export function wellFormed(ds: readonly Diagnostic[]): void {
  for (const d of ds) {
    expect(d.code, d.message).toMatch(/^MON\d{4}$/);
    expect(d.span, d.message).toBeDefined();
    expect(d.span.start.line, d.message).toBeGreaterThanOrEqual(1);
  }
}

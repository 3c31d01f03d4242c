// One point of a sweep, run in a worker thread. The plan arrives as JSON (it is plain data); the row that
// comes back holds the run's final reported values and its expectation counts.
import type { RunOptions } from '../interpret/index.js';
import type { Plan } from '../plan/types.js';
import { runCompiled } from './run-compiled.js';

export interface SweepTask {
  plan: Plan;
  params: Record<string, string>;
  /** The `--max-…` limits of the command line. */
  limits?: RunOptions['limits'];
}

export interface SweepRow {
  values: (string | number | boolean | null)[];
  passed: number;
  failed: number;
  error?: string;
}

export default function runPoint({ plan, params, limits }: SweepTask): SweepRow {
  const r = runCompiled(plan, { params, limits });
  const values: SweepRow['values'] = [];
  for (const t of r.reports) {
    const last = t.rows[t.rows.length - 1];
    for (let i = 0; i < t.labels.length; i++) values.push(last ? last.values[i] : null);
  }
  const failed = r.expectations.filter((x) => !x.passed).length;
  return {
    values,
    passed: r.expectations.length - failed,
    failed,
    error: r.diagnostics[0] ? `${r.diagnostics[0].code}: ${r.diagnostics[0].message}` : undefined,
  };
}

// The points of a sweep, run in a worker thread. The plan arrives as JSON (it is plain data); the row that
// comes back holds the run's final reported values and its expectation counts.
import type { RunOptions } from '../interpret/result.js';
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

/** One worker's share of a sweep: every point of the grid, of which the worker takes the next free one. */
export interface SweepShare {
  plan: Plan;
  points: Record<string, string>[];
  limits?: RunOptions['limits'];
  /** One cell over a SharedArrayBuffer: the index of the next point nobody has taken. */
  next: Int32Array;
  /** One cell over a SharedArrayBuffer: points finished, by all workers (for the progress bar). */
  done: Int32Array;
}

/** The rows this worker ran, with their points' indices. */
export interface SweepShareResult {
  indices: number[];
  rows: SweepRow[];
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

/**
 * Runs points until none is left, taking them from a counter shared by all workers. One message per worker
 * per sweep, rather than one per point: the plan is cloned once per worker, and a worker goes from one point
 * to the next without a round trip through the main thread — which, with every core busy computing, often
 * had to wait for a time slice before it could hand out the next point (measured: 1–35 ms per point).
 */
export function runShare({ plan, points, limits, next, done }: SweepShare): SweepShareResult {
  const indices: number[] = [];
  const rows: SweepRow[] = [];
  for (;;) {
    const i = Atomics.add(next, 0, 1);
    if (i >= points.length) break;
    rows.push(runPoint({ plan, params: points[i], limits }));
    indices.push(i);
    Atomics.add(done, 0, 1);
  }
  return { indices, rows };
}

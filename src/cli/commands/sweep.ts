import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { printDiagnostics } from '../diagnostics-out.js';
import { EXIT, type Io } from '../io.js';
import { packageRoot } from '../paths.js';
// Only light modules here: the front end (../pipeline.js) loads after the workers have been started.
import { UsageError } from '../read-source.js';
import type { SweepRow, SweepShare, SweepShareResult } from '../sweep-worker.js';
import type { LimitFlags } from './run.js';

export interface SweepFlags extends LimitFlags {
  param?: string[];
  workers?: number;
  out?: string;
}

export interface Axis {
  name: string;
  values: string[];
}

/** `name=lo..hi:steps` → `steps` values evenly from lo to hi inclusive, keeping lo's suffix (`%`, `bp`, `bn USD`). */
export function parseAxis(flag: string): Axis {
  const m = /^([A-Za-z_][\w]*)=(.+?)\.\.(.+?):(\d+)$/.exec(flag.trim());
  if (!m) throw new UsageError(`--param ${flag}: expected name=lo..hi:steps`);
  const [, name, loText, hiText, stepsText] = m;
  const steps = Number(stepsText);
  if (steps < 1 || steps > 10_000) throw new UsageError(`--param ${flag}: steps must be 1…10000`);
  const num = /^\s*([+-]?\d[\d_]*\.?\d*(?:[eE][+-]?\d+)?)\s*(.*)$/;
  const lo = num.exec(loText);
  const hi = num.exec(hiText);
  if (!lo || !hi) throw new UsageError(`--param ${flag}: lo and hi must be numbers`);
  const suffix = lo[2] || hi[2];
  if (lo[2] && hi[2] && lo[2] !== hi[2])
    throw new UsageError(`--param ${flag}: lo and hi have different units`);
  const a = Number(lo[1].replace(/_/g, ''));
  const b = Number(hi[1].replace(/_/g, ''));
  const values: string[] = [];
  for (let i = 0; i < steps; i++) {
    const v = steps === 1 ? a : a + ((b - a) * i) / (steps - 1);
    // 12 significant digits keep grid points like 0.35 from printing as 0.35000000000000003.
    values.push(`${Number(v.toPrecision(12))}${suffix}`);
  }
  return { name, values };
}

function grid(axes: Axis[]): Record<string, string>[] {
  let points: Record<string, string>[] = [{}];
  for (const axis of axes) points = points.flatMap((p) => axis.values.map((v) => ({ ...p, [axis.name]: v })));
  return points;
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export async function sweepCommand(file: string, flags: SweepFlags, io: Io): Promise<number> {
  let axes: Axis[];
  try {
    axes = (flags.param ?? []).map(parseAxis);
    if (axes.length === 0) throw new UsageError('give at least one --param name=lo..hi:steps');
    if (
      flags.workers !== undefined &&
      (!Number.isInteger(flags.workers) || flags.workers < 1 || flags.workers > 256)
    )
      throw new UsageError('--workers must be a whole number from 1 to 256');
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`moneta sweep: ${e.message}\n`);
      return EXIT.usage;
    }
    throw e;
  }
  const points = grid(axes);
  // No more workers than points: a worker that would get none costs a thread's start-up and nothing else.
  const workers = Math.min(flags.workers ?? Math.max(1, availableParallelism()), points.length);
  // The workers start (and load the interpreter) while this thread loads the front end and compiles the
  // script: on the critical path until the first point can run, and with one core otherwise idle.
  const pool = await startWorkers(workers);
  try {
    return await sweepWith(pool, workers, file, flags, axes, points, io);
  } finally {
    await pool.destroy();
  }
}

type Pool = import('piscina').Piscina<SweepShare, SweepShareResult>;

/**
 * The pool (piscina) with all its threads started at once. Each worker gets one task, its share of the whole
 * sweep (`runShare`), rather than one task per point: the plan is cloned once per worker, and a worker goes
 * from one point to the next without a round trip through this thread.
 */
async function startWorkers(n: number): Promise<Pool> {
  const { Piscina } = await import('piscina');
  return new Piscina<SweepShare, SweepShareResult>({
    // Workers always run the built JavaScript (the package is built on install), also under a TS runner.
    filename: join(packageRoot(), 'dist', 'src', 'cli', 'sweep-worker.js'),
    name: 'runShare',
    minThreads: n,
    maxThreads: n,
    // A share per worker, never two on one: a worker that finishes early finds nothing left to take.
    concurrentTasksPerWorker: 1,
    idleTimeout: Infinity,
  });
}

async function sweepWith(
  pool: Pool,
  workers: number,
  file: string,
  flags: SweepFlags,
  axes: Axis[],
  points: Record<string, string>[],
  io: Io,
): Promise<number> {
  const { compileScript, hasErrors } = await import('../pipeline.js');
  const { limitsFromFlags } = await import('./run.js');
  let c;
  try {
    c = compileScript(file, io.cwd);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`moneta sweep: ${e.message}\n`);
      return EXIT.usage;
    }
    throw e;
  }
  if (!c.plan || hasErrors(c.diagnostics)) {
    printDiagnostics(c.diagnostics, c.sources, io);
    return EXIT.diagnostics;
  }
  const plan = c.plan;
  // Only the values' parser: the interpreter itself runs in the workers.
  const { paramValueError } = await import('../../interpret/params.js');
  for (const a of axes)
    for (const v of a.values) {
      const why = paramValueError(plan, a.name, v);
      if (why !== undefined) {
        io.err(`moneta sweep: ${why}\n`);
        return EXIT.usage;
      }
    }
  const limits = limitsFromFlags(flags);
  const next = new Int32Array(new SharedArrayBuffer(4));
  const done = new Int32Array(new SharedArrayBuffer(4));
  let bar: import('cli-progress').SingleBar | undefined;
  let ticker: NodeJS.Timeout | undefined;
  if (io.isTty) {
    // Progress goes to stderr so that stdout stays clean CSV.
    const { SingleBar, Presets } = await import('cli-progress');
    bar = new SingleBar({ stream: process.stderr, clearOnComplete: true }, Presets.shades_classic);
    bar.start(points.length, 0);
    // The workers report nothing until they are done: the bar reads their shared count.
    ticker = setInterval(() => bar?.update(Atomics.load(done, 0)), 100);
  }
  const rows: SweepRow[] = new Array<SweepRow>(points.length);
  try {
    // One share per worker; each runs points until none is left.
    const share: SweepShare = { plan, points, limits, next, done };
    const shares = Array.from({ length: workers }, () =>
      pool.run(share).then(
        (r) => r.indices.forEach((i, k) => (rows[i] = r.rows[k])),
        (e: unknown) => {
          // Another worker should not go on with the sweep that is failing.
          Atomics.store(next, 0, points.length);
          throw e;
        },
      ),
    );
    await Promise.all(shares);
  } finally {
    clearInterval(ticker);
    bar?.update(Atomics.load(done, 0));
    bar?.stop();
  }
  const labels = plan.reports.flatMap((r) => r.series.map((s) => s.label));
  const lines = [[...axes.map((a) => a.name), ...labels, 'passed', 'failed', 'error'].map(csvCell).join(',')];
  points.forEach((p, i) => {
    const r = rows[i];
    lines.push(
      // A point that stopped with an error has no report values: its cells stay empty, in their columns.
      [
        ...axes.map((a) => p[a.name]),
        ...labels.map((_, k) => r.values[k] ?? null),
        r.passed,
        r.failed,
        r.error ?? '',
      ]
        .map(csvCell)
        .join(','),
    );
  });
  const csv = lines.join('\n') + '\n';
  if (flags.out) writeFileSync(resolve(io.cwd, flags.out), csv);
  else io.out(csv);
  return rows.some((r) => r.error) ? EXIT.runtime : EXIT.ok;
}

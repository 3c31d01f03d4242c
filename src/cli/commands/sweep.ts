import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { printDiagnostics } from '../diagnostics-out.js';
import { EXIT, type Io } from '../io.js';
import { packageRoot } from '../paths.js';
import { compileScript, hasErrors, UsageError } from '../pipeline.js';
import type { SweepRow, SweepTask } from '../sweep-worker.js';
import { limitsFromFlags, type LimitFlags } from './run.js';

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
  // The workers start (and load the interpreter) while this thread compiles the script.
  const workers = flags.workers ?? Math.max(1, availableParallelism());
  const { Piscina } = await import('piscina');
  const pool = new Piscina<SweepTask, SweepRow>({
    // Workers always run the built JavaScript (the package is built on install), also under a TS runner.
    filename: join(packageRoot(), 'dist', 'src', 'cli', 'sweep-worker.js'),
    minThreads: workers,
    maxThreads: workers,
  });
  try {
    return await sweepWith(pool, file, flags, axes, io);
  } finally {
    await pool.destroy();
  }
}

async function sweepWith(
  pool: import('piscina').Piscina<SweepTask, SweepRow>,
  file: string,
  flags: SweepFlags,
  axes: Axis[],
  io: Io,
): Promise<number> {
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
  for (const a of axes)
    if (!plan.params.some((p) => p.name === a.name)) {
      io.err(`moneta sweep: the script declares no param ${a.name} (add \`param ${a.name} = …\`)\n`);
      return EXIT.usage;
    }
  const points = grid(axes);
  const limits = limitsFromFlags(flags);
  let bar: import('cli-progress').SingleBar | undefined;
  if (io.isTty) {
    // Progress goes to stderr so that stdout stays clean CSV.
    const { SingleBar, Presets } = await import('cli-progress');
    bar = new SingleBar({ stream: process.stderr, clearOnComplete: true }, Presets.shades_classic);
    bar.start(points.length, 0);
  }
  let rows: SweepRow[];
  try {
    rows = await Promise.all(
      points.map((params) =>
        pool.run({ plan, params, limits }).then((r) => {
          bar?.increment();
          return r;
        }),
      ),
    );
  } finally {
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

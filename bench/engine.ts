// Engine benchmark (SPEC §7): the full daily step for 10^3 … 10^6 banks in one group under a typical
// policy (flat reserve ratio with an excess buffer, remuneration tiers, textbook or endogenous lending with
// a cash drain, the Poole-style overnight rate on every day), in exact and float mode, against hand-written
// typed-array kernels of the same arithmetic (exact: half-even rounding and largest-remainder re-deposit;
// float: plain proportions) measured in the same process. Every benchmarked day is a business day (the full
// step).
//
// Each configuration runs in fresh child processes (one economy per process, as in a real run; it also
// keeps one configuration's JIT state from leaking into the next), several timed runs after a warm-up run
// in each; the figure reported is the median over runs and processes of process CPU time per bank-day
// (wall time is recorded too: on a shared machine CPU time is the fairer clock). The children run a
// plain-JS bundle of this file (esbuild, which tsx ships with), so that no TypeScript loader thread shares
// their CPU time; without esbuild they run through tsx. Prints a table and writes .bench/engine.json.
//
//   npm run bench:engine [-- --quick]

import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Engine, Policy } from '../src/engine/api.js';
import { createEngine } from '../src/engine/index.js';

const START = 18_628; // 2021-01-01
type Lending = 'textbook' | 'endogenous';
type Mode = 'exact' | 'float';

const RATIO = 0.1;
const EXCESS = 0.02;
const CASH = 0.05;
const IORR = 0.0025;
const IOER = 0.0015;
const EXEMPT = 6; // excess up to 6 × required earns 0
const GROWTH = 0.05;

const POLICY: Partial<Policy> = {
  reserveRatio: RATIO,
  excessRatio: EXCESS,
  cashRatio: CASH,
  iorr: IORR,
  ioer: IOER,
  discountRate: 0.0075,
  target: 0.002,
  targetLow: 0,
  targetHigh: 0.0025,
  framework: 'floor',
  interbank: 'open',
  loanRate: 0.05,
  loanDemandGrowth: GROWTH,
  tiers: [
    { base: 'required', upTo: null, rate: IORR },
    { base: 'excess', upTo: { perRequired: EXEMPT, fixed: 0 }, rate: 0 },
    { base: 'rest', upTo: null, rate: IOER },
  ],
};

export function buildEngine(n: number, mode: Mode, lending: Lending): Engine {
  // Aggregates in units of 1m USD, about 5bn of deposits per bank on average (lognormal sizes).
  const e = createEngine({
    mode,
    seed: 42,
    startDay: START,
    unitMajor: 1e6,
    currency: 'USD',
    agents: [
      {
        kind: 'central_bank',
        name: 'CB',
        holdings: [{ instrument: 'treasuries', amount: 2_000 * n }],
        lends: [],
        yields: [],
        maturities: [],
      },
      { kind: 'treasury', name: 'Treasury', holdings: [], lends: [], yields: [], maturities: [] },
      {
        kind: 'group',
        name: 'banks',
        count: n,
        sizes: { dist: 'lognormal', param: 1.0 },
        holdings: [
          { instrument: 'reserves', amount: 2_000 * n },
          { instrument: 'deposits', amount: 5_000 * n },
          { instrument: 'loans', amount: 3_500 * n },
          { instrument: 'treasuries', amount: 1_000 * n },
        ],
        lends: [],
        yields: [],
        maturities: [],
      },
      { kind: 'public', name: 'Public', holdings: [], lends: [], yields: [], maturities: [] },
    ],
  });
  Object.assign(e.policy, POLICY, { lending });
  return e;
}

// ---------------------------------------------------------------------------------------------------------
// The hand-written kernel: the engine's arithmetic for this policy written directly as loops over
// Float64Arrays held by a plain object. Exact mode: requirement rounded half to even, whole-unit lending,
// the re-deposit split by largest remainder (histogram of remainders, threshold bucket, ties to the lower
// index); float mode: plain proportions, re-deposit folded into the day loop.

const MAGIC = 6755399441055744; // 1.5 × 2^52: (x + MAGIC) − MAGIC rounds x to an integer, ties to even
const B = 2048;
/** Banks per loop call (as the engine's kernels.ts CHUNK). */
const CHUNK = 256;

class Kernel {
  readonly n: number;
  readonly res: Float64Array;
  readonly dep: Float64Array;
  readonly loans: Float64Array;
  readonly req: Float64Array;
  readonly accr: Float64Array;
  readonly frac: Float64Array;
  readonly hist = new Int32Array(B);
  readonly cand: Int32Array;
  cur = 0;
  rate = 0;

  constructor(
    engine: Engine,
    readonly exact: boolean,
    readonly endogenous: boolean,
  ) {
    const n = engine.bankCount();
    this.n = n;
    this.res = new Float64Array(n);
    this.dep = new Float64Array(n);
    this.loans = new Float64Array(n);
    this.req = new Float64Array(n);
    this.accr = new Float64Array(n);
    this.frac = new Float64Array(n);
    this.cand = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      this.res[i] = engine.holding(`banks#${i}`, 'reserves');
      this.dep[i] = engine.holding(`banks#${i}`, 'deposits');
      this.loans[i] = engine.holding(`banks#${i}`, 'loans');
      this.req[i] = this.requirement(this.dep[i]);
    }
  }

  requirement(d: number): number {
    return this.exact ? (d * 1e7) / 1e8 + MAGIC - MAGIC : d * RATIO;
  }

  day(): void {
    const { n, exact } = this;
    // Every loop runs over chunks of CHUNK banks, as the engine's do: V8 then optimises each loop by call
    // count, where one call over all banks a day gets on-stack-replaced code, which ran up to 2× slower here.
    // Lending round.
    const cap = this.endogenous ? GROWTH / 250 : Infinity;
    let Ltot = 0;
    let W = 0;
    for (let lo = 0; lo < n; lo += CHUNK) {
      Ltot += this.lendChunk(lo, Math.min(n, lo + CHUNK), cap);
      W += this.sum;
    }
    // Cash drain, re-deposit.
    let C1 = (CASH * (W + this.cur + Ltot)) / (1 + CASH);
    if (exact) C1 = C1 + MAGIC - MAGIC;
    const N = Ltot - (C1 - this.cur);
    this.cur = C1;
    if (exact) this.redepositExact(N, W);
    const f = exact ? 0 : N / W;
    let sumReq = 0;
    let sumRes = 0;
    let D = 0;
    for (let lo = 0; lo < n; lo += CHUNK) {
      this.dayChunk(lo, Math.min(n, lo + CHUNK), f);
      sumReq += this.sums[0];
      sumRes += this.sums[1];
      D += this.sums[2];
    }
    // Poole rate.
    const x = (sumRes - sumReq - EXCESS * D) / Math.max(1, 0.01 * sumRes);
    this.rate = IOER + 0.006 * (1 - 0.5 * (1 + Math.tanh(0.8 * x)));
  }

  /** Σ weights of the last lendChunk. */
  private sum = 0;
  /** Σ requirement, reserves and deposits of the last dayChunk. */
  private readonly sums = new Float64Array(3);

  private lendChunk(lo: number, hi: number, cap: number): number {
    const { res, dep, loans, req, exact } = this;
    let Ltot = 0;
    let W = 0;
    for (let i = lo; i < hi; i++) {
      const d = dep[i];
      const r = res[i];
      let L = Math.min(r - req[i] - d * EXCESS, r, d * cap);
      if (exact) L = L + MAGIC - MAGIC; // nearest, ties to even, as the engine
      if (L > 0) {
        loans[i] += L;
        res[i] = r - L;
        Ltot += L;
      }
      W += d;
    }
    this.sum = W;
    return Ltot;
  }

  redepositExact(N: number, W: number): void {
    const { n, hist } = this;
    const sign = N < 0 ? -1 : 1;
    const T = Math.abs(N);
    const f = T / W;
    hist.fill(0);
    let sumq = 0;
    for (let lo = 0; lo < n; lo += CHUNK) sumq += this.floorsChunk(lo, Math.min(n, lo + CHUNK), f, sign);
    const left = T - sumq;
    if (left <= 0) return;
    let cum = 0;
    let tb = B - 1;
    while (tb > 0 && cum + hist[tb] < left) cum += hist[tb--];
    let m = 0;
    for (let lo = 0; lo < n; lo += CHUNK) m = this.topChunk(lo, Math.min(n, lo + CHUNK), tb, sign, m);
    // The threshold bucket's largest remainders, ties to the lower index (cand is in index order).
    const { res, dep, frac, cand } = this;
    for (let j = 0; j < left - cum; j++) {
      let best = -1;
      for (let k = 0; k < m; k++)
        if (cand[k] >= 0 && (best < 0 || frac[cand[k]] > frac[cand[best]])) best = k;
      const i = cand[best];
      cand[best] = -1;
      dep[i] += sign;
      res[i] += sign;
    }
  }

  private floorsChunk(lo: number, hi: number, f: number, sign: number): number {
    const { res, dep, frac, hist } = this;
    let sumq = 0;
    for (let i = lo; i < hi; i++) {
      const s = dep[i] * f;
      const q = Math.floor(s);
      const fr = s - q;
      frac[i] = fr;
      hist[(fr * B) | 0]++;
      sumq += q;
      dep[i] += sign * q;
      res[i] += sign * q;
    }
    return sumq;
  }

  private topChunk(lo: number, hi: number, tb: number, sign: number, m0: number): number {
    const { res, dep, frac, cand } = this;
    let m = m0;
    for (let i = lo; i < hi; i++) {
      const bk = (frac[i] * B) | 0;
      if (bk > tb) {
        dep[i] += sign;
        res[i] += sign;
      } else if (bk === tb) cand[m++] = i;
    }
    return m;
  }

  private dayChunk(lo: number, hi: number, f: number): void {
    const { res, dep, req, accr, exact } = this;
    let sumReq = 0;
    let sumRes = 0;
    let D = 0;
    for (let i = lo; i < hi; i++) {
      if (f !== 0) {
        const s = dep[i] * f;
        dep[i] += s;
        res[i] += s;
      }
      const d = dep[i];
      const r = res[i];
      const q = exact ? (d * 1e7) / 1e8 + MAGIC - MAGIC : d * RATIO;
      req[i] = q;
      sumReq += q;
      sumRes += r;
      D += d;
      if (r > 0) {
        const rq = Math.min(r, q);
        const ex = r - rq;
        const e1 = Math.min(ex, EXEMPT * q);
        accr[i] += rq * IORR * 1e8 + e1 * 0 + (ex - e1) * IOER * 1e8;
      }
    }
    this.sums[0] = sumReq;
    this.sums[1] = sumRes;
    this.sums[2] = D;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Measurement.

interface Sample {
  cpu: number;
  wall: number;
}

function measure(step: (days: number) => void, days: number, n: number, runs: number): Sample[] {
  step(days); // warm-up: one full run
  const out: Sample[] = [];
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    step(days);
    const t1 = process.hrtime.bigint();
    const c = process.cpuUsage(c0);
    out.push({ cpu: ((c.user + c.system) * 1e3) / (days * n), wall: Number(t1 - t0) / (days * n) });
  }
  return out;
}

interface ChildResult {
  samples: Sample[];
  bytesPerBank: number;
  /** Simulated days per timed run. */
  days: number;
  /** Peak resident set size of the child process, bytes. */
  maxRssBytes: number;
}

/** Days per timed run: `work` bank-days, at least 3 days and at most `maxDays`. */
export function benchDays(n: number, work: number, maxDays = Infinity): number {
  return Math.min(maxDays, Math.max(3, Math.round(work / n)));
}

/** One measurement in this (fresh) process: the engine or the kernel, in one mode. */
function child(
  lending: Lending,
  n: number,
  runs: number,
  work: number,
  mode: Mode,
  what: 'engine' | 'kernel',
  maxDays = Infinity,
): ChildResult {
  const days = benchDays(n, work, maxDays);
  if (what === 'kernel') {
    const k = new Kernel(buildEngine(n, mode, lending), mode === 'exact', lending === 'endogenous');
    const samples = measure(
      (m) => {
        for (let i = 0; i < m; i++) k.day();
      },
      days,
      n,
      runs,
    );
    return { samples, bytesPerBank: 0, days, maxRssBytes: process.resourceUsage().maxRSS * 1024 };
  }
  const e = buildEngine(n, mode, lending);
  let day = START;
  const samples = measure(
    (m) => {
      for (let i = 0; i < m; i++) e.endOfDay(day++, true);
    },
    days,
    n,
    runs,
  );
  if (e.checkInvariants() !== null) throw new Error('invariant broken in the benchmark');
  return {
    samples,
    bytesPerBank: e.stateBytesPerBank(),
    days,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export interface Row {
  lending: Lending;
  banks: number;
  exactNsPerBankDay: number;
  floatNsPerBankDay: number;
  kernelExactNsPerBankDay: number;
  kernelFloatNsPerBankDay: number;
  exactBankDaysPerSec: number;
  exactOverKernel: number;
  floatOverKernel: number;
  exactOverFloat: number;
  exactWallNsPerBankDay: number;
  exactSpreadNs: [number, number];
  floatSpreadNs: [number, number];
  kernelExactSpreadNs: [number, number];
  kernelFloatSpreadNs: [number, number];
  bytesPerBank: number;
  /** Simulated days per timed run (engine, exact). */
  days: number;
  /** Peak RSS of the engine's exact-mode child, bytes. */
  maxRssBytes: number;
}

export interface EngineBenchOptions {
  lendings: Lending[];
  sizes: number[];
  processes: number;
  runs: number;
  /** Bank-days per timed run (days = work / banks, at least 3, at most maxDays). */
  work: number;
  maxDays?: number;
  /**
   * The CPU every child is pinned to (`taskset -c`), so that the engine, the kernel and both modes are
   * compared on the same core; unpinned when undefined or where taskset is missing.
   */
  cpu?: number;
  /** Called after each row. */
  onRow?: (row: Row) => void;
}

function spread(xs: number[]): [number, number] {
  return [Math.min(...xs), Math.max(...xs)];
}

/** Runs every configuration in fresh child processes and returns one row per (lending, size). */
export async function runEngineBench(o: EngineBenchOptions): Promise<Row[]> {
  const self = fileURLToPath(import.meta.url);
  const command = await childCommand(self);
  const rows: Row[] = [];
  for (const lending of o.lendings) {
    for (const n of o.sizes) {
      const samples: Record<string, Sample[]> = {};
      let bytesPerBank = 0;
      let days = 0;
      let maxRssBytes = 0;
      for (let p = 0; p < o.processes; p++) {
        // Odd processes take the configurations in the reverse order (A B C D, then D C B A), so that a core
        // speeding up or slowing down during the row weighs on both modes alike rather than on whichever
        // ran first: the ratios are the headline, and one machine's phase changed within minutes.
        const modes: Mode[] = p % 2 === 0 ? ['exact', 'float'] : ['float', 'exact'];
        const whats = p % 2 === 0 ? (['kernel', 'engine'] as const) : (['engine', 'kernel'] as const);
        for (const mode of modes) {
          for (const what of whats) {
            const [exe, ...pre] = pinned(o.cpu);
            const out = execFileSync(
              exe,
              [
                ...pre,
                ...command,
                '--child',
                lending,
                String(n),
                String(o.runs),
                String(o.work),
                mode,
                what,
                String(o.maxDays ?? Infinity),
              ],
              { encoding: 'utf8', maxBuffer: 1 << 24 },
            );
            const r = JSON.parse(out) as ChildResult;
            (samples[`${what} ${mode}`] ??= []).push(...r.samples);
            if (what === 'engine' && mode === 'exact') {
              bytesPerBank = r.bytesPerBank;
              days = r.days;
              maxRssBytes = Math.max(maxRssBytes, r.maxRssBytes);
            }
          }
        }
      }
      const cpu = (key: string): number => median(samples[key].map((x) => x.cpu));
      const all = (key: string): number[] => samples[key].map((x) => x.cpu);
      const row: Row = {
        lending,
        banks: n,
        exactNsPerBankDay: cpu('engine exact'),
        floatNsPerBankDay: cpu('engine float'),
        kernelExactNsPerBankDay: cpu('kernel exact'),
        kernelFloatNsPerBankDay: cpu('kernel float'),
        exactBankDaysPerSec: 0,
        exactOverKernel: 0,
        floatOverKernel: 0,
        exactOverFloat: 0,
        exactWallNsPerBankDay: median(samples['engine exact'].map((x) => x.wall)),
        exactSpreadNs: spread(all('engine exact')),
        floatSpreadNs: spread(all('engine float')),
        kernelExactSpreadNs: spread(all('kernel exact')),
        kernelFloatSpreadNs: spread(all('kernel float')),
        bytesPerBank,
        days,
        maxRssBytes,
      };
      row.exactBankDaysPerSec = 1e9 / row.exactNsPerBankDay;
      row.exactOverKernel = row.exactNsPerBankDay / row.kernelExactNsPerBankDay;
      row.floatOverKernel = row.floatNsPerBankDay / row.kernelFloatNsPerBankDay;
      row.exactOverFloat = row.exactNsPerBankDay / row.floatNsPerBankDay;
      rows.push(row);
      o.onRow?.(row);
    }
  }
  return rows;
}

/** Whether util-linux's `taskset` is here (it pins a process to a CPU). */
export function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Node, pinned to `cpu` where taskset is available: the executable and its leading arguments. */
export function pinned(cpu: number | undefined): string[] {
  return cpu !== undefined && hasTaskset()
    ? ['taskset', '-c', String(cpu), process.execPath]
    : [process.execPath];
}

export interface CoreProbe {
  cpu: number;
  /** The float kernel on 1,000 banks: median ns per bank-day of its timed runs. */
  nsPerBankDay: number;
}

/**
 * How fast each CPU runs the same loop: the float kernel (1,000 banks, 3,000 days, 4 timed runs after a
 * warm-up) in a child pinned to each CPU in turn. The cores of a virtual machine need not be equal (here one
 * ran this loop 1.7× slower than the other, steadily, while a pure arithmetic loop ran equally on both), and a
 * benchmark that lets the scheduler choose reports a mixture.
 */
export async function probeCores(): Promise<CoreProbe[] | null> {
  if (!hasTaskset()) return null;
  const command = await childCommand(fileURLToPath(import.meta.url));
  const probes: CoreProbe[] = [];
  for (let cpu = 0; cpu < cpus().length; cpu++) {
    const [exe, ...pre] = pinned(cpu);
    const out = execFileSync(
      exe,
      [...pre, ...command, '--child', 'textbook', '1000', '4', '3e6', 'float', 'kernel', '3000'],
      { encoding: 'utf8', maxBuffer: 1 << 24 },
    );
    const r = JSON.parse(out) as ChildResult;
    probes.push({ cpu, nsPerBankDay: median(r.samples.map((x) => x.cpu)) });
  }
  return probes;
}

/** The command that runs a child: a plain-JS bundle of this file when esbuild is there, else tsx. */
async function childCommand(self: string): Promise<string[]> {
  try {
    const esbuild = (await import('esbuild')) as { buildSync(o: Record<string, unknown>): unknown };
    const outfile = '.bench/engine-bench.mjs';
    mkdirSync('.bench', { recursive: true });
    esbuild.buildSync({
      entryPoints: [self],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile,
      logLevel: 'error',
    });
    return [outfile];
  } catch {
    return [...process.execArgv, self];
  }
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child') {
    const [lending, n, runs, work, mode, what, maxDays] = process.argv.slice(3);
    process.stdout.write(
      JSON.stringify(
        child(
          lending as Lending,
          Number(n),
          Number(runs),
          Number(work),
          mode as Mode,
          what as 'engine' | 'kernel',
          maxDays === undefined ? Infinity : Number(maxDays),
        ),
      ),
    );
    return;
  }
  const quick = process.argv.includes('--quick');
  const sizes = quick ? [1_000, 100_000] : [1_000, 10_000, 100_000, 1_000_000];
  const processes = quick ? 2 : 3;
  const runs = quick ? 3 : 5;
  const work = quick ? 3e6 : 1e7;
  const probes = await probeCores();
  const fastest = probes ? [...probes].sort((a, b) => a.nsPerBankDay - b.nsPerBankDay)[0] : undefined;
  for (const p of probes ?? [])
    console.log(
      `cpu ${p.cpu}: ${p.nsPerBankDay.toFixed(2)} ns per bank-day of the float kernel (1,000 banks)`,
    );
  if (fastest) console.log(`every child runs pinned to cpu ${fastest.cpu}`);
  const rows = await runEngineBench({
    cpu: fastest?.cpu,
    lendings: ['textbook', 'endogenous'],
    sizes,
    processes,
    runs,
    work,
    onRow: (row) => {
      const f = (x: number): string => x.toFixed(2).padStart(6);
      process.stdout.write(
        `${row.lending.padEnd(10)} ${String(row.banks).padStart(9)} banks | engine exact ${f(row.exactNsPerBankDay)} float ${f(row.floatNsPerBankDay)} ns | kernel exact ${f(
          row.kernelExactNsPerBankDay,
        )} float ${f(row.kernelFloatNsPerBankDay)} ns | exact/kernel ${row.exactOverKernel.toFixed(2)} float/kernel ${row.floatOverKernel.toFixed(
          2,
        )} exact/float ${row.exactOverFloat.toFixed(2)} | ${(row.exactBankDaysPerSec / 1e6).toFixed(1)}M bank-days/s | ${row.bytesPerBank.toFixed(0)} B/bank\n`,
      );
    },
  });
  const command = await childCommand(fileURLToPath(import.meta.url));
  const meta = {
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      loadavg: loadavg(),
      coreProbe: probes,
      pinnedTo: fastest?.cpu ?? null,
    },
    processesPerConfig: processes,
    runsPerProcess: runs,
    statistic:
      'median over processes and runs (after warm-up) of process CPU time per bank-day; wall time recorded as exactWallNsPerBankDay',
    note: 'every benchmarked day is a business day (the full daily step); one group of banks with lognormal sizes; kernels do the same arithmetic as the engine for this policy',
    children: command[0].endsWith('.mjs') ? 'plain-JS bundle (esbuild)' : 'tsx',
    targets: { bankDaysPerSec: 5e7, overKernel: 2, exactOverFloat: 1.3, bytesPerBank: 256 },
  };
  const worst = {
    minExactBankDaysPerSec: Math.min(...rows.map((r) => r.exactBankDaysPerSec)),
    maxExactOverKernel: Math.max(...rows.map((r) => r.exactOverKernel)),
    maxFloatOverKernel: Math.max(...rows.map((r) => r.floatOverKernel)),
    maxExactOverFloat: Math.max(...rows.map((r) => r.exactOverFloat)),
    maxBytesPerBank: Math.max(...rows.map((r) => r.bytesPerBank)),
  };
  console.log('\nmachine:', meta.machine);
  console.log('worst case:', worst);
  mkdirSync('.bench', { recursive: true });
  writeFileSync('.bench/engine.json', JSON.stringify({ meta, worst, rows }, null, 2) + '\n');
  console.log('wrote .bench/engine.json');
}

// Runs when executed (`tsx bench/engine.ts`, or the bundle as a child), not when imported by bench/all.ts.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  await main();

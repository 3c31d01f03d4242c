// The run worker: compiles the script and runs its plan with the library's public API, off the page's
// main thread. The page terminates this worker to cancel a run (a newer edit, or a run past the time
// limit); the worker also stops a run itself when it reaches the time limit, keeping the days it did.
import { compile, format, runPlan, type Plan, type RunResult } from './api';
import { readFile, STDLIB_DIR } from './bundle';
import { loadData, preloadData } from './data';
import type { FromWorker, ReportView, RunView, Symbols, ToWorker } from './protocol';

interface WorkerScope {
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
}
const scope = self as unknown as WorkerScope;
const host = { readFile, stdlibDir: STDLIB_DIR };
/**
 * Whether this worker may generate code. The page's policy (a meta tag) does not reach a worker, whose
 * policy comes with its own response; where it may, each run gets its own compiled kernels, otherwise every
 * run after the first steps its banks on shared, unspecialised kernels. A refusal costs one report, here.
 */
const SPECIALISE = ((): boolean => {
  try {
    return new Function('return true')() === true;
  } catch {
    return false;
  }
})();

function post(message: FromWorker, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

/** The last compiled script, so that balance-sheet requests for the same text skip the compiler. */
let cached: { text: string; file: string; plan: Plan | undefined } | undefined;

function compileCached(text: string, file: string) {
  const t0 = performance.now();
  const r = compile(text, { file, host });
  cached = { text, file, plan: r.value };
  return { ...r, compileMs: performance.now() - t0 };
}

/** Every `data("…")` source the plan refers to (they are fetched before the synchronous run). */
function dataSources(plan: Plan): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.k === 'data' && typeof o.source === 'string') out.add(o.source);
      for (const x of Object.values(o)) walk(x);
    }
  };
  walk(plan.events);
  walk(plan.expectations);
  walk(plan.reports);
  walk(plan.params);
  return out;
}

function symbolsOf(plan: Plan): Symbols {
  const unit = Number(plan.economy.unit);
  return {
    economy: plan.economy.name,
    title: plan.title,
    currency: plan.economy.currency,
    unit: plan.economy.unit,
    from: plan.simulate.from,
    to: plan.simulate.to,
    agents: plan.economy.agents.map((a) => ({
      name: a.name,
      kind: a.kind,
      count: a.count,
      homeBank: a.homeBank,
      holdings: a.holdings.map((h) => ({ instrument: h.instrument, amount: h.amount * unit })),
      line: a.span.file === plan.file ? a.span.start.line : 0,
    })),
    aliases: { ...plan.economy.aliases },
    params: plan.params.map((p) => p.name),
    shows: plan.shows.map((s) => ({ date: s.date, parties: s.parties })),
  };
}

const DAY_MS = 86_400_000;
const toDay = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const toIso = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * Dates captured with every run, for the balance-sheet slider: every day of a short run, else the first
 * day, every month end and the last day. Other days are fetched on demand.
 */
function sheetDates(from: string, to: string): string[] {
  const a = toDay(from);
  const b = toDay(to);
  if (!(b >= a)) return [];
  const out: string[] = [];
  if (b - a < 120) {
    for (let d = a; d <= b; d++) out.push(toIso(d));
    return out;
  }
  out.push(from);
  // Month by month, not day by day: formatting every day of a 10-year run cost ~2 ms of each run.
  const first = new Date(a * DAY_MS);
  for (let m = first.getUTCMonth() + 1, y = first.getUTCFullYear(); ; m++) {
    const end = Date.UTC(y, m, 1) / DAY_MS - 1; // the day before the 1st of month m (months roll over)
    if (end >= b) break;
    out.push(toIso(end));
  }
  out.push(to);
  return out;
}

function compact(result: RunResult): { view: RunView; transfer: Transferable[] } {
  const transfer: Transferable[] = [];
  const reports: ReportView[] = result.reports.map((t) => {
    const x = new Float64Array(t.rows.length);
    t.rows.forEach((r, i) => (x[i] = Date.parse(`${r.date}T00:00:00Z`) / 1000));
    transfer.push(x.buffer);
    const columns = t.labels.map((_, j) => {
      const numeric = t.rows.every((r) => typeof r.values[j] === 'number' || r.values[j] === null);
      if (!numeric) return t.rows.map((r) => r.values[j]);
      const col = new Float64Array(t.rows.length);
      t.rows.forEach((r, i) => (col[i] = r.values[j] === null ? NaN : (r.values[j] as number)));
      transfer.push(col.buffer);
      return col;
    });
    return {
      labels: t.labels,
      kinds: t.kinds,
      freq: t.freq ? (t.freq.k === 'every' ? `every ${t.freq.n} ${t.freq.unit}s` : t.freq.k) : undefined,
      to: t.to,
      line: t.span.start.line,
      dates: t.rows.map((r) => r.date),
      x,
      columns,
    };
  });
  return {
    view: {
      meta: result.meta,
      reports,
      expectations: result.expectations,
      balanceSheets: result.balanceSheets,
      diagnostics: result.diagnostics,
    },
    transfer,
  };
}

async function run(id: number, text: string, file: string, timeLimitMs: number): Promise<void> {
  const c = compileCached(text, file);
  const plan = c.value;
  post({
    type: 'compiled',
    id,
    diagnostics: c.diagnostics,
    symbols: plan ? symbolsOf(plan) : undefined,
    planJson: plan ? JSON.stringify(plan, null, 2) : undefined,
    compileMs: c.compileMs,
  });
  if (!plan || c.diagnostics.some((d) => d.severity === 'error')) return;
  await preloadData(dataSources(plan));
  const t0 = performance.now();
  let polls = 0;
  const result = runPlan(plan, {
    loadData,
    specialise: SPECIALISE,
    balanceSheetDates: sheetDates(plan.simulate.from, plan.simulate.to),
    // runPlan polls once per simulated day; reading the clock every 16th day is precise enough for a
    // limit of seconds (a clock read per day cost ~1 ms of a 10-year run).
    shouldStop: () => (++polls & 15) === 0 && performance.now() - t0 > timeLimitMs,
  });
  const runMs = performance.now() - t0;
  const { view, transfer } = compact(result);
  post({ type: 'result', id, view, compileMs: c.compileMs, runMs }, transfer);
}

async function sheets(id: number, text: string, file: string, dates: string[]): Promise<void> {
  const plan =
    cached && cached.text === text && cached.file === file ? cached.plan : compileCached(text, file).value;
  if (!plan) {
    post({ type: 'sheets', id, balanceSheets: [], runMs: 0, error: 'the script does not compile' });
    return;
  }
  await preloadData(dataSources(plan));
  // runPlan polls shouldStop once per simulated day: stop after the last requested day.
  const last = Math.max(...dates.map(toDay)) - toDay(plan.simulate.from);
  let polls = 0;
  const t0 = performance.now();
  const result = runPlan(plan, {
    loadData,
    specialise: SPECIALISE,
    balanceSheetDates: dates,
    shouldStop: () => polls++ > last,
  });
  const wanted = new Set(dates);
  post({
    type: 'sheets',
    id,
    balanceSheets: result.balanceSheets.filter((s) => wanted.has(s.date)),
    runMs: performance.now() - t0,
    error: result.diagnostics[0]?.message,
  });
}

function formatted(id: number, text: string): void {
  post({ type: 'formatted', id, text: format(text).value });
}

scope.onmessage = (e) => {
  const m = e.data;
  const work = async () => {
    if (m.type === 'run') await run(m.id, m.text, m.file, m.timeLimitMs);
    else if (m.type === 'sheets') await sheets(m.id, m.text, m.file, m.dates);
    else if (m.type === 'format') formatted(m.id, m.text);
  };
  work().catch((err: unknown) => {
    post({
      type: 'crash',
      id: m.id,
      message: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
    });
  });
};

// Warm up before saying ready: the first compile builds the parser (about 100–250 ms), and a spare worker
// should pay that before it is needed, not on the keystroke that promotes it.
compile('simulate from 2020-01-01 to 2020-01-02\n', { file: '/moneta/warmup.mon', host });
post({ type: 'ready' });

// `npm run validate`: runs the historical timelines through the public API and measures them against the
// published data they can be compared with, then writes docs/validation.md. Every number in that file is
// computed here, none typed by hand.
//
// The main check is examples/history/fed_2007_2014.mon against FRED (stdlib/data/fred/):
//   - total assets vs WALCL (Wednesday levels) and reserve balances vs WRESBAL (week averages ending on
//     Wednesday), at the last weekly observation of each month from September 2008 to June 2011 (the months
//     the shipped data covers after the crisis began): mean absolute percentage error;
//   - the share of days in 2009–2011 with the overnight rate below IOER (the leaky floor), and the model's
//     overnight rate against DFF (mean absolute error, 2009-01 – 2011-06).
// The acceptance thresholds are MAPE ≤ 5% (assets), ≤ 10% (reserves) and the rate below IOER throughout;
// the script exits with status 1 when one is missed.
//
// Every other history example is run and its expectations — the published figures it encodes — are
// tabulated with the model's values.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { compile, runPlan, type Expr, type Plan, type RunResult } from '../src/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const historyDir = join(root, 'examples', 'history');
const out = join(root, 'docs', 'validation.md');

const THRESHOLDS = { assetsMape: 5, reservesMape: 10, belowIoerShare: 100 } as const;

// ---- helpers ---------------------------------------------------------------------------------------

function loadData(source: string): string | undefined {
  try {
    if (source.startsWith('stdlib:')) {
      const rel = source.slice('stdlib:'.length);
      return readFileSync(join(root, 'stdlib', 'data', rel.endsWith('.csv') ? rel : `${rel}.csv`), 'utf8');
    }
    if (source.startsWith('file:')) return readFileSync(source.slice('file:'.length), 'utf8');
  } catch {
    return undefined;
  }
  return undefined;
}

type Series = [string, number][];

function readFred(name: string): Series {
  const text = readFileSync(join(root, 'stdlib', 'data', 'fred', `${name}.csv`), 'utf8');
  const rows: Series = [];
  for (const line of text.split(/\r?\n/).slice(1)) {
    const [d, v] = line.split(',');
    if (d && v !== undefined && v.trim() !== '' && Number.isFinite(Number(v)))
      rows.push([d.trim(), Number(v)]);
  }
  return rows;
}

function compileFile(path: string): Plan {
  const source = readFileSync(path, 'utf8');
  const { value, diagnostics } = compile(source, { file: path });
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!value || errors.length) {
    const msg = errors.map((d) => `${d.code}: ${d.message}`).join('\n');
    throw new Error(`${relative(root, path)} does not compile:\n${msg}`);
  }
  return value;
}

function run(plan: Plan, path: string): RunResult {
  const r = runPlan(plan, { loadData });
  if (r.diagnostics.length) {
    throw new Error(
      `${relative(root, path)}: ${r.diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n')}`,
    );
  }
  return r;
}

/** The expression of a reported series, found by its label in the script's reports. */
function reportedExpr(plan: Plan, label: string): Expr {
  for (const r of plan.reports) for (const s of r.series) if (s.label === label) return s.expr;
  throw new Error(`the script does not report \`${label}\``);
}

const addDays = (iso: string, n: number): string => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

const fmt = (x: number, digits = 1): string =>
  Number.isFinite(x)
    ? x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : '–';

const pct = (x: number): string => `${x >= 0 ? '+' : ''}${fmt(x, 1)}%`;

function table(head: string[], rows: string[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

// ---- the Fed, 2007–2014, against FRED ---------------------------------------------------------------

interface FedValidation {
  assetsMape: number;
  reservesMape: number;
  belowIoerShare: number;
  belowIoerDays: number;
  daysCompared: number;
  rateMaeBp: number;
  modelRateAvg: number;
  dffAvg: number;
  ioerAvg: number;
  months: { month: string; date: string; walcl: number; assets: number; wresbal: number; reserves: number }[];
  result: RunResult;
}

function validateFed(path: string): FedValidation {
  const plan = compileFile(path);
  // A daily report of the series the comparison needs (the script's own report is weekly).
  const daily = ['cb.assets', 'reserves', 'overnight_rate', 'ioer'];
  plan.reports.push({
    series: daily.map((label) => ({ expr: reportedExpr(plan, label), label: `daily ${label}` })),
    span: plan.reports[0].span,
  });
  const result = run(plan, path);
  // Money comes in major units (USD): scale to USD bn; rates come in percent.
  const byDate = (label: string, scale = 1): Map<string, number> => {
    const m = new Map<string, number>();
    for (const [d, v] of result.series[`daily ${label}`]) if (typeof v === 'number') m.set(d, v * scale);
    return m;
  };
  const assets = byDate('cb.assets', 1e-9);
  const reserves = byDate('reserves', 1e-9);
  const rate = byDate('overnight_rate');
  const ioer = byDate('ioer');

  // The model's value on a day, or on the last business day before it (reports sample business days).
  const at = (m: Map<string, number>, iso: string): number => {
    for (let k = 0; k < 7; k++) {
      const v = m.get(addDays(iso, -k));
      if (v !== undefined) return v;
    }
    return NaN;
  };
  // The average over the seven days ending on `iso` (a week average like WRESBAL's), weekends carrying Friday.
  const weekAvg = (m: Map<string, number>, iso: string): number => {
    let s = 0;
    for (let k = 0; k < 7; k++) s += at(m, addDays(iso, -k));
    return s / 7;
  };

  const walcl = readFred('WALCL');
  const wresbal = readFred('WRESBAL');
  const lastInMonth = (s: Series, month: string): [string, number] | undefined =>
    s.filter(([d]) => d.startsWith(month)).pop();

  const months: FedValidation['months'] = [];
  for (let y = 2008; y <= 2011; y++) {
    for (let m = 1; m <= 12; m++) {
      const month = `${y}-${String(m).padStart(2, '0')}`;
      if (month < '2008-09' || month > '2011-06') continue;
      const a = lastInMonth(walcl, month);
      const r = lastInMonth(wresbal, month);
      if (!a || !r) continue;
      months.push({
        month,
        date: a[0],
        walcl: a[1] / 1000,
        assets: at(assets, a[0]),
        wresbal: r[1],
        reserves: weekAvg(reserves, r[0]),
      });
    }
  }
  const mape = (xs: number[]) => (100 * xs.reduce((s, x) => s + Math.abs(x), 0)) / xs.length;
  const assetsMape = mape(months.map((x) => (x.assets - x.walcl) / x.walcl));
  const reservesMape = mape(months.map((x) => (x.reserves - x.wresbal) / x.wresbal));

  // The leaky floor: business days of 2009–2011 with the overnight rate below IOER.
  let below = 0;
  let days = 0;
  for (const [d, r] of rate) {
    if (d < '2009-01-01' || d > '2011-12-31') continue;
    const i = ioer.get(d);
    if (i === undefined) continue;
    days++;
    if (r < i) below++;
  }
  // The overnight rate against DFF, business days 2009-01 – 2011-06.
  const dff = new Map(readFred('DFF'));
  let n = 0;
  let absErr = 0;
  let sumModel = 0;
  let sumDff = 0;
  let sumIoer = 0;
  for (const [d, r] of rate) {
    if (d < '2009-01-01' || d > '2011-06-30') continue;
    const obs = dff.get(d);
    if (obs === undefined) continue;
    n++;
    absErr += Math.abs(r - obs);
    sumModel += r;
    sumDff += obs;
    sumIoer += ioer.get(d) ?? NaN;
  }
  return {
    assetsMape,
    reservesMape,
    belowIoerShare: (100 * below) / days,
    belowIoerDays: below,
    daysCompared: days,
    rateMaeBp: (100 * absErr) / n,
    modelRateAvg: sumModel / n,
    dffAvg: sumDff / n,
    ioerAvg: sumIoer / n,
    months,
    result,
  };
}

// ---- every history example: its expectations -------------------------------------------------------

function expectationTable(r: RunResult): string {
  const rows = r.expectations.map((x) => [
    String(x.line),
    `\`${x.text.replace(/\|/g, '\\|')}\``,
    x.actualText ?? (x.actual === undefined ? '' : String(x.actual)),
    x.expectedText ?? (x.expected === undefined ? '' : String(x.expected)),
    x.passed ? 'pass' : `**FAIL**${x.date ? ` (${x.date})` : ''}`,
  ]);
  return table(['line', 'expectation', 'model', 'published / expected', 'result'], rows);
}

function titleOf(r: RunResult, file: string): string {
  return r.meta.title ?? file;
}

async function main(): Promise<number> {
  const files = readdirSync(historyDir)
    .filter((f) => f.endsWith('.mon') && !f.startsWith('_'))
    .sort();
  const fedFile = join(historyDir, 'fed_2007_2014.mon');
  const fed = validateFed(fedFile);
  const pass = {
    assets: fed.assetsMape <= THRESHOLDS.assetsMape,
    reserves: fed.reservesMape <= THRESHOLDS.reservesMape,
    floor: fed.belowIoerShare >= THRESHOLDS.belowIoerShare,
  };

  const parts: string[] = [];
  parts.push(`# Validation

Generated by \`npm run validate\` (\`scripts/validate.ts\`) from the history examples and the FRED series
in \`stdlib/data/fred/\`. Do not edit by hand: re-run the script. How the model works and what is calibrated
is in [model.md](model.md).

## The Federal Reserve, 2007–2014, against the published data

\`examples/history/fed_2007_2014.mon\` (economy \`us_2007\`), compared at the last weekly observation of every
month from September 2008 to June 2011 (${fed.months.length} months): total assets with WALCL (Wednesday
level, the model's value on that Wednesday) and reserve balances with WRESBAL (week average, the model's
average over the seven days ending on that Wednesday).

${table(
  ['measure', 'model', 'acceptance', 'result'],
  [
    [
      'total assets vs WALCL: mean absolute % error',
      `${fmt(fed.assetsMape, 2)}%`,
      `≤ ${THRESHOLDS.assetsMape}%`,
      pass.assets ? 'pass' : '**FAIL**',
    ],
    [
      'reserve balances vs WRESBAL: mean absolute % error',
      `${fmt(fed.reservesMape, 2)}%`,
      `≤ ${THRESHOLDS.reservesMape}%`,
      pass.reserves ? 'pass' : '**FAIL**',
    ],
    [
      'business days of 2009–2011 with the overnight rate below IOER',
      `${fmt(fed.belowIoerShare, 1)}% (${fed.belowIoerDays} of ${fed.daysCompared})`,
      'all',
      pass.floor ? 'pass' : '**FAIL**',
    ],
    [
      'overnight rate vs DFF, 2009-01 – 2011-06: mean absolute error',
      `${fmt(fed.rateMaeBp, 1)}bp`,
      '–',
      'reported',
    ],
    [
      'average overnight rate / DFF / IOER, 2009-01 – 2011-06',
      `${fmt(fed.modelRateAvg, 3)}% / ${fmt(fed.dffAvg, 3)}% / ${fmt(fed.ioerAvg, 3)}%`,
      '–',
      'reported',
    ],
  ],
)}

Month by month (USD bn):

${table(
  ['month', 'Wednesday', 'WALCL', 'model assets', 'error', 'WRESBAL', 'model reserves', 'error'],
  fed.months.map((m) => [
    m.month,
    m.date,
    fmt(m.walcl),
    fmt(m.assets),
    pct((100 * (m.assets - m.walcl)) / m.walcl),
    fmt(m.wresbal),
    fmt(m.reserves),
    pct((100 * (m.reserves - m.wresbal)) / m.wresbal),
  ]),
)}

What is fitted and what is not: the securities programmes, rates and rules are the published ones
(HISTORY.md); the balances of the crisis facilities, the Treasury's general account (which also stands for
liabilities the model does not itemise) and the SFP between the dates DOMAIN.md gives are approximate
readings of the Fed's weekly statement, marked [M] in the script; currency follows CURRCIR. Total assets are
therefore largely an input, and reserve balances are the model's residual of everything else — see
[model.md](model.md#calibration).

### Expectations of \`fed_2007_2014.mon\`

${expectationTable(fed.result)}
`);

  let allPassed = fed.result.expectations.every((x) => x.passed);
  for (const f of files) {
    if (f === 'fed_2007_2014.mon') continue;
    const path = join(historyDir, f);
    const r = run(compileFile(path), path);
    allPassed &&= r.expectations.every((x) => x.passed);
    parts.push(`## ${titleOf(r, f)}

\`examples/history/${f}\` (economy \`${r.meta.economy}\`, ${r.meta.from} – ${r.meta.to}). No series of this
economy ships in \`stdlib/data/\`; its expectations encode the published figures of HISTORY.md and DOMAIN.md
it can be compared with.

${expectationTable(r)}
`);
  }

  const md = await prettier.format(parts.join('\n'), {
    parser: 'markdown',
    printWidth: 110,
    proseWrap: 'preserve',
  });
  writeFileSync(out, md);

  const line = (ok: boolean, s: string) => `${ok ? 'ok  ' : 'FAIL'} ${s}`;
  console.log(
    line(
      pass.assets,
      `total assets vs WALCL, Sep 2008 – Jun 2011: MAPE ${fmt(fed.assetsMape, 2)}% (≤ ${THRESHOLDS.assetsMape}%)`,
    ),
  );
  console.log(
    line(
      pass.reserves,
      `reserve balances vs WRESBAL: MAPE ${fmt(fed.reservesMape, 2)}% (≤ ${THRESHOLDS.reservesMape}%)`,
    ),
  );
  console.log(
    line(
      pass.floor,
      `overnight rate < IOER on ${fmt(fed.belowIoerShare, 1)}% of business days in 2009–2011 (${fed.belowIoerDays}/${fed.daysCompared})`,
    ),
  );
  console.log(
    `     overnight rate vs DFF 2009-01 – 2011-06: MAE ${fmt(fed.rateMaeBp, 1)}bp (model ${fmt(fed.modelRateAvg, 3)}%, DFF ${fmt(fed.dffAvg, 3)}%)`,
  );
  console.log(line(allPassed, 'every expectation of the history examples'));
  console.log(`wrote ${relative(process.cwd(), out)}`);
  return pass.assets && pass.reserves && pass.floor && allPassed ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 2;
  },
);

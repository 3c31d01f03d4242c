// Text renderings of a run: expectation lines, aligned report tables, T-account balance sheets, CSV.
import { toJson } from '../diagnostics/render.js';
import type { Diagnostic } from '../diagnostics/types.js';
import type { BalanceSheetView, ExpectationResult, ReportTable, RunResult } from './result.js';
import { formatNumber } from './values.js';

/**
 * Decimals of money in major units: those of the accounting unit (`0.01` → 2, `1000000` → 0), so that a
 * column of amounts lines up on the unit and keeps its trailing zeros (`6,861.90`, not `6,861.9`).
 */
export function moneyDigits(unit: string | undefined): number {
  if (unit === undefined) return 2;
  const dot = unit.indexOf('.');
  return dot < 0 ? 0 : unit.length - dot - 1;
}

function cell(v: number | string | boolean | null, kind: string, digits: number): string {
  if (v === null) return '–';
  if (typeof v !== 'number') return String(v);
  if (kind === 'rate') return `${formatNumber(v, 4)}%`;
  if (kind === 'ratio' || kind === 'number') return formatNumber(v, 4);
  return formatNumber(v, digits, digits);
}

export function renderExpectation(x: ExpectationResult, file: string): string {
  const mark = x.passed ? 'pass' : 'FAIL';
  let s = `${mark}  ${file}:${x.line}  ${x.text}`;
  if (!x.passed) {
    const parts: string[] = [];
    if (x.message) parts.push(x.message);
    if (x.actualText !== undefined) parts.push(`actual ${x.actualText}`);
    if (x.expectedText !== undefined) parts.push(`expected ${x.expectedText}`);
    if (x.date) parts.push(`on ${x.date}`);
    if (parts.length) s += `\n      ${parts.join(', ')}`;
  }
  return s;
}

/** An aligned table; `unit` (the accounting unit in major units, as in a run's meta) sets money's decimals. */
export function renderTable(t: ReportTable, currency: string, unit?: string): string {
  const digits = moneyDigits(unit);
  const header = ['date', ...t.labels.map((l, i) => (t.kinds[i] === 'money' ? `${l} (${currency})` : l))];
  const rows = t.rows.map((r) => [r.date, ...r.values.map((v, i) => cell(v, t.kinds[i], digits))]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** A T-account: assets on the left, liabilities and equity on the right, totals underneath. */
export function renderTAccount(bs: BalanceSheetView, date: string, currency: string, unit?: string): string {
  const digits = moneyDigits(unit);
  const money = (x: number): string => formatNumber(x, digits, digits);
  const left = bs.assets.map((l) => [l.label, money(l.amount)]);
  const right = [...bs.liabilities.map((l) => [l.label, money(l.amount)]), ['equity', money(bs.equity)]];
  const totalA = bs.assets.reduce((s, l) => s + l.amount, 0);
  const totalL = bs.liabilities.reduce((s, l) => s + l.amount, 0) + bs.equity;
  const lw = Math.max(24, ...left.map(([a, b]) => a.length + b.length + 2));
  const rw = Math.max(24, ...right.map(([a, b]) => a.length + b.length + 2));
  const fmt = (pair: string[] | undefined, w: number) =>
    pair ? pair[0] + ' '.repeat(Math.max(1, w - pair[0].length - pair[1].length)) + pair[1] : ' '.repeat(w);
  const out = [`${bs.agent} (${bs.kind}) on ${date}, ${currency}`];
  out.push(`${'Assets'.padEnd(lw)} | Liabilities and equity`);
  out.push(`${'-'.repeat(lw)}-+-${'-'.repeat(rw)}`);
  for (let i = 0; i < Math.max(left.length, right.length); i++)
    out.push(`${fmt(left[i], lw)} | ${fmt(right[i], rw)}`.trimEnd());
  out.push(`${'-'.repeat(lw)}-+-${'-'.repeat(rw)}`);
  out.push(`${fmt(['total', money(totalA)], lw)} | ${fmt(['total', money(totalL)], rw)}`);
  return out.join('\n');
}

export function renderRun(r: RunResult): string {
  const parts: string[] = [];
  if (r.meta.title) parts.push(`${r.meta.title}\n`);
  if (r.expectations.length) {
    parts.push(r.expectations.map((x) => renderExpectation(x, r.meta.file)).join('\n'));
    const failed = r.expectations.filter((x) => !x.passed).length;
    parts.push(`expectations: ${r.expectations.length - failed} passed, ${failed} failed\n`);
  }
  for (const t of r.reports) parts.push(`${renderTable(t, r.meta.currency, r.meta.unit)}\n`);
  for (const s of r.balanceSheets)
    for (const bs of s.sheets) parts.push(`${renderTAccount(bs, s.date, r.meta.currency, r.meta.unit)}\n`);
  return parts.join('\n');
}

export function tableToCsv(t: ReportTable): string {
  const esc = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [['date', ...t.labels].map(esc).join(',')];
  for (const r of t.rows)
    lines.push([r.date, ...r.values.map((v) => (v === null ? '' : String(v)))].join(','));
  return lines.join('\n') + '\n';
}

/** The `--json` document of SPEC §5; `before` are diagnostics of the compile (its warnings) listed first. */
export function runToJson(r: RunResult, before: readonly Diagnostic[] = []): object {
  return {
    version: 1,
    meta: r.meta,
    series: r.series,
    expectations: r.expectations.map((x) => ({
      line: x.line,
      text: x.text,
      passed: x.passed,
      actual: x.actual ?? null,
      expected: x.expected ?? null,
      ...(x.date ? { date: x.date } : {}),
      ...(x.message ? { message: x.message } : {}),
    })),
    balance_sheets: r.balanceSheets,
    diagnostics: [...before, ...r.diagnostics].map(toJson),
  };
}

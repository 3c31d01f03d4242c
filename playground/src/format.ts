// Number formatting for charts, tables and T-accounts.

const SUFFIXES: [number, string][] = [
  [1e12, 'tn'],
  [1e9, 'bn'],
  [1e6, 'm'],
  [1e3, 'k'],
];

/** 3400000000000 → "3.4tn"; small values as they are. */
export function compactMoney(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  for (const [x, s] of SUFFIXES) if (a >= x) return `${Number((v / x).toPrecision(digits))}${s}`;
  return String(Number(v.toPrecision(digits)));
}

/** Full precision with thousands separators: 1234567.5 → "1,234,567.5". */
export function fullNumber(v: number, maxFraction = 2): string {
  if (!Number.isFinite(v)) return '–';
  return v.toLocaleString('en-US', { maximumFractionDigits: maxFraction });
}

/** A value of a report column (money in major units, rates in percent). */
export function formatValue(
  v: number | string | boolean | null | undefined,
  kind: string,
  compact = true,
): string {
  if (v === null || v === undefined) return '–';
  if (typeof v !== 'number') return String(v);
  if (kind === 'money') return compact ? compactMoney(v) : fullNumber(v);
  if (kind === 'rate') return `${Number(v.toFixed(4))}%`;
  return String(Number(v.toPrecision(6)));
}

export function kindLabel(kind: string, currency: string): string {
  if (kind === 'money') return currency;
  if (kind === 'rate') return '% per year';
  if (kind === 'ratio') return 'ratio';
  return kind;
}

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

export function download(name: string, blob: Blob): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

// Time-series charts of the reported series (uPlot): one chart per report and unit, updated in place when
// the script re-runs; each exports its report as CSV and itself as PNG.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { tableToCsv, type ReportTable } from '../api';
import { compactMoney, download, escapeHtml, formatValue, kindLabel } from '../format';
import type { ReportView } from '../protocol';

const COLORS = ['#2563eb', '#dc2626', '#059669', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#4b5563'];
const CHART_KINDS = ['money', 'rate', 'ratio', 'number'];

interface Card {
  key: string;
  el: HTMLElement;
  plot: uPlot;
  report: ReportView;
  cols: number[];
}

function csvOf(r: ReportView): string {
  const table: ReportTable = {
    labels: r.labels,
    kinds: r.kinds as ReportTable['kinds'],
    rows: r.dates.map((date, i) => ({
      date,
      values: r.columns.map((c) => {
        const v = c[i];
        return typeof v === 'number' && Number.isNaN(v) ? null : v;
      }),
    })),
    span: { file: '', start: { line: r.line, col: 1 }, end: { line: r.line, col: 1 } },
  };
  return tableToCsv(table);
}

export class ChartsPanel {
  private cards: Card[] = [];
  private readonly list: HTMLElement;
  private readonly empty: HTMLElement;
  private width = 640;

  constructor(
    private readonly root: HTMLElement,
    private readonly reveal: (line: number) => void,
  ) {
    root.innerHTML = `<p class="empty">No <code>report</code> in the script yet: add <code>report reserves, deposits monthly</code>.</p><div class="chart-list"></div>`;
    this.empty = root.querySelector('.empty')!;
    this.list = root.querySelector('.chart-list')!;
    new ResizeObserver(() => this.resize()).observe(this.list);
  }

  private plotWidth(): number {
    const w = this.list.clientWidth;
    if (w > 0) this.width = w - 2;
    return this.width;
  }

  private resize(): void {
    const w = this.plotWidth();
    for (const c of this.cards)
      if (Math.abs(c.plot.width - w) > 1) c.plot.setSize({ width: w, height: c.plot.height });
  }

  update(reports: ReportView[], currency: string, stoppedNote: string | undefined): void {
    const wanted: { key: string; report: ReportView; cols: number[]; kind: string; index: number }[] = [];
    reports.forEach((r, index) => {
      for (const kind of CHART_KINDS) {
        const cols = r.kinds.flatMap((k, j) =>
          k === kind && r.columns[j] instanceof Float64Array ? [j] : [],
        );
        if (cols.length)
          wanted.push({
            key: `${index}|${kind}|${cols.map((j) => r.labels[j]).join('|')}`,
            report: r,
            cols,
            kind,
            index,
          });
      }
    });
    const old = new Map(this.cards.map((c) => [c.key, c]));
    const next: Card[] = [];
    for (const w of wanted) {
      const data = [
        w.report.x,
        ...w.cols.map((j) => w.report.columns[j] as Float64Array),
      ] as unknown as uPlot.AlignedData;
      const reuse = old.get(w.key);
      if (reuse) {
        old.delete(w.key);
        reuse.report = w.report;
        reuse.plot.setData(data);
        this.caption(reuse.el, w.report, w.cols, w.kind, currency, stoppedNote);
        next.push(reuse);
      } else next.push(this.create(w.key, w.report, w.cols, w.kind, currency, data, stoppedNote));
    }
    for (const c of old.values()) {
      c.plot.destroy();
      c.el.remove();
    }
    for (const c of next) this.list.appendChild(c.el);
    this.cards = next;
    this.empty.hidden = next.length > 0;
  }

  private caption(
    el: HTMLElement,
    r: ReportView,
    cols: number[],
    kind: string,
    currency: string,
    note?: string,
  ): void {
    const cap = el.querySelector('.chart-meta')!;
    cap.innerHTML = `${escapeHtml(kindLabel(kind, currency))}${r.freq ? ` · ${escapeHtml(r.freq)}` : ''} · ${r.dates.length} points${note ? ` · <strong>${escapeHtml(note)}</strong>` : ''} · <button type="button" class="link" data-line="${r.line}">line ${r.line}</button>`;
    el.querySelector('.chart-title')!.textContent = cols.map((j) => r.labels[j]).join(', ');
  }

  private create(
    key: string,
    report: ReportView,
    cols: number[],
    kind: string,
    currency: string,
    data: uPlot.AlignedData,
    note?: string,
  ): Card {
    const el = document.createElement('figure');
    el.className = 'chart-card';
    el.innerHTML = `<figcaption><span class="chart-title"></span> <span class="chart-meta"></span>
      <span class="chart-actions"><button type="button" class="small" data-export="csv" title="Download this report as CSV">CSV</button>
      <button type="button" class="small" data-export="png" title="Download this chart as PNG">PNG</button></span></figcaption><div class="plot"></div>`;
    const card: Card = { key, el, report, cols, plot: undefined as unknown as uPlot };
    this.caption(el, report, cols, kind, currency, note);
    const fmtAxis = (v: number) =>
      kind === 'money'
        ? compactMoney(v, 3)
        : kind === 'rate'
          ? `${Number(v.toFixed(3))}%`
          : String(Number(v.toPrecision(4)));
    const opts: uPlot.Options = {
      width: this.plotWidth(),
      height: 240,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      scales: { x: { time: true } },
      series: [
        {
          label: 'date',
          value: (_u, v) => (v == null ? '–' : new Date(v * 1000).toISOString().slice(0, 10)),
        },
        ...cols.map((j, i) => ({
          label: report.labels[j],
          stroke: COLORS[i % COLORS.length],
          width: 2,
          value: (_u: uPlot, v: number | null) => formatValue(v, kind),
        })),
      ],
      axes: [{}, { values: (_u, splits) => splits.map(fmtAxis), size: 64 }],
      legend: { live: true },
      cursor: { drag: { x: true, y: false } },
    };
    card.plot = new uPlot(opts, data, el.querySelector<HTMLElement>('.plot')!);
    el.addEventListener('click', (e) => {
      const t = (e.target as HTMLElement).closest('button');
      if (!t) return;
      if (t.dataset.line) this.reveal(Number(t.dataset.line));
      if (t.dataset.export === 'csv')
        download(
          `${(card.report.to ?? card.cols.map((j) => card.report.labels[j]).join('_')).replace(/[^\w.-]+/g, '_').replace(/\.csv$/, '')}.csv`,
          new Blob([csvOf(card.report)], { type: 'text/csv' }),
        );
      if (t.dataset.export === 'png') this.png(card);
    });
    return card;
  }

  /** The plot canvas with a title and a legend drawn above it. */
  canvasOf(card: Card): HTMLCanvasElement {
    const src = card.plot.ctx.canvas;
    const dpr = src.width / card.plot.width || 1;
    const head = Math.round(48 * dpr);
    const out = document.createElement('canvas');
    out.width = src.width;
    out.height = src.height + head;
    const ctx = out.getContext('2d')!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.fillStyle = '#111';
    ctx.font = `${Math.round(14 * dpr)}px system-ui, sans-serif`;
    ctx.fillText(el(card, '.chart-title'), 8 * dpr, 18 * dpr);
    let x = 8 * dpr;
    ctx.font = `${Math.round(12 * dpr)}px system-ui, sans-serif`;
    card.cols.forEach((j, i) => {
      ctx.fillStyle = COLORS[i % COLORS.length];
      ctx.fillRect(x, 30 * dpr, 14 * dpr, 4 * dpr);
      ctx.fillStyle = '#333';
      ctx.fillText(card.report.labels[j], x + 18 * dpr, 36 * dpr);
      x += ctx.measureText(card.report.labels[j]).width + 36 * dpr;
    });
    ctx.drawImage(src, 0, head);
    return out;
  }

  private png(card: Card): void {
    this.canvasOf(card).toBlob(
      (b) => b && download(`${el(card, '.chart-title').replace(/[^\w.-]+/g, '_')}.png`, b),
      'image/png',
    );
  }

  /** For tests and the PNG export of the first chart. */
  get count(): number {
    return this.cards.length;
  }
}

function el(card: Card, sel: string): string {
  return card.el.querySelector(sel)?.textContent ?? '';
}

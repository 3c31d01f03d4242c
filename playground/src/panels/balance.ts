// T-account balance sheets of any agent on any date. Every run captures month ends (or every day of a short
// run); another day is fetched from the worker on demand. Each entry links to the script line that last
// moved it.
import type { BalanceSheetView } from '../api';
import { escapeHtml, fullNumber } from '../format';
import type { SheetsByDate, Symbols } from '../protocol';

const DAY_MS = 86_400_000;
const toDay = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
const toIso = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

export class BalancePanel {
  private readonly agentSel: HTMLSelectElement;
  private readonly slider: HTMLInputElement;
  private readonly dateInput: HTMLInputElement;
  private readonly note: HTMLElement;
  private readonly table: HTMLElement;
  private cache = new Map<string, BalanceSheetView[]>();
  private from = 0;
  private to = -1;
  private currency = '';
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private initialised = false;

  constructor(
    root: HTMLElement,
    private readonly reveal: (line: number) => void,
    private readonly fetch: (date: string) => Promise<SheetsByDate | undefined>,
  ) {
    root.innerHTML = `<div class="bs-controls">
        <label>Agent <select class="bs-agent"></select></label>
        <label class="bs-slider-label">Date <input type="range" class="bs-slider" min="0" max="0" step="1" value="0"></label>
        <input type="date" class="bs-date" aria-label="Balance-sheet date">
        <span class="bs-note" role="status"></span>
      </div>
      <div class="bs-table"><p class="empty">Run a script to see balance sheets.</p></div>`;
    this.agentSel = root.querySelector('.bs-agent')!;
    this.slider = root.querySelector('.bs-slider')!;
    this.dateInput = root.querySelector('.bs-date')!;
    this.note = root.querySelector('.bs-note')!;
    this.table = root.querySelector('.bs-table')!;
    this.agentSel.addEventListener('change', () => this.show());
    this.slider.addEventListener('input', () => {
      this.dateInput.value = toIso(this.from + Number(this.slider.value));
      this.show();
    });
    this.dateInput.addEventListener('change', () => {
      const d = toDay(this.dateInput.value);
      if (!Number.isFinite(d)) return;
      this.slider.value = String(Math.min(Math.max(d, this.from), this.to) - this.from);
      this.dateInput.value = toIso(this.from + Number(this.slider.value));
      this.show();
    });
    this.table.addEventListener('click', (e) => {
      const b = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-line]');
      if (b) this.reveal(Number(b.dataset.line));
    });
  }

  get date(): string {
    return this.dateInput.value;
  }

  /** A new run: its captured sheets, the simulated range and the agents. */
  update(
    sheets: SheetsByDate,
    symbols: Symbols | undefined,
    shows: { date: string; parties?: string[] }[],
  ): void {
    this.generation++;
    this.cache = new Map(sheets.map((s) => [s.date, s.sheets]));
    if (!symbols) return;
    this.currency = symbols.currency;
    const oldDate = this.dateInput.value;
    const agentsChanged =
      [...this.agentSel.options].map((o) => o.value).join() !== symbols.agents.map((a) => a.name).join();
    this.from = toDay(symbols.from);
    this.to = toDay(symbols.to);
    this.slider.max = String(Math.max(0, this.to - this.from));
    this.dateInput.min = symbols.from;
    this.dateInput.max = symbols.to;
    if (agentsChanged) {
      const keep = this.agentSel.value;
      this.agentSel.innerHTML = symbols.agents
        .map(
          (a) =>
            `<option value="${escapeHtml(a.name)}">${escapeHtml(a.name)} (${escapeHtml(a.kind.replace('_', ' '))})</option>`,
        )
        .join('');
      const preferred =
        shows[0]?.parties?.[0] ??
        symbols.agents.find((a) => a.kind === 'bank' || a.kind === 'group')?.name ??
        symbols.agents[0]?.name;
      this.agentSel.value = symbols.agents.some((a) => a.name === keep) ? keep : (preferred ?? '');
    }
    let day = this.initialised && oldDate ? toDay(oldDate) : toDay(shows[0]?.date ?? symbols.to);
    if (!Number.isFinite(day)) day = this.to;
    day = Math.min(Math.max(day, this.from), this.to);
    this.initialised = true;
    this.slider.value = String(day - this.from);
    this.dateInput.value = toIso(day);
    this.show();
  }

  private nearest(day: number): string | undefined {
    let best: string | undefined;
    for (const d of this.cache.keys()) if (toDay(d) <= day && (!best || d > best)) best = d;
    return best;
  }

  private show(): void {
    const date = this.dateInput.value;
    this.slider.setAttribute('aria-valuetext', date);
    const sheets = this.cache.get(date);
    if (sheets) {
      this.note.textContent = '';
      this.render(date, sheets);
      return;
    }
    const near = this.nearest(toDay(date));
    if (near) this.render(near, this.cache.get(near)!);
    this.note.textContent = `loading ${date}…`;
    clearTimeout(this.timer);
    const generation = this.generation;
    this.timer = setTimeout(() => {
      void this.fetch(date).then((got) => {
        if (generation !== this.generation) return;
        for (const s of got ?? []) this.cache.set(s.date, s.sheets);
        if (this.dateInput.value !== date) return;
        if (this.cache.has(date)) this.show();
        else this.note.textContent = `no balance sheets on ${date}`;
      });
    }, 60);
  }

  private render(date: string, sheets: BalanceSheetView[]): void {
    const bs = sheets.find((s) => s.agent === this.agentSel.value) ?? sheets[0];
    if (!bs) {
      this.table.innerHTML = '<p class="empty">No agents.</p>';
      return;
    }
    const cell = (l: { label: string; amount: number; line?: number } | undefined) =>
      l
        ? `<td>${escapeHtml(l.label)}</td><td class="num">${fullNumber(l.amount)}</td><td class="src">${
            l.line
              ? `<button type="button" class="link" data-line="${l.line}" title="Reveal the line that last moved it">line ${l.line}</button>`
              : ''
          }</td>`
        : '<td></td><td></td><td class="src"></td>';
    const right = [...bs.liabilities, { label: 'equity', amount: bs.equity }];
    const rows: string[] = [];
    for (let i = 0; i < Math.max(bs.assets.length, right.length); i++)
      rows.push(`<tr>${cell(bs.assets[i])}<td class="gap" aria-hidden="true"></td>${cell(right[i])}</tr>`);
    const totalA = bs.assets.reduce((s, l) => s + l.amount, 0);
    const totalL = right.reduce((s, l) => s + l.amount, 0);
    this.table.innerHTML = `<table class="taccount" aria-label="Balance sheet of ${escapeHtml(bs.agent)} on ${date}">
      <caption><strong>${escapeHtml(bs.agent)}</strong> (${escapeHtml(bs.kind.replace('_', ' '))}) at the end of ${date} · ${escapeHtml(this.currency)}</caption>
      <thead><tr><th colspan="3">Assets</th><th class="gap"></th><th colspan="3">Liabilities and equity</th></tr></thead>
      <tbody>${rows.join('')}</tbody>
      <tfoot><tr><td>total</td><td class="num">${fullNumber(totalA)}</td><td></td><td class="gap"></td><td>total</td><td class="num">${fullNumber(totalL)}</td><td></td></tr></tfoot>
    </table>`;
  }
}

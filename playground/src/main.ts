// The playground page: the editor, the run worker and the result panels.
import './style.css';
import type { Diagnostic } from './api';
import { DEFAULT_FILE, EXAMPLES } from './bundle';
import defaultScript from './default.mon?raw';
import { escapeHtml } from './format';
import { fixesFor, LANGUAGE_ID, registerMoneta, setMarkers, state as lang } from './language';
import { monaco } from './monaco';
import { BalancePanel } from './panels/balance';
import { ChartsPanel } from './panels/charts';
import { renderDiagnostics, renderExpectations, renderPlan } from './panels/lists';
import type { FromWorker, RunView, Symbols } from './protocol';
import { Runner, TIME_LIMIT_MS } from './runner';
import { encodeShare } from './share';
import { decodeShareSafely } from './share-load';

const DEBOUNCE_MS = 150;

const $ = <T extends HTMLElement>(sel: string) => document.querySelector<T>(sel)!;

interface Timing {
  version: number;
  /** From the last edit to results on screen (includes the debounce). */
  latencyMs?: number;
  compileMs: number;
  runMs: number;
  days: number;
}

/** What tests and curious users can inspect (window.__moneta). */
interface PageState {
  version: number;
  resultVersion: number;
  symbols?: Symbols;
  view?: RunView;
  diagnostics: Diagnostic[];
  timings: Timing[];
  file: string;
}

declare global {
  interface Window {
    monaco: typeof monaco;
    __moneta: PageState & { editor: monaco.editor.IStandaloneCodeEditor; runNow(): void };
  }
}

const statusEl = $<HTMLOutputElement>('#run-status');
/** A message for the next status (e.g. a shared link that was rejected at load). */
let pendingNote = '';
function status(state: string, text: string, extra: Record<string, string> = {}): void {
  statusEl.dataset.state = state;
  statusEl.textContent = pendingNote && state !== 'running' ? `${pendingNote} ${text}` : text;
  statusEl.title = statusEl.textContent;
  if (state !== 'running') pendingNote = '';
  for (const [k, v] of Object.entries(extra)) statusEl.dataset[k] = v;
}

const page: PageState = { version: 0, resultVersion: -1, diagnostics: [], timings: [], file: DEFAULT_FILE };

async function initialScript(): Promise<{ text: string; file: string; note?: string }> {
  const decoded = await decodeShareSafely(location.hash);
  if (decoded?.ok) return { text: decoded.shared.text, file: decoded.shared.file ?? DEFAULT_FILE };
  if (decoded && !decoded.ok)
    return { text: defaultScript, file: DEFAULT_FILE, note: `Shared link ignored: ${decoded.error}.` };
  return { text: defaultScript, file: DEFAULT_FILE };
}

async function start(): Promise<void> {
  registerMoneta();
  window.monaco = monaco;
  const initial = await initialScript();
  page.file = lang.file = initial.file;

  const model = monaco.editor.createModel(
    initial.text,
    LANGUAGE_ID,
    monaco.Uri.parse('inmemory://moneta/script.mon'),
  );
  const editor = monaco.editor.create($('#editor'), {
    model,
    theme: 'moneta',
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 14,
    tabSize: 2,
    insertSpaces: true,
    scrollBeyondLastLine: false,
    fixedOverflowWidgets: true,
    wordBasedSuggestions: 'off',
    lightbulb: { enabled: monaco.editor.ShowLightbulbIconMode.On },
    ariaLabel: 'Moneta script editor',
    renderLineHighlight: 'line',
  });

  const reveal = (line: number, endLine = line, col = 1, endCol?: number) => {
    const range = new monaco.Range(
      line,
      col,
      endLine,
      endCol ?? model.getLineMaxColumn(Math.min(endLine, model.getLineCount())),
    );
    editor.setSelection(range);
    editor.revealRangeInCenter(range);
    editor.focus();
  };

  // ---- panels -----------------------------------------------------------------------------------
  /** The script whose results are on screen. */
  const shown = { text: '', file: page.file };
  const charts = new ChartsPanel($('#panel-charts'), (l) => reveal(l));
  const runner: Runner = new Runner({ compiled, result, timedOut, crashed });
  lang.format = (text) => runner.format(text);
  const sheets = new BalancePanel(
    $('#panel-sheets'),
    (l) => reveal(l),
    // Days the run did not capture come from re-running the text of the results on screen.
    (date) => runner.sheets(shown.text, shown.file, [date]),
  );
  const panelExpect = $('#panel-expect');
  const panelDiag = $('#panel-diag');
  const panelPlan = $('#panel-plan');
  renderExpectations(panelExpect, undefined, undefined);
  renderPlan(panelPlan, undefined);

  const applyFix = (range: monaco.IRange, text: string) => {
    editor.executeEdits('quickfix', [{ range, text }]);
    editor.pushUndoStop();
    editor.focus();
  };
  const showDiagnostics = (ds: Diagnostic[]) => {
    page.diagnostics = ds;
    const errors = ds.filter((d) => d.severity === 'error').length;
    const count = $('#diag-count');
    count.textContent = ds.length ? `(${ds.length})` : '';
    count.className = `count${errors ? ' fail' : ''}`;
    renderDiagnostics(
      panelDiag,
      ds,
      page.file,
      (d) => {
        const range = {
          startLineNumber: d.span.start.line,
          startColumn: d.span.start.col,
          endLineNumber: d.span.end.line,
          endColumn: d.span.end.col + 1,
        };
        return fixesFor(d, range, model).map((f) => ({
          title: f.title,
          apply: () => applyFix(f.range, f.text),
        }));
      },
      (d) => reveal(d.span.start.line, d.span.end.line, d.span.start.col, d.span.end.col + 1),
    );
  };

  // ---- runs -------------------------------------------------------------------------------------
  /** Run id → the text version it ran and the model version (markers only apply to unchanged text). */
  const runs = new Map<number, { version: number; modelVersion: number; text: string; file: string }>();
  let editAt = performance.now();
  let compileDiagnostics: Diagnostic[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  // Results of an older text stay on screen, dimmed, while the script does not compile.
  const stale = (on: boolean) =>
    ['#panel-charts', '#panel-sheets', '#panel-expect'].forEach((sel) =>
      $(sel).classList.toggle('stale', on),
    );

  function submit(): void {
    clearTimeout(timer);
    const text = model.getValue();
    const id = runner.run(text, page.file);
    runs.set(id, {
      version: page.version,
      modelVersion: model.getAlternativeVersionId(),
      text,
      file: page.file,
    });
    for (const old of runs.keys()) if (old < id - 3) runs.delete(old);
    status('running', 'Running…', { version: String(page.version) });
  }

  function compiled(m: Extract<FromWorker, { type: 'compiled' }>): void {
    const run = runs.get(m.id);
    if (!run) return;
    compileDiagnostics = m.diagnostics;
    if (m.symbols) lang.symbols = page.symbols = m.symbols;
    if (model.getAlternativeVersionId() === run.modelVersion) setMarkers(model, m.diagnostics);
    showDiagnostics(m.diagnostics);
    renderPlan(panelPlan, m.planJson);
    const errors = m.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length) {
      stale(true);
      status(
        'diagnostics',
        `${errors.length} problem${errors.length > 1 ? 's' : ''}: the script does not compile (${errors[0].code} line ${errors[0].span.start.line}: ${errors[0].message})`,
        { version: String(run.version) },
      );
    }
  }

  function result(m: Extract<FromWorker, { type: 'result' }>): void {
    const run = runs.get(m.id);
    if (!run) return;
    const v = m.view;
    page.view = v;
    page.resultVersion = run.version;
    shown.text = run.text;
    shown.file = run.file;
    stale(false);
    const stopped = v.meta.stopped;
    const total = Math.round((Date.parse(v.meta.to) - Date.parse(v.meta.from)) / 86_400_000) + 1;
    const note = stopped
      ? `stopped at day ${v.meta.days.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`
      : undefined;
    charts.update(v.reports, v.meta.currency, note);
    sheets.update(v.balanceSheets, page.symbols, page.symbols?.shows ?? []);
    const { passed, failed } = renderExpectations(
      panelExpect,
      v.expectations,
      stopped ? 'the run was stopped: later checks did not happen' : undefined,
    );
    const count = $('#expect-count');
    count.textContent = v.expectations.length ? `(${passed}/${passed + failed})` : '';
    count.className = `count${failed ? ' fail' : ''}`;
    showDiagnostics([...compileDiagnostics, ...v.diagnostics]);
    if (model.getAlternativeVersionId() === run.modelVersion)
      setMarkers(model, [...compileDiagnostics, ...v.diagnostics]);

    const latency = run.version === page.version ? performance.now() - editAt : undefined;
    const timing: Timing = {
      version: run.version,
      latencyMs: latency,
      compileMs: m.compileMs,
      runMs: m.runMs,
      days: v.meta.days,
    };
    page.timings.push(timing);
    if (page.timings.length > 200) page.timings.shift();
    const ms = (x: number) => `${x < 10 ? x.toFixed(1) : Math.round(x)} ms`;
    const extra = {
      version: String(run.version),
      computeMs: (m.compileMs + m.runMs).toFixed(1),
      latencyMs: latency === undefined ? '' : latency.toFixed(1),
    };
    const exp = v.expectations.length ? ` · expectations ${passed}/${passed + failed} pass` : '';
    if (stopped)
      status(
        'stopped',
        `Stopped after ${TIME_LIMIT_MS / 1000} s at ${v.meta.days.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} days: the script is too slow for the playground (shorten \`simulate\` or use fewer banks). Partial results shown.`,
        extra,
      );
    else if (v.diagnostics.length) {
      const d = v.diagnostics[0];
      status('error', `Runtime error ${d.code} line ${d.span.start.line}: ${d.message}`, extra);
    } else
      status(
        failed ? 'failed' : 'done',
        `Ran ${v.meta.days.toLocaleString('en-US')} days in ${ms(m.runMs)} (compile ${ms(m.compileMs)})${exp}`,
        extra,
      );
  }

  function timedOut(id: number, elapsed: number): void {
    const run = runs.get(id);
    stale(true);
    status(
      'stopped',
      `Stopped: no result after ${(elapsed / 1000).toFixed(1)} s — the script is too slow for the playground (shorten \`simulate\` or use fewer banks).`,
      { version: String(run?.version ?? page.version) },
    );
  }

  function crashed(id: number, message: string): void {
    const run = runs.get(id);
    status('error', `Internal error: ${message}`, { version: String(run?.version ?? page.version) });
  }

  model.onDidChangeContent(() => {
    page.version++;
    editAt = performance.now();
    statusEl.dataset.state = 'editing';
    clearTimeout(timer);
    timer = setTimeout(submit, DEBOUNCE_MS);
  });

  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, submit);
  document.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      e.preventDefault();
      submit();
    }
  });
  $('#run').addEventListener('click', submit);
  $('#format').addEventListener('click', () => void editor.getAction('editor.action.formatDocument')?.run());

  // ---- examples ---------------------------------------------------------------------------------
  const select = $<HTMLSelectElement>('#examples');
  const groups = new Map<string, string[]>();
  EXAMPLES.forEach((e, i) => {
    const list = groups.get(e.group) ?? [];
    list.push(`<option value="${i}">${escapeHtml(e.title)} — ${escapeHtml(e.name)}</option>`);
    groups.set(e.group, list);
  });
  select.innerHTML = `<option value="">Examples and exercises…</option><option value="default">The default script: QE with 1,000 banks</option>${[
    ...groups,
  ]
    .map(([g, opts]) => `<optgroup label="${escapeHtml(g)}">${opts.join('')}</optgroup>`)
    .join('')}`;
  const load = (text: string, file: string) => {
    page.file = lang.file = file;
    // An edit, not setValue: Ctrl+Z brings the previous script back.
    editor.executeEdits('examples', [{ range: model.getFullModelRange(), text }]);
    editor.pushUndoStop();
    editor.setPosition({ lineNumber: 1, column: 1 });
    editor.revealLine(1);
    submit();
  };
  select.addEventListener('change', () => {
    if (select.value === 'default') load(defaultScript, DEFAULT_FILE);
    else if (select.value !== '') {
      const e = EXAMPLES[Number(select.value)];
      if (e) load(e.text, e.file);
    }
  });

  // ---- share ------------------------------------------------------------------------------------
  let ownHash = location.hash;
  $('#share').addEventListener('click', () => {
    const hash = encodeShare({
      text: model.getValue(),
      file: page.file === DEFAULT_FILE ? undefined : page.file,
    });
    ownHash = hash;
    history.replaceState(null, '', hash);
    const url = location.href;
    const box = $('#share-box');
    const input = $<HTMLInputElement>('#share-url');
    box.hidden = false;
    input.value = url;
    input.select();
    const kb = (url.length / 1024).toFixed(1);
    navigator.clipboard?.writeText(url).then(
      () => status(statusEl.dataset.state ?? 'done', `Link copied (${kb} kB).`),
      () => status(statusEl.dataset.state ?? 'done', `Link ready (${kb} kB): copy it from the box.`),
    );
  });
  window.addEventListener('hashchange', () => {
    if (location.hash === ownHash) return;
    ownHash = location.hash;
    void decodeShareSafely(location.hash).then((d) => {
      if (d?.ok) load(d.shared.text, d.shared.file ?? DEFAULT_FILE);
      else if (d) status('error', `Shared link ignored: ${d.error}.`);
    });
  });

  // ---- tabs (arrow keys move between them) -------------------------------------------------------
  const tabs = [...document.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  const select_ = (tab: HTMLButtonElement, focus: boolean) => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
      document.getElementById(t.getAttribute('aria-controls')!)!.hidden = !on;
    }
    if (focus) tab.focus();
  };
  tabs.forEach((t, i) => {
    t.addEventListener('click', () => select_(t, false));
    t.addEventListener('keydown', (e) => {
      const k = e.key;
      const j =
        k === 'ArrowRight'
          ? i + 1
          : k === 'ArrowLeft'
            ? i - 1
            : k === 'Home'
              ? 0
              : k === 'End'
                ? tabs.length - 1
                : null;
      if (j === null) return;
      e.preventDefault();
      select_(tabs[(j + tabs.length) % tabs.length], true);
    });
  });

  window.__moneta = Object.assign(page, { editor, runNow: submit });
  pendingNote = initial.note ?? '';
  submit();
}

void start();

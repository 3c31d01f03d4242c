// End-to-end tests of the Monaco playground in real headless Chromium (Debian's, via playwright-core).
// They build the site (or reuse a fresh playground/dist), serve it on 127.0.0.1 and drive the page as a
// user would. Timings are measured and reported (console + .bench/playground.json), never asserted.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, launch, REPO, serve, type Served } from './harness.js';

// ---- what the page exposes (window.monaco, window.__moneta, the DOM) --------------------------------

interface Marker {
  owner: string;
  message: string;
  code?: string | { value: string };
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}
interface Model {
  getValue(): string;
  setValue(text: string): void;
  getLineContent(line: number): string;
  getLineCount(): number;
}
interface Editor {
  getModel(): Model;
  setSelection(r: {
    startLineNumber: number;
    startColumn: number;
    endLineNumber: number;
    endColumn: number;
  }): void;
  setPosition(p: { lineNumber: number; column: number }): void;
  getSelection(): { startLineNumber: number; endLineNumber: number };
  getAction(id: string): { run(): Promise<void> } | null;
  focus(): void;
}
interface ReportView {
  labels: string[];
  dates: string[];
  columns: (ArrayLike<number> | unknown[])[];
}
interface PageWindow {
  monaco: { editor: { getModelMarkers(filter: { owner?: string }): Marker[] } };
  __moneta: {
    version: number;
    editor: Editor;
    view?: {
      reports: ReportView[];
      expectations: { passed: boolean; text: string; line: number; actual?: unknown; expected?: unknown }[];
      meta: { stopped: boolean };
    };
    timings: { version: number; latencyMs?: number; compileMs: number; runMs: number; days: number }[];
    runNow(): void;
  };
  document: {
    querySelector(
      sel: string,
    ): { dataset: Record<string, string | undefined>; textContent: string | null } | null;
  };
}
// Functions passed to page.evaluate are serialised, so each spells out `globalThis as unknown as PageWindow`.

// ---- harness ------------------------------------------------------------------------------------

let served: Served;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const problems: string[] = [];
let buildKind = '';

function watch(p: Page): Page {
  p.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  // Offline by construction: nothing but the site's own files (no CDN, no fonts, no telemetry).
  p.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(served.url) && !/^(data|blob):/.test(url)) problems.push(`request to ${url}`);
  });
  p.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  return p;
}

async function open(hash = ''): Promise<Page> {
  const p = watch(await context.newPage());
  await p.goto(`${served.url}${hash}`);
  await p.waitForFunction(
    () => !!(globalThis as unknown as PageWindow).__moneta && !!(globalThis as unknown as PageWindow).monaco,
  );
  return p;
}

interface Status {
  state: string;
  version: number;
  text: string;
  latencyMs?: number;
  computeMs?: number;
}

async function status(p: Page): Promise<Status> {
  return p.evaluate(() => {
    const el = (globalThis as unknown as PageWindow).document.querySelector('[data-testid="run-status"]')!;
    const num = (s: string | undefined) => (s === undefined || s === '' ? undefined : Number(s));
    return {
      state: el.dataset.state ?? '',
      version: Number(el.dataset.version ?? -1),
      text: el.textContent ?? '',
      latencyMs: num(el.dataset.latencyMs),
      computeMs: num(el.dataset.computeMs),
    };
  });
}

/** Waits until the run of the current text has settled (results, diagnostics, a stop or an error). */
async function settled(p: Page, timeout = 30_000): Promise<Status> {
  await p.waitForFunction(
    () => {
      const el = (globalThis as unknown as PageWindow).document.querySelector('[data-testid="run-status"]');
      const state = el?.dataset.state ?? '';
      return (
        Number(el?.dataset.version ?? -1) === (globalThis as unknown as PageWindow).__moneta.version &&
        !['starting', 'editing', 'running'].includes(state)
      );
    },
    undefined,
    { timeout, polling: 20 },
  );
  return status(p);
}

async function setText(p: Page, text: string): Promise<Status> {
  await p.evaluate((t) => (globalThis as unknown as PageWindow).__moneta.editor.getModel().setValue(t), text);
  return settled(p);
}

async function text(p: Page): Promise<string> {
  return p.evaluate(() => (globalThis as unknown as PageWindow).__moneta.editor.getModel().getValue());
}

/** 1-based line of the first line containing `needle`. */
async function lineOf(p: Page, needle: string): Promise<number> {
  const t = await text(p);
  const i = t.split('\n').findIndex((l) => l.includes(needle));
  expect(i, `no line contains ${needle}`).toBeGreaterThanOrEqual(0);
  return i + 1;
}

async function lastValues(p: Page): Promise<Record<string, number>> {
  return p.evaluate(() => {
    const out: Record<string, number> = {};
    for (const r of (globalThis as unknown as PageWindow).__moneta.view?.reports ?? [])
      r.labels.forEach((l, j) => {
        const c = r.columns[j];
        out[l] = Number(c[c.length - 1]);
      });
    return out;
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length
    ? s.length % 2
      ? s[(s.length - 1) / 2]
      : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
    : NaN;
};

let defaultText = '';
const bench: Record<string, unknown> = {};

beforeAll(async () => {
  buildKind = await ensureBuilt();
  served = await serve();
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1366, height: 820 } });
  page = await open();
  await settled(page, 60_000);
  defaultText = await text(page);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

describe('the playground', () => {
  it('runs the default script and charts it', async () => {
    const s = await status(page);
    expect(s.state, s.text).toBe('done');
    expect(s.text).toMatch(/Ran [\d,]+ days/);
    expect(await page.locator('[data-testid="chart"] .uplot').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="chart"] canvas').count()).toBeGreaterThan(0);
    const exp = page.locator('[data-testid="expectations"] tr');
    expect(await exp.count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="expectations"] tr[data-status="fail"]').count()).toBe(0);
    const values = await lastValues(page);
    expect(values.reserves).toBeGreaterThan(0);
    // Highlighting comes from the Monarch tokens: keywords get their own class.
    expect(
      await page.locator('[data-testid="editor"] .view-line span[class*="mtk"]').count(),
    ).toBeGreaterThan(10);
  });

  it('updates the chart and the expectations on an edit, and reports the latency', async () => {
    const line = await lineOf(page, 'buy treasuries 10bn');
    const col =
      (
        await page.evaluate(
          (l) => (globalThis as unknown as PageWindow).__moneta.editor.getModel().getLineContent(l),
          line,
        )
      ).indexOf('10bn') + 1;
    const before = await lastValues(page);
    const samples: { latencyMs: number; computeMs: number }[] = [];
    // Main-thread tasks over 50 ms while editing (reported, not asserted).
    await page.evaluate(() => {
      type Observer = new (cb: (list: { getEntries(): { duration: number }[] }) => void) => {
        observe(o: { type: string }): void;
      };
      const g = globalThis as unknown as { __longTasks: number[]; PerformanceObserver: Observer };
      g.__longTasks = [];
      new g.PerformanceObserver((list) =>
        list.getEntries().forEach((e) => g.__longTasks.push(e.duration)),
      ).observe({
        type: 'longtask',
      });
    });
    // Alternate 10bn → 15bn → 10bn with real keystrokes: select the "0" or "5" and type over it.
    for (let i = 0; i < 8; i++) {
      await page.evaluate(
        ({ line, col }) => {
          const ed = (globalThis as unknown as PageWindow).__moneta.editor;
          ed.focus();
          ed.setSelection({
            startLineNumber: line,
            startColumn: col + 1,
            endLineNumber: line,
            endColumn: col + 2,
          });
        },
        { line, col },
      );
      await page.keyboard.type(i % 2 === 0 ? '5' : '0');
      const s = await settled(page);
      if (i % 2 === 0) {
        expect(s.state, s.text).toBe('failed');
        const after = await lastValues(page);
        expect(after.reserves).toBeGreaterThan(before.reserves);
        const fails = await page
          .locator('[data-testid="expectations"] tr[data-status="fail"]')
          .allTextContents();
        expect(fails.join('\n')).toContain('reserves = 340bn USD');
        expect(fails.join('\n')).toMatch(/actual/);
      } else expect(s.state, s.text).toBe('done');
      if (s.latencyMs !== undefined && s.computeMs !== undefined)
        samples.push({ latencyMs: s.latencyMs, computeMs: s.computeMs });
    }
    expect(await text(page)).toBe(defaultText);
    expect(samples.length).toBeGreaterThan(0);
    const timings = await page.evaluate(() => (globalThis as unknown as PageWindow).__moneta.timings);
    const longTasks = await page.evaluate(
      () => (globalThis as unknown as { __longTasks: number[] }).__longTasks,
    );
    const last = timings[timings.length - 1];
    bench.defaultScript = {
      days: last.days,
      keystrokeToResultsMs: {
        median: median(samples.map((x) => x.latencyMs)),
        samples: samples.map((x) => +x.latencyMs.toFixed(1)),
      },
      workerComputeMs: {
        median: median(samples.map((x) => x.computeMs)),
        samples: samples.map((x) => +x.computeMs.toFixed(1)),
      },
      workerRunMs: median(timings.slice(-samples.length).map((t) => t.runMs)),
      workerCompileMs: median(timings.slice(-samples.length).map((t) => t.compileMs)),
      debounceMs: 150,
      mainThreadTasksOver50ms: {
        count: longTasks.length,
        maxMs: longTasks.length ? Math.max(...longTasks) : 0,
      },
      goals: { keystrokeToResultsMs: 300, workerComputeMs: 50 },
    };
    console.log(
      `[playground] default script (${last.days} days, 1,000 banks): keystroke → results median ${median(samples.map((x) => x.latencyMs)).toFixed(0)} ms (goal ≤ 300 incl. 150 ms debounce); worker compute median ${median(samples.map((x) => x.computeMs)).toFixed(1)} ms (goal ≤ 50)`,
    );
  });

  it('gives the same numbers as the CLI and a sweep worker would (determinism across runners)', async () => {
    const { readFileSync } = await import('node:fs');
    const { compile, runPlan, runToJson } = await import('../../src/index.js');
    const file = join(REPO, '..', 'shared', 'conformance', '10_floor_vs_corridor.mon');
    const source = readFileSync(file, 'utf8');
    const cli = runToJson(runPlan(compile(source, { file }).value!)) as {
      series: Record<string, [string, number | null][]>;
      expectations: { line: number; passed: boolean; actual: unknown; expected: unknown }[];
    };
    const p = await open();
    await setText(p, source);
    const seen = await p.evaluate(() => {
      const v = (globalThis as unknown as PageWindow).__moneta.view!;
      return {
        expectations: v.expectations.map((x) => ({
          line: x.line,
          passed: x.passed,
          actual: x.actual,
          expected: x.expected,
        })),
        series: Object.fromEntries(
          v.reports.flatMap((r) =>
            r.labels.map((l, j) => [l, r.dates.map((d, k) => [d, Number(r.columns[j][k])])]),
          ),
        ),
      };
    });
    expect(seen.expectations).toEqual(
      cli.expectations.map((x) => ({
        line: x.line,
        passed: x.passed,
        actual: x.actual,
        expected: x.expected,
      })),
    );
    expect(seen.series).toEqual(cli.series);
    await p.close();
  });

  it('marks a misspelt asset and offers a did-you-mean quick fix', async () => {
    const s = await setText(page, defaultText.replace('buy treasuries 10bn', 'buy treasurys 10bn'));
    expect(s.state).toBe('diagnostics');
    const line = await lineOf(page, 'buy treasurys');
    const markers = await page.evaluate(() =>
      (globalThis as unknown as PageWindow).monaco.editor.getModelMarkers({ owner: 'moneta' }),
    );
    const m = markers.find((x) => x.startLineNumber === line);
    expect(m, JSON.stringify(markers)).toBeDefined();
    expect(m!.message).toMatch(/did you mean `treasuries`/);
    expect(await page.locator('[data-testid="diagnostics"]').textContent()).toContain('treasurys');
    // The lightbulb's quick fix, applied through Monaco's own action.
    await page.evaluate((mk) => {
      const ed = (globalThis as unknown as PageWindow).__moneta.editor;
      ed.focus();
      const col = mk.startColumn + 1;
      ed.setSelection({
        startLineNumber: mk.startLineNumber,
        startColumn: col,
        endLineNumber: mk.startLineNumber,
        endColumn: col,
      });
    }, m!);
    await page.keyboard.press('Control+.');
    const fix = page.locator('.action-widget .monaco-list-row.action', {
      hasText: 'Replace with `treasuries`',
    });
    await fix.first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() =>
      (globalThis as unknown as PageWindow).__moneta.editor
        .getModel()
        .getValue()
        .includes('buy treasuries 10bn'),
    );
    const after = await settled(page);
    expect(after.state, after.text).toBe('done');
    expect(await text(page)).toBe(defaultText);
    expect(
      await page.evaluate(
        () => (globalThis as unknown as PageWindow).monaco.editor.getModelMarkers({ owner: 'moneta' }).length,
      ),
    ).toBe(0);
  });

  it('applies a quick fix from the problems panel and goes to a diagnostic on click', async () => {
    await setText(page, defaultText.replace('buy treasuries 10bn', 'buy treasurys 10bn'));
    await page.getByRole('tab', { name: /Problems/ }).click();
    const goto = page.locator('[data-testid="diagnostics"] button.goto').first();
    await goto.click();
    const line = await lineOf(page, 'buy treasurys');
    expect(
      await page.evaluate(
        () => (globalThis as unknown as PageWindow).__moneta.editor.getSelection().startLineNumber,
      ),
    ).toBe(line);
    await page.locator('[data-testid="diagnostics"] button.fix', { hasText: 'treasuries' }).first().click();
    const s = await settled(page);
    expect(s.state, s.text).toBe('done');
    expect(await text(page)).toBe(defaultText);
    await page.getByRole('tab', { name: /Charts/ }).click();
  });

  it('completes agents, instruments and series, and documents them on hover', async () => {
    const last = await page.evaluate(() =>
      (globalThis as unknown as PageWindow).__moneta.editor.getModel().getLineCount(),
    );
    await page.evaluate((line) => {
      const ed = (globalThis as unknown as PageWindow).__moneta.editor;
      ed.focus();
      ed.setPosition({ lineNumber: line, column: 1 });
    }, last);
    // `.` after an agent of the script's economy lists the instruments.
    await page.keyboard.type('expect Banks.');
    const suggest = page.locator('.suggest-widget .monaco-list-row');
    await suggest.filter({ hasText: 'reserves' }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Escape');
    // Ctrl+Space elsewhere offers series with their units.
    await page.keyboard.type('reserves > 0 USD at end\nexpect mul');
    await page.keyboard.press('Control+Space');
    await suggest.filter({ hasText: 'multiplier' }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Escape');
    await page.keyboard.type('tiplier');
    // Hover: documentation with the unit.
    await page.evaluate(() => {
      const ed = (globalThis as unknown as PageWindow).__moneta.editor as Editor & {
        trigger(source: string, id: string, payload: unknown): void;
      };
      ed.trigger('test', 'editor.action.showHover', {});
    });
    const hover = page.locator('.monaco-hover-content');
    await hover.filter({ hasText: 'm2 / monetary_base' }).first().waitFor({ timeout: 10_000 });
    expect(await hover.first().textContent()).toMatch(/ratio/);
    await page.keyboard.press('Escape');
    const s = await setText(page, defaultText);
    expect(s.state, s.text).toBe('done');
  });

  it('formats the script with the library’s formatter', async () => {
    await setText(
      page,
      defaultText
        .replace('simulate from 2015-01-01', 'simulate   from 2015-01-01')
        .replace('set lending = textbook', 'set lending=textbook'),
    );
    await page.locator('#format').click();
    await page.waitForFunction(
      (t) => (globalThis as unknown as PageWindow).__moneta.editor.getModel().getValue() === t,
      defaultText,
    );
    const s = await settled(page);
    expect(s.state, s.text).toBe('done');
  });

  it('shows T-accounts on any date, linking entries to script lines', async () => {
    const tab = page.getByRole('tab', { name: /Balance sheets/ });
    await tab.focus();
    await tab.press('Enter');
    const panel = page.locator('[data-testid="balance-sheet"]');
    // The script's `show balance_sheets of Banks, Fed on 2018-01-02` is where the panel starts.
    const caption = panel.locator('table.taccount caption');
    await caption.filter({ hasText: '2018-01-02' }).waitFor();
    expect(await caption.textContent()).toContain('Banks');
    const link = panel.locator('button[data-line]').first();
    const target = Number(await link.getAttribute('data-line'));
    expect(target).toBe(await lineOf(page, 'buy treasuries'));
    await link.click();
    expect(
      await page.evaluate(
        () => (globalThis as unknown as PageWindow).__moneta.editor.getSelection().startLineNumber,
      ),
    ).toBe(target);
    // Keyboard on the slider: a day that no run captured is fetched on demand.
    const slider = panel.locator('input.bs-slider');
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(
      () =>
        !!(globalThis as unknown as PageWindow).document
          .querySelector('.taccount caption')
          ?.textContent?.includes('2018-01-03'),
    );
    await page.keyboard.press('End');
    await page.waitForFunction(
      () =>
        !!(globalThis as unknown as PageWindow).document
          .querySelector('.taccount caption')
          ?.textContent?.includes('2024-12-31'),
    );
    await panel.locator('select.bs-agent').selectOption('Fed');
    expect(await panel.locator('caption').textContent()).toContain('Fed');
    // Arrow keys move between the result tabs.
    await tab.focus();
    await page.keyboard.press('ArrowLeft');
    expect(await page.getByRole('tab', { name: /Charts/ }).getAttribute('aria-selected')).toBe('true');
  });

  it('loads the examples of the menu, and they pass', async () => {
    const options = await page
      .locator('[data-testid="examples"] option')
      .evaluateAll((os) =>
        os.map((o) => ({ value: (o as unknown as { value: string }).value, label: o.textContent ?? '' })),
      );
    const examples = options.filter((o) => o.value !== '' && o.value !== 'default');
    expect(examples.map((o) => o.label).join('\n')).toContain('quickstart.mon');
    const failures: string[] = [];
    const slow: string[] = [];
    let passed = 0;
    for (const o of examples) {
      await page.locator('[data-testid="examples"]').selectOption(o.value);
      const s = await settled(page, 60_000);
      if (s.state === 'done') passed++;
      // A long historical timeline may exceed the playground's time limit: that is reported, not failed.
      else if (s.state === 'stopped') slow.push(o.label);
      else failures.push(`${o.label}: ${s.state}: ${s.text}`);
    }
    bench.examples = { total: examples.length, passed, stoppedByTimeLimit: slow };
    if (slow.length) console.log(`[playground] examples stopped by the 5 s limit: ${slow.join('; ')}`);
    expect(failures).toEqual([]);
    expect(passed).toBeGreaterThan(0);
    expect(slow.some((l) => l.includes('quickstart.mon'))).toBe(false);
    await page.locator('[data-testid="examples"]').selectOption('default');
    await settled(page);
    expect(await text(page)).toBe(defaultText);
  });

  it('round-trips a script through a share URL', async () => {
    const edited = `${defaultText}\n# shared: unicode ✓ “quotes” & ampersands + pluses\n`;
    await setText(page, edited);
    await page.locator('[data-testid="share"]').click();
    const url = await page.locator('[data-testid="share-url"]').inputValue();
    expect(url).toMatch(/[#&]code=/);
    const other = await open(url.slice(url.indexOf('#')));
    const s = await settled(other);
    expect(s.state, s.text).toBe('done');
    expect(await text(other)).toBe(edited);
    await other.close();
    // Damaged and oversized links are refused, and the default script loads.
    for (const hash of ['#code=%%%not-lz', `#code=${'A'.repeat(250_000)}`]) {
      const bad = await open(hash);
      const st = await settled(bad);
      expect(await text(bad)).toBe(defaultText);
      expect(st.text).toMatch(/Shared link ignored/);
      await bad.close();
    }
    await setText(page, defaultText);
  });

  it('stops a runaway script with a message and stays responsive', async () => {
    const runaway = defaultText
      .replace('banks Banks 1000', 'banks Banks 200000')
      .replace('simulate from 2015-01-01 to 2024-12-31', 'simulate from 2000-01-01 to 2199-12-31')
      .replace(/^expect .*$/gm, '');
    await page.evaluate(
      (t) => (globalThis as unknown as PageWindow).__moneta.editor.getModel().setValue(t),
      runaway,
    );
    // The page answers while the worker grinds.
    await page.waitForFunction(
      () =>
        (globalThis as unknown as PageWindow).document.querySelector('[data-testid="run-status"]')?.dataset
          .state === 'running',
    );
    const t0 = Date.now();
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
    const pingMs = Date.now() - t0;
    const s = await settled(page, 30_000);
    expect(s.state, s.text).toBe('stopped');
    expect(s.text).toMatch(/Stopped/);
    expect(s.text).toMatch(/too slow/);
    bench.runaway = { message: s.text, pageRoundTripDuringRunMs: pingMs };
    // An edit while a slow run is in flight cancels it at once.
    await page.evaluate(
      (t) => (globalThis as unknown as PageWindow).__moneta.editor.getModel().setValue(t),
      runaway,
    );
    await page.waitForFunction(
      () =>
        (globalThis as unknown as PageWindow).document.querySelector('[data-testid="run-status"]')?.dataset
          .state === 'running',
    );
    const back = await setText(page, defaultText);
    expect(back.state, back.text).toBe('done');
  });

  it('raises no page errors, console errors or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});

afterAll(() => {
  const out = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model,
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    },
    build: buildKind,
    ...bench,
  };
  mkdirSync(join(REPO, '.bench'), { recursive: true });
  writeFileSync(join(REPO, '.bench', 'playground.json'), `${JSON.stringify(out, null, 2)}\n`);
  console.log(`[playground] wrote .bench/playground.json`);
});

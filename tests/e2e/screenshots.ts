// Screenshots of the playground's main views for docs/playground.md: `npx tsx tests/e2e/screenshots.ts`.
// Builds the site if needed, serves it and drives headless Chromium like the end-to-end tests.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ensureBuilt, launch, REPO, serve } from './harness.js';

interface PageWindow {
  __moneta: {
    version: number;
    editor: {
      getModel(): { getValue(): string; setValue(t: string): void };
      setSelection(r: {
        startLineNumber: number;
        startColumn: number;
        endLineNumber: number;
        endColumn: number;
      }): void;
      focus(): void;
      trigger(source: string, handler: string, payload: unknown): void;
    };
  };
  document: { querySelector(sel: string): { dataset: Record<string, string | undefined> } | null };
}

const OUT = join(REPO, 'docs', 'img');

async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const w = globalThis as unknown as PageWindow;
      const el = w.document.querySelector('[data-testid="run-status"]');
      return (
        Number(el?.dataset.version) === w.__moneta.version &&
        !['starting', 'editing', 'running'].includes(el?.dataset.state ?? '')
      );
    },
    undefined,
    { timeout: 30_000 },
  );
}

async function edit(page: Page, from: string, to: string): Promise<void> {
  await page.evaluate(
    ([a, b]) => {
      const m = (globalThis as unknown as PageWindow).__moneta.editor.getModel();
      m.setValue(m.getValue().replace(a, b));
    },
    [from, to],
  );
  await settled(page);
}

async function selectIn(page: Page, needle: string, offset = 1): Promise<void> {
  await page.evaluate(
    ([n, o]) => {
      const ed = (globalThis as unknown as PageWindow).__moneta.editor;
      const lines = ed.getModel().getValue().split('\n');
      const i = lines.findIndex((l) => l.includes(n as string));
      const col = lines[i].indexOf(n as string) + (o as number);
      ed.focus();
      ed.setSelection({ startLineNumber: i + 1, startColumn: col, endLineNumber: i + 1, endColumn: col });
    },
    [needle, offset],
  );
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  console.log(`site: ${await ensureBuilt()}`);
  const served = await serve();
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 820 }, deviceScaleFactor: 1 });
    await page.goto(served.url);
    await page.waitForFunction(() => !!(globalThis as unknown as PageWindow).__moneta);
    await settled(page);
    await page.screenshot({ path: join(OUT, 'playground-charts.png') });

    await page.getByRole('tab', { name: /Balance sheets/ }).click();
    await page.locator('table.taccount caption', { hasText: '2018-01-02' }).waitFor();
    await page.screenshot({ path: join(OUT, 'playground-balance-sheets.png') });

    await edit(page, 'buy treasuries 10bn', 'buy treasuries 12bn');
    await page.getByRole('tab', { name: /Expectations/ }).click();
    await page.screenshot({ path: join(OUT, 'playground-expectations.png') });
    await edit(page, 'buy treasuries 12bn', 'buy treasuries 10bn');

    await edit(page, 'buy treasuries 10bn', 'buy treasurys 10bn');
    await page.getByRole('tab', { name: /Problems/ }).click();
    await selectIn(page, 'treasurys', 2);
    await page.keyboard.press('Control+.');
    await page.locator('.action-widget .monaco-list-row.action').first().waitFor();
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(OUT, 'playground-quick-fix.png') });
    await page.keyboard.press('Escape');
    await edit(page, 'buy treasurys 10bn', 'buy treasuries 10bn');

    await page.getByRole('tab', { name: /Charts/ }).click();
    await selectIn(page, 'multiplier weekly', 3);
    await page.evaluate(() =>
      (globalThis as unknown as PageWindow).__moneta.editor.trigger('docs', 'editor.action.showHover', {}),
    );
    await page.locator('.monaco-hover-content').first().waitFor();
    await page.waitForTimeout(400); // the hover fades in
    await page.screenshot({ path: join(OUT, 'playground-hover.png') });

    const tablet = await browser.newPage({
      viewport: { width: 820, height: 1180 },
      deviceScaleFactor: 1,
      hasTouch: true,
    });
    await tablet.goto(served.url);
    await tablet.waitForFunction(() => !!(globalThis as unknown as PageWindow).__moneta);
    await settled(tablet);
    await tablet.waitForTimeout(300); // background tokenization of the visible lines
    await tablet.screenshot({ path: join(OUT, 'playground-tablet.png') });
    console.log(`screenshots in ${OUT}`);
  } finally {
    await browser.close();
    await served.close();
  }
}

await main();

// The playground's compute time where SPEC §7 sets the bar: in the Web Worker of headless Chromium (Debian's
// `chromium` through playwright-core, as the end-to-end tests drive it). The built site is served, the
// default script runs once on load, then `runs` re-runs one after another; each figure is the worker's own
// compile + run time of one re-run (what the page shows after "computed in"), the first `warm` dropped.
//
//   npx tsx bench/playground-browser.ts [runs]

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, ensureBuilt, launch, serve } from '../tests/e2e/harness.js';

interface Timing {
  compileMs: number;
  runMs: number;
  days: number;
}
interface PageWindow {
  __moneta?: { timings: Timing[]; runNow(): void };
}

export interface BrowserFigure {
  /** compile + run of each measured re-run, ms. */
  computeMs: number[];
  runMs: number[];
  days: number;
  chromium: string;
}

/** Undefined where there is no Chromium to drive (the figure is then reported as not measured). */
export async function playgroundInBrowser(runs = 21, warm = 10): Promise<BrowserFigure | undefined> {
  if (!existsSync(CHROMIUM)) return undefined;
  await ensureBuilt();
  const served = await serve();
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(served.url);
    const count = () =>
      page.evaluate(() => (globalThis as unknown as PageWindow).__moneta?.timings.length ?? 0);
    const until = async (n: number, limitMs: number) => {
      const t0 = Date.now();
      while ((await count()) < n) {
        if (Date.now() - t0 > limitMs) throw new Error('the playground did not finish a run');
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    await until(1, 60_000);
    for (let i = 0; i < warm + runs; i++) {
      const k = await count();
      await page.evaluate(() => (globalThis as unknown as PageWindow).__moneta?.runNow());
      await until(k + 1, 30_000);
    }
    const timings = await page.evaluate(() => (globalThis as unknown as PageWindow).__moneta?.timings ?? []);
    const measured = timings.slice(-runs);
    return {
      computeMs: measured.map((t) => t.compileMs + t.runMs),
      runMs: measured.map((t) => t.runMs),
      days: measured[measured.length - 1]?.days ?? 0,
      chromium: browser.version(),
    };
  } finally {
    await browser.close();
    await served.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await playgroundInBrowser(Number(process.argv[2] ?? 21));
  if (!r) console.log(`no Chromium at ${CHROMIUM}`);
  else {
    const s = [...r.computeMs].sort((a, b) => a - b);
    console.log(
      `Chromium ${r.chromium}: worker compute median ${s[s.length >> 1].toFixed(1)} ms (${s[0].toFixed(1)}–${s[s.length - 1].toFixed(1)}) over ${s.length} re-runs of ${r.days} days`,
    );
  }
}

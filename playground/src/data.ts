// `data("…")` series for the run worker: stdlib/data/**/*.csv (and CSVs beside the examples), each a
// separate chunk loaded only when a plan refers to it, so the worker starts fast.
import { normalise, ROOT } from './bundle';

const data = {
  ...import.meta.glob('../../stdlib/data/**/*.csv', { query: '?raw', import: 'default' }),
  ...import.meta.glob('../../examples/**/*.csv', { query: '?raw', import: 'default' }),
};

const loaded = new Map<string, string>();

/** `stdlib:fred/WRESBAL` or `file:/moneta/examples/x.csv` → the glob key of the bundled file. */
function dataKey(source: string): string | undefined {
  const std = /^stdlib:(.+)$/.exec(source);
  if (std) {
    const rel = std[1].endsWith('.csv') ? std[1] : `${std[1]}.csv`;
    return `../../stdlib/data/${normalise(rel).slice(1)}`;
  }
  const file = /^file:(.+)$/.exec(source);
  if (file) {
    const abs = normalise(file[1]);
    return abs.startsWith(`${ROOT}/`) ? `../../${abs.slice(ROOT.length + 1)}` : undefined;
  }
  return undefined;
}

/** Fetches the CSVs of these sources (the run itself is synchronous). */
export async function preloadData(sources: Iterable<string>): Promise<void> {
  for (const s of sources) {
    if (loaded.has(s)) continue;
    const key = dataKey(s);
    const load = key ? data[key] : undefined;
    if (load) loaded.set(s, (await load()) as string);
  }
}

/** RunOptions.loadData: the CSV text of a source fetched by preloadData, or undefined. */
export function loadData(source: string): string | undefined {
  return loaded.get(source);
}

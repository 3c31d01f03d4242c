// The catalogue's lookups by word, remembered per word: the checker and the compiler ask them for every
// holding, operation and member expression, and the catalogue answers with a search of its lists. Bounded,
// since the words come from the input.
import { resolveAsset, resolveInstrument, type Asset, type Instrument } from '../../plan/catalogue.js';

const MAX_WORDS = 10_000;

/** `fn` remembered per word (at most MAX_WORDS words, then forgotten all at once). */
export function remembered<T>(fn: (word: string) => T | undefined): (word: string) => T | undefined {
  const seen = new Map<string, T | null>();
  return (word) => {
    let v = seen.get(word);
    if (v === undefined) {
      if (seen.size > MAX_WORDS) seen.clear();
      v = fn(word) ?? null;
      seen.set(word, v);
    }
    return v ?? undefined;
  };
}

/** `resolveAsset`, remembered. */
export const assetOf: (name: string) => Asset | undefined = remembered(resolveAsset);

/** `resolveInstrument`, remembered. */
export const instrumentOf: (name: string) => Instrument | undefined = remembered(resolveInstrument);

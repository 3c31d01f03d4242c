// Highlighting: the Monarch tokens provider generated from the grammar (npm run generate), so the editor
// colours exactly what the lexer accepts.
import { monetaLanguageId, monetaMonarch } from '../../grammar/generated/monaco-tokens';
import type { monaco } from './monaco';

export const LANGUAGE_ID: string = monetaLanguageId;

export function monarch(): monaco.languages.IMonarchLanguage {
  return monetaMonarch as unknown as monaco.languages.IMonarchLanguage;
}

/** Keywords and reserved words of the grammar (for completion). */
export const GRAMMAR_KEYWORDS: readonly string[] = [...monetaMonarch.keywords, ...monetaMonarch.reserved];

// The Moneta language in Monaco: highlighting (the Monarch tokens generated from grammar/), completion,
// hover documentation with units, markers from the compiler's diagnostics and quick fixes from their hints.
import { catalogue, type Diagnostic } from './api';
import { STDLIB_DIR, STDLIB_PATHS } from './bundle';
import {
  CB_DOCS,
  FUNCTION_DOCS,
  INSTRUMENT_DOCS,
  KEYWORD_DOCS,
  SERIES_DOCS,
  SETTABLE_DOCS,
  typeOfName,
  unitText,
} from './docs';
import { monaco } from './monaco';
import type { AgentSymbol, Symbols } from './protocol';
import { GRAMMAR_KEYWORDS, LANGUAGE_ID, monarch } from './tokens';

export { LANGUAGE_ID };
export const MARKER_OWNER = 'moneta';

type Model = monaco.editor.ITextModel;

/** What the language features know about the script: updated after every compile. */
export interface LanguageState {
  symbols?: Symbols;
  file: string;
  /** The diagnostics behind the current markers (quick fixes read their hints). */
  diagnostics: Diagnostic[];
  format?: (text: string) => Promise<string | undefined>;
}

export const state: LanguageState = { file: '', diagnostics: [] };

const DECL = /^[ \t]*(central_bank|treasury|bank|banks|lender|public|firm)[ \t]+([A-Za-z_]\w*)/gm;
const NOT_AGENT = new Set(['issue', 'redeem', 'spend', 'tax', 'with', 'to', 'from']);

/** Agents of the compiled economy, plus any declared in the text since (while it does not compile). */
function agents(model: Model): AgentSymbol[] {
  const out = new Map<string, AgentSymbol>();
  for (const a of state.symbols?.agents ?? []) out.set(a.name, a);
  const text = model.getValue();
  for (const m of text.matchAll(DECL)) {
    if (NOT_AGENT.has(m[2]) || out.has(m[2])) continue;
    const line = text.slice(0, m.index).split('\n').length;
    out.set(m[2], { name: m[2], kind: m[1] === 'banks' ? 'group' : m[1], holdings: [], line });
  }
  return [...out.values()];
}

function currency(): string {
  return state.symbols?.currency ?? 'the economy’s currency';
}

/** `use` names of the bundled stdlib modules: economies/two_banks.mon → two_banks, fed/ior_2008.mon → fed.ior_2008. */
function stdlibModules(): string[] {
  const names: string[] = [];
  for (const path of STDLIB_PATHS) {
    const parts = path
      .slice(STDLIB_DIR.length + 1)
      .replace(/\.mon$/, '')
      .split('/');
    names.push(parts[0] === 'economies' ? parts.slice(1).join('.') : parts.join('.'));
  }
  return [...new Set(names)].filter((n) => !n.startsWith('_'));
}

function agentDoc(a: AgentSymbol): string {
  const kind = a.kind === 'group' ? `group of ${a.count ?? 'many'} banks` : a.kind.replace('_', ' ');
  const lines = [`**${a.name}** — ${kind}${a.homeBank ? `, banks with ${a.homeBank}` : ''}`];
  if (a.holdings.length) {
    lines.push('', 'Opening holdings:', '');
    for (const h of a.holdings) lines.push(`- ${h.instrument}: ${formatMoney(h.amount)} ${currency()}`);
  }
  lines.push('', `Write \`${a.name}.<instrument>\` for a holding (money, ${currency()}).`);
  return lines.join('\n');
}

function formatMoney(v: number): string {
  const a = Math.abs(v);
  const s = (x: number, suffix: string) => `${Number((v / x).toPrecision(6))}${suffix}`;
  if (a >= 1e12) return s(1e12, 'tn');
  if (a >= 1e9) return s(1e9, 'bn');
  if (a >= 1e6) return s(1e6, 'm');
  return String(v);
}

/** Markdown documentation of a word (with the word before a `.` when it is a member). */
export function documentation(word: string, base: string | undefined, model: Model): string | undefined {
  const cur = currency();
  if (base === 'cb') {
    const t =
      catalogue.CB_SERIES[word] ??
      ((catalogue.ASSETS as readonly string[]).includes(word) ? 'money' : undefined);
    if (!t) return undefined;
    return `**cb.${word}** — central-bank series · ${unitText(t, cur)}\n\n${CB_DOCS[word] ?? `The central bank’s holdings of ${word}.`}`;
  }
  if (base === 'yield') return `**yield.${word}** — settable · ${unitText('rate')}\n\nThe yield of ${word}.`;
  if (base === 'target' && ['low', 'high', 'mid'].includes(word))
    return `**target.${word}** — ${unitText('rate')}\n\nThe ${word} end of a target range (the middle for \`mid\`).`;
  if (base) {
    const agent = agents(model).find((a) => a.name === base);
    if (agent && catalogue.resolveInstrument(word))
      return `**${base}.${word}** — ${agent.name}’s ${word} · ${unitText('money', cur)}\n\n${INSTRUMENT_DOCS[catalogue.resolveInstrument(word)!] ?? ''}`;
    return undefined;
  }
  const parts: string[] = [];
  const t = typeOfName(word);
  const alias = catalogue.RATE_ALIASES[word] ?? state.symbols?.aliases[word];
  if (SERIES_DOCS[word] || (alias && SERIES_DOCS[alias]))
    parts.push(
      `**${word}** — series · ${unitText(t ?? 'money', cur)}\n\n${SERIES_DOCS[word] ?? SERIES_DOCS[alias!]}`,
    );
  else if (SETTABLE_DOCS[word] || (alias && SETTABLE_DOCS[alias])) {
    const values = catalogue.ENUMS[word];
    parts.push(
      `**${word}** — settable · ${values ? values.map((v) => `\`${v}\``).join(' | ') : unitText(t ?? 'rate', cur)}\n\n${SETTABLE_DOCS[word] ?? SETTABLE_DOCS[alias!]}`,
    );
  }
  if (FUNCTION_DOCS[word]) parts.push(`**${word}** — function\n\n${FUNCTION_DOCS[word]}`);
  const instrument = catalogue.resolveInstrument(word);
  if (instrument && !parts.length) {
    const asset = catalogue.resolveAsset(word);
    parts.push(
      `**${word}** — ${asset ? 'asset' : 'instrument'}${asset && asset !== word ? ` (alias of \`${asset}\`)` : ''} · ${unitText('money', cur)}\n\n${INSTRUMENT_DOCS[instrument]}`,
    );
  }
  if (KEYWORD_DOCS[word] && !parts.length) parts.push(`**${word}** — keyword\n\n${KEYWORD_DOCS[word]}`);
  if ((catalogue.CURRENCIES as readonly string[]).includes(word))
    parts.push(`**${word}** — currency code: \`75bn ${word}\` is an amount.`);
  const agent = agents(model).find((a) => a.name === word);
  if (agent) parts.push(agentDoc(agent));
  return parts.length ? parts.join('\n\n---\n\n') : undefined;
}

function wordAt(model: Model, position: monaco.Position) {
  const w = model.getWordAtPosition(position);
  if (!w) return undefined;
  const line = model.getLineContent(position.lineNumber);
  const before = line.slice(0, w.startColumn - 1);
  const m = /([A-Za-z_]\w*)\.$/.exec(before);
  return {
    word: w.word,
    base: m?.[1],
    range: new monaco.Range(position.lineNumber, w.startColumn, position.lineNumber, w.endColumn),
  };
}

function completions(model: Model, position: monaco.Position): monaco.languages.CompletionList {
  const K = monaco.languages.CompletionItemKind;
  const w = model.getWordUntilPosition(position);
  const range = new monaco.Range(position.lineNumber, w.startColumn, position.lineNumber, w.endColumn);
  const before = model.getLineContent(position.lineNumber).slice(0, w.startColumn - 1);
  const cur = currency();
  const items: monaco.languages.CompletionItem[] = [];
  const add = (
    label: string,
    kind: monaco.languages.CompletionItemKind,
    detail: string,
    doc?: string,
    insert?: string,
  ) =>
    items.push({
      label,
      kind,
      detail,
      documentation: doc ? { value: doc } : undefined,
      insertText: insert ?? label,
      insertTextRules: insert ? monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet : undefined,
      range,
    });
  const member = /([A-Za-z_]\w*)\.$/.exec(before);
  if (member) {
    const base = member[1];
    if (base === 'cb') {
      for (const [n, t] of Object.entries(catalogue.CB_SERIES)) add(n, K.Field, unitText(t, cur), CB_DOCS[n]);
      for (const a of catalogue.ASSETS)
        add(a, K.Field, unitText('money', cur), `The central bank’s holdings of ${a}.`);
    } else if (base === 'yield') {
      for (const a of catalogue.ASSETS) add(a, K.Field, unitText('rate'), `The yield of ${a}.`);
    } else if (base === 'target') {
      for (const p of ['low', 'high', 'mid'])
        add(p, K.Field, unitText('rate'), `The ${p} end of the target range.`);
    } else if (agents(model).some((a) => a.name === base)) {
      for (const i of catalogue.INSTRUMENTS) add(i, K.Field, unitText('money', cur), INSTRUMENT_DOCS[i]);
    }
    return { suggestions: items };
  }
  if (/^\s*use\s+$/.test(before)) {
    for (const n of stdlibModules()) add(n, K.Module, 'standard library');
    return { suggestions: items };
  }
  for (const k of GRAMMAR_KEYWORDS) add(k, K.Keyword, 'keyword', KEYWORD_DOCS[k]);
  add('dealers', K.Keyword, 'party');
  for (const a of catalogue.ASSETS) add(a, K.EnumMember, 'asset', INSTRUMENT_DOCS[a]);
  for (const [alias, a] of Object.entries(catalogue.ASSET_ALIASES))
    add(alias, K.EnumMember, `asset (alias of ${a})`);
  for (const i of catalogue.INSTRUMENTS)
    if (!(catalogue.ASSETS as readonly string[]).includes(i))
      add(i, K.EnumMember, 'instrument', INSTRUMENT_DOCS[i]);
  for (const a of agents(model))
    add(
      a.name,
      K.Class,
      `agent · ${a.kind === 'group' ? `group of ${a.count ?? 'many'} banks` : a.kind}`,
      agentDoc(a),
    );
  for (const [n, t] of Object.entries(catalogue.SERIES))
    add(n, K.Field, `series · ${unitText(t, cur)}`, SERIES_DOCS[n]);
  for (const [n, t] of Object.entries(catalogue.SETTABLE))
    add(
      n,
      K.Property,
      `settable · ${catalogue.ENUMS[n] ? catalogue.ENUMS[n].join(' | ') : unitText(t, cur)}`,
      SETTABLE_DOCS[n],
    );
  const aliases = { ...catalogue.RATE_ALIASES, ...(state.symbols?.aliases ?? {}) };
  for (const [alias, of] of Object.entries(aliases))
    if (!catalogue.SETTABLE[alias])
      add(alias, K.Property, `alias of ${of}`, SERIES_DOCS[of] ?? SETTABLE_DOCS[of]);
  add('cb', K.Module, 'central-bank series: cb.assets, cb.treasuries …');
  add('yield', K.Module, 'yield.<asset>: settable yields');
  for (const [name, values] of Object.entries(catalogue.ENUMS))
    for (const v of values) add(v, K.Value, `value of ${name}`, KEYWORD_DOCS[v]);
  for (const f of catalogue.FUNCTIONS) {
    const snippet =
      f === 'data'
        ? 'data("${1:fred/WRESBAL}")'
        : f === 'at'
          ? 'at(${1:series}, ${2:2020-01-01})'
          : `${f}(\${1})`;
    add(f, K.Function, 'function', FUNCTION_DOCS[f], snippet);
  }
  for (const win of catalogue.WINDOWS) add(win, K.Constant, 'window');
  for (const c of catalogue.CURRENCIES) add(c, K.Unit, 'currency');
  for (const p of state.symbols?.params ?? []) add(p, K.Variable, 'param');
  return { suggestions: items };
}

/** Quick fixes from a diagnostic's hint. */
export function fixesFor(
  d: Pick<Diagnostic, 'hint' | 'message'>,
  range: monaco.IRange,
  model: Model,
): { title: string; range: monaco.IRange; text: string; preferred: boolean }[] {
  const hint = d.hint ?? '';
  const out: { title: string; range: monaco.IRange; text: string; preferred: boolean }[] = [];
  const current = model.getValueInRange(range);
  const mean = /did you mean `([^`]+)`/i.exec(hint);
  if (mean) out.push({ title: `Replace with \`${mean[1]}\``, range, text: mean[1], preferred: true });
  const use = /\buse ((?:`[^`]+`(?:, | or )?)+)/i.exec(hint);
  if (use && /^[A-Za-z_][\w.]*$/.test(current))
    for (const m of use[1].matchAll(/`([^`]+)`/g))
      if (/^[A-Za-z_][\w.]*$/.test(m[1]))
        out.push({ title: `Use \`${m[1]}\``, range, text: m[1], preferred: false });
  if (/add a currency/i.test(hint) && state.symbols) {
    const end = { ...range, startLineNumber: range.endLineNumber, startColumn: range.endColumn };
    out.push({
      title: `Add the currency: \`${current} ${state.symbols.currency}\``,
      range: end,
      text: ` ${state.symbols.currency}`,
      preferred: true,
    });
  }
  return out;
}

function codeActions(
  model: Model,
  context: monaco.languages.CodeActionContext,
): monaco.languages.CodeActionList {
  const actions: monaco.languages.CodeAction[] = [];
  for (const marker of context.markers) {
    if (marker.source !== MARKER_OWNER) continue;
    const code = typeof marker.code === 'string' ? marker.code : marker.code?.value;
    const d = state.diagnostics.find(
      (x) =>
        x.code === code &&
        x.span.start.line === marker.startLineNumber &&
        x.span.start.col === marker.startColumn &&
        x.message === marker.message.split('\n')[0],
    );
    if (!d) continue;
    for (const fix of fixesFor(d, marker, model))
      actions.push({
        title: fix.title,
        kind: 'quickfix',
        diagnostics: [marker],
        isPreferred: fix.preferred,
        edit: {
          edits: [
            {
              resource: model.uri,
              textEdit: { range: fix.range, text: fix.text },
              versionId: model.getVersionId(),
            },
          ],
        },
      });
  }
  return { actions, dispose() {} };
}

/** Diagnostics → markers (1-based inclusive spans → Monaco's exclusive end column). */
export function setMarkers(model: Model, diagnostics: Diagnostic[]): void {
  state.diagnostics = diagnostics;
  const S = monaco.MarkerSeverity;
  const useLine = /^[ \t]*use\b/m.exec(model.getValue());
  const fallbackLine = useLine ? model.getValue().slice(0, useLine.index).split('\n').length : 1;
  const markers = diagnostics.map((d): monaco.editor.IMarkerData => {
    const here = d.span.file === state.file || d.span.file === '';
    const startLineNumber = here ? d.span.start.line : fallbackLine;
    const startColumn = here ? d.span.start.col : 1;
    const endLineNumber = here ? d.span.end.line : fallbackLine;
    const endColumn = here
      ? d.span.end.col + 1
      : model.getLineMaxColumn(Math.min(fallbackLine, model.getLineCount()));
    return {
      source: MARKER_OWNER,
      code: d.code,
      severity: d.severity === 'error' ? S.Error : d.severity === 'warning' ? S.Warning : S.Info,
      message: `${here ? '' : `in ${d.span.file}: `}${d.message}${d.hint ? `\nhint: ${d.hint}` : ''}`,
      startLineNumber,
      startColumn,
      endLineNumber,
      endColumn: Math.max(endColumn, startColumn + (endLineNumber === startLineNumber ? 1 : 0)),
    };
  });
  monaco.editor.setModelMarkers(model, MARKER_OWNER, markers);
}

export function registerMoneta(): void {
  monaco.languages.register({ id: LANGUAGE_ID, extensions: ['.mon'], aliases: ['Moneta', 'moneta'] });
  monaco.languages.setMonarchTokensProvider(LANGUAGE_ID, monarch());
  monaco.languages.setLanguageConfiguration(LANGUAGE_ID, {
    comments: { lineComment: '#' },
    brackets: [
      ['{', '}'],
      ['(', ')'],
    ],
    autoClosingPairs: [
      { open: '{', close: '}' },
      { open: '(', close: ')' },
      { open: '"', close: '"', notIn: ['string', 'comment'] },
    ],
    surroundingPairs: [
      { open: '{', close: '}' },
      { open: '(', close: ')' },
      { open: '"', close: '"' },
    ],
    indentationRules: { increaseIndentPattern: /\{[^}]*$/, decreaseIndentPattern: /^\s*\}/ },
    wordPattern: /[A-Za-z_]\w*|-?\d[\d_]*(\.\d+)?(e-?\d+)?(k|m|bn|tn|bp|%)?/,
  });
  monaco.languages.registerCompletionItemProvider(LANGUAGE_ID, {
    triggerCharacters: ['.', ' '],
    provideCompletionItems: (model, position, context) => {
      // A space only opens the list after `use`.
      if (
        context.triggerCharacter === ' ' &&
        !/^\s*use\s+$/.test(model.getLineContent(position.lineNumber).slice(0, position.column - 1))
      )
        return { suggestions: [] };
      return completions(model, position);
    },
  });
  monaco.languages.registerHoverProvider(LANGUAGE_ID, {
    provideHover: (model, position) => {
      const w = wordAt(model, position);
      if (!w) return null;
      const doc = documentation(w.word, w.base, model);
      return doc ? { range: w.range, contents: [{ value: doc }] } : null;
    },
  });
  monaco.languages.registerCodeActionProvider(
    LANGUAGE_ID,
    { provideCodeActions: (model, _range, context) => codeActions(model, context) },
    { providedCodeActionKinds: ['quickfix'] },
  );
  monaco.languages.registerDocumentFormattingEditProvider(LANGUAGE_ID, {
    provideDocumentFormattingEdits: async (model) => {
      const text = await state.format?.(model.getValue());
      if (text === undefined || text === model.getValue()) return [];
      return [{ range: model.getFullModelRange(), text }];
    },
  });
  monaco.editor.defineTheme('moneta', {
    base: 'vs',
    inherit: true,
    rules: [
      { token: 'comment', foreground: '6a737d', fontStyle: 'italic' },
      { token: 'keyword', foreground: '7c3aed' },
      { token: 'type', foreground: '0f766e' },
      { token: 'number', foreground: 'b45309' },
      { token: 'string', foreground: '15803d' },
      { token: 'constant', foreground: 'b45309' },
    ],
    colors: {},
  });
}

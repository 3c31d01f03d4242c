// Share by URL: the script, lz-string compressed, in the hash (`#code=…`, with `&file=…` for an example
// that uses a module beside it). Decoding is defensive: bounded sizes, any failure means "no script".
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';

/** Longest script accepted from a URL (characters, decoded). */
export const MAX_SCRIPT_CHARS = 100_000;
/** Longest compressed payload looked at (even incompressible text of MAX_SCRIPT_CHARS encodes shorter). */
export const MAX_ENCODED_CHARS = 200_000;

export interface Shared {
  text: string;
  file?: string;
}

export function encodeShare(s: Shared): string {
  const params = new URLSearchParams();
  if (s.file) params.set('file', s.file);
  // URLSearchParams would escape `+`; the lz-string alphabet is URL-safe as it is.
  return `#${params.toString() ? `${params.toString()}&` : ''}code=${compressToEncodedURIComponent(s.text)}`;
}

export type Decoded = { ok: true; shared: Shared } | { ok: false; error: string } | undefined;

/** undefined: no script in the hash; otherwise the script or why it was rejected. Runs in the worker. */
export function decodeShare(hash: string): Decoded {
  if (!hash || hash.length <= 1) return undefined;
  if (hash.length > MAX_ENCODED_CHARS) return { ok: false, error: 'the shared link is too long' };
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  let code: string | undefined;
  let file: string | undefined;
  for (const part of body.split('&')) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    if (key === 'code') code = value;
    else if (key === 'file') {
      try {
        file = decodeURIComponent(value);
      } catch {
        file = undefined;
      }
    }
  }
  if (code === undefined) return undefined;
  let text: string | null = null;
  try {
    text = decompressFromEncodedURIComponent(code);
  } catch {
    text = null;
  }
  if (typeof text !== 'string' || (text === '' && code !== ''))
    return { ok: false, error: 'the shared link is damaged' };
  if (text.length > MAX_SCRIPT_CHARS)
    return { ok: false, error: `the shared script is longer than ${MAX_SCRIPT_CHARS} characters` };
  if (file !== undefined && !/^\/moneta\/[\w./-]+\.mon$/.test(file)) file = undefined;
  return { ok: true, shared: { text, file } };
}

// Loads a shared link. A crafted payload can make lz-string's output grow quadratically, so decoding runs
// in a throwaway worker with a deadline: a hostile link can neither freeze nor crash the page.
import { MAX_ENCODED_CHARS, type Decoded } from './share';

const DECODE_TIMEOUT_MS = 3000;

/** decodeShare in a throwaway worker, so that a hostile link can neither freeze nor crash the page. */
export function decodeShareSafely(hash: string): Promise<Decoded> {
  if (!/[#&]code=/.test(hash)) return Promise.resolve(undefined);
  if (hash.length > MAX_ENCODED_CHARS)
    return Promise.resolve({ ok: false, error: 'the shared link is too long' });
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./share.worker.ts', import.meta.url), {
      type: 'module',
      name: 'moneta-share',
    });
    const done = (d: Decoded) => {
      clearTimeout(timer);
      worker.terminate();
      resolve(d);
    };
    const timer = setTimeout(
      () => done({ ok: false, error: 'the shared link could not be decoded' }),
      DECODE_TIMEOUT_MS,
    );
    worker.onmessage = (e: MessageEvent<Decoded>) => done(e.data);
    worker.onerror = (e) => {
      e.preventDefault();
      done({ ok: false, error: 'the shared link could not be decoded' });
    };
    worker.postMessage(hash);
  });
}

// Decodes a shared link off the main thread (see decodeShareSafely).
import { decodeShare } from './share';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<string>) => void) | null;
  postMessage(m: unknown): void;
};
scope.onmessage = (e) => {
  try {
    scope.postMessage(decodeShare(String(e.data)));
  } catch {
    scope.postMessage({ ok: false, error: 'the shared link could not be decoded' });
  }
};

// Reading the files a command names; a file that cannot be read is a usage error (exit 64), reported in
// one line.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Io } from './io.js';

export interface SourceText {
  /** As the user wrote it. */
  file: string;
  /** Absolute. */
  path: string;
  text: string;
}

/** Every file's text, or undefined after printing why one cannot be read. */
export function readSources(files: string[], io: Io): SourceText[] | undefined {
  const out: SourceText[] = [];
  let ok = true;
  for (const file of files) {
    const path = resolve(io.cwd, file);
    try {
      out.push({ file, path, text: readFileSync(path, 'utf8') });
    } catch (e) {
      const code = (e as { code?: string }).code;
      const why =
        code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : 'cannot be read';
      io.err(`moneta: ${file}: ${why}\n`);
      ok = false;
    }
  }
  return ok ? out : undefined;
}

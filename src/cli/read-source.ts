// Reading the files a command names: one helper for every command, so that a file that cannot be read is
// always a usage error (exit 64) reported in one line with the same reason.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Io } from './io.js';

/** A mistake in how the command was called (exit 64), reported in one line. */
export class UsageError extends Error {}

export interface SourceText {
  /** As the user wrote it. */
  file: string;
  /** Absolute. */
  path: string;
  text: string;
}

/** One file's text; a UsageError `FILE: why` when it cannot be read. */
export function readSource(file: string, cwd: string): SourceText {
  const path = resolve(cwd, file);
  try {
    return { file, path, text: readFileSync(path, 'utf8') };
  } catch (e) {
    throw new UsageError(`${file}: ${whyUnreadable(e)}`);
  }
}

/** Why a path could not be read, from a file-system error. */
export function whyUnreadable(e: unknown): string {
  const code = (e as { code?: string }).code;
  return code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : 'cannot be read';
}

/** Every file's text, or undefined after printing why one cannot be read. */
export function readSources(files: string[], io: Io): SourceText[] | undefined {
  const out: SourceText[] = [];
  let ok = true;
  for (const file of files) {
    try {
      out.push(readSource(file, io.cwd));
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      io.err(`moneta: ${e.message}\n`);
      ok = false;
    }
  }
  return ok ? out : undefined;
}

// Runs the CLI in-process with captured output (the same `main` the bin calls).
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

export async function cli(args: string[], cwd = process.cwd()): Promise<CliResult> {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => (out += t), err: (t) => (err += t), isTty: false, cwd };
  const code = await main(args, io);
  return { code, out, err };
}

/** Compares with a committed baseline; UPDATE_GOLDEN=1 rewrites it. */
export async function golden(path: string, actual: string): Promise<void> {
  const { existsSync, readFileSync, writeFileSync, mkdirSync } = await import('node:fs');
  const { dirname } = await import('node:path');
  const { expect } = await import('vitest');
  if (process.env.UPDATE_GOLDEN || !existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

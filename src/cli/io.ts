// What a command needs from the outside world, so commands are testable without spawning processes.
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** True when stdout is a terminal (progress bars, colours). */
  isTty: boolean;
  cwd: string;
}

export const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  isTty: Boolean(process.stdout.isTTY),
  cwd: process.cwd(),
};

/** Exit codes of SPEC §5. */
export const EXIT = {
  ok: 0,
  expectationFailed: 1,
  diagnostics: 2,
  runtime: 3,
  usage: 64,
  internal: 70,
} as const;

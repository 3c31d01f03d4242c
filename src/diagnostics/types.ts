// The shape of a diagnostic, shared by every stage (front end, interpreter, CLI, playground).
import type { Span } from '../plan/types.js';

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  /** Stable code from the catalogue (src/diagnostics/catalogue.ts), e.g. `MON2001`. */
  code: string;
  severity: Severity;
  message: string;
  hint?: string;
  /** Where: file and 1-based inclusive range. */
  span: Span;
  related?: { message: string; span: Span }[];
}

/** The result of every pipeline stage: a value (absent when the stage could not produce one) and diagnostics. */
export interface Result<T> {
  value: T | undefined;
  diagnostics: Diagnostic[];
}

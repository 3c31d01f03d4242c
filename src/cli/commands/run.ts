import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { toJson } from '../../diagnostics/render.js';
import { renderRun, runToJson, tableToCsv, type RunOptions } from '../../interpret/index.js';
import { printDiagnostics } from '../diagnostics-out.js';
import { paramValueError } from '../../interpret/params.js';
import { EXIT, type Io } from '../io.js';
import { compileScript, hasErrors, runCompiled, UsageError } from '../pipeline.js';

export interface RunFlags {
  param?: string[];
  json?: boolean;
  csv?: string;
  audit?: boolean;
  showBalanceSheets?: string;
  mode?: 'exact' | 'float';
  maxDays?: number;
  maxBanks?: number;
  maxScheduleOps?: number;
  maxRules?: number;
}

/** `--max-…` flags → RunOptions.limits (only those given). */
export function limitsFromFlags(flags: LimitFlags): RunOptions['limits'] {
  const limits: NonNullable<RunOptions['limits']> = {};
  if (flags.maxDays !== undefined) limits.maxDays = flags.maxDays;
  if (flags.maxBanks !== undefined) limits.maxBanks = flags.maxBanks;
  if (flags.maxScheduleOps !== undefined) limits.maxScheduleOps = flags.maxScheduleOps;
  if (flags.maxRules !== undefined) limits.maxRules = flags.maxRules;
  return limits;
}

export type LimitFlags = Pick<RunFlags, 'maxDays' | 'maxBanks' | 'maxScheduleOps' | 'maxRules'>;

export function parseParamFlags(flags: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of flags ?? []) {
    const eq = f.indexOf('=');
    if (eq <= 0) throw new UsageError(`--param ${f}: expected name=value`);
    out[f.slice(0, eq).trim()] = f.slice(eq + 1).trim();
  }
  return out;
}

export async function runCommand(file: string, flags: RunFlags, io: Io): Promise<number> {
  try {
    const params = parseParamFlags(flags.param);
    if (flags.showBalanceSheets && !/^\d{4}-\d{2}-\d{2}$/.test(flags.showBalanceSheets))
      throw new UsageError(`--show-balance-sheets ${flags.showBalanceSheets}: expected a date YYYY-MM-DD`);
    const c = compileScript(file, io.cwd);
    if (!c.plan || hasErrors(c.diagnostics)) {
      if (flags.json)
        io.out(JSON.stringify({ version: 1, diagnostics: c.diagnostics.map(toJson) }, null, 2) + '\n');
      else printDiagnostics(c.diagnostics, c.sources, io);
      return EXIT.diagnostics;
    }
    // A param the script lacks, or a value of another type or currency, is a mistake of the command line,
    // found before the run as `moneta sweep` finds it.
    for (const [name, value] of Object.entries(params)) {
      const why = paramValueError(c.plan, name, value);
      if (why !== undefined) throw new UsageError(why);
    }
    const result = runCompiled(c.plan, {
      params,
      audit: flags.audit,
      mode: flags.mode,
      limits: limitsFromFlags(flags),
      balanceSheetDates: flags.showBalanceSheets ? [flags.showBalanceSheets] : undefined,
    });
    // The compile's warnings (a date outside the period, …) are not lost because the script ran.
    if (flags.json) io.out(JSON.stringify(runToJson(result, c.diagnostics), null, 2) + '\n');
    else {
      printDiagnostics(c.diagnostics, c.sources, io);
      io.out(renderRun(result));
      if (result.diagnostics.length) printDiagnostics(result.diagnostics, c.sources, io);
      const named = result.reports.find((t) => t.to !== undefined);
      if (!flags.csv && named !== undefined)
        io.err(`note: \`report … to "${named.to}"\` writes its file only with --csv DIR\n`);
    }
    if (flags.csv) {
      const dir = resolve(io.cwd, flags.csv);
      mkdirSync(dir, { recursive: true });
      result.reports.forEach((t, i) => {
        const name = t.to ? t.to.replace(/[^\w.-]+/g, '_') : `report${i + 1}.csv`;
        writeFileSync(join(dir, name.endsWith('.csv') ? name : `${name}.csv`), tableToCsv(t));
      });
    }
    if (result.diagnostics.length) return EXIT.runtime;
    return result.expectations.every((x) => x.passed) ? EXIT.ok : EXIT.expectationFailed;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`moneta run: ${e.message}\n`);
      return EXIT.usage;
    }
    throw e;
  }
}

// The `moneta` command. Commands are loaded lazily so that `moneta check` starts fast.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { EXIT, processIo, type Io } from './io.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function positiveInt(value: string): number {
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

/** The run-time limits (RunOptions.limits) every running command accepts. */
function limitOptions(cmd: Command): Command {
  return cmd
    .option('--max-days <n>', 'limit: simulated days', positiveInt)
    .option('--max-banks <n>', 'limit: banks in the economy', positiveInt)
    .option('--max-schedule-ops <n>', 'limit: expansions of schedules', positiveInt)
    .option('--max-rules <n>', 'limit: rules, operations and events', positiveInt);
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command();
  program
    .name('moneta')
    .description('A policy language and an exact monetary engine for central-bank balance sheets')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });

  program
    .command('check')
    .description('check scripts and print every diagnostic')
    .argument('<files...>', 'scripts to check')
    .option('--json', 'print diagnostics as JSON')
    .action(async (files: string[], opts: { json?: boolean }) => {
      const { checkCommand } = await import('./commands/check.js');
      code = await checkCommand(files, opts, io);
    });

  program
    .command('plan')
    .description('print the compiled plan as JSON')
    .argument('<file>', 'script')
    .action(async (file: string) => {
      const { planCommand } = await import('./commands/plan.js');
      code = await planCommand(file, {}, io);
    });

  program
    .command('fmt')
    .description('format scripts canonically (in place, or --check)')
    .argument('<files...>', 'scripts')
    .option('--check', 'exit 1 if a file is not formatted, without writing')
    .action(async (files: string[], opts: { check?: boolean }) => {
      const { fmtCommand } = await import('./commands/fmt.js');
      code = await fmtCommand(files, opts, io);
    });

  program
    .command('explain')
    .description('explain a diagnostic code')
    .argument('<code>', 'e.g. MON2001')
    .action(async (c: string) => {
      const { explainCommand } = await import('./commands/explain.js');
      code = await explainCommand(c, {}, io);
    });

  limitOptions(program.command('run'))
    .description('run a script: expectations, then reports')
    .argument('<file>', 'script')
    .option('--param <k=v>', 'override a param (repeatable)', collect, [])
    .option('--json', 'print one JSON document')
    .option('--csv <dir>', 'write each report as CSV into DIR')
    .option('--audit', 'check every invariant every day')
    .option('--show-balance-sheets <date>', 'print T-accounts of every agent on DATE')
    .addOption(
      new Option('--mode <mode>', 'arithmetic').choices(['exact', 'float']).default('exact').hideHelp(),
    )
    .action(async (file: string, opts) => {
      const { runCommand } = await import('./commands/run.js');
      code = await runCommand(file, opts, io);
    });

  limitOptions(program.command('test'))
    .description("run scripts' expectations; ends with `N passed, N failed`")
    .argument('[paths...]', 'scripts or directories (default: examples/)')
    .action(async (paths: string[], opts) => {
      const { testCommand } = await import('./commands/test.js');
      code = await testCommand(paths, opts, io);
    });

  limitOptions(program.command('sweep'))
    .description('run a grid of parameters in parallel; CSV out')
    .argument('<file>', 'script')
    .option('--param <name=lo..hi:steps>', 'a parameter range (repeatable)', collect, [])
    .option('--workers <n>', 'worker threads', (v) => Number.parseInt(v, 10))
    .option('--out <file>', 'write the CSV to FILE instead of stdout')
    .action(async (file: string, opts) => {
      const { sweepCommand } = await import('./commands/sweep.js');
      code = await sweepCommand(file, opts, io);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (
        e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.version' ||
        e.code === 'commander.help'
      )
        return EXIT.ok;
      return EXIT.usage;
    }
    throw e;
  }
  return code;
}

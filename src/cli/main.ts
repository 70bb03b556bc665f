import { Command, CommanderError, Option } from 'commander';
import { ZodError } from 'zod';
import { KbValidationError } from '../kb/knowledge-base.ts';
import { UnknownStateError } from '../states/registry.ts';
import { defaultStorePath } from '../store/paths.ts';
import { CliContext } from './context.ts';
import { UserError } from './errors.ts';
import type { Format } from './output.ts';
import { registerKbCommands } from './commands/kb.ts';
import { registerServeCommands } from './commands/serve.ts';
import { registerStatesCommand } from './commands/states.ts';
import { registerDataCommands } from './commands/data.ts';
import { registerAutonomyCommands } from './commands/autonomy.ts';
import { registerReportCommand } from './commands/report.ts';
import { registerAlignmentCommands } from './commands/alignment.ts';
import { registerCorridorsCommands } from './commands/corridors.ts';
import { registerScenarioCommands } from './commands/scenario.ts';
import { registerBrokerageCommands } from './commands/brokerage.ts';
import { registerExportCommand } from './commands/export.ts';
import { registerCoverageCommand } from './commands/coverage.ts';

/** Errors that mean "your input was wrong" (exit 1) rather than "we failed" (exit 2). */
function isUserError(err: unknown): boolean {
  return (
    err instanceof UserError ||
    err instanceof UnknownStateError ||
    err instanceof KbValidationError ||
    err instanceof ZodError ||
    (err instanceof Error && 'userError' in err && (err as { userError: unknown }).userError === true)
  );
}

function globalOptions(argv: string[]): {
  store: string;
  format: Format;
  quiet: boolean;
  dataFormat: 'csv' | 'parquet';
} {
  const probe = new Command()
    .allowUnknownOption()
    .allowExcessArguments()
    .helpOption(false)
    .option('--store <path>')
    .option('--format <f>', '', 'table')
    .option('--quiet');
  probe.parse(argv, { from: 'user' });
  const o = probe.opts<{ store?: string; format: string; quiet?: boolean }>();
  // Parquet is a file format, so only `export` (which writes files) takes it.
  const exporting = probe.args[0] === 'export';
  if (o.format === 'parquet' && !exporting)
    throw new UserError(`--format parquet is only for \`export\`; other commands take table, json or csv`);
  if (!['table', 'json', 'csv', 'parquet'].includes(o.format))
    throw new UserError(
      `--format must be table, json or csv${exporting ? ' (or parquet for export)' : ''}, got '${o.format}'`,
    );
  const parquet = o.format === 'parquet';
  return {
    store: o.store ?? defaultStorePath(),
    format: parquet ? 'table' : (o.format as Format),
    quiet: Boolean(o.quiet),
    dataFormat: parquet ? 'parquet' : 'csv',
  };
}

/** Runs the CLI and returns the exit code: 0 success, 1 bad input, 2 internal error. */
export async function main(
  argv: string[],
  io: { out?: (t: string) => void; err?: (t: string) => void } = {},
): Promise<number> {
  const err = io.err ?? ((t: string) => process.stderr.write(t));
  let ctx: CliContext | undefined;
  try {
    const g = globalOptions(argv);
    ctx = new CliContext(g.store, g.format, g.quiet, io.out, io.err);
    ctx.dataFormat = g.dataFormat;
    const program = new Command('interconnector')
      .description(
        'Measure strategic autonomy, alignment, brokerage and transit roles of states from real data.',
      )
      .addOption(
        new Option('--store <path>', 'store file (default: INTERCONNECTOR_STORE or the user data dir)'),
      )
      .addOption(
        new Option('--format <format>', 'output format (parquet: export only)')
          .choices(['table', 'json', 'csv', 'parquet'])
          .default('table'),
      )
      .option('--quiet', 'no progress bars or messages on stderr')
      .showHelpAfterError('(run with --help for usage)')
      .exitOverride()
      .configureOutput({ writeOut: io.out ?? ((t) => process.stdout.write(t)), writeErr: err });
    registerDataCommands(program, ctx);
    registerStatesCommand(program, ctx);
    registerKbCommands(program, ctx);
    registerAutonomyCommands(program, ctx);
    registerReportCommand(program, ctx);
    registerServeCommands(program, ctx);
    registerAlignmentCommands(program, ctx);
    registerCorridorsCommands(program, ctx);
    registerScenarioCommands(program, ctx);
    registerBrokerageCommands(program, ctx);
    registerExportCommand(program, ctx);
    registerCoverageCommand(program, ctx);
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version'
        ? 0
        : 1;
    }
    if (isUserError(e)) {
      const message =
        e instanceof ZodError
          ? e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
          : (e as Error).message;
      err(`error: ${message.split('\n')[0]}\n`);
      return 1;
    }
    err(`internal error: ${(e as Error).message.split('\n')[0]}\n`);
    if (process.env.INTERCONNECTOR_DEBUG) err(`${(e as Error).stack}\n`);
    return 2;
  } finally {
    await ctx?.close();
  }
}

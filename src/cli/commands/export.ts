import type { Command } from 'commander';
import { exportPanel } from '../../export/panel.ts';
import { FIRST_FRAMEWORK_YEAR } from '../../framework/session.ts';
import { version } from '../../version.ts';
import type { CliContext } from '../context.ts';
import { UserError } from '../errors.ts';
import { openSession } from './autonomy.ts';

export function registerExportCommand(program: Command, ctx: CliContext): void {
  program
    .command('export')
    .description(
      'the whole panel (every state-year: index, interval, rank, components, coverage, posture, ' +
        'provenance) ' +
        'with a codebook and a citation file (--format csv, the default, or parquet)',
    )
    .option('--out <dir>', 'folder to write into', 'interconnector-panel')
    .option('--draws <N>', 'Monte Carlo draws for intervals and confidence', '200')
    .action(async (opts: { out: string; draws: string }) => {
      const draws = Number(opts.draws);
      if (!Number.isInteger(draws) || draws < 0 || draws > 100000)
        throw new UserError(`--draws must be a whole number 0–100000, got '${opts.draws}'`);
      const format = ctx.dataFormat;
      const session = await openSession(ctx);
      const run = session.autonomy({ years: [FIRST_FRAMEWORK_YEAR, session.latestYear()], draws, seed: 1 });
      const result = await exportPanel(run, {
        out: opts.out,
        format,
        version,
        date: new Date().toISOString().slice(0, 10),
      });
      ctx.info(`wrote ${result.rows} state-years × ${result.columns} columns: ${result.files.join(', ')}`);
      if (ctx.format === 'json') ctx.print(result);
      else if (!ctx.quiet) ctx.lines(result.files);
    });
}

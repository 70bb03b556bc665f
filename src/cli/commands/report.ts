import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { htmlToPdf } from '../../report/pdf.ts';
import { buildReport } from '../../report/report.ts';
import { FIRST_FRAMEWORK_YEAR } from '../../framework/session.ts';
import { parseYearRange } from '../../input/years.ts';
import type { CliContext } from '../context.ts';
import { UserError } from '../errors.ts';
import { openSession } from './autonomy.ts';

export function registerReportCommand(program: Command, ctx: CliContext): void {
  program
    .command('report')
    .description('a self-contained brief of the framework for a state (HTML, or PDF through Chromium)')
    .argument('<state>', 'ISO3, COW code or name')
    .option('--out <file>', 'FILE.html or FILE.pdf (default: STATE.html)')
    .option('--years <A-B>', 'years to cover (default 1992 to the latest year with data)')
    .option('--draws <N>', 'Monte Carlo draws', '200')
    .action(async (stateArg: string, opts: { out?: string; years?: string; draws: string }) => {
      const state = (await ctx.registry()).resolve(stateArg);
      const out = opts.out ?? `${state.iso3 ?? state.cowAbbrev}.html`;
      if (!/\.(html?|pdf)$/i.test(out)) throw new UserError(`--out must end in .html or .pdf, got '${out}'`);
      const draws = Number(opts.draws);
      if (!Number.isInteger(draws) || draws < 0 || draws > 100000)
        throw new UserError(`--draws must be a whole number 0–100000, got '${opts.draws}'`);
      const session = await openSession(ctx);
      const years = opts.years
        ? parseYearRange(opts.years, '--years')
        : ([FIRST_FRAMEWORK_YEAR, session.latestYear()] as [number, number]);
      if (years[1] > session.latestYear())
        throw new UserError(`--years ends after the latest year with data (${session.latestYear()})`);
      let html: string;
      try {
        html = buildReport(session, state, { years, draws, seed: 1 });
      } catch (err) {
        if (err instanceof RangeError) throw new UserError(err.message);
        throw err;
      }
      if (/\.pdf$/i.test(out)) await htmlToPdf(html, out);
      else writeFileSync(out, html);
      ctx.info(`wrote ${out}`);
      if (ctx.format === 'json') ctx.print({ state: state.iso3, out, bytes: html.length });
    });
}

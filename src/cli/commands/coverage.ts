import type { Command } from 'commander';
import { COMPONENTS } from '../../framework/autonomy/components.ts';
import { coverageReport } from '../../framework/coverage/report.ts';
import { FIRST_FRAMEWORK_YEAR } from '../../framework/session.ts';
import { parseYear } from '../../input/years.ts';
import type { CliContext } from '../context.ts';
import { UserError } from '../errors.ts';
import { openSession } from './autonomy.ts';

const short = { present: 'yes', 'not-applicable': 'n/a', unknown: '?' } as const;

export function registerCoverageCommand(program: Command, ctx: CliContext): void {
  program
    .command('coverage')
    .description('components present / not applicable / unknown, per state, for a year')
    .option('--year <Y>', 'year (default: the latest year with data)')
    .option('--state <S>', 'one state (ISO3, COW code or name)')
    .action(async (opts: { year?: string; state?: string }) => {
      const registry = await ctx.registry();
      const state = opts.state ? registry.resolve(opts.state) : undefined;
      const session = await openSession(ctx);
      const year = opts.year ? parseYear(opts.year, '--year') : session.latestYear();
      if (year < FIRST_FRAMEWORK_YEAR || year > session.latestYear())
        throw new UserError(
          `--year ${year} is outside the framework's years ` +
            `(${FIRST_FRAMEWORK_YEAR}–${session.latestYear()})`,
        );
      const report = coverageReport(session, year, state?.ccode);
      if (state && report.states.length === 0)
        throw new UserError(`${state.name} was not in the international system in ${year}`);
      if (ctx.format === 'json') return ctx.print(report);
      ctx.print(
        report.states.map((s) => ({
          state: s.state,
          year: s.year,
          coverage: s.label,
          ...Object.fromEntries(COMPONENTS.map((c) => [c, short[s.components[c]]])),
        })),
        { title: `${year}: components present (yes), not applicable (n/a) or unknown (?)` },
      );
      if (ctx.format !== 'table') return;
      if (state) {
        const s = report.states[0]!;
        ctx.lines(['', ...Object.entries(s.reasons).map(([c, why]) => `  ${c}: ${why}`)]);
      } else {
        ctx.print(
          COMPONENTS.map((c) => ({ component: c, ...report.components[c] })),
          { title: `\nper component, ${report.states.length} states` },
        );
        ctx.lines([
          '',
          `${(report.complete * 100).toFixed(1)}% of states have every applicable component in ${year}`,
        ]);
      }
    });
}

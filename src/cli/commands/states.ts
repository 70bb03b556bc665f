import type { Command } from 'commander';
import { parseYear } from '../../input/years.ts';
import type { CliContext } from '../context.ts';
import { UserError } from '../errors.ts';
import { listStates } from '../../states/list.ts';

export function registerStatesCommand(program: Command, ctx: CliContext): void {
  program
    .command('states')
    .description('list the states of the international system (all, or those in the system in --year)')
    .option('--year <Y>', 'only states in the system during year Y')
    .action(async (opts: { year?: string }) => {
      const registry = await ctx.registry();
      const year = opts.year === undefined ? undefined : parseYear(opts.year);
      if (year !== undefined && !registry.hasSpans()) {
        throw new UserError(
          'years in the system need the COW state list: run `interconnector ' +
            'data pull cow_states` (or data import cow_states FILE)',
        );
      }
      const rows = listStates(registry, year);
      ctx.print(rows, {
        columns: ['ccode', 'cow', 'iso3', 'name', 'years', 'alt_names'],
        title: year ? `${rows.length} states in the system in ${year}` : `${rows.length} states`,
      });
      if (registry.spanProvenance) {
        const p = registry.spanProvenance;
        ctx.info(
          `years: ${p.dataset} ${p.version} (sha256 ${p.sha256.slice(0, 12)}…), spells to ` +
            `${p.lastDate}${p.extendedBy.length ? ` extended by ${p.extendedBy.join(', ')}` : ''}`,
        );
      }
    });
}

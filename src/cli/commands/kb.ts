import type { Command } from 'commander';
import { checkKnowledgeBase } from '../../kb/coverage.ts';
import { timeline } from '../../kb/timeline.ts';
import { parseYear } from '../args.ts';
import type { CliContext } from '../context.ts';
import { UserError } from '../errors.ts';

export function registerKbCommands(program: Command, ctx: CliContext): void {
  const kb = program.command('kb').description('the sourced knowledge base (kb/)');

  kb.command('check')
    .description(
      'validate every knowledge-base file and print coverage (facts per kind, state, decade, source)',
    )
    .action(() => {
      const { report } = checkKnowledgeBase();
      if (ctx.format === 'json') ctx.print(report);
      else {
        const t = report.totals;
        ctx.print(
          [
            { measure: 'facts', value: t.facts },
            { measure: 'sources', value: t.sources },
            { measure: 'sources cited', value: t.sources_cited },
            { measure: 'organisations', value: t.organisations },
            { measure: 'states in registry', value: t.states },
            { measure: 'sources never cited', value: t.sources_unused.length },
            { measure: 'sources without a URL', value: t.sources_without_url.length },
            { measure: 'open facts not reviewed in 12 months', value: report.stale.length },
            { measure: 'open facts superseded by a later one', value: report.superseded.length },
          ],
          { title: report.ok ? 'knowledge base: valid' : `knowledge base: ${report.issues.length} problems` },
        );
        if (ctx.format === 'table') {
          ctx.print(
            Object.entries(report.by_kind).map(([kind, facts]) => ({ kind, facts })),
            { title: '\nfacts by kind' },
          );
          ctx.print(
            Object.entries(report.by_state)
              .slice(0, 25)
              .map(([state, facts]) => ({ state, facts })),
            { title: '\nfacts by state (top 25)' },
          );
          printCoverageByStateAndKind(ctx, report.by_state_kind);
          if (report.superseded.length)
            ctx.print(report.superseded, {
              title: '\nopen facts superseded by a later fact on the same subject (close them or explain)',
            });
          if (report.stale.length)
            ctx.print(report.stale.slice(0, 30), {
              title: `\nopen facts not reviewed in 12 months (${report.stale.length}; first 30; --format json for all)`,
            });
          ctx.print(
            Object.entries(report.by_decade)
              .sort()
              .map(([decade, facts]) => ({ decade, facts })),
            { title: '\nfacts by decade' },
          );
        }
      }
      if (!report.ok) {
        for (const issue of report.issues) ctx.info(issue);
        throw new UserError(
          `knowledge base invalid: ${report.issues[0]}${report.issues.length > 1 ? ` (and ${report.issues.length - 1} more above)` : ''}`,
        );
      }
    });

  kb.command('timeline')
    .description('dated facts in order, with their sources')
    .option('--state <S>', 'only facts involving state S (ISO3, COW code or name)')
    .option('--from <Y>', 'from year Y')
    .option('--to <Y>', 'to year Y')
    .option('--kind <K,...>', 'only these kinds of fact')
    .action(async (opts: { state?: string; from?: string; to?: string; kind?: string }) => {
      const registry = await ctx.registry();
      const state = opts.state === undefined ? undefined : registry.resolve(opts.state);
      if (state && !state.iso3)
        throw new UserError(`${state.name} has no ISO3 code; the knowledge base covers current states`);
      const from = opts.from ? parseYear(opts.from, '--from') : undefined;
      const to = opts.to ? parseYear(opts.to, '--to') : undefined;
      if (from !== undefined && to !== undefined && to < from)
        throw new UserError(`--to ${to} is before --from ${from}`);
      const entries = timeline(ctx.kb(), {
        state: state?.iso3 ?? undefined,
        from,
        to,
        kinds: opts.kind?.split(','),
      });
      if (ctx.format === 'json') return ctx.print(entries);
      ctx.print(
        entries.map((e) => ({
          date: e.to ? `${e.date}…${e.to}` : e.date,
          kind: e.kind,
          fact: e.text,
          sources: e.sources.map((s) => s.id),
          id: e.id,
        })),
        {
          columns: ['date', 'kind', 'fact', 'sources', 'id'],
          title: `${entries.length} facts${state ? ` involving ${state.name}` : ''}`,
        },
      );
    });
}

/** One row per state, one column per kind of fact: where the knowledge base is thin at a glance. */
function printCoverageByStateAndKind(
  ctx: CliContext,
  byStateKind: Record<string, Record<string, number>>,
): void {
  const kinds = [...new Set(Object.values(byStateKind).flatMap((row) => Object.keys(row)))].sort();
  const rows = Object.entries(byStateKind)
    .map(([state, row]) => ({
      state,
      total: Object.values(row).reduce((a, b) => a + b, 0),
      ...Object.fromEntries(kinds.map((k) => [k, row[k] ?? 0])),
    }))
    .sort((a, b) => a.total - b.total || a.state.localeCompare(b.state));
  ctx.print(rows, {
    columns: ['state', 'total', ...kinds],
    title: '\nfacts by state and kind (thinnest first)',
  });
}

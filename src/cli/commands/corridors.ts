import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import {
  CorridorDataError,
  CRITERIA,
  NoRouteError,
  UnknownPlaceError,
  corridorNetwork,
  corridorRoute,
  corridorTransit,
} from '../../framework/corridors/index.ts';
import type { Criterion } from '../../framework/corridors/index.ts';
import { isBuiltinScenario, listScenarios, routeCost } from '../../framework/corridors/queries.ts';
import type { CliContext } from '../context.ts';
import { UserError } from '../errors.ts';

function parseBy(text: string | undefined): Criterion {
  const by = text ?? 'time';
  if (!(CRITERIA as readonly string[]).includes(by))
    throw new UserError(`--by must be one of ${CRITERIA.join(', ')}, got '${by}'`);
  return by as Criterion;
}

function parseK(text: string | undefined): number {
  if (text === undefined) return 2;
  if (!/^\d+$/.test(text.trim()) || Number(text) > 10)
    throw new UserError(`--k must be a whole number from 0 to 10, got '${text}'`);
  return Number(text);
}

/**
 * Checks --scenario before the library sees it, so an unknown name is bad input rather than an internal
 * error.
 */
function checkScenario(name: string | undefined): string | undefined {
  if (name === undefined || isBuiltinScenario(name) || existsSync(name)) return name;
  throw new UserError(
    `unknown scenario '${name}' (not a built-in scenario nor an existing file); built-in: ${listScenarios()
      .map((s) => s.id)
      .join(', ')}`,
  );
}

/**
 * The library reports bad places, impossible routes and malformed scenario files with its own errors; here
 * they are user errors.
 */
function userErrors<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof UnknownPlaceError || err instanceof NoRouteError) throw new UserError(err.message);
    if (err instanceof CorridorDataError)
      throw new UserError(err.issues.map((i) => `${i.file}:${i.line}: ${i.message}`).join('; '));
    throw err;
  }
}

const fmt = (x: number, digits = 1): string =>
  x.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function registerCorridorsCommands(program: Command, ctx: CliContext): void {
  const corridors = program
    .command('corridors')
    .description('freight routes, transit shares and bottlenecks on the Middle and North-South corridors');

  corridors
    .command('route')
    .description(
      'fastest (or shortest, or cheapest) route between two places, with ' +
        'alternatives; json prints {from, to, by, km, hours, path, legs, alternatives}',
    )
    .argument('<FROM>', 'node id or place name (Shanghai, Baku, …), region or ISO3 code')
    .argument('<TO>', 'node id or place name')
    .option(
      '--scenario <NAME|FILE>',
      'a built-in scenario (see `corridors scenarios`) or a scenario YAML file',
    )
    .option('--by <criterion>', 'time, distance or cost', 'time')
    .option('--k <N>', 'number of alternative routes besides the best (0-10)', '2')
    .action((from: string, to: string, opts: { scenario?: string; by?: string; k?: string }) => {
      const by = parseBy(opts.by);
      const k = parseK(opts.k);
      const scenario = checkScenario(opts.scenario);
      const r = userErrors(() => corridorRoute(from, to, { by, alternatives: k, scenario }));
      if (ctx.format === 'json') return ctx.print(r);
      const legs = r.legs.map((l) => ({
        from: l.from,
        to: l.to,
        mode: l.mode,
        km: l.km,
        hours: l.hours,
        penalty_hours: l.penalty_hours,
        cost_usd_per_t: l.cost_usd_per_t,
        status: l.status,
        countries: l.countries,
        leg: l.id,
      }));
      const columns = [
        'from',
        'to',
        'mode',
        'km',
        'hours',
        'penalty_hours',
        'cost_usd_per_t',
        'status',
        'countries',
        'leg',
      ];
      if (ctx.format === 'csv') return ctx.print(legs, { columns });
      const cost = userErrors(() => routeCost(corridorNetwork({ scenario }), r.legs));
      const under = scenario ? ` under scenario '${scenario}'` : '';
      ctx.print(legs, {
        columns,
        title:
          `${r.from} → ${r.to}, best by ${r.by}${under}: ${fmt(r.km, 0)} km, ${fmt(r.hours)} ` +
          `h (${fmt(r.hours / 24)} days), USD ${fmt(cost, 2)}/t\npath: ${r.path.join(' › ')}`,
      });
      if (r.alternatives.length > 0) {
        ctx.print(
          r.alternatives.map((a, i) => ({
            rank: i + 2,
            km: a.km,
            hours: a.hours,
            days: Math.round((a.hours / 24) * 10) / 10,
            cost_usd_per_t: a.cost_usd_per_t,
          })),
          {
            columns: ['rank', 'km', 'hours', 'days', 'cost_usd_per_t'],
            // Paths go above the table: a table cell would truncate them where the routes differ.
            title:
              `\nalternatives\n` +
              `${r.alternatives.map((a, i) => `${i + 2}. ${a.path.join(' › ')}`).join('\n')}`,
          },
        );
      }
    });

  corridors
    .command('transit')
    .description(
      'capacity-aware assignment of the corridor demands: tonnes and share ' +
        'of each OD flow crossing each country, and min-cut bottlenecks',
    )
    .option(
      '--scenario <NAME|FILE>',
      'a built-in scenario (see `corridors scenarios`) or a scenario YAML file',
    )
    .option('--by <criterion>', 'criterion the assignment minimises: time, distance or cost', 'time')
    .option('--bottlenecks', 'print only the bottlenecks (max flow and minimum cut per OD flow)')
    .action((opts: { scenario?: string; by?: string; bottlenecks?: boolean }) => {
      const by = parseBy(opts.by);
      const scenario = checkScenario(opts.scenario);
      const run = userErrors(() => corridorTransit({ scenario, by }));
      if (ctx.format === 'json') return ctx.print(run);
      const ods = run.assignment.ods;
      const bottlenecks = run.bottlenecks.map((b) => {
        const od = ods.find((o) => o.od === b.od);
        return {
          od: b.od,
          demand_mt: od?.demand_mt ?? null,
          assigned_mt: od ? round(od.assigned_mt) : null,
          unassigned_mt: od ? round(Math.max(0, od.unassigned_mt)) : null,
          maxflow_mt: b.maxflow_mt === null ? 'unbounded' : round(b.maxflow_mt),
          cut: b.cut.map((c) => `${c.id} (${c.kind}, ${c.capacity_mt} Mt)`),
        };
      });
      const bottleneckColumns = ['od', 'demand_mt', 'assigned_mt', 'unassigned_mt', 'maxflow_mt', 'cut'];
      if (opts.bottlenecks)
        return ctx.print(bottlenecks, {
          columns: bottleneckColumns,
          title: 'bottlenecks (minimum cut per OD flow)',
        });
      // One row per country, one tonnes and one share column per OD flow, so a spreadsheet can sort either.
      const rows = run.assignment.transit.map((t) => {
        const row: Record<string, unknown> = { country: t.country, transit_mt: round(t.mt) };
        for (const o of ods) {
          const hit = t.by_od.find((b) => b.od === o.od);
          row[`${o.od}_mt`] = round(hit?.mt ?? 0);
          row[`${o.od}_share`] = round(hit?.share ?? 0, 3);
        }
        return row;
      });
      const columns = ['country', 'transit_mt', ...ods.flatMap((o) => [`${o.od}_mt`, `${o.od}_share`])];
      const under = run.scenario ? ` under scenario '${run.scenario.id}'` : ' (baseline)';
      ctx.print(rows, {
        columns,
        title:
          `transit by country${under}, assignment by ${run.assignment.by}; ` +
          `demands: ${ods.map((o) => `${o.od} ${o.demand_mt} Mt`).join(', ')}`,
      });
      if (ctx.format === 'table') {
        ctx.print(bottlenecks, {
          columns: bottleneckColumns,
          title: '\nbottlenecks (minimum cut per OD flow)',
        });
        const unplaced = ods.filter((o) => o.unplaced);
        if (unplaced.length)
          ctx.lines([
            '',
            `unplaced cargo (paths over ${run.assignment.maxCircuity}× ` +
              'the great-circle distance are refused):',
            ...unplaced.map((o) => `  ${o.od}: ${o.unplaced}`),
          ]);
      }
    });

  corridors
    .command('scenarios')
    .description('built-in corridor scenarios with their descriptions and sources')
    .action(() => {
      const list = listScenarios();
      if (ctx.format === 'json') return ctx.print(list);
      ctx.print(
        list.map((s) => ({
          id: s.id,
          window: s.window ? `${s.window.from ?? ''}…${s.window.to ?? ''}` : '',
          name: s.name,
          description: s.summary ?? '',
          sources: s.sources,
        })),
        {
          columns: ['id', 'window', 'name', 'description', 'sources'],
          title: `${list.length} built-in scenarios (kb/corridors/scenarios/)`,
        },
      );
    });
}

function round(x: number, digits = 2): number {
  return Math.round(x * 10 ** digits) / 10 ** digits;
}

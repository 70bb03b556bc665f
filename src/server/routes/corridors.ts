import { z } from 'zod';
import { CRITERIA, NoRouteError, UnknownPlaceError } from '../../framework/corridors/index.ts';
import {
  isBuiltinScenario,
  legProvenance,
  listScenarios,
  networkUnder,
  networkView,
  routeUnder,
  transitUnder,
} from '../../framework/corridors/queries.ts';
import { defineRoute, type ApiRoute, type ServerDeps } from '../route.ts';
import { HttpError } from '../errors.ts';

const DATA_FILES = [
  'kb/corridors/nodes.yaml',
  'kb/corridors/legs.yaml',
  'kb/corridors/demands.yaml',
  'kb/corridors/params.yaml',
  'kb/sources/corridors.yaml',
];

/**
 * Built-in scenario ids only, comma-separated and applied in order. Files are deliberately not
 * accepted here: the library would read any path it is given, and the API must not touch the disk.
 */
const scenarioParam = z
  .string()
  .max(400, 'is too long')
  .regex(/^[a-z0-9-]+(,[a-z0-9-]+)*$/, 'must be built-in scenario ids separated by commas')
  .transform((s) => s.split(','))
  .optional();
const placeParam = z
  .string({ error: 'must name a node or place' })
  .trim()
  .min(1, 'must name a node or place')
  .max(80, 'is too long');
const byParam = z
  .enum(CRITERIA as [string, ...string[]], { error: `must be one of ${CRITERIA.join(', ')}` })
  .default('time');

function scenarios(list: string[] | undefined): string[] {
  for (const s of list ?? []) {
    if (!isBuiltinScenario(s))
      throw new HttpError(
        404,
        `unknown scenario '${s}'; built-in scenarios: ${listScenarios()
          .map((x) => x.id)
          .join(', ')}`,
      );
  }
  return list ?? [];
}

/** Unknown places and impossible routes are "no such resource" for a client, not server faults. */
function notFound<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof UnknownPlaceError || err instanceof NoRouteError)
      throw new HttpError(404, err.message);
    throw err;
  }
}

function provenance(legIds: Iterable<string>, scenarioIds: string[]) {
  const legs = legProvenance(legIds, networkUnder(scenarioIds));
  const scen = listScenarios().filter((s) => scenarioIds.includes(s.id));
  return {
    sources: [...new Set([...legs.flatMap((l) => l.sources), ...scen.flatMap((s) => s.sources)])].sort(),
    legs,
    scenarios: scen.map((s) => ({ id: s.id, sources: s.sources, where: s.where })),
    data: DATA_FILES,
  };
}

export function corridorsRoutes(_deps: ServerDeps): ApiRoute[] {
  return [
    defineRoute({
      path: '/api/corridors/scenarios',
      summary:
        'built-in corridor scenarios (overlays of closures, openings, ' +
        'capacities and demands) with descriptions and sources',
      query: z.strictObject({}),
      handler: () => ({ scenarios: listScenarios(), provenance: { data: ['kb/corridors/scenarios/'] } }),
    }),
    defineRoute({
      path: '/api/corridors/network',
      summary:
        'corridor nodes with coordinates and legs with mode, status, ' +
        'open/closed and capacity, optionally under scenarios',
      query: z.strictObject({ scenario: scenarioParam }),
      handler: (q) => {
        const s = scenarios(q.scenario);
        const view = networkView(s);
        return {
          ...view,
          provenance: { sources: [...new Set(view.legs.flatMap((l) => l.sources))].sort(), data: DATA_FILES },
        };
      },
    }),
    defineRoute({
      path: '/api/corridors/route',
      summary:
        'best route between two places by time, distance or ' +
        'cost, with k alternatives, optionally under scenarios',
      query: z.strictObject({
        from: placeParam,
        to: placeParam,
        by: byParam,
        scenario: scenarioParam,
        k: z.coerce
          .number({ error: 'must be a number' })
          .int('must be a whole number')
          .min(0, 'must be 0 or more')
          .max(10, 'must be 10 or less')
          .default(2),
      }),
      handler: (q) => {
        const s = scenarios(q.scenario);
        const r = notFound(() =>
          routeUnder(q.from, q.to, {
            scenarios: s,
            by: q.by as (typeof CRITERIA)[number],
            alternatives: q.k,
          }),
        );
        const net = networkUnder(s);
        const legIds = [...r.legs, ...r.alternatives.flatMap((a) => a.legs)].map((l) => l.id);
        return {
          ...r,
          scenario: net.scenario ? { id: net.scenario.id, name: net.scenario.name } : null,
          provenance: provenance(legIds, s),
        };
      },
    }),
    defineRoute({
      path: '/api/corridors/transit',
      summary:
        'capacity-aware assignment of the corridor demands: per-country ' +
        'transit tonnes and shares, leg flows and min-cut bottlenecks',
      query: z.strictObject({ scenario: scenarioParam, by: byParam }),
      handler: (q) => {
        const s = scenarios(q.scenario);
        const run = transitUnder({ scenarios: s, by: q.by as (typeof CRITERIA)[number] });
        const legIds = run.assignment.legs.map((l) => l.leg);
        return {
          scenario: run.scenario
            ? { id: run.scenario.id, name: run.scenario.name, window: run.scenario.window ?? null }
            : null,
          by: run.assignment.by,
          transit: run.assignment.transit,
          ods: run.assignment.ods,
          legs: run.assignment.legs,
          bottlenecks: run.bottlenecks,
          provenance: {
            ...provenance(legIds, s),
            demands: networkUnder(s).demands.map((d) => ({
              od: d.id,
              year: d.year,
              sources: d.entry.sources,
              estimated: d.entry.estimated === true,
            })),
          },
        };
      },
    }),
  ];
}

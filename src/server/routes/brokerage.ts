import { z } from 'zod';
import { corridorNetwork } from '../../framework/corridors/index.ts';
import {
  interconnectorNetwork,
  interconnectorRun,
  LAYER_IDS,
  loadInterconnectorData,
  type InterconnectorData,
  type InterconnectorRun,
  type LayerId,
} from '../../framework/interconnector/index.ts';
import type { FrameworkSession } from '../../framework/session.ts';
import { defineRoute, type ApiRoute, type ServerDeps } from '../route.ts';
import { HttpError } from '../errors.ts';
import { yearParam } from './params.ts';

const layersParam = z
  .string()
  .regex(
    new RegExp(`^(${LAYER_IDS.join('|')})(,(${LAYER_IDS.join('|')}))*$`),
    `must be a comma-separated list of ${LAYER_IDS.join(', ')}`,
  )
  .optional();

function requireSession(deps: ServerDeps): FrameworkSession {
  if (!deps.framework || !deps.store)
    throw new HttpError(503, 'no datasets in the store: run `interconnector data pull` first');
  return deps.framework;
}

const round = (x: number | null | undefined, d = 4): number | null =>
  x === null || x === undefined || !Number.isFinite(x) ? null : Number(x.toFixed(d));

/**
 * /api/brokerage (ranking with roles and counterparts) and /api/network (nodes and edges for the graph view).
 */
export function brokerageRoutes(deps: ServerDeps): ApiRoute[] {
  let data: Promise<InterconnectorData> | null = null;
  const runs = new Map<string, InterconnectorRun>();
  const runFor = async (
    yearArg: number | undefined,
    layersArg: string | undefined,
  ): Promise<InterconnectorRun> => {
    const session = requireSession(deps);
    const last = session.inputs.ideal.covers?.[1];
    if (!last) throw new HttpError(503, 'no UNGA ideal points in the store: blocs cannot be assigned');
    const year = yearArg ?? Math.min(last, session.latestYear());
    if (year < 1992 || year > session.latestYear())
      throw new HttpError(400, `invalid parameter 'year': must lie within 1992–${session.latestYear()}`);
    const layers = layersArg ? (layersArg.split(',') as LayerId[]) : undefined;
    const key = `${year}|${layers?.join(',') ?? ''}`;
    const hit = runs.get(key);
    if (hit) return hit;
    // IGO pairs are loaded per year on first use and kept (the corridor legs once).
    const prev = data;
    data = (async () =>
      loadInterconnectorData(deps.store!, {
        years: [year],
        corridors: corridorNetwork(),
        corridorFrom: session.inputs.config.corridorFrom,
        ...(prev ? { into: await prev } : {}),
      }))();
    const run = interconnectorRun(session.inputs, year, {
      ...(layers ? { layers } : {}),
      data: await data,
      nullSamples: 100,
    });
    if (runs.size > 20) runs.delete(runs.keys().next().value as string);
    runs.set(key, run);
    return run;
  };
  return [
    defineRoute({
      path: '/api/brokerage',
      summary:
        'interconnector index by state for a year: score, parts, Gould–Fernandez roles (raw, ' +
        'sna z, degree-preserving z), layers, counterparts, Aiyar–Ohnsorge connectedness',
      query: z.strictObject({ year: yearParam.optional(), layers: layersParam }),
      handler: async (q) => {
        const run = await runFor(q.year, q.layers);
        const results = [...run.scores.values()]
          .sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || (a.state < b.state ? -1 : 1))
          .map((s) => ({ ...s, score: round(s.score) }));
        return {
          year: run.year,
          layers: run.layers.map((l) => ({
            id: l.id,
            available: l.available,
            edges: l.edges.length,
            weight: run.weights[l.id],
            dataYear: l.dataYear,
            unit: l.unit,
            note: l.note,
            provenance: l.provenance,
          })),
          blocs: { window: run.blocs.window, carried: run.blocs.carried, provenance: run.blocs.provenance },
          settings: run.settings,
          results,
        };
      },
    }),
    defineRoute({
      path: '/api/network',
      summary:
        'the multiplex state network of a year for the graph view: ' +
        'nodes with bloc and score, edges with per-layer weights',
      query: z.strictObject({ year: yearParam.optional(), layers: layersParam }),
      handler: async (q) => {
        const run = await runFor(q.year, q.layers);
        const net = interconnectorNetwork(run);
        return {
          year: run.year,
          layers: run.layers.map((l) => ({ id: l.id, available: l.available, weight: run.weights[l.id] })),
          nodes: net.nodes.map((n) => ({ ...n, score: round(n.score) })),
          edges: net.edges.map((e) => ({
            source: e.source,
            target: e.target,
            weight: round(e.weight),
            layers: Object.fromEntries(Object.entries(e.layers).map(([k, v]) => [k, round(v)])),
          })),
        };
      },
    }),
  ];
}

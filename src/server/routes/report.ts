import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { buildReport } from '../../report/report.ts';
import { FIRST_FRAMEWORK_YEAR } from '../../framework/session.ts';
import type { ServerDeps } from '../app.ts';
import { badQuery, HttpError } from '../errors.ts';
import { drawsParam, requireSession } from './autonomy.ts';
import { stateParam } from './params.ts';

const query = z.strictObject({ state: stateParam, draws: drawsParam });

/**
 * The report button: the self-contained brief of `interconnector report` for a state, as an HTML page
 * the browser prints or saves (the one HTML answer of the API, so it sits beside the JSON routes).
 */
export function registerReportRoute(app: FastifyInstance, deps: ServerDeps): void {
  const cache = new Map<string, string>();
  app.get('/api/report', async (req, reply) => {
    const parsed = query.safeParse(req.query ?? {});
    if (!parsed.success) throw badQuery(parsed.error);
    const state = deps.registry.resolve(parsed.data.state);
    const session = requireSession(deps);
    const key = `${state.ccode}|${parsed.data.draws}`;
    let body = cache.get(key);
    if (body === undefined) {
      try {
        body = buildReport(session, state, {
          years: [FIRST_FRAMEWORK_YEAR, session.latestYear()],
          draws: parsed.data.draws,
          seed: 1,
        });
      } catch (err) {
        if (err instanceof RangeError) throw new HttpError(400, err.message);
        throw err;
      }
      if (cache.size > 50) cache.delete(cache.keys().next().value as string);
      cache.set(key, body);
    }
    return reply.type('text/html; charset=utf-8').send(body);
  });
}

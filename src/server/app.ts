import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { UnknownStateError } from '../states/registry.ts';
import { badQuery, HttpError } from './errors.ts';
import { kbRoutes } from './routes/kb.ts';
import { statesRoutes } from './routes/states.ts';
import { alignmentRoutes } from './routes/alignment.ts';
import { corridorsRoutes } from './routes/corridors.ts';
import { autonomyRoutes } from './routes/autonomy.ts';
import { scenariosRoutes } from './routes/scenarios.ts';
import { brokerageRoutes } from './routes/brokerage.ts';
import { rankingsRoutes } from './routes/rankings.ts';
import { docsRoutes } from './routes/docs.ts';
import { toCsv } from '../output/csv.ts';
import { openApiDocument } from './openapi.ts';
import type { ApiRoute, ServerDeps } from './route.ts';
import { coverageRoutes } from './routes/coverage.ts';

export type { ServerDeps } from './route.ts';

export const webDist = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Splits `format` off a query: every route answers json, and routes with a table answer csv too. */
function formatOf(route: ApiRoute, query: unknown): { format: 'json' | 'csv'; rest: unknown } {
  const { format = 'json', ...rest } = (query ?? {}) as Record<string, unknown>;
  if (format !== 'json' && format !== 'csv')
    throw new HttpError(400, `invalid parameter 'format': must be json or csv`);
  if (format === 'csv' && !route.table)
    throw new HttpError(400, `invalid parameter 'format': ${route.path} has no table form, only json`);
  return { format, rest };
}

/**
 * Builds the HTTP app: `/api/*` JSON over the library, the OpenAPI document, and the dashboard.
 * Results are pure functions of (route, query) for a loaded store, so they are cached in memory.
 */
export function buildServer(deps: ServerDeps, options: { logger?: boolean } = {}): FastifyInstance {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 64 * 1024,
    routerOptions: { maxParamLength: 200 },
  });
  const routes: ApiRoute[] = [
    ...statesRoutes(deps),
    ...kbRoutes(deps),
    ...corridorsRoutes(deps),
    ...autonomyRoutes(deps),
    ...alignmentRoutes(deps),
    ...brokerageRoutes(deps),
    ...scenariosRoutes(deps),
    ...rankingsRoutes(deps),
    ...docsRoutes(),
    ...coverageRoutes(deps),
  ];
  const cache = new Map<string, string>();
  const CACHE_LIMIT = 2000;

  app.setErrorHandler((err, _req, reply) => {
    if (err instanceof HttpError) return reply.status(err.status).send({ error: err.message });
    if (err instanceof UnknownStateError) return reply.status(404).send({ error: err.message });
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500)
      return reply.status(status).send({ error: (err as Error).message });
    // The library signals impossible options (weights that sum to zero, …) with RangeError.
    if (err instanceof RangeError) return reply.status(400).send({ error: err.message });
    app.log.error(err);
    return reply.status(500).send({ error: 'internal error' });
  });

  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send({ error: `no such endpoint: ${req.method} ${req.url.split('?')[0]}` }),
  );

  for (const route of routes) {
    app.get(route.path, async (req, reply) => {
      const { format, rest } = formatOf(route, req.query);
      const parsed = route.query.safeParse(rest);
      if (!parsed.success) throw badQuery(parsed.error);
      const key = `${route.path}?${format}&${JSON.stringify(parsed.data)}`;
      // The serialised body is cached, not the object: profiles are hundreds of kB of evidence and
      // serialising them again for every request dominated the latency under load.
      let body = cache.get(key);
      if (body === undefined) {
        const result = await route.handler(parsed.data);
        if (format === 'csv') {
          const t = route.table!(result);
          body = toCsv(t.rows, t.columns);
        } else body = JSON.stringify(result);
        if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
        cache.set(key, body);
      }
      if (format === 'csv') {
        const name = route.path.replace(/^\/api\//, '').replace(/\W+/g, '-');
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="interconnector-${name}.csv"`)
          .send(body);
      }
      return reply.type('application/json; charset=utf-8').send(body);
    });
  }
  const doc = openApiDocument(routes, deps.version);
  app.get('/api/openapi.json', async () => doc);
  app.get('/api/*', async (req) => {
    throw new HttpError(404, `no such endpoint: ${req.url.split('?')[0]}`);
  });

  if (existsSync(webDist)) {
    app.register(fastifyStatic, { root: webDist, prefix: '/' });
  } else {
    app.get('/', async (_req, reply) =>
      reply.type('text/plain').send('The dashboard is not built: run `npm run build:web`.'),
    );
  }
  return app;
}

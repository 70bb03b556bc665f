import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { z } from 'zod';
import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import type { StateRegistry } from '../states/registry.ts';
import { UnknownStateError } from '../states/registry.ts';
import { badQuery, HttpError } from './errors.ts';
import { kbRoutes } from './routes/kb.ts';
import { statesRoutes } from './routes/states.ts';
import { alignmentRoutes } from './routes/alignment.ts';
import { corridorsRoutes } from './routes/corridors.ts';
import { autonomyRoutes } from './routes/autonomy.ts';
import { scenariosRoutes } from './routes/scenarios.ts';
import { brokerageRoutes } from './routes/brokerage.ts';
import { coverageRoutes } from './routes/coverage.ts';
import type { Store } from '../store/store.ts';
import type { FrameworkSession } from '../framework/session.ts';
import { openApiDocument, type RouteDoc } from './openapi.ts';

/** What the API reads. `store` and `framework` are absent when no dataset has been imported. */
export interface ServerDeps {
  kb: KnowledgeBase;
  registry: StateRegistry;
  version: string;
  store?: Store | null;
  framework?: FrameworkSession | null;
}

export const webDist = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** A route: a zod schema for its query and a pure handler; the app validates, caches and documents it. */
export interface ApiRoute extends RouteDoc {
  handler: (query: unknown) => unknown;
}

/** Ties a handler's argument type to its query schema; the app only calls it with parsed input. */
export function defineRoute<Q extends z.ZodType>(
  route: RouteDoc & { query: Q; handler: (query: z.output<Q>) => unknown },
): ApiRoute {
  return route as ApiRoute;
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
      const parsed = route.query.safeParse(req.query ?? {});
      if (!parsed.success) throw badQuery(parsed.error);
      const key = `${route.path}?${JSON.stringify(parsed.data)}`;
      // The serialised body is cached, not the object: profiles are hundreds of kB of evidence and
      // serialising them again for every request dominated the latency under load.
      let body = cache.get(key);
      if (body === undefined) {
        body = JSON.stringify(await route.handler(parsed.data));
        if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
        cache.set(key, body);
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

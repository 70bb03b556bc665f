// What a route is and what it reads: kept apart from app.ts, which registers the routes, so that
// the route modules need not import the app.
import type { z } from 'zod';
import type { FrameworkSession } from '../framework/session.ts';
import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import type { StateRegistry } from '../states/registry.ts';
import type { Store } from '../store/store.ts';
import type { RouteDoc } from './openapi.ts';

/** What the API reads. `store` and `framework` are absent when no dataset has been imported. */
export interface ServerDeps {
  kb: KnowledgeBase;
  registry: StateRegistry;
  version: string;
  store?: Store | null;
  framework?: FrameworkSession | null;
}

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

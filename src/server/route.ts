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

/** A result as rows and columns, for `format=csv`. */
export interface Table {
  columns: string[];
  rows: Record<string, unknown>[];
}

/**
 * A route: a zod schema for its query and a pure handler; the app validates, caches and documents it.
 * A route with `table` also answers `format=csv` (a download of the table the page shows).
 */
export interface ApiRoute extends RouteDoc {
  handler: (query: unknown) => unknown;
  table?: (result: unknown) => Table;
}

/** Ties a handler's argument type to its query schema; the app only calls it with parsed input. */
export function defineRoute<Q extends z.ZodType, R>(
  route: RouteDoc & { query: Q; handler: (query: z.output<Q>) => R; table?: (result: R) => Table },
): ApiRoute {
  return route as ApiRoute;
}

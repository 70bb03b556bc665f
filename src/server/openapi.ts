import { z } from 'zod';

export interface RouteDoc {
  path: string;
  summary: string;
  query: z.ZodType;
  /** Set on routes that also answer `format=csv`. */
  table?: unknown;
}

/** OpenAPI 3.1 from the same zod schemas that validate the requests, so the two cannot drift. */
export function openApiDocument(routes: RouteDoc[], version: string): object {
  const paths: Record<string, object> = {};
  for (const r of routes) {
    const schema = z.toJSONSchema(r.query, { io: 'input', unrepresentable: 'any' }) as {
      properties?: Record<string, object>;
      required?: string[];
    };
    const parameters = Object.entries(schema.properties ?? {}).map(([name, s]) => ({
      name,
      in: 'query',
      required: (schema.required ?? []).includes(name),
      schema: s,
    }));
    parameters.push({
      name: 'format',
      in: 'query',
      required: false,
      schema: { type: 'string', enum: r.table ? ['json', 'csv'] : ['json'], default: 'json' },
    });
    paths[r.path.replace(/:(\w+)/g, '{$1}')] = {
      get: {
        summary: r.summary,
        parameters,
        responses: {
          200: { description: 'result with provenance' },
          400: { description: 'a parameter is invalid; the message names it' },
          404: { description: 'unknown state or resource' },
        },
      },
    };
  }
  return { openapi: '3.1.0', info: { title: 'Interconnector API', version }, paths };
}

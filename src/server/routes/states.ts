import { z } from 'zod';
import { listStates } from '../../states/list.ts';
import { defineRoute, type ApiRoute, type ServerDeps } from '../route.ts';
import { HttpError } from '../errors.ts';
import { yearParam } from './params.ts';

export function statesRoutes(deps: ServerDeps): ApiRoute[] {
  return [
    defineRoute({
      path: '/api/health',
      summary: 'liveness and what is loaded',
      query: z.strictObject({}),
      handler: () => ({
        status: 'ok',
        version: deps.version,
        facts: deps.kb.facts.length,
        states: deps.registry.states.length,
        datasets: Boolean(deps.framework),
        system_years: deps.registry.spanProvenance,
      }),
    }),
    defineRoute({
      path: '/api/states',
      summary: 'states of the international system, optionally those in the system during a year',
      query: z.strictObject({ year: yearParam.optional() }),
      handler: ({ year }) => {
        if (year !== undefined && !deps.registry.hasSpans())
          throw new HttpError(
            409,
            'years in the system need the cow_states dataset: run `interconnector data pull cow_states`',
          );
        return {
          states: listStates(deps.registry, year),
          provenance: { identifiers: 'kb/states.yaml', years: deps.registry.spanProvenance },
        };
      },
    }),
  ];
}

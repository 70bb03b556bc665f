import { z } from 'zod';
import type { FrameworkSession } from '../../framework/session.ts';
import { builtinScenarios, ScenarioError } from '../../scenarios/load.ts';
import { resolveFor, runScenario, sessionYears } from '../../scenarios/run.ts';
import { defineRoute, type ApiRoute, type ServerDeps } from '../route.ts';
import { HttpError } from '../errors.ts';

/** Built-in ids and compositions only: the API never reads files named by a client. */
const idsParam = z
  .string()
  .regex(
    /^[a-z0-9.-]+(\+[a-z0-9.-]+)*(,[a-z0-9.-]+(\+[a-z0-9.-]+)*){0,3}$/,
    'one to four built-in scenario ids, comma-separated; compose with +',
  )
  .optional();

function requireSession(deps: ServerDeps): FrameworkSession {
  if (!deps.framework)
    throw new HttpError(503, 'no datasets in the store: run `interconnector data pull` first');
  return deps.framework;
}

export function scenariosRoutes(deps: ServerDeps): ApiRoute[] {
  return [
    defineRoute({
      path: '/api/scenarios',
      summary:
        'the built-in scenarios (kb/scenarios/): id, title, summary, ' +
        'the year they apply from, their edits and uncertain parameters',
      query: z.strictObject({}),
      handler: () =>
        builtinScenarios().map((d) => ({
          id: d.head.id,
          title: d.head.title,
          summary: d.head.summary,
          from: d.head.from,
          compose: d.head.compose,
          sources: d.head.sources,
          uncertain: d.head.uncertain,
          edits: d.head.edits.length,
          file: d.file,
        })),
    }),
    defineRoute({
      path: '/api/scenarios/run',
      summary:
        'up to four scenarios (or A+B compositions) against the baseline, side by side: ' +
        'index, interval, components, posture, transit and the edits behind each change',
      query: z.strictObject({
        ids: idsParam,
        states: z
          .string()
          .regex(/^[A-Za-z0-9 ]+(,[A-Za-z0-9 ]+)*$/, 'comma-separated states')
          .optional(),
        years: z
          .string()
          .regex(/^\d{4}(-\d{4})?$/, 'must look like 2020-2025 or 2024')
          .optional(),
        draws: z.coerce.number().int().min(0).max(1000).default(100),
        seed: z.coerce.number().int().min(0).default(1),
      }),
      handler: (q) => {
        if (!q.ids) throw new HttpError(400, "invalid parameter 'ids': name one to four scenarios");
        const session = requireSession(deps);
        const ids = q.ids.split(',');
        const states = q.states
          ?.split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        let years: [number, number] | undefined;
        if (q.years) {
          const [a, b = a] = q.years.split('-').map(Number) as [number, number?];
          years = [a, b!];
        }
        try {
          // One range of years for every scenario, so that they line up side by side.
          const resolved = ids.map((id) => resolveFor(session, id));
          const [first, latest] = sessionYears(session);
          const span: [number, number] = years ?? [
            Math.max(first, Math.min(...resolved.map((r) => r.from)) - 1),
            latest,
          ];
          const results = resolved.map((r) =>
            runScenario(session, r, {
              ...(states ? { states } : {}),
              years: span,
              draws: q.draws,
              seed: q.seed,
            }),
          );
          return { ids, results };
        } catch (err) {
          if (err instanceof ScenarioError) throw new HttpError(400, err.message.split('\n')[0]!);
          throw err;
        }
      },
    }),
  ];
}

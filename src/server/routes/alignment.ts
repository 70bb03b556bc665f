import { z } from 'zod';
import {
  agreementMatrix,
  alignmentProfile,
  idealPointTable,
  IDEALPOINT_COLUMNS,
  SELECTIONS,
} from '../../framework/alignment/report.ts';
import type { IssueSelector } from '../../framework/alignment/types.ts';
import type { Store } from '../../store/store.ts';
import { parseYearRange } from '../../input/years.ts';
import { defineRoute, type ApiRoute, type ServerDeps } from '../route.ts';
import { HttpError } from '../errors.ts';
import { stateParam } from './params.ts';

/**
 * The alignment face of the API over the server's store (`deps.store`, opened by `serve`). Results
 * are pure functions of the query for a loaded store, so the app's query cache holds them; fitted
 * ideal points are also cached in the store itself (framework/alignment/cache.ts).
 */
const yearsParam = z.string().transform((text, ctx) => {
  try {
    return parseYearRange(text, 'years');
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: (e as Error).message });
    return z.NEVER;
  }
});
const listParam = (what: string) =>
  z
    .string()
    .regex(/^[^,]{1,80}(,[^,]{1,80}){0,49}$/, `must be a comma-separated list of ${what}`)
    .transform((t) => t.split(',').map((s) => s.trim()));
const issueParam = z
  .enum(SELECTIONS as [string, ...string[]], { error: `must be one of ${SELECTIONS.join(', ')}` })
  .transform((t) => (t === 'all' ? undefined : (t as IssueSelector)));
const sourceParam = z.enum(['own', 'bsv'], { error: 'must be own or bsv' });
const flagParam = z
  .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
  .transform((t) => t === 'true' || t === '1');

export function alignmentRoutes(deps: ServerDeps): ApiRoute[] {
  const store = async (): Promise<Store> => {
    if (!deps.store)
      throw new HttpError(
        409,
        'the server has no store: start it with `interconnector serve` ' +
          'after `interconnector data pull unga_votes unga_idealpoints`',
      );
    return deps.store;
  };
  return [
    defineRoute({
      path: '/api/alignment',
      summary:
        'UNGA alignment of a state per session year: agreement with poles, ' +
        'ideal point with interval, distance to poles, bloc, hedging (and ' +
        'optionally sensitivity to the vote selection), with provenance',
      query: z.strictObject({
        state: stateParam,
        years: yearsParam.optional(),
        poles: listParam('states').optional(),
        issue: issueParam.optional(),
        source: sourceParam.optional(),
        sensitivity: flagParam.optional(),
      }),
      handler: async (q) =>
        alignmentProfile(await store(), deps.registry, {
          state: q.state,
          years: q.years,
          poles: q.poles,
          issue: q.issue,
          source: q.source,
          sensitivity: q.sensitivity,
        }),
    }),
    defineRoute({
      path: '/api/idealpoints',
      summary:
        'UNGA ideal points per state and session year: our estimator (source=own, cached; ' +
        "method=gibbs, BSV's model, or mode) or the published BSV file (source=bsv), with provenance",
      query: z.strictObject({
        years: yearsParam.optional(),
        issue: issueParam.optional(),
        source: sourceParam.default('own'),
        method: z.enum(['gibbs', 'mode'], { error: 'must be gibbs or mode' }).default('gibbs'),
        states: listParam('states').optional(),
      }),
      handler: async (q) => {
        const only = q.states ? new Set(q.states.map((s) => deps.registry.resolve(s).ccode)) : null;
        const { rows, provenance } = await idealPointTable(await store(), deps.registry, {
          years: q.years,
          issue: q.issue,
          source: q.source,
          method: q.method,
        });
        const kept = only ? rows.filter((r) => only.has(r.ccode)) : rows;
        return { count: kept.length, columns: IDEALPOINT_COLUMNS, rows: kept, provenance };
      },
    }),
    defineRoute({
      path: '/api/alignment/agreement',
      summary: 'agreement of several states with each pole per session year (heatmap input), with provenance',
      query: z.strictObject({
        states: listParam('states'),
        poles: listParam('states').optional(),
        years: yearsParam.optional(),
        issue: issueParam.optional(),
      }),
      handler: async (q) =>
        agreementMatrix(await store(), deps.registry, {
          states: q.states,
          poles: q.poles,
          years: q.years,
          issue: q.issue,
        }),
    }),
  ];
}

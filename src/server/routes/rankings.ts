import { z } from 'zod';
import { COMPONENTS } from '../../framework/autonomy/components.ts';
import { FIRST_FRAMEWORK_YEAR } from '../../framework/session.ts';
import { defineRoute, type ApiRoute, type ServerDeps } from '../route.ts';
import { HttpError } from '../errors.ts';
import { drawsParam, parseWeights, requireSession, weightsParam } from './autonomy.ts';
import { yearParam } from './params.ts';
import { PANEL_COLUMNS, panelRows } from '../../export/panel.ts';

/**
 * Every state of a year with its index, interval, rank, components and coverage, beside the year
 * before: the ranking a reader sorts by any component, and the movers (change of index and rank).
 * Weights apply to the whole ranking, so a reader's weights re-rank every state.
 */
export function rankingsRoutes(deps: ServerDeps): ApiRoute[] {
  return [
    defineRoute({
      path: '/api/rankings',
      summary:
        'every state of a year: index, interval, rank, components, coverage and the change since ' +
        'the year before',
      query: z.strictObject({
        year: yearParam.optional(),
        draws: drawsParam,
        weights: weightsParam,
      }),
      handler: (q) => {
        const session = requireSession(deps);
        const year = q.year ?? session.latestYear();
        if (year < FIRST_FRAMEWORK_YEAR || year > session.latestYear())
          throw new HttpError(
            400,
            `invalid parameter 'year': must lie within ${FIRST_FRAMEWORK_YEAR}–${session.latestYear()}`,
          );
        const previous = year > FIRST_FRAMEWORK_YEAR ? year - 1 : null;
        const run = session.autonomy({
          years: [previous ?? year, year],
          draws: q.draws,
          weights: parseWeights(q.weights),
        });
        const before = new Map(run.results.filter((r) => r.year === previous).map((r) => [r.ccode, r]));
        const rows = run.results
          .filter((r) => r.year === year)
          .map((r) => {
            const p = before.get(r.ccode);
            return {
              state: r.state,
              ccode: r.ccode,
              name: r.name,
              posture: r.posture,
              confidence: r.confidence,
              index: r.index,
              interval: r.interval,
              rank: r.rank,
              rank_interval: r.rank_interval,
              ranked: r.ranked,
              components: Object.fromEntries(COMPONENTS.map((c) => [c, r.components[c].value])),
              coverage: (COMPONENTS.length - r.missing.length) / COMPONENTS.length,
              missing: r.missing,
              previous_index: p?.index ?? null,
              index_change: p?.index != null && r.index !== null ? r.index - p.index : null,
              previous_rank: p?.rank ?? null,
              // Positive when the state climbed (a smaller rank number).
              rank_change: p?.rank != null && r.rank !== null ? p.rank - r.rank : null,
              previous_posture: p?.posture ?? null,
            };
          })
          .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.name.localeCompare(b.name));
        return { year, previous_year: previous, settings: run.settings, components: COMPONENTS, rows };
      },
      table: (r) => ({
        columns: [
          'rank',
          'state',
          'name',
          'posture',
          'confidence',
          'index',
          'index_lo',
          'index_hi',
          'rank_lo',
          'rank_hi',
          ...COMPONENTS,
          'coverage',
          'missing',
          'previous_index',
          'index_change',
          'previous_rank',
          'rank_change',
          'previous_posture',
        ],
        rows: r.rows.map((row) => ({
          ...row,
          ...row.components,
          index_lo: row.interval?.[0],
          index_hi: row.interval?.[1],
          rank_lo: row.rank_interval?.[0],
          rank_hi: row.rank_interval?.[1],
          missing: row.missing.join('; '),
        })),
      }),
    }),
    defineRoute({
      path: '/api/panel',
      summary:
        'the whole panel, every state-year (as `interconnector export`): index, interval, rank, ' +
        'components, coverage, posture, provenance',
      query: z.strictObject({ draws: drawsParam }),
      handler: (q) => {
        const session = requireSession(deps);
        const run = session.autonomy({ years: [FIRST_FRAMEWORK_YEAR, session.latestYear()], draws: q.draws });
        return { columns: PANEL_COLUMNS, rows: panelRows(run) };
      },
      table: (r) => ({ columns: r.columns.map((c) => c.name), rows: r.rows }),
    }),
    defineRoute({
      path: '/api/panel/codebook',
      summary: "the panel's codebook: every column with its type and meaning",
      query: z.strictObject({}),
      handler: () => ({ columns: PANEL_COLUMNS }),
      table: (r) => ({ columns: ['name', 'type', 'description'], rows: r.columns.map((c) => ({ ...c })) }),
    }),
  ];
}

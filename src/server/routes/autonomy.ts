import { z } from 'zod';
import { COMPONENTS } from '../../framework/autonomy/components.ts';
import type { StateYearResult } from '../../framework/autonomy/run.ts';
import { FIRST_FRAMEWORK_YEAR, type FrameworkSession } from '../../framework/session.ts';
import { broadCoverageYear } from '../../framework/coverage/report.ts';
import { coverageChanges } from '../../framework/coverage/index.ts';
import { defineRoute, type ApiRoute, type ServerDeps } from '../route.ts';
import { HttpError } from '../errors.ts';
import { stateParam, yearParam } from './params.ts';
import { PANEL_COLUMNS, panelRow } from '../../export/panel.ts';

const SUMMARY_COLUMNS = [
  'state',
  'year',
  'index',
  'index_lo',
  'index_hi',
  'rank',
  'rank_lo',
  'rank_hi',
  'ranked',
  'posture',
  'confidence',
  'missing',
  ...COMPONENTS,
];

/** A state-year as a csv row: the export's panel row for full documents, the numbers for summaries. */
function tableOf(results: Array<ReturnType<typeof doc> | ReturnType<typeof summary>>) {
  const full = results.every((r) => 'provenance' in r);
  return {
    columns: full ? PANEL_COLUMNS.map((c) => c.name) : SUMMARY_COLUMNS,
    rows: results.map((r) =>
      'provenance' in r
        ? panelRow(r as StateYearResult)
        : {
            ...r,
            index_lo: r.interval?.[0],
            index_hi: r.interval?.[1],
            rank_lo: r.rank_interval?.[0],
            rank_hi: r.rank_interval?.[1],
            missing: r.missing.join('; '),
            ...r.components,
          },
    ),
  };
}

const yearsParam = z
  .string()
  .regex(/^\d{4}(-\d{4})?$/, 'must look like 2000-2024 or 2023')
  .optional();
export const drawsParam = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be 0 or more')
  .max(2000, 'must be at most 2000')
  .default(200);
export const weightsParam = z
  .string()
  .regex(
    new RegExp(`^((${COMPONENTS.join('|')})=\\d+(\\.\\d+)?)(,(${COMPONENTS.join('|')})=\\d+(\\.\\d+)?)*$`),
    `must look like mediation=0.3,voice=0.1 with components ${COMPONENTS.join(', ')}`,
  )
  .optional();

export function parseWeights(text: string | undefined) {
  return text
    ? Object.fromEntries(
        text.split(',').map((p) => {
          const [k, v] = p.split('=');
          return [k, Number(v)];
        }),
      )
    : undefined;
}

export function requireSession(deps: ServerDeps): FrameworkSession {
  if (!deps.framework)
    throw new HttpError(503, 'no datasets in the store: run `interconnector data pull` first');
  return deps.framework;
}

function yearsOf(session: FrameworkSession, text: string | undefined): [number, number] {
  const latest = session.latestYear();
  if (!text) return [FIRST_FRAMEWORK_YEAR, latest];
  const [a, b = a] = text.split('-').map(Number) as [number, number?];
  if (a < FIRST_FRAMEWORK_YEAR || b! > latest || b! < a)
    throw new HttpError(
      400,
      `invalid parameter 'years': must lie within ${FIRST_FRAMEWORK_YEAR}–${latest}, start first`,
    );
  return [a, b!];
}

/** The state-year as the API serves it: the CLI's json document. */
function doc(r: StateYearResult) {
  return { ...r, components: Object.fromEntries(COMPONENTS.map((c) => [c, r.components[c]])) };
}

/** The numbers without the evidence, for time series; the evidence of a year is one request away. */
function summary(r: StateYearResult) {
  return {
    state: r.state,
    year: r.year,
    index: r.index,
    interval: r.interval,
    rank: r.rank,
    rank_interval: r.rank_interval,
    ranked: r.ranked,
    posture: r.posture,
    confidence: r.confidence,
    missing: r.missing,
    coverage: r.coverage,
    rank_basis: r.rank_basis,
    components: Object.fromEntries(COMPONENTS.map((c) => [c, r.components[c].value])),
    // A gap in a chart needs its reason beside it, so the summary keeps that one line per missing component.
    missing_reasons: Object.fromEntries(
      r.missing.map((c) => [c, r.components[c].explanation[0] ?? 'no input covers this year']),
    ),
  };
}

export function autonomyRoutes(deps: ServerDeps): ApiRoute[] {
  return [
    defineRoute({
      path: '/api/autonomy',
      summary:
        'strategic-autonomy index, interval, rank, components, posture and ' +
        'explanation of a state by year (detail=summary: the numbers only)',
      query: z.strictObject({
        state: stateParam,
        years: yearsParam,
        draws: drawsParam,
        weights: weightsParam,
        seed: z.coerce.number().int().min(0).default(1),
        detail: z.enum(['full', 'summary'], { error: 'must be full or summary' }).default('full'),
      }),
      handler: (q) => {
        const state = deps.registry.resolve(q.state);
        const session = requireSession(deps);
        const run = session.autonomy({
          years: yearsOf(session, q.years),
          draws: q.draws,
          seed: q.seed,
          weights: parseWeights(q.weights),
          focus: [state.ccode],
        });
        const results = run.results
          .filter((r) => r.ccode === state.ccode)
          .map((r) => (q.detail === 'full' ? doc(r) : summary(r)));
        return {
          state: { iso3: state.iso3, ccode: state.ccode, name: state.name },
          settings: run.settings,
          results,
          coverage_changes: coverageChanges(run.results.filter((r) => r.ccode === state.ccode)),
          transitions: run.transitions.filter((t) => t.state === (state.iso3 ?? state.cowAbbrev)),
        };
      },
      table: (r) => tableOf(r.results),
    }),
    defineRoute({
      path: '/api/compare',
      summary: 'several states side by side for one year (index, interval, posture, components)',
      query: z.strictObject({
        states: z.string().min(1, 'must name states').max(400),
        year: yearParam.optional(),
        draws: drawsParam,
        weights: weightsParam,
      }),
      handler: (q) => {
        const states = q.states.split(',').map((s) => deps.registry.resolve(s.trim()));
        const session = requireSession(deps);
        const year = q.year ?? session.latestYear();
        if (year < FIRST_FRAMEWORK_YEAR || year > session.latestYear())
          throw new HttpError(
            400,
            `invalid parameter 'year': must lie within ${FIRST_FRAMEWORK_YEAR}–${session.latestYear()}`,
          );
        const run = session.autonomy({
          years: [year, year],
          draws: q.draws,
          weights: parseWeights(q.weights),
          focus: states.map((s) => s.ccode),
        });
        return {
          year,
          settings: run.settings,
          results: states
            .map((s) => run.results.find((r) => r.ccode === s.ccode))
            .filter((r): r is StateYearResult => r !== undefined)
            .map(doc),
        };
      },
      table: (r) => tableOf(r.results),
    }),
    defineRoute({
      path: '/api/postures',
      summary:
        'the posture and coverage of every state in a year (for maps and rankings); without a year, the latest ' +
        'year, with `broad`: the latest year with broad coverage and why (where a map should open)',
      query: z.strictObject({ year: yearParam.optional() }),
      handler: (q) => {
        const session = requireSession(deps);
        const year = q.year ?? session.latestYear();
        const broad = q.year === undefined ? broadCoverageYear(session, year) : null;
        const run = session.autonomy({ years: [year, year], draws: 0 });
        return {
          year,
          ...(broad ? { broad } : {}),
          states: run.results.map((r) => ({
            state: r.state,
            ccode: r.ccode,
            name: r.name,
            posture: r.posture,
            index: r.index,
            rank: r.rank,
            coverage: r.coverage.label,
            complete: r.coverage.complete,
          })),
        };
      },
      table: (r) => ({ columns: ['state', 'ccode', 'name', 'posture', 'index', 'rank'], rows: r.states }),
    }),
  ];
}

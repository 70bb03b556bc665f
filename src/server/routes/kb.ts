import { z } from 'zod';
import { coverageReport } from '../../kb/coverage.ts';
import { timeline } from '../../kb/timeline.ts';
import { linkFor } from '../../kb/links.ts';
import { defineRoute, type ApiRoute, type ServerDeps } from '../route.ts';
import { HttpError } from '../errors.ts';
import { stateParam, yearParam } from './params.ts';

const kinds = [
  'membership',
  'chairmanship',
  'agreement',
  'security',
  'negotiation',
  'hosting',
  'statement',
  'resolution',
  'aid',
  'energy-export',
  'doctrine',
  'system-continuation',
] as const;

export function kbRoutes(deps: ServerDeps): ApiRoute[] {
  return [
    defineRoute({
      path: '/api/kb/timeline',
      summary: 'dated knowledge-base facts in order, with full sources; filter by state, years and kinds',
      query: z.strictObject({
        state: stateParam.optional(),
        from: yearParam.optional(),
        to: yearParam.optional(),
        kind: z
          .string()
          .regex(
            new RegExp(`^(${kinds.join('|')})(,(${kinds.join('|')}))*$`),
            `must be a comma-separated list of: ${kinds.join(', ')}`,
          )
          .optional(),
      }),
      handler: (q) => {
        if (q.from !== undefined && q.to !== undefined && q.to < q.from)
          throw new HttpError(400, `invalid parameter 'to': ${q.to} is before from=${q.from}`);
        const state = q.state === undefined ? undefined : deps.registry.resolve(q.state);
        const entries = timeline(deps.kb, {
          state: state?.iso3 ?? undefined,
          from: q.from,
          to: q.to,
          kinds: q.kind?.split(','),
        });
        return {
          state: state ? { iso3: state.iso3, ccode: state.ccode, name: state.name } : null,
          count: entries.length,
          facts: entries,
        };
      },
      table: (r) => ({
        columns: ['date', 'to', 'kind', 'id', 'states', 'text', 'claimed_by', 'sources', 'urls', 'where'],
        rows: r.facts.map((f) => ({
          ...f,
          sources: f.sources.map((s) => `${s.author}: ${s.title}${s.date ? ` (${s.date})` : ''}`),
          urls: f.sources.map((s) => s.url ?? ''),
        })),
      }),
    }),
    defineRoute({
      path: '/api/kb/sources',
      summary: 'the cited sources by id (author, title, date, container, url), for every id a page shows',
      query: z.strictObject({
        ids: z
          .string()
          .regex(/^[\w.:-]+(,[\w.:-]+)*$/, 'must be comma-separated source ids')
          .max(4000)
          .optional(),
      }),
      handler: (q) => {
        const ids = q.ids ? [...new Set(q.ids.split(','))] : deps.kb.sources.map((s) => s.id);
        const unknown = ids.filter((id) => !deps.kb.sourceById.has(id));
        if (unknown.length)
          throw new HttpError(
            404,
            `unknown source id${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`,
          );
        return {
          sources: ids.map((id) => {
            const { file, line, note: _note, url, ...source } = deps.kb.sourceById.get(id)!;
            const link = linkFor(url);
            return { ...source, ...(link ? { url: link } : {}), where: `${file}:${line}` };
          }),
        };
      },
      table: (r) => ({
        columns: ['id', 'type', 'author', 'title', 'container', 'date', 'url', 'where'],
        rows: r.sources,
      }),
    }),
    defineRoute({
      path: '/api/kb/coverage',
      summary: 'knowledge-base coverage: facts per kind, state, decade and source',
      query: z.strictObject({}),
      handler: () => coverageReport(deps.kb),
    }),
  ];
}

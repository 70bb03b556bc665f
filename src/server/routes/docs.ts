import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { defineRoute, type ApiRoute } from '../route.ts';
import { HttpError } from '../errors.ts';
import { docSection, renderDoc } from '../../docs/render.ts';
import { catalog } from '../../data/catalog.ts';

const docsDir = fileURLToPath(new URL('../../../docs/', import.meta.url));

/** The project's documentation (docs/*.md) rendered to HTML, whole or one numbered section. */
export function docsRoutes(): ApiRoute[] {
  const names = readdirSync(docsDir)
    .filter((f) => f.endsWith('.md'))
    .map((f) => f.slice(0, -3))
    .sort();
  return [
    defineRoute({
      path: '/api/docs',
      summary:
        'a document of docs/ (METHODOLOGY, alignment, corridors, …) as HTML; section=6 for one section',
      query: z.strictObject({
        name: z.string().max(80).default('METHODOLOGY'),
        section: z
          .string()
          .regex(/^\d+(\.\d+)?$/, 'must be a section number such as 6 or 3.2')
          .optional(),
      }),
      handler: (q) => {
        if (!names.includes(q.name))
          throw new HttpError(
            404,
            `invalid parameter 'name': no document '${q.name}' (one of ${names.join(', ')})`,
          );
        let markdown = readFileSync(`${docsDir}${q.name}.md`, 'utf8');
        if (q.section) {
          const part = docSection(markdown, q.section);
          if (part === null)
            throw new HttpError(404, `invalid parameter 'section': ${q.name} has no section ${q.section}`);
          markdown = part;
        }
        return { name: q.name, documents: names, ...renderDoc(markdown) };
      },
    }),
    defineRoute({
      path: '/api/datasets',
      summary:
        'the datasets the figures come from: title, publisher, version, years, citation, licence, page',
      query: z.strictObject({}),
      handler: () => ({
        datasets: catalog.map((d) => ({
          id: d.id,
          title: d.title,
          publisher: d.publisher,
          version: d.version,
          years: d.years,
          citation: d.citation,
          licence: d.licence,
          page: d.page,
          measures: d.measures,
          files: d.files.map((f) => f.name),
        })),
      }),
      table: (r) => ({
        columns: ['id', 'title', 'publisher', 'version', 'years', 'citation', 'licence', 'page'],
        rows: r.datasets.map((d) => ({ ...d, years: `${d.years[0]}–${d.years[1]}` })),
      }),
    }),
  ];
}

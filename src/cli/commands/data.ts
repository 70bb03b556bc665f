import type { Command } from 'commander';
import { catalog } from '../../data/catalog.ts';
import { rollbackDataset } from '../../data/archive.ts';
import { importDataset, type PartOutcome } from '../../data/importer.ts';
import { pullDataset } from '../../data/pull.ts';
import type { Store } from '../../store/store.ts';
import type { CliContext } from '../context.ts';
import { UserError } from '../errors.ts';

type LoadRow = {
  dataset: string;
  part: string;
  version: string;
  file: string;
  rows: number;
  year_min: number | null;
  year_max: number | null;
  imported_at: string;
  unmapped: string[];
};

/** One row per catalog dataset with what the store holds of it. */
export async function datasetStatus(store: Store): Promise<Record<string, unknown>[]> {
  const loads =
    await store.query<LoadRow>(`SELECT p.dataset, p.part, l.version, l.file, l.rows, l.year_min, l.year_max,
      strftime(l.imported_at, '%Y-%m-%d %H:%M') AS imported_at, l.unmapped
    FROM data_load_parts p JOIN loads l USING (load_id) ORDER BY p.dataset, l.load_id`);
  return catalog.map((d) => {
    const mine = loads.filter((l) => l.dataset === d.id);
    const parts = new Set(d.files.map((f) => f.part));
    const required = new Set(d.files.filter((f) => !f.optional).map((f) => f.part));
    const have = new Set(mine.map((l) => l.part));
    const mins = mine.map((l) => l.year_min).filter((y): y is number => y !== null);
    const maxs = mine.map((l) => l.year_max).filter((y): y is number => y !== null);
    return {
      id: d.id,
      title: d.title,
      status:
        mine.length === 0 ? 'not imported' : [...required].every((p) => have.has(p)) ? 'imported' : 'partial',
      version: [...new Set(mine.map((l) => l.version))].join(', ') || null,
      parts: `${have.size}/${parts.size}`,
      rows: mine.reduce((s, l) => s + Number(l.rows), 0),
      years: mins.length ? `${Math.min(...mins)}–${Math.max(...maxs)}` : null,
      imported_at:
        mine
          .map((l) => l.imported_at)
          .sort()
          .at(-1) ?? null,
      unmapped: mine.reduce((s, l) => s + (l.unmapped?.length ?? 0), 0),
      catalog_years: `${d.years[0]}–${d.years[1]}`,
      publisher: d.publisher,
    };
  });
}

function summarise(ctx: CliContext, outcomes: PartOutcome[]): void {
  ctx.print(
    outcomes.map((o) => ({
      dataset: o.dataset,
      part: o.part,
      file: o.file,
      version: o.version,
      status: o.status,
      rows: o.rows,
      years: o.yearMin !== null ? `${o.yearMin}–${o.yearMax}` : null,
      sha256: o.sha256.slice(0, 12),
      unmapped: o.unmapped.length,
    })),
    { columns: ['dataset', 'part', 'file', 'version', 'status', 'rows', 'years', 'sha256', 'unmapped'] },
  );
  for (const o of outcomes) {
    for (const w of o.warnings) ctx.info(`warning: ${w}`);
    if (o.unmapped.length && o.status === 'imported')
      ctx.info(
        `${o.dataset} ${o.file}: ${o.unmapped.length} name(s) not in the ` +
          `state registry, kept with no COW code: ${o.unmapped.join('; ')}`,
      );
  }
}

export function registerDataCommands(program: Command, ctx: CliContext): void {
  const data = program
    .command('data')
    .description('the datasets: list what is in the store, pull from publishers or a mirror, import files');

  data
    .command('list')
    .description(
      'every dataset in the catalog with its status in the store (version, rows, years, when imported)',
    )
    .action(async () => {
      ctx.print(await datasetStatus(await ctx.store()), {
        columns: [
          'id',
          'status',
          'version',
          'parts',
          'rows',
          'years',
          'imported_at',
          'unmapped',
          'catalog_years',
        ],
      });
    });

  data
    .command('pull')
    .description(
      'download datasets from their publishers (or copy from --mirror DIR), verify checksums and import',
    )
    .argument('[ids...]', 'dataset ids (default: all)')
    .option('--mirror <dir>', 'take the files from a folder laid out like ../shared/data')
    .action(async (ids: string[], opts: { mirror?: string }) => {
      const unknown = ids.filter((id) => !catalog.some((d) => d.id === id));
      if (unknown.length)
        throw new UserError(
          `unknown dataset${unknown.length > 1 ? 's' : ''} ` +
            `${unknown.join(', ')}; known: ${catalog.map((d) => d.id).join(', ')}`,
        );
      const store = await ctx.store();
      const registry = await ctx.registry();
      const targets = ids.length ? ids : catalog.map((d) => d.id);
      const outcomes: PartOutcome[] = [];
      const failures: string[] = [];
      for (const id of targets) {
        try {
          outcomes.push(
            ...(await pullDataset(store, id, {
              registry,
              ...(opts.mirror ? { mirror: opts.mirror } : {}),
              progress: (l, t) => ctx.progress(l, t),
            })),
          );
        } catch (err) {
          // with several datasets, one that cannot be had should not stop the others
          if (targets.length === 1) throw err;
          failures.push((err as Error).message.split('\n')[0] ?? '');
        }
      }
      ctx.refreshRegistry();
      summarise(ctx, outcomes);
      for (const f of failures) ctx.info(`error: ${f}`);
      if (failures.length)
        throw new UserError(
          `${failures.length} of ${targets.length} datasets could not be pulled; first: ${failures[0]}`,
        );
    });

  data
    .command('import')
    .description('import a dataset from a file (or a folder of its files) already on disk')
    .argument('<id>', 'dataset id')
    .argument('<path>', 'file or folder')
    .option(
      '--force',
      'import even when the same file is already loaded, or when the file has far fewer rows or ' +
        'years than the catalog release or the version it replaces',
    )
    .action(async (id: string, path: string, opts: { force?: boolean }) => {
      if (!catalog.some((d) => d.id === id))
        throw new UserError(`unknown dataset '${id}'; known: ${catalog.map((d) => d.id).join(', ')}`);
      const outcomes = await importDataset(await ctx.store(), id, path, {
        registry: await ctx.registry(),
        force: Boolean(opts.force),
        progress: (l, t) => ctx.progress(l, t),
      });
      ctx.refreshRegistry();
      summarise(ctx, outcomes);
    });

  data
    .command('rollback')
    .description('bring back the version of a dataset that the last import replaced (run again to undo)')
    .argument('<id>', 'dataset id')
    .action(async (id: string) => {
      if (!catalog.some((d) => d.id === id))
        throw new UserError(`unknown dataset '${id}'; known: ${catalog.map((d) => d.id).join(', ')}`);
      const out = await rollbackDataset(await ctx.store(), id);
      ctx.refreshRegistry();
      ctx.print(
        out.map((o) => ({
          dataset: o.dataset,
          part: o.part,
          restored: `${o.restored.file} (${o.restored.version}, ${o.restored.rows} rows)`,
          archived: o.archived ? `${o.archived.file} (${o.archived.version}, ${o.archived.rows} rows)` : null,
        })),
        { columns: ['dataset', 'part', 'restored', 'archived'] },
      );
    });
}

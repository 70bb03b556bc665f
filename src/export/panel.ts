import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { COMPONENTS, PRINCIPLE } from '../framework/autonomy/components.ts';
import type { AutonomyRun, StateYearResult } from '../framework/autonomy/run.ts';
import type { Provenance } from '../framework/types.ts';
import { toCsv } from '../output/csv.ts';

/** A column of the panel: its name, its SQL type in the Parquet file and what it means. */
export interface PanelColumn {
  name: string;
  type: 'VARCHAR' | 'INTEGER' | 'DOUBLE';
  description: string;
}

const componentColumns: PanelColumn[] = COMPONENTS.flatMap((c): PanelColumn[] => [
  {
    name: c,
    type: 'DOUBLE',
    description:
      `component ${c} on 0–1 (1 = most autonomous); measures ${PRINCIPLE[c]}; ` +
      'empty = no input covers the state-year, never zero',
  },
  {
    name: `${c}_weight`,
    type: 'DOUBLE',
    description: `weight of ${c} in this state-year's index (renormalised over the components present)`,
  },
  {
    name: `${c}_sources`,
    type: 'VARCHAR',
    description:
      `what ${c} rests on: datasets as id@version (rows used) and knowledge-base fact ids, ` +
      'separated by ; ',
  },
]);

/** Every column of the panel, in order: the codebook is this list. */
export const PANEL_COLUMNS: PanelColumn[] = [
  { name: 'state', type: 'VARCHAR', description: 'ISO 3166 alpha-3 code (COW abbreviation where none)' },
  { name: 'ccode', type: 'INTEGER', description: 'Correlates of War state number' },
  { name: 'name', type: 'VARCHAR', description: "the state's name in the project's state registry" },
  { name: 'year', type: 'INTEGER', description: 'calendar year' },
  {
    name: 'index',
    type: 'DOUBLE',
    description: 'strategic-autonomy index on 0–1: weighted mean of the components present (OECD/JRC method)',
  },
  {
    name: 'index_lo',
    type: 'DOUBLE',
    description:
      '5th percentile of the index over the Monte Carlo draws (weights, normalisation, imputation)',
  },
  {
    name: 'index_hi',
    type: 'DOUBLE',
    description: '95th percentile of the index over the Monte Carlo draws',
  },
  {
    name: 'rank',
    type: 'INTEGER',
    description: 'rank of the index among the states scored that year (1 = highest)',
  },
  { name: 'rank_lo', type: 'INTEGER', description: 'best rank over the Monte Carlo draws (5th percentile)' },
  {
    name: 'rank_hi',
    type: 'INTEGER',
    description: 'worst rank over the Monte Carlo draws (95th percentile)',
  },
  { name: 'ranked', type: 'INTEGER', description: 'number of states ranked that year' },
  {
    name: 'components_present',
    type: 'INTEGER',
    description: `how many of the ${COMPONENTS.length} components have an input for the state-year`,
  },
  {
    name: 'coverage',
    type: 'DOUBLE',
    description: `components_present / ${COMPONENTS.length}: a figure on fewer inputs says so`,
  },
  { name: 'missing', type: 'VARCHAR', description: 'components without an input, separated by ; ' },
  {
    name: 'missing_effect',
    type: 'DOUBLE',
    description: "how far the index would move if the missing components took the year's median instead",
  },
  {
    name: 'posture',
    type: 'VARCHAR',
    description:
      'rule-based posture: aligned, integration-seeking, balanced, strategic-autonomy, neutral ' +
      'or great-power',
  },
  {
    name: 'confidence',
    type: 'DOUBLE',
    description: 'share of the Monte Carlo draws that give the same posture',
  },
  ...componentColumns,
  {
    name: 'sources',
    type: 'VARCHAR',
    description: 'datasets behind the state-year as id@version, separated by ; ',
  },
  {
    name: 'facts',
    type: 'VARCHAR',
    description: 'knowledge-base fact ids behind the state-year (kb/ in the repository), separated by ; ',
  },
  {
    name: 'explanation',
    type: 'VARCHAR',
    description: 'why this posture: the rules and components that decided it, separated by ; ',
  },
];

function sourceList(provenance: Provenance[]): string[] {
  const out = new Set<string>();
  for (const p of provenance) {
    if (p.dataset)
      out.add(`${p.dataset}@${p.version ?? '?'}${p.rows !== undefined ? ` (${p.rows} rows)` : ''}`);
    for (const f of p.facts ?? []) out.add(`fact:${f}`);
    if (!p.dataset && !p.facts?.length && p.note) out.add(p.note);
  }
  return [...out];
}

const datasetsOf = (provenance: Provenance[]) => [
  ...new Set(provenance.flatMap((p) => (p.dataset ? [`${p.dataset}@${p.version ?? '?'}`] : []))),
];
const factsOf = (provenance: Provenance[]) => [...new Set(provenance.flatMap((p) => p.facts ?? []))];

/** One flat row per state-year with the columns of PANEL_COLUMNS. */
export function panelRow(r: StateYearResult): Record<string, unknown> {
  const all = [...r.provenance, ...COMPONENTS.flatMap((c) => r.components[c].provenance)];
  const present = COMPONENTS.length - r.missing.length;
  return {
    state: r.state,
    ccode: r.ccode,
    name: r.name,
    year: r.year,
    index: r.index,
    index_lo: r.interval?.[0] ?? null,
    index_hi: r.interval?.[1] ?? null,
    rank: r.rank,
    rank_lo: r.rank_interval ? Math.round(r.rank_interval[0]) : null,
    rank_hi: r.rank_interval ? Math.round(r.rank_interval[1]) : null,
    ranked: r.ranked,
    components_present: present,
    coverage: present / COMPONENTS.length,
    missing: r.missing.join('; '),
    missing_effect: r.missing_effect,
    posture: r.posture,
    confidence: r.confidence,
    ...Object.fromEntries(
      COMPONENTS.flatMap((c) => [
        [c, r.components[c].value],
        [`${c}_weight`, r.components[c].weight],
        [`${c}_sources`, sourceList(r.components[c].provenance).join('; ')],
      ]),
    ),
    sources: datasetsOf(all).join('; '),
    facts: factsOf(all).join('; '),
    explanation: r.explanation.join('; '),
  };
}

export function panelRows(run: AutonomyRun): Record<string, unknown>[] {
  return [...run.results].sort((a, b) => a.year - b.year || a.state.localeCompare(b.state)).map(panelRow);
}

export interface ExportOptions {
  out: string;
  format: 'csv' | 'parquet';
  version: string;
  /** When the export was made (ISO date), for the citation file. */
  date: string;
}

export interface ExportResult {
  rows: number;
  columns: number;
  files: string[];
}

function codebookCsv(): string {
  return toCsv(
    PANEL_COLUMNS.map((c) => ({ column: c.name, type: c.type, description: c.description })),
    ['column', 'type', 'description'],
  );
}

function citation(run: AutonomyRun, opts: ExportOptions, datasets: string[]): string {
  const [first, last] = [run.results[0]?.year, run.results[run.results.length - 1]?.year];
  return [
    'cff-version: 1.2.0',
    'message: "If you use this panel, please cite the software and the datasets it was computed from."',
    'type: dataset',
    `title: "Interconnector strategic-autonomy panel, ${first}–${last}"`,
    `version: "${opts.version}"`,
    `date-released: "${opts.date}"`,
    'license: MIT',
    'authors:',
    '  - name: "Interconnector contributors"',
    'references:',
    '  - type: article',
    '    title: "Azerbaijan\'s Quest for Strategic Autonomy"',
    '    authors:',
    '      - family-names: Huseynov',
    '        given-names: Tabib',
    '    journal: "Ukrainian Policymaker"',
    '    volume: 15',
    '    year: 2024',
    ...datasets.map(
      (d) =>
        `  - type: data\n    title: "${d.replace(/"/g, "'")}"\n` +
        `    authors:\n      - name: "see the dataset's README"`,
    ),
    'notes: >-',
    `  Computed with ${run.settings.draws} Monte Carlo draws (seed ${run.settings.seed}); weights`,
    `  ${COMPONENTS.map((c) => `${c}=${run.settings.weights[c]}`).join(', ')}.`,
    '',
  ].join('\n');
}

/**
 * Writes the whole panel (every state-year of the run) to a folder: panel.csv or panel.parquet, the
 * codebook (one line per column) and CITATION.cff. Files are written under temporary names and
 * renamed at the end, so a failed export leaves no half-written panel beside older ones.
 */
export async function exportPanel(run: AutonomyRun, opts: ExportOptions): Promise<ExportResult> {
  const out = resolve(opts.out);
  mkdirSync(out, { recursive: true });
  const rows = panelRows(run);
  const names = PANEL_COLUMNS.map((c) => c.name);
  const datasets = [...new Set(rows.flatMap((r) => String(r.sources).split('; ').filter(Boolean)))].sort();
  const panelFile = join(out, `panel.${opts.format}`);
  const csvTmp = join(out, `.panel.${process.pid}.csv`);
  writeFileSync(csvTmp, toCsv(rows, names));
  try {
    if (opts.format === 'csv') renameSync(csvTmp, panelFile);
    else await csvToParquet(csvTmp, `${panelFile}.tmp`);
    if (opts.format === 'parquet') renameSync(`${panelFile}.tmp`, panelFile);
  } finally {
    rmSync(csvTmp, { force: true });
    rmSync(`${panelFile}.tmp`, { force: true });
  }
  writeFileSync(join(out, 'codebook.csv'), codebookCsv());
  writeFileSync(join(out, 'CITATION.cff'), citation(run, opts, datasets));
  return {
    rows: rows.length,
    columns: names.length,
    files: [panelFile, join(out, 'codebook.csv'), join(out, 'CITATION.cff')],
  };
}

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** DuckDB in memory (never the user's store) reads the CSV with the codebook's types and writes Parquet. */
async function csvToParquet(csv: string, parquet: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  try {
    const columns = PANEL_COLUMNS.map((c) => `${sqlString(c.name)}: ${sqlString(c.type)}`).join(', ');
    await con.run(
      `COPY (SELECT * FROM read_csv(${sqlString(csv)}, header = true, quote = '"', escape = '"', ` +
        `columns = {${columns}})) TO ${sqlString(parquet)} (FORMAT parquet)`,
    );
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

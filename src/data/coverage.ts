import type { Store } from '../store/store.ts';

export type Measure =
  'votes' | 'idealpoints' | 'alliances' | 'igo' | 'capabilities' | 'contiguity' | 'trade' | 'arms' | 'gas';

interface Source {
  dataset: string;
  /** The load parts whose years bound the dataset's coverage. */
  part: string;
  /** Counts the state's rows in the year ($1 ccode, $2 year). */
  sql: string;
  /**
   * What no row means inside the dataset's years: 'zero' where the table lists only positive
   * facts (alliances, arms deals), 'missing' where every covered state-year has a row.
   */
  absence: 'zero' | 'missing';
}

const SOURCES: Record<Measure, Source[]> = {
  votes: [
    {
      dataset: 'unga_votes',
      part: 'votes',
      absence: 'missing',
      sql:
        'SELECT count(*) AS n FROM unga_votes v JOIN unga_rollcalls ' +
        'r USING (rcid) WHERE v.ccode = $1 AND r.year = $2',
    },
    {
      dataset: 'unga_votes',
      part: 'votes2016',
      absence: 'missing',
      sql: 'SELECT count(*) AS n FROM unga_votes_2016 WHERE ccode = $1 AND year = $2 AND member',
    },
  ],
  idealpoints: [
    {
      dataset: 'unga_idealpoints',
      part: 'idealpoints',
      absence: 'missing',
      sql: 'SELECT count(*) AS n FROM unga_idealpoints WHERE ccode = $1 AND year = $2',
    },
  ],
  alliances: [
    {
      dataset: 'atop',
      part: 'stateyears',
      absence: 'zero',
      sql: 'SELECT count(*) AS n FROM atop_state_years WHERE ccode = $1 AND year = $2',
    },
    {
      dataset: 'cow_alliance',
      part: 'memberyears',
      absence: 'zero',
      sql: 'SELECT count(*) AS n FROM cow_alliance_member_years WHERE ccode = $1 AND year = $2',
    },
  ],
  igo: [
    {
      dataset: 'cow_igo',
      part: 'stateyears',
      absence: 'missing',
      sql: 'SELECT count(*) AS n FROM igo_state_years WHERE ccode = $1 AND year = $2',
    },
  ],
  capabilities: [
    {
      dataset: 'cow_nmc',
      part: 'nmc',
      absence: 'missing',
      sql: 'SELECT count(*) AS n FROM cow_nmc WHERE ccode = $1 AND year = $2',
    },
  ],
  contiguity: [
    {
      dataset: 'cow_contiguity',
      part: 'stateyears',
      absence: 'missing',
      sql: 'SELECT count(*) AS n FROM cow_contiguity_counts WHERE ccode = $1 AND year = $2',
    },
  ],
  trade: [
    {
      dataset: 'cow_trade',
      part: 'national',
      absence: 'missing',
      sql: 'SELECT count(*) AS n FROM cow_trade_national WHERE ccode = $1 AND year = $2',
    },
  ],
  arms: [
    {
      dataset: 'sipri_arms',
      part: 'register',
      absence: 'zero',
      sql:
        'SELECT count(*) AS n FROM sipri_transfers WHERE (recipient_ccode = $1 OR ' +
        'supplier_ccode = $1) AND (order_year = $2 OR list_contains(delivery_years, $2))',
    },
  ],
  gas: [
    {
      dataset: 'eurostat_gas',
      part: 'imports',
      absence: 'missing',
      sql:
        'SELECT count(*) AS n FROM eurostat_gas_imports WHERE ' +
        'reporter_ccode = $1 AND year = $2 AND value IS NOT NULL',
    },
  ],
};

export const measures = Object.keys(SOURCES) as Measure[];

export interface CoverageAnswer {
  measure: Measure;
  dataset: string;
  version: string | null;
  file: string | null;
  sha256: string | null;
  years: [number, number] | null;
  /**
   * covered: the state has data that year; zero: inside the dataset's years with nothing to
   * report (a real zero); missing: inside the years but no data for this state; outside-years and
   * not-imported: the dataset cannot answer — never to be read as zero.
   */
  status: 'covered' | 'zero' | 'missing' | 'outside-years' | 'not-imported';
  rows: number;
}

/** Which datasets cover state `ccode` in `year` for `measure`, with the provenance of each. */
export async function coverage(
  store: Store,
  ccode: number,
  year: number,
  measure: Measure,
): Promise<CoverageAnswer[]> {
  const sources = SOURCES[measure];
  if (!sources) throw new Error(`unknown measure '${measure}'; known: ${measures.join(', ')}`);
  const out: CoverageAnswer[] = [];
  for (const s of sources) {
    const [load] = await store.query<{
      version: string;
      file: string;
      sha256: string;
      year_min: number | null;
      year_max: number | null;
    }>(
      'SELECT l.version, l.file, l.sha256, l.year_min, l.year_max FROM data_load_parts ' +
        'p JOIN loads l USING (load_id) WHERE p.dataset = $1 AND p.part = $2',
      [s.dataset, s.part],
    );
    if (!load) {
      out.push({
        measure,
        dataset: s.dataset,
        version: null,
        file: null,
        sha256: null,
        years: null,
        status: 'not-imported',
        rows: 0,
      });
      continue;
    }
    // a file without its own years (the votes file) takes them from its dataset's other loads
    let ymin = load.year_min,
      ymax = load.year_max;
    if (ymin === null || ymax === null) {
      const [r] = await store.query<{ a: number | null; b: number | null }>(
        'SELECT min(l.year_min) AS a, max(l.year_max) AS b FROM ' +
          'data_load_parts p JOIN loads l USING (load_id) WHERE p.dataset = $1',
        [s.dataset],
      );
      ymin = r?.a ?? null;
      ymax = r?.b ?? null;
    }
    const base = {
      measure,
      dataset: s.dataset,
      version: load.version,
      file: load.file,
      sha256: load.sha256,
      years: ymin !== null && ymax !== null ? ([ymin, ymax] as [number, number]) : null,
    };
    if (ymin === null || ymax === null || year < ymin || year > ymax) {
      out.push({ ...base, status: 'outside-years', rows: 0 });
      continue;
    }
    const [row] = await store.query<{ n: number }>(s.sql, [ccode, year]);
    const n = Number(row?.n ?? 0);
    out.push({ ...base, status: n > 0 ? 'covered' : s.absence, rows: n });
  }
  return out;
}

/**
 * Store-side loading of what the interconnector layers need beyond the framework inputs: pair-level
 * IGO co-membership (the inputs keep per-state counts only) and the corridor legs. Loaded for the
 * years asked for, since a year of IGO pairs is ~20k rows built from ~1M joined memberships.
 */
import type { Store } from '../../store/store.ts';
import type { CorridorNetwork } from '../corridors/network.ts';
import type { Provenance } from '../types.ts';
import { transportLegs, type InterconnectorData } from './layers.ts';
import type { ConflictData } from './validity.ts';
import { loadVoteRecord } from './vote-blocs.ts';

const tableExists = async (store: Store, name: string): Promise<boolean> =>
  ((
    await store.query<{ n: number }>(
      `SELECT count(*) AS n FROM information_schema.tables WHERE table_name = $1`,
      [name],
    )
  )[0]?.n ?? 0) > 0;

/** UCDP/PRIO ACD state parties by conflict-year (null when ucdp_acd is not imported). */
export async function loadConflicts(store: Store): Promise<ConflictData | null> {
  if (!(await tableExists(store, 'ucdp_conflict_parties'))) return null;
  const rows = await store.query<{ c: number; y: number; side: string; p: boolean; cc: number }>(
    `SELECT conflict_id AS c, year AS y, side, "primary" AS p, ccode AS cc FROM ucdp_conflict_parties
     WHERE ccode IS NOT NULL AND load_id = (SELECT max(load_id) FROM ucdp_conflict_parties)`,
  );
  if (!rows.length) return null;
  const loads = await store
    .query<{ version: string; sha256: string; rows: number }>(
      `SELECT version, sha256, rows FROM loads WHERE dataset = 'ucdp_acd' ORDER BY load_id DESC LIMIT 1`,
    )
    .catch(() => []);
  let y0 = Infinity,
    y1 = -Infinity;
  for (const r of rows) {
    y0 = Math.min(y0, Number(r.y));
    y1 = Math.max(y1, Number(r.y));
  }
  const l = loads[0];
  return {
    rows: rows.map((r) => ({
      conflictId: Number(r.c),
      year: Number(r.y),
      side: r.side,
      primary: Boolean(r.p),
      ccode: Number(r.cc),
    })),
    covers: [y0, y1],
    provenance: {
      dataset: 'ucdp_acd',
      ...(l ? { version: l.version, sha256: l.sha256.slice(0, 12), rows: Number(l.rows) } : {}),
      covers: [y0, y1],
    },
  };
}

async function igoProvenance(
  store: Store,
): Promise<{ provenance: Provenance; covers: [number, number] | null }> {
  const rows = await store.query<{
    version: string;
    sha256: string;
    rows: number;
    year_min: number | null;
    year_max: number | null;
  }>(
    `SELECT l.version, l.sha256, l.rows, l.year_min, l.year_max
     FROM loads l JOIN data_load_parts p USING (load_id)
     WHERE l.dataset = 'cow_igo' AND p.part = 'memberships' ORDER BY l.load_id`,
  );
  const fallback = await store
    .query<{ y0: number | null; y1: number | null }>(
      `SELECT min(year) AS y0, max(year) AS y1 FROM igo_memberships`,
    )
    .catch(() => [] as { y0: number | null; y1: number | null }[]);
  const r = rows[rows.length - 1];
  const y0 = r?.year_min ?? fallback[0]?.y0 ?? null,
    y1 = r?.year_max ?? fallback[0]?.y1 ?? null;
  const covers: [number, number] | null = y0 !== null && y1 !== null ? [y0, y1] : null;
  return {
    provenance: r
      ? {
          dataset: 'cow_igo',
          version: r.version,
          sha256: r.sha256.slice(0, 12),
          rows: Number(r.rows),
          ...(covers ? { covers } : {}),
          note: 'full memberships, pairs sharing IGOs',
        }
      : { dataset: 'cow_igo', ...(covers ? { covers } : {}), note: 'igo_memberships' },
    covers,
  };
}

/** Loads IGO co-membership for `years` (those the data covers) and reduces the corridor network. */
export async function loadInterconnectorData(
  store: Store,
  opts: {
    years: number[];
    corridors?: CorridorNetwork | null;
    corridorFrom?: number;
    into?: InterconnectorData;
  },
): Promise<InterconnectorData> {
  const data: InterconnectorData = opts.into ?? {
    igoShared: { data: new Map(), covers: null, provenance: { dataset: 'cow_igo', note: 'not imported' } },
    transport: null,
    conflicts: null,
  };
  if (data.conflicts === undefined || data.conflicts === null) data.conflicts = await loadConflicts(store);
  if (data.votes === undefined || data.votes === null) data.votes = await loadVoteRecord(store);
  const exists = await store.query<{ n: number }>(
    `SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'igo_memberships'`,
  );
  if ((exists[0]?.n ?? 0) > 0) {
    const prov = await igoProvenance(store);
    data.igoShared.covers = prov.covers;
    data.igoShared.provenance = prov.provenance;
    const want = opts.years.filter(
      (y) => prov.covers && y >= prov.covers[0] && y <= prov.covers[1] && !data.igoShared.data.has(y),
    );
    if (want.length) {
      const rows = await store.query<{ year: number; x: number; y: number; n: number }>(
        `SELECT a.year, a.ccode AS x, b.ccode AS y, count(*)::INTEGER AS n
         FROM igo_memberships a
           JOIN igo_memberships b ON a.igo = b.igo AND a.year = b.year AND a.ccode < b.ccode
         WHERE a.status = 'full' AND b.status = 'full' AND a.year IN
           (${want.map((_, i) => `$${i + 1}`).join(',')})
         GROUP BY 1, 2, 3`,
        want,
      );
      for (const y of want) data.igoShared.data.set(y, new Map());
      for (const r of rows) data.igoShared.data.get(r.year)?.set(`${r.x}|${r.y}`, Number(r.n));
    }
  }
  if (opts.corridors && !data.transport) {
    data.transport = {
      legs: transportLegs(opts.corridors),
      from: opts.corridorFrom ?? 2017,
      provenance: {
        dataset: 'corridor model',
        note: 'kb/corridors legs (operational), aggregated to country pairs',
      },
    };
  }
  return data;
}

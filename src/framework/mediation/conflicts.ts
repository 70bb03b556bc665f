import type { Store } from '../../store/store.ts';
import type { Provenance } from '../types.ts';

/** One state's part in one UCDP conflict-year. */
export interface ConflictRole {
  conflict: number;
  location: string;
  type: number;
  primary: boolean;
  /** States on the other side (primary or secondary), COW codes. */
  opponents: number[];
}

export interface ConflictInput {
  /** ccode → year → the conflicts it was a state party to. */
  data: Map<number, Map<number, ConflictRole[]>>;
  covers: [number, number] | null;
  provenance: Provenance;
}

/** UCDP/PRIO armed conflicts by state party, for mediation's applicability and capability's rivals. */
export async function loadConflicts(store: Store, fromYear: number): Promise<ConflictInput> {
  const [t] = await store.query<{ n: number }>(
    `SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'ucdp_conflict_parties'`,
  );
  const [load] = Number(t?.n ?? 0)
    ? await store.query<{
        version: string;
        sha256: string;
        rows: number;
        year_min: number;
        year_max: number;
      }>(
        `SELECT l.version, l.sha256, l.rows, l.year_min, l.year_max FROM loads l WHERE l.dataset = 'ucdp_acd'`,
      )
    : [];
  if (!load)
    return { data: new Map(), covers: null, provenance: { dataset: 'ucdp_acd', note: 'not imported' } };
  const rows = await store.query<{
    ccode: number;
    year: number;
    conflict: number;
    location: string;
    type: number;
    primary: boolean;
    opponents: number[];
  }>(
    `SELECT p.ccode, p.year, p.conflict_id AS conflict, c.location, c.type_of_conflict AS type, bool_or(p."primary") AS "primary",
            list(DISTINCT o.ccode) FILTER (WHERE o.ccode IS NOT NULL) AS opponents
     FROM ucdp_conflict_parties p JOIN ucdp_conflicts c USING (conflict_id, year)
     LEFT JOIN ucdp_conflict_parties o ON o.conflict_id = p.conflict_id AND o.year = p.year AND o.side <> p.side
     WHERE p.ccode IS NOT NULL AND p.year >= $1 GROUP BY 1, 2, 3, 4, 5`,
    [fromYear],
  );
  const data = new Map<number, Map<number, ConflictRole[]>>();
  for (const r of rows) {
    let inner = data.get(r.ccode);
    if (!inner) data.set(r.ccode, (inner = new Map()));
    let list = inner.get(r.year);
    if (!list) inner.set(r.year, (list = []));
    list.push({
      conflict: r.conflict,
      location: r.location,
      type: r.type,
      primary: r.primary,
      opponents: r.opponents ?? [],
    });
  }
  const covers: [number, number] = [Number(load.year_min), Number(load.year_max)];
  return {
    data,
    covers,
    provenance: {
      dataset: 'ucdp_acd',
      version: load.version,
      sha256: load.sha256.slice(0, 12),
      rows: Number(load.rows),
      covers,
    },
  };
}

/** The state's conflict roles in [year − window, year]. */
export function conflictsIn(
  input: ConflictInput,
  ccode: number,
  year: number,
  window: number,
): ConflictRole[] {
  const byYear = input.data.get(ccode);
  if (!byYear) return [];
  const out: ConflictRole[] = [];
  for (let y = year - window; y <= year; y++) out.push(...(byYear.get(y) ?? []));
  return out;
}

import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import type { StateRegistry } from '../states/registry.ts';
import type { Store } from '../store/store.ts';
import { defaultConfig, type FrameworkConfig } from './config.ts';
import type { Provenance } from './types.ts';
import { withOwnIdealPoints } from './alignment/extend.ts';
import { loadCapabilityProxy, type CapabilityProxy } from './capability/proxy.ts';
import { loadConflicts, type ConflictInput } from './mediation/conflicts.ts';

export type Obligations = {
  defense: boolean;
  backed: boolean;
  offense: boolean;
  neutrality: boolean;
  nonaggression: boolean;
  consultation: boolean;
  alliances: number[];
};
/** `source`: set when the point is not from the dataset's own file (our estimates after BSV's end). */
export type IdealPoint = { ip: number; lo: number; hi: number; votes: number; source?: Provenance };
export interface Capabilities {
  cinc: number | null;
  milex: number | null;
}

/** A dataset's rows in memory, keyed for the framework, with the provenance of the load. */
export interface DatasetInput<T> {
  data: T;
  covers: [number, number] | null;
  provenance: Provenance;
}

/**
 * Everything the framework reads, loaded once into memory: the measures are then pure functions of
 * (inputs, state, year), which keeps thousands of Monte Carlo or scenario runs cheap and lets a
 * scenario overlay the inputs without touching the store.
 */
export interface FrameworkInputs {
  kb: KnowledgeBase;
  registry: StateRegistry;
  config: FrameworkConfig;
  /** ATOP obligations: `${guarantor}>${protected}:${year}` → pledges of the first toward the second. */
  atop: DatasetInput<Map<string, Obligations>>;
  /** BSV ideal points: ccode → year → point. */
  ideal: DatasetInput<Map<number, Map<number, IdealPoint>>>;
  /** COW capabilities: ccode → year. */
  nmc: DatasetInput<Map<number, Map<number, Capabilities>>>;
  /** Land or river borders (COW type 1): ccode → year → neighbours. */
  contiguity: DatasetInput<Map<number, Map<number, number[]>>>;
  /**
   * SIPRI deliveries: recipient → year → supplier → TIV (an order's TIV spread evenly over its delivery
   * years).
   */
  arms: DatasetInput<Map<number, Map<number, Map<number, number>>>>;
  /** COW IGO memberships: ccode → year → counts by status. */
  igo: DatasetInput<Map<number, Map<number, { full: number; associate: number; observer: number }>>>;
  /** COW IGO: the organisations (COW abbreviations) each state fully belonged to in the last covered year. */
  igoLast: Map<number, Set<string>>;
  /** Capability share from SIPRI military expenditure and WDI GDP and population, on CINC's scale. */
  capabilityProxy: CapabilityProxy;
  /** UCDP/PRIO armed conflicts by state party. */
  conflicts: ConflictInput;
}

const key = (a: number, b: number, year: number) => `${a}>${b}:${year}`;
export const obligationKey = key;

function nested<V>(map: Map<number, Map<number, V>>, a: number, b: number, make: () => V): V {
  let inner = map.get(a);
  if (!inner) map.set(a, (inner = new Map()));
  let v = inner.get(b);
  if (v === undefined) inner.set(b, (v = make()));
  return v;
}

async function provenanceOf(
  store: Store,
  dataset: string,
  parts?: string[],
): Promise<{ provenance: Provenance; covers: [number, number] | null }> {
  const rows = await store.query<{
    version: string;
    sha256: string;
    rows: number;
    year_min: number | null;
    year_max: number | null;
    file: string;
  }>(
    `SELECT l.version, l.sha256, l.rows, l.year_min, l.year_max, l.file
     FROM loads l JOIN data_load_parts p USING (load_id)
     WHERE l.dataset = $1 ${parts ? `AND p.part IN (${parts.map((_, i) => `$${i + 2}`).join(',')})` : ''}
       ORDER BY l.load_id`,
    [dataset, ...(parts ?? [])],
  );
  if (rows.length === 0) return { provenance: { dataset, note: 'not imported' }, covers: null };
  const mins = rows.flatMap((r) => (r.year_min === null ? [] : [r.year_min]));
  const maxs = rows.flatMap((r) => (r.year_max === null ? [] : [r.year_max]));
  const covers: [number, number] | null = mins.length ? [Math.min(...mins), Math.max(...maxs)] : null;
  return {
    provenance: {
      dataset,
      version: [...new Set(rows.map((r) => r.version))].join(', '),
      sha256: rows.map((r) => r.sha256.slice(0, 12)).join(', '),
      rows: rows.reduce((n, r) => n + r.rows, 0),
      ...(covers ? { covers } : {}),
    },
    covers,
  };
}

async function tableExists(store: Store, table: string): Promise<boolean> {
  const r = await store.query<{ n: number }>(
    `SELECT count(*) AS n FROM information_schema.tables WHERE table_name = $1`,
    [table],
  );
  return (r[0]?.n ?? 0) > 0;
}

/** Loads the inputs for years from `fromYear` on (earlier rows are not needed for 1992+ measures). */
export async function loadFrameworkInputs(
  store: Store,
  kb: KnowledgeBase,
  registry: StateRegistry,
  config: FrameworkConfig = defaultConfig,
  fromYear = 1985,
): Promise<FrameworkInputs> {
  // Obligations from ATOP's member-level file: a member's pledges bind it toward every other member of
  // the same alliance phase while both belong. A pledge is "backed" when the alliance is bilateral or
  // provides for bases or military aid (ATOP BASE, MILAID), as opposed to a collective paper pledge.
  const atop = new Map<string, Obligations>();
  const atopProv = await provenanceOf(store, 'atop', ['members', 'alliances']);
  if ((await tableExists(store, 'atop_members')) && (await tableExists(store, 'atop_alliances'))) {
    const rows = await store.query<Obligations & { guarantor: number; protected: number; year: number }>(
      `
      SELECT p.ccode AS guarantor, m.ccode AS protected, y.year,
             bool_or(p.defense) AS defense,
             bool_or(p.defense AND (a.bilateral OR coalesce(a.bases, 0) > 0
                                    OR coalesce(a.military_aid, 0) > 0)) AS backed,
             bool_or(p.offense) AS offense, bool_or(p.neutrality) AS neutrality,
             bool_or(p.nonaggression) AS nonaggression, bool_or(p.consultation) AS consultation,
             list(DISTINCT a.atopid) AS alliances
      FROM atop_members p
      JOIN atop_members m
        ON m.atopid = p.atopid AND m.phase IS NOT DISTINCT FROM p.phase AND m.ccode <> p.ccode
      JOIN atop_alliances a ON a.atopid = p.atopid
      JOIN range($1, 2100) y(year) ON y.year BETWEEN greatest(p.entry_year, m.entry_year)
           AND least(coalesce(p.exit_year, a.end_year, 9999), coalesce(m.exit_year, a.end_year, 9999),
             coalesce(a.end_year, 9999), ${'$'}2)
      WHERE p.defense OR p.offense OR p.neutrality OR p.nonaggression OR p.consultation
      GROUP BY 1, 2, 3`,
      [fromYear, atopProv.covers?.[1] ?? 2100],
    );
    for (const r of rows)
      atop.set(key(r.guarantor, r.protected, r.year), {
        defense: r.defense,
        backed: r.backed,
        offense: r.offense,
        neutrality: r.neutrality,
        nonaggression: r.nonaggression,
        consultation: r.consultation,
        alliances: r.alliances,
      });
  }

  const ideal = new Map<number, Map<number, IdealPoint>>();
  const idealProv = await provenanceOf(store, 'unga_idealpoints');
  if (await tableExists(store, 'unga_idealpoints')) {
    const rows = await store.query<{
      ccode: number;
      year: number;
      idealpoint: number;
      q5: number | null;
      q95: number | null;
      nvotes: number | null;
    }>(
      'SELECT ccode, year, idealpoint, q5, q95, nvotes FROM ' +
        'unga_idealpoints WHERE year >= $1 AND idealpoint IS NOT NULL',
      [fromYear],
    );
    for (const r of rows)
      nested(ideal, r.ccode, r.year, () => ({
        ip: r.idealpoint,
        lo: r.q5 ?? r.idealpoint,
        hi: r.q95 ?? r.idealpoint,
        votes: r.nvotes ?? 0,
      }));
  }

  const nmc = new Map<number, Map<number, Capabilities>>();
  const nmcProv = await provenanceOf(store, 'cow_nmc');
  if (await tableExists(store, 'cow_nmc')) {
    const rows = await store.query<{
      ccode: number;
      year: number;
      cinc: number | null;
      milex: number | null;
    }>(`SELECT ccode, year, cinc, milex FROM cow_nmc WHERE year >= $1`, [fromYear]);
    for (const r of rows) nested(nmc, r.ccode, r.year, () => ({ cinc: r.cinc, milex: r.milex }));
  }

  const contiguity = new Map<number, Map<number, number[]>>();
  const contProv = await provenanceOf(store, 'cow_contiguity', ['dyadyears']);
  if (await tableExists(store, 'cow_contiguity')) {
    const rows = await store.query<{ ccode1: number; ccode2: number; year: number }>(
      `SELECT ccode1, ccode2, year FROM cow_contiguity WHERE type = 1 AND year >= $1`,
      [fromYear],
    );
    for (const r of rows) nested(contiguity, r.ccode1, r.year, () => [] as number[]).push(r.ccode2);
  }

  const arms = new Map<number, Map<number, Map<number, number>>>();
  const armsProv = await provenanceOf(store, 'sipri_arms');
  if (await tableExists(store, 'sipri_transfers')) {
    const rows = await store.query<{ r: number; s: number; years: number[]; tiv: number }>(
      `SELECT recipient_ccode AS r, supplier_ccode AS s, delivery_years AS years, tiv_delivered AS tiv
       FROM sipri_transfers
       WHERE recipient_ccode IS NOT NULL AND supplier_ccode IS NOT NULL AND tiv_delivered > 0
         AND len(delivery_years) > 0`,
    );
    for (const row of rows) {
      const share = row.tiv / row.years.length;
      for (const y of row.years) {
        if (y < fromYear) continue;
        const bySupplier = nested(arms, row.r, y, () => new Map<number, number>());
        bySupplier.set(row.s, (bySupplier.get(row.s) ?? 0) + share);
      }
    }
  }

  const igo = new Map<number, Map<number, { full: number; associate: number; observer: number }>>();
  const igoProv = await provenanceOf(store, 'cow_igo', ['stateyears']);
  if (await tableExists(store, 'igo_memberships')) {
    const rows = await store.query<{
      ccode: number;
      year: number;
      full: number;
      associate: number;
      observer: number;
    }>(
      `SELECT y.ccode, y.year, count(*) FILTER (WHERE m.status = 'full') AS full,
              count(*) FILTER (WHERE m.status = 'associate') AS associate,
              count(*) FILTER (WHERE m.status = 'observer') AS observer
       FROM igo_state_years y LEFT JOIN igo_memberships m ON m.ccode = y.ccode AND m.year = y.year
       WHERE y.year >= $1 GROUP BY 1, 2`,
      [fromYear],
    );
    for (const r of rows)
      nested(igo, r.ccode, r.year, () => ({ full: r.full, associate: r.associate, observer: r.observer }));
  }

  // The memberships of COW IGO's last year, which voice carries forward (with knowledge-base changes).
  const igoLast = new Map<number, Set<string>>();
  if (igoProv.covers && (await tableExists(store, 'igo_memberships'))) {
    const rows = await store.query<{ ccode: number; igo: string }>(
      `SELECT ccode, igo FROM igo_memberships WHERE year = $1 AND status = 'full'`,
      [igoProv.covers[1]],
    );
    for (const r of rows) (igoLast.get(r.ccode) ?? igoLast.set(r.ccode, new Set()).get(r.ccode)!).add(r.igo);
  }

  return {
    kb,
    registry,
    config,
    igoLast,
    capabilityProxy: await loadCapabilityProxy(store, fromYear),
    conflicts: await loadConflicts(store, fromYear),
    atop: { data: atop, covers: atopProv.covers, provenance: atopProv.provenance },
    ideal: await withOwnIdealPoints(store, registry, { data: ideal, ...idealProv }, fromYear),
    nmc: { data: nmc, covers: nmcProv.covers, provenance: nmcProv.provenance },
    contiguity: { data: contiguity, covers: contProv.covers, provenance: contProv.provenance },
    arms: { data: arms, covers: armsProv.covers, provenance: armsProv.provenance },
    igo: { data: igo, covers: igoProv.covers, provenance: igoProv.provenance },
  };
}

/** Whether a dataset covers a year: outside its years a measure is missing, never zero. */
export function covers(input: DatasetInput<unknown>, year: number): boolean {
  return input.covers !== null && year >= input.covers[0] && year <= input.covers[1];
}

/**
 * The energy role (issue 15): a state's energy customers in a year, the share of each pole's imports
 * it supplies, and the concentration of its customers (Herfindahl), from the knowledge base's
 * `energy-export` facts (yearly volumes, sourced); `eiExports` reads the Energy Institute's bilateral
 * matrix (ei_bilateral_trade, when imported) for an independent check of the same volumes.
 */
import type { Store } from '../../store/store.ts';
import { poleOf } from '../facts.ts';
import type { FrameworkInputs } from '../inputs.ts';
import type { Provenance } from '../types.ts';

export interface EnergyCustomer {
  importer: string;
  volume: number;
  share: number;
  pole: string | null;
  facts: string[];
}

export interface EnergyRole {
  exporter: string;
  year: number;
  commodity: 'gas' | 'oil';
  unit: string;
  total: number;
  customers: EnergyCustomer[];
  /** Σ share² over customers (1 = one customer). */
  hhi: number;
  /** Volume going to each pole (an organisation such as the EU counts for its orientation's pole). */
  byPole: Record<string, number>;
  provenance: Provenance[];
}

/** Energy exports of `exporter` in `year` from the knowledge base; null without facts for that year. */
export function energyRole(
  inp: FrameworkInputs,
  exporter: string,
  year: number,
  commodity: 'gas' | 'oil' = 'gas',
): EnergyRole | null {
  const facts = inp.kb
    .factsOfKind('energy-export')
    .filter((f) => f.exporter === exporter && f.year === year && f.commodity === commodity);
  if (!facts.length) return null;
  const units = new Set(facts.map((f) => f.unit));
  if (units.size > 1) throw new RangeError(`energy facts for ${exporter} ${year} mix units ${[...units]}`);
  // One figure per importer: where two facts give one, the later-reviewed one is not known, so the
  // larger is kept and both ids are cited.
  const by = new Map<string, { volume: number; facts: string[] }>();
  for (const f of facts) {
    const cur = by.get(f.importer);
    if (!cur) by.set(f.importer, { volume: f.volume, facts: [f.id] });
    else {
      cur.volume = Math.max(cur.volume, f.volume);
      cur.facts.push(f.id);
    }
  }
  const total = [...by.values()].reduce((s, x) => s + x.volume, 0);
  const customers = [...by]
    .map(([importer, x]) => ({
      importer,
      volume: x.volume,
      share: total > 0 ? x.volume / total : 0,
      pole: poleOf(inp, importer) ?? null,
      facts: x.facts,
    }))
    .sort((a, b) => b.volume - a.volume);
  const byPole: Record<string, number> = {};
  for (const c of customers) if (c.pole) byPole[c.pole] = (byPole[c.pole] ?? 0) + c.volume;
  return {
    exporter,
    year,
    commodity,
    unit: [...units][0]!,
    total,
    customers,
    hhi: customers.reduce((s, c) => s + c.share ** 2, 0),
    byPole,
    provenance: [{ facts: facts.map((f) => f.id), note: `knowledge-base energy-export facts, ${year}` }],
  };
}

export interface EiFlow {
  importer: string;
  commodity: string;
  volume: number;
  unit: string;
  aggregate: boolean;
}

/** The EI bilateral matrix rows for an exporter (COW code) and year; null when the table is absent. */
export async function eiExports(store: Store, ccode: number, year: number): Promise<EiFlow[] | null> {
  const t = await store.query<{ n: number }>(
    `SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'ei_bilateral_trade'`,
  );
  if ((t[0]?.n ?? 0) === 0) return null;
  const rows = await store.query<{
    importer: string;
    commodity: string;
    volume: number;
    unit: string;
    agg: boolean;
  }>(
    `SELECT importer, commodity, volume, unit, importer_aggregate AS agg FROM ei_bilateral_trade
     WHERE exporter_ccode = $1 AND year = $2 AND load_id = (SELECT max(load_id) FROM ei_bilateral_trade)`,
    [ccode, year],
  );
  return rows.map((r) => ({
    importer: r.importer,
    commodity: r.commodity,
    volume: Number(r.volume),
    unit: r.unit,
    aggregate: Boolean(r.agg),
  }));
}

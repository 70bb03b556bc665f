/**
 * The per-node brokerage table behind `interconnector brokerage --edges E.csv --groups G.csv`.
 * Column order is a public CLI contract (BROKERAGE_COLUMNS); never reorder or rename.
 *
 * - Nodes are the rows of the groups table, in its order; every edge endpoint must be there.
 * - `directed: false` stores every edge in both directions (sna's convention for a symmetric
 *   matrix, so each open two-path a–j–b counts twice, once per direction).
 * - Self-loops are dropped and duplicate rows merged (weights summed), see csr.ts.
 * - z columns: unweighted → sna's density null (identical to `sna::brokerage(...)$z.nli`);
 *   weighted → sna's null has no weighted form, so the degree-preserving null (edge swaps carrying
 *   weights, `samples`, `seed`) is the default. `null` overrides the choice.
 * - betweenness: raw Brandes betweenness (networkx normalized=False; undirected pairs once).
 *   Weighted input holds tie strengths, so path length is 1/weight (Newman 2001; Opsahl et al.
 *   2010 with α = 1): strong ties are short.
 */
import { csrFromIndexEdges } from './csr.ts';
import type { Csr } from './csr.ts';
import { betweennessParallel } from './parallel.ts';
import { brokerageCounts, degreePreservingNull, permutationNull, snaNull } from './brokerage.ts';
import type { Combine, RoleArrays } from './brokerage.ts';

export const BROKERAGE_COLUMNS = [
  'node',
  'coordinator',
  'itinerant',
  'representative',
  'gatekeeper',
  'liaison',
  'total',
  'z_coordinator',
  'z_itinerant',
  'z_representative',
  'z_gatekeeper',
  'z_liaison',
  'z_total',
  'betweenness',
] as const;

export interface BrokerageRow {
  node: string;
  coordinator: number;
  itinerant: number;
  representative: number;
  gatekeeper: number;
  liaison: number;
  total: number;
  z_coordinator: number;
  z_itinerant: number;
  z_representative: number;
  z_gatekeeper: number;
  z_liaison: number;
  z_total: number;
  betweenness: number;
}

export type NullModel = 'sna' | 'degree' | 'permutation';

export interface BrokerageTableOptions {
  directed: boolean;
  weighted: boolean;
  /** Default: 'sna' unweighted, 'degree' weighted. */
  null?: NullModel;
  /** Simulation nulls: number of samples (default 1000) and seed (default 1). */
  samples?: number;
  seed?: number;
  combine?: Combine;
}

/**
 * Builds the CSR and group index array from parsed rows (the shared front half of
 * brokerageTable, exported for tests and benches). Node order is the groups rows' order.
 */
export function graphFromRows(
  edges: readonly (readonly string[])[],
  groups: readonly (readonly string[])[],
  opts: { directed: boolean; weighted: boolean },
): { graph: Csr; groups: Int32Array; ids: string[]; labels: string[] } {
  if (groups.length === 0) throw new Error('groups: no rows');
  const index = new Map<string, number>();
  const ids: string[] = [];
  const labelIndex = new Map<string, number>();
  const grp = new Int32Array(groups.length);
  groups.forEach((row, r) => {
    const node = row[0];
    const label = row[1];
    if (node === undefined || node === '' || label === undefined || label === '')
      throw new Error(`groups row ${r + 1}: expected node,group`);
    if (index.has(node)) throw new Error(`groups row ${r + 1}: node '${node}' listed twice`);
    index.set(node, ids.length);
    if (!labelIndex.has(label)) labelIndex.set(label, labelIndex.size);
    grp[ids.length] = labelIndex.get(label) as number;
    ids.push(node);
  });
  const m = edges.length;
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  const weight = opts.weighted ? new Float64Array(m) : undefined;
  edges.forEach((row, r) => {
    const s = row[0];
    const t = row[1];
    if (s === undefined || t === undefined || s === '' || t === '')
      throw new Error(`edges row ${r + 1}: expected source,target${opts.weighted ? ',weight' : ''}`);
    const si = index.get(s);
    const ti = index.get(t);
    if (si === undefined) throw new Error(`edges row ${r + 1}: node '${s}' is not in groups`);
    if (ti === undefined) throw new Error(`edges row ${r + 1}: node '${t}' is not in groups`);
    src[r] = si;
    dst[r] = ti;
    if (weight) {
      const raw = row[2];
      if (raw === undefined || raw.trim() === '') throw new Error(`edges row ${r + 1}: missing weight`);
      const w = Number(raw);
      if (!Number.isFinite(w) || w <= 0)
        throw new Error(`edges row ${r + 1}: weight '${raw}' is not a positive number`);
      weight[r] = w;
    }
  });
  const g = csrFromIndexEdges(
    { n: ids.length, src, dst, ...(weight ? { weight } : {}) },
    { undirected: !opts.directed },
  );
  g.ids = ids;
  return { graph: g, groups: grp, ids, labels: [...labelIndex.keys()] };
}

/**
 * `edges` rows are [source, target] or [source, target, weight]; `groups` rows are [node, group].
 * Rows are data only (no header). Errors name the 1-based row.
 */
export async function brokerageTable(
  edges: readonly (readonly string[])[],
  groups: readonly (readonly string[])[],
  opts: BrokerageTableOptions,
): Promise<BrokerageRow[]> {
  const { graph: g, groups: grp, ids } = graphFromRows(edges, groups, opts);
  const raw = brokerageCounts(g, grp, { weighted: opts.weighted, combine: opts.combine ?? 'min' });
  const model: NullModel = opts.null ?? (opts.weighted ? 'degree' : 'sna');
  let z: RoleArrays;
  if (model === 'sna') {
    if (opts.weighted) throw new Error("the 'sna' null has no weighted form; use 'degree' or 'permutation'");
    z = snaNull(g, grp, raw).z;
  } else {
    const sim = {
      samples: opts.samples ?? 1000,
      seed: opts.seed ?? 1,
      weighted: opts.weighted,
      combine: opts.combine ?? 'min',
      undirected: !opts.directed,
    };
    z = (model === 'degree' ? degreePreservingNull(g, grp, raw, sim) : permutationNull(g, grp, raw, sim)).z;
  }
  let bc: Float64Array;
  if (opts.weighted) {
    const w = g.weights as Float64Array;
    const lengths = new Float64Array(w.length);
    for (let e = 0; e < w.length; e++) lengths[e] = 1 / (w[e] as number);
    bc = await betweennessParallel(
      { ...g, weights: lengths },
      { weighted: true, undirected: !opts.directed },
    );
  } else {
    bc = await betweennessParallel(g, { undirected: !opts.directed });
  }
  return ids.map((node, v) => ({
    node,
    coordinator: raw.coordinator[v] as number,
    itinerant: raw.itinerant[v] as number,
    representative: raw.representative[v] as number,
    gatekeeper: raw.gatekeeper[v] as number,
    liaison: raw.liaison[v] as number,
    total: raw.total[v] as number,
    z_coordinator: z.coordinator[v] as number,
    z_itinerant: z.itinerant[v] as number,
    z_representative: z.representative[v] as number,
    z_gatekeeper: z.gatekeeper[v] as number,
    z_liaison: z.liaison[v] as number,
    z_total: z.total[v] as number,
    betweenness: bc[v] as number,
  }));
}

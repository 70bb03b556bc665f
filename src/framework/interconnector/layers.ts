/**
 * The tie layers of the state network, one pure builder per layer (docs/interconnector.md §2).
 * Nodes are ISO3 codes; COW-coded rows whose state has no ISO3 code are dropped (and counted).
 * Every layer says which year of data it read, whether it covers the year asked for, and where its
 * rows came from.
 */
import type { CorridorNetwork } from '../corridors/network.ts';
import { eventsIn, inForce, poleOf } from '../facts.ts';
import type { DatasetInput, FrameworkInputs } from '../inputs.ts';
import type { Provenance } from '../types.ts';
import type { Layer, LayerEdge, LayerId } from './types.ts';
import type { ConflictData } from './validity.ts';
import type { VoteRecord } from './vote-blocs.ts';

/** Data the framework inputs do not hold: pair-level IGO co-membership and the corridor legs. */
export interface InterconnectorData {
  /** COW IGO: year → `${ccodeLow}|${ccodeHigh}` → number of IGOs both belong to as full members. */
  igoShared: DatasetInput<Map<number, Map<string, number>>>;
  /** Corridor model legs reduced to country chains (from, via…, to), for the transport layer. */
  transport: { legs: TransportLeg[]; from: number; provenance: Provenance } | null;
  /** UCDP armed-conflict parties (face-validity rules); null or absent: knowledge-base wars stand in. */
  conflicts?: ConflictData | null;
  /** General Assembly roll calls and votes, for the vote-based bloc definitions. */
  votes?: VoteRecord | null;
}

export interface TransportLeg {
  id: string;
  countries: string[];
  mode: string;
}

export interface LayerOptions {
  /** Years of arms deliveries pooled, ending at the year (default: config.armsWindow, 5). */
  armsWindow?: number;
  /** Years of hosting events counted, ending at the year (default: config.eventWindow + 1 = 3 years). */
  eventWindow?: number;
  /** Vote layer: each state keeps ties to its k nearest states by ideal point (default 5). */
  voteK?: number;
  /** IGO layer: each state keeps ties to the k states it shares most full memberships with (default 10). */
  igoK?: number;
  /**
   * Alliances: carry ATOP's last year forward to later years (default true; such ties are marked
   * `carriedFrom`). false keeps only the knowledge base's pacts in force after ATOP's last year.
   */
  carryAlliances?: boolean;
}

const pairKey = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a]);

function iso(inp: FrameworkInputs, ccode: number): string | null {
  return inp.registry.byCcode(ccode)?.iso3 ?? null;
}

/** Accumulates undirected edges keyed by the ordered pair. */
class PairMap {
  private readonly m = new Map<string, LayerEdge>();
  add(a: string, b: string, w: number, evidence?: string, combine: 'sum' | 'max' = 'sum'): void {
    if (a === b) return;
    const [s, t] = pairKey(a, b);
    const k = `${s}|${t}`;
    const e = this.m.get(k);
    if (!e) this.m.set(k, { source: s, target: t, weight: w, ...(evidence ? { evidence: [evidence] } : {}) });
    else {
      e.weight = combine === 'sum' ? e.weight + w : Math.max(e.weight, w);
      if (evidence && !(e.evidence ??= []).includes(evidence)) e.evidence.push(evidence);
    }
  }
  edges(): LayerEdge[] {
    return [...this.m.values()].sort((x, y) =>
      x.source === y.source ? (x.target < y.target ? -1 : 1) : x.source < y.source ? -1 : 1,
    );
  }
}

/** Keeps, for every node, its k strongest ties (an edge survives if either end keeps it). */
export function topK(edges: LayerEdge[], k: number): LayerEdge[] {
  const by = new Map<string, LayerEdge[]>();
  for (const e of edges) {
    for (const v of [e.source, e.target]) {
      let list = by.get(v);
      if (!list) by.set(v, (list = []));
      list.push(e);
    }
  }
  const keep = new Set<LayerEdge>();
  for (const [v, list] of by) {
    // Ties broken by the other end's code, so the result does not depend on row order.
    list.sort((a, b) => b.weight - a.weight || (other(a, v) < other(b, v) ? -1 : 1));
    for (const e of list.slice(0, k)) keep.add(e);
  }
  return edges.filter((e) => keep.has(e));
}
const other = (e: LayerEdge, v: string): string => (e.source === v ? e.target : e.source);

/**
 * Alliances: ATOP obligations between members, weighted as the commitments component weighs them
 * (backed defence or offence pledge 1, collective defence 0.5, consultation 0.35, neutrality and
 * non-aggression 0.1), the stronger direction of the pair; ATOP ends in 2018 and later years read
 * 2018 (carried forward, as the framework does). Knowledge-base security facts between two states
 * in force in the year (pacts signed after ATOP, bases with the host's consent) are added with the
 * same weights.
 */
export function allianceLayer(inp: FrameworkInputs, year: number, opts: LayerOptions = {}): Layer {
  const w = inp.config.obligationWeights;
  const cov = inp.atop.covers;
  const base: Omit<Layer, 'edges' | 'available' | 'dataYear'> = {
    id: 'alliances',
    directed: false,
    unit: 'obligation weight (0–1)',
    normalisation: 'max',
    provenance: [inp.atop.provenance],
    note: '',
  };
  if (!cov || year < cov[0])
    return { ...base, edges: [], available: false, dataYear: null, note: `ATOP does not cover ${year}` };
  const dataYear = Math.min(year, cov[1]);
  const carry = opts.carryAlliances ?? true;
  const pairs = new PairMap();
  const suffix = `:${dataYear}`;
  for (const [key, o] of dataYear < year && !carry ? [] : inp.atop.data) {
    if (!key.endsWith(suffix)) continue;
    const [g, p] = key.slice(0, -suffix.length).split('>').map(Number) as [number, number];
    const a = iso(inp, g),
      b = iso(inp, p);
    if (!a || !b) continue;
    const pledge = o.defense || o.offense;
    const weight = pledge
      ? o.backed
        ? w.defence
        : w['collective-defence']
      : o.consultation
        ? w.consultation
        : o.neutrality || o.nonaggression
          ? Math.max(w.neutrality, w['non-aggression'])
          : 0;
    if (weight <= 0) continue;
    const kind = pledge
      ? o.backed
        ? 'backed defence'
        : 'collective defence'
      : o.consultation
        ? 'consultation'
        : 'neutrality/non-aggression';
    pairs.add(a, b, weight, `ATOP ${o.alliances.join('/')} ${kind}`, 'max');
  }
  const obligationWeight = {
    defence: w.defence,
    consultation: w.consultation,
    'non-aggression': w['non-aggression'],
    basing: w.basing,
    peacekeeping: w.peacekeeping,
  } as const;
  const facts = inForce(
    inp.kb,
    'security',
    year,
    (f) => f.host_consent && isState(inp, f.provider) && isState(inp, f.recipient),
  );
  for (const f of facts) {
    const weight = obligationWeight[f.obligation];
    if (weight > 0) pairs.add(f.provider, f.recipient, weight, f.id, 'max');
  }
  const provenance: Provenance[] = [
    inp.atop.provenance,
    ...(facts.length ? [{ facts: facts.map((f) => f.id) }] : []),
  ];
  const edges = pairs.edges();
  // A tie resting on ATOP alone in a year past ATOP's end is carried forward, and says so.
  if (dataYear < year)
    for (const e of edges) if (e.evidence?.every((x) => x.startsWith('ATOP '))) e.carriedFrom = dataYear;
  return {
    ...base,
    provenance,
    edges,
    available: true,
    dataYear: dataYear < year && !carry ? year : dataYear,
    note:
      dataYear < year
        ? carry
          ? `ATOP obligations of ${dataYear} carried forward to ${year} (marked), ` +
            `plus knowledge-base pacts in force in ${year}`
          : `knowledge-base pacts in force in ${year} only ` +
            `(ATOP ends in ${dataYear}; not carried forward)`
        : `ATOP obligations in force in ${year}, plus knowledge-base pacts`,
  };
}

const isState = (inp: FrameworkInputs, actor: string): boolean => inp.registry.byIso3(actor) !== undefined;

/**
 * Shared IGO memberships (COW IGO, to 2014; missing after): pairs weighted by the number of IGOs
 * both belong to as full members. Nearly every pair shares some (the UN family), so each state keeps
 * only its `igoK` strongest ties.
 */
export function igoLayer(
  inp: FrameworkInputs,
  data: InterconnectorData | undefined,
  year: number,
  opts: LayerOptions = {},
): Layer {
  const k = opts.igoK ?? 10;
  const base = {
    id: 'igo' as const,
    directed: false,
    unit: 'shared full IGO memberships',
    normalisation: 'max' as const,
    provenance: data ? [data.igoShared.provenance] : [],
  };
  const byPair = data?.igoShared.data.get(year);
  if (!data || !byPair)
    return {
      ...base,
      edges: [],
      available: false,
      dataYear: null,
      note: data
        ? `COW IGO does not cover ${year} (it ends in ` +
          `${data.igoShared.covers?.[1] ?? '?'}); not carried forward`
        : 'IGO co-membership not loaded',
    };
  const all: LayerEdge[] = [];
  for (const [key, n] of byPair) {
    const [x, y] = key.split('|').map(Number) as [number, number];
    const a = iso(inp, x),
      b = iso(inp, y);
    if (!a || !b || a === b) continue;
    const [s, t] = pairKey(a, b);
    all.push({ source: s, target: t, weight: n });
  }
  return {
    ...base,
    edges: topK(all, k),
    available: true,
    dataYear: year,
    note: `each state's ${k} strongest co-membership ties (of ${all.length} pairs sharing any IGO)`,
  };
}

/**
 * Arms transfers (SIPRI): supplier → recipient, TIV delivered over the `armsWindow` years ending at
 * the year (orders spread evenly over their delivery years, as the inputs hold them). Directed.
 */
export function armsLayer(inp: FrameworkInputs, year: number, opts: LayerOptions = {}): Layer {
  const window = opts.armsWindow ?? inp.config.armsWindow;
  const cov = inp.arms.covers;
  const base = {
    id: 'arms' as const,
    directed: true,
    unit: `TIV (SIPRI trend-indicator value, millions), ${window}-year sum`,
    normalisation: 'log-max' as const,
    provenance: [inp.arms.provenance],
  };
  if (!cov || year < cov[0] || year > cov[1])
    return { ...base, edges: [], available: false, dataYear: null, note: `SIPRI does not cover ${year}` };
  const flows = new Map<string, LayerEdge>();
  for (const [recipient, byYear] of inp.arms.data) {
    const r = iso(inp, recipient);
    if (!r) continue;
    for (let y = year - window + 1; y <= year; y++) {
      const bySupplier = byYear.get(y);
      if (!bySupplier) continue;
      for (const [supplier, tiv] of bySupplier) {
        const s = iso(inp, supplier);
        if (!s || s === r || !(tiv > 0)) continue;
        const key = `${s}>${r}`;
        const e = flows.get(key);
        if (e) e.weight += tiv;
        else flows.set(key, { source: s, target: r, weight: tiv });
      }
    }
  }
  const edges = [...flows.values()].sort((a, b) =>
    a.source === b.source ? (a.target < b.target ? -1 : 1) : a.source < b.source ? -1 : 1,
  );
  return { ...base, edges, available: true, dataYear: year, note: `deliveries ${year - window + 1}–${year}` };
}

/**
 * Vote similarity from BSV ideal points (to 2023; missing after): proximity 1 − |θ_a − θ_b| / range,
 * range the spread of that year's points; each state keeps its `voteK` nearest states.
 */
export function voteLayer(inp: FrameworkInputs, year: number, opts: LayerOptions = {}): Layer {
  const k = opts.voteK ?? 5;
  const base = {
    id: 'votes' as const,
    directed: false,
    unit: 'ideal-point proximity (0–1)',
    normalisation: 'max' as const,
    provenance: [inp.ideal.provenance],
  };
  const pts: Array<[string, number]> = [];
  for (const [ccode, byYear] of inp.ideal.data) {
    const p = byYear.get(year);
    const a = iso(inp, ccode);
    if (p && a) pts.push([a, p.ip]);
  }
  if (pts.length < 2)
    return { ...base, edges: [], available: false, dataYear: null, note: `no BSV ideal points for ${year}` };
  pts.sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : 1));
  const range = (pts[pts.length - 1] as [string, number])[1] - (pts[0] as [string, number])[1] || 1;
  const all: LayerEdge[] = [];
  // On a line the k nearest lie within k positions on either side.
  for (let i = 0; i < pts.length; i++) {
    for (let j = i + 1; j < Math.min(pts.length, i + k + 1); j++) {
      const [a, x] = pts[i] as [string, number],
        [b, y] = pts[j] as [string, number];
      const [s, t] = pairKey(a, b);
      all.push({ source: s, target: t, weight: Math.max(1e-6, 1 - Math.abs(x - y) / range) });
    }
  }
  return {
    ...base,
    edges: topK(all, k),
    available: true,
    dataYear: year,
    note: `each state's ${k} nearest states by ${year} ideal point`,
  };
}

/**
 * Hosting of talks between others (knowledge base, kind `hosting`, over the event window): the host
 * is tied to each party, weight = rounds (an offer of good offices counts ½). An organisation party
 * stands for its pole's leader (NATO → USA); other organisations are skipped.
 */
export function hostingLayer(inp: FrameworkInputs, year: number, opts: LayerOptions = {}): Layer {
  const window = opts.eventWindow ?? inp.config.eventWindow;
  const facts = eventsIn(inp.kb, 'hosting', year, window, () => true);
  const pairs = new PairMap();
  for (const f of facts) {
    const w = f.subtype === 'good-offices-offer' ? 0.5 : 1;
    for (const party of f.parties) {
      const state = isState(inp, party) ? party : leaderOf(inp, party);
      if (state && state !== f.host) pairs.add(f.host, state, w, f.id);
    }
  }
  return {
    id: 'hosting',
    directed: false,
    unit: 'rounds hosted',
    normalisation: 'max',
    edges: pairs.edges(),
    available: true,
    dataYear: year,
    provenance: facts.length
      ? [{ facts: facts.map((f) => f.id) }]
      : [{ note: 'knowledge base: no hosting facts in the window' }],
    note: `knowledge-base hosting facts dated ${year - window}–${year}`,
  };
}

function leaderOf(inp: FrameworkInputs, actor: string): string | undefined {
  const pole = poleOf(inp, actor);
  return pole ? inp.config.poles.find((p) => p.id === pole)?.leader : undefined;
}

/**
 * Transport links (corridor model, for the years its network stands for): operational legs reduced
 * to consecutive country pairs along (from, via…, to); weight = legs. Legs to or from sea waypoints
 * (on no country's territory) are left out.
 */
export function transportLayer(data: InterconnectorData | undefined, year: number): Layer {
  const base = {
    id: 'transport' as const,
    directed: false,
    unit: 'operational corridor legs',
    normalisation: 'max' as const,
  };
  const t = data?.transport;
  if (!t || year < t.from)
    return {
      ...base,
      edges: [],
      available: false,
      dataYear: null,
      provenance: t ? [t.provenance] : [],
      note: t ? `the corridor model's network stands for ${t.from} on` : 'corridor model not loaded',
    };
  const pairs = new PairMap();
  for (const leg of t.legs) {
    for (let i = 0; i + 1 < leg.countries.length; i++)
      pairs.add(leg.countries[i] as string, leg.countries[i + 1] as string, 1, leg.id);
  }
  return {
    ...base,
    edges: pairs.edges(),
    available: true,
    dataYear: year,
    provenance: [t.provenance],
    note: 'the 2020s corridor network (kb/corridors), operational legs',
  };
}

/** The corridor network reduced to the transport layer's legs. */
export function transportLegs(net: CorridorNetwork): TransportLeg[] {
  const out: TransportLeg[] = [];
  for (const l of net.legs) {
    const a = net.nodes[l.from],
      b = net.nodes[l.to];
    if (!a || !b || a.atSea || b.atSea || !l.open || l.status !== 'operational') continue;
    const countries = [a.country, ...l.via, b.country].filter((c, i, arr) => i === 0 || c !== arr[i - 1]);
    if (countries.length > 1) out.push({ id: l.id, countries, mode: l.mode });
  }
  return out;
}

export function buildLayer(
  id: LayerId,
  inp: FrameworkInputs,
  data: InterconnectorData | undefined,
  year: number,
  opts: LayerOptions = {},
): Layer {
  switch (id) {
    case 'alliances':
      return allianceLayer(inp, year, opts);
    case 'igo':
      return igoLayer(inp, data, year, opts);
    case 'arms':
      return armsLayer(inp, year, opts);
    case 'votes':
      return voteLayer(inp, year, opts);
    case 'hosting':
      return hostingLayer(inp, year, opts);
    case 'transport':
      return transportLayer(data, year);
  }
}

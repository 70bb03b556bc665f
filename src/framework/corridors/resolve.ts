/** Resolves what a user typed (id, place name, alias, region, ISO3 code) to network nodes. */
import type { CorridorNetwork } from './network.ts';

export interface Place {
  kind: 'node' | 'region' | 'country';
  id: string;
  name: string;
  nodes: number[];
  /** A gateway region: its countries count as transit for flows ending or starting there. */
  gateway?: boolean;
}

export class UnknownPlaceError extends Error {
  readonly query: string;
  readonly suggestions: string[];
  constructor(query: string, suggestions: string[], ambiguous = false) {
    super(
      ambiguous
        ? `'${query}' is ambiguous: ${suggestions.join(', ')}`
        : `unknown place '${query}'` +
            `${suggestions.length > 0 ? `; closest matches: ${suggestions.join(', ')}` : ''}`,
    );
    this.name = 'UnknownPlaceError';
    this.query = query;
    this.suggestions = suggestions;
  }
}

export function normalise(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’'`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function levenshtein(a: string, b: string): number {
  const prev = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j] as number;
      prev[j] = Math.min(
        (prev[j] as number) + 1,
        (prev[j - 1] as number) + 1,
        diag + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      diag = tmp;
    }
  }
  return prev[b.length] as number;
}

interface Candidate {
  key: string;
  place: Place;
}

function candidates(net: CorridorNetwork): Candidate[] {
  const out: Candidate[] = [];
  for (const n of net.nodes) {
    const place: Place = { kind: 'node', id: n.id, name: n.name, nodes: [n.index] };
    for (const k of [n.id, n.name, ...n.aliases]) out.push({ key: normalise(k), place });
  }
  for (const r of net.regions) {
    const place: Place = {
      kind: 'region',
      id: r.id,
      name: r.name,
      nodes: [...r.nodes],
      ...(r.gateway ? { gateway: true } : {}),
    };
    for (const k of [r.id, r.name, ...r.aliases]) out.push({ key: normalise(k), place });
  }
  return out;
}

const cache = new WeakMap<CorridorNetwork, Candidate[]>();

export function resolvePlace(net: CorridorNetwork, query: string): Place {
  const q = normalise(query);
  let all = cache.get(net);
  if (all === undefined) {
    all = candidates(net);
    cache.set(net, all);
  }
  // Nodes win over regions with the same spelling: 'Baku' is the station, not a region.
  const exact = all.filter((c) => c.key === q);
  const nodesHit = [
    ...new Map(exact.filter((c) => c.place.kind === 'node').map((c) => [c.place.id, c.place])).values(),
  ];
  if (nodesHit.length === 1) return nodesHit[0] as Place;
  if (nodesHit.length > 1)
    throw new UnknownPlaceError(
      query,
      nodesHit.map((p) => `${p.name} (${p.id})`),
      true,
    );
  const regionHit = exact.find((c) => c.place.kind === 'region');
  if (regionHit) return regionHit.place;
  if (/^[A-Za-z]{3}$/.test(query.trim())) {
    const iso = query.trim().toUpperCase();
    const nodes = net.nodes.filter((n) => !n.atSea && n.country === iso).map((n) => n.index);
    if (nodes.length > 0) return { kind: 'country', id: iso, name: iso, nodes };
  }
  throw new UnknownPlaceError(query, closest(all, q));
}

function closest(all: Candidate[], q: string, k = 5): string[] {
  const scored = new Map<string, number>();
  for (const c of all) {
    const d =
      c.key.startsWith(q) || q.startsWith(c.key)
        ? Math.abs(c.key.length - q.length) * 0.1
        : levenshtein(q, c.key);
    const label = `${c.place.name} (${c.place.id})`;
    const prev = scored.get(label);
    if (prev === undefined || d < prev) scored.set(label, d);
  }
  return [...scored.entries()]
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .slice(0, k)
    .map(([label]) => label);
}

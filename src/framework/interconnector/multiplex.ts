/**
 * The multiplex view: one undirected weighted graph whose tie between a and b is
 *   w(a, b) = Σ_L  λ_L · ŵ_L(a, b),
 * λ_L the (adjustable) layer weight and ŵ_L the layer's tie brought to (0, 1]:
 *   'max'      ŵ = w / max_L w
 *   'log-max'  ŵ = ln(1 + w) / ln(1 + max_L w)   (arms: TIV spans five orders of magnitude)
 * A directed layer (arms) is symmetrised first: the pair's weight is the sum of both directions, so
 * supplying and receiving both tie a state to its partner. Layers missing for the year add nothing.
 */
import type { Layer, LayerEdge, LayerId } from './types.ts';

export const DEFAULT_LAYER_WEIGHTS: Record<LayerId, number> = {
  alliances: 1,
  igo: 1,
  arms: 1,
  votes: 0.5,
  hosting: 0.5,
  transport: 0.5,
};

export interface MultiplexEdge {
  source: string;
  target: string;
  weight: number;
  /** λ_L · ŵ_L per layer present on the pair. */
  layers: Partial<Record<LayerId, number>>;
  /** Layers whose tie on this pair is carried forward from an earlier year's data (year read). */
  carried?: Partial<Record<LayerId, number>>;
}

export function normaliseLayer(layer: Layer): LayerEdge[] {
  const sym = new Map<string, LayerEdge>();
  for (const e of layer.edges) {
    const [s, t] = e.source < e.target ? [e.source, e.target] : [e.target, e.source];
    const k = `${s}|${t}`;
    const x = sym.get(k);
    if (x) x.weight += e.weight;
    else
      sym.set(k, {
        source: s,
        target: t,
        weight: e.weight,
        ...(e.carriedFrom ? { carriedFrom: e.carriedFrom } : {}),
      });
  }
  const edges = [...sym.values()].filter((e) => e.weight > 0);
  const max = Math.max(0, ...edges.map((e) => e.weight));
  if (max <= 0) return [];
  const f =
    layer.normalisation === 'log-max'
      ? (w: number) => Math.log1p(w) / Math.log1p(max)
      : (w: number) => w / max;
  return edges.map((e) => ({ ...e, weight: f(e.weight) }));
}

/** Combines layers; `nodes` (if given) restricts ties to those between listed states. */
export function multiplex(
  layers: Layer[],
  weights: Partial<Record<LayerId, number>> = {},
  nodes?: ReadonlySet<string>,
): MultiplexEdge[] {
  const out = new Map<string, MultiplexEdge>();
  for (const layer of layers) {
    if (!layer.available) continue;
    const lambda = weights[layer.id] ?? DEFAULT_LAYER_WEIGHTS[layer.id];
    if (!(lambda > 0)) continue;
    for (const e of normaliseLayer(layer)) {
      if (nodes && (!nodes.has(e.source) || !nodes.has(e.target))) continue;
      const k = `${e.source}|${e.target}`;
      let m = out.get(k);
      if (!m) out.set(k, (m = { source: e.source, target: e.target, weight: 0, layers: {} }));
      const c = lambda * e.weight;
      m.weight += c;
      m.layers[layer.id] = (m.layers[layer.id] ?? 0) + c;
      if (e.carriedFrom) (m.carried ??= {})[layer.id] = e.carriedFrom;
    }
  }
  return [...out.values()].sort((a, b) =>
    a.source === b.source ? (a.target < b.target ? -1 : 1) : a.source < b.source ? -1 : 1,
  );
}

/**
 * Yen's k loopless shortest paths on a CSR graph, using the masked Dijkstra kernel
 * for every spur search so no graph copy is made per iteration.
 */
import { dijkstra, extractPath } from './dijkstra.ts';
import type { GraphPath, WeightedGraph } from './dijkstra.ts';

export interface YenOptions {
  /** Edges masked for every search (e.g. closed legs); left untouched. */
  edgeMask?: Uint8Array;
  nodeMask?: Uint8Array;
}

function edgeKey(edges: number[]): string {
  return edges.join(',');
}

export function yenKShortestPaths(
  g: WeightedGraph,
  s: number,
  t: number,
  k: number,
  opts: YenOptions = {},
): GraphPath[] {
  const edgeMask = new Uint8Array(g.targets.length);
  if (opts.edgeMask) edgeMask.set(opts.edgeMask);
  const nodeMask = new Uint8Array(g.n);
  if (opts.nodeMask) nodeMask.set(opts.nodeMask);
  const baseEdgeMask = edgeMask.slice();
  const baseNodeMask = nodeMask.slice();

  const first = extractPath(dijkstra(g, [s], { target: t, edgeMask, nodeMask }), t);
  if (first === null || k <= 0) return [];
  const found: GraphPath[] = [first];
  const seen = new Set<string>([edgeKey(first.edges)]);
  const candidates: GraphPath[] = [];

  while (found.length < k) {
    const last = found[found.length - 1] as GraphPath;
    for (let i = 0; i < last.nodes.length - 1; i++) {
      const spur = last.nodes[i] as number;
      const rootEdges = last.edges.slice(0, i);
      let rootCost = 0;
      for (const e of rootEdges) rootCost += g.weights[e] as number;
      edgeMask.set(baseEdgeMask);
      nodeMask.set(baseNodeMask);
      // Edges leaving the spur node along any known path with the same root must not be reused.
      for (const p of found) {
        if (p.edges.length > i && sameRoot(p.edges, rootEdges)) edgeMask[p.edges[i] as number] = 1;
      }
      for (const p of candidates) {
        if (p.edges.length > i && sameRoot(p.edges, rootEdges)) edgeMask[p.edges[i] as number] = 1;
      }
      for (let j = 0; j < i; j++) nodeMask[last.nodes[j] as number] = 1;
      const spurPath = extractPath(dijkstra(g, [spur], { target: t, edgeMask, nodeMask }), t);
      if (spurPath === null) continue;
      const edges = rootEdges.concat(spurPath.edges);
      const key = edgeKey(edges);
      if (seen.has(key)) continue;
      seen.add(key);
      candidates.push({
        cost: rootCost + spurPath.cost,
        nodes: last.nodes.slice(0, i).concat(spurPath.nodes),
        edges,
      });
    }
    if (candidates.length === 0) break;
    let best = 0;
    for (let c = 1; c < candidates.length; c++) {
      if ((candidates[c] as GraphPath).cost < (candidates[best] as GraphPath).cost) best = c;
    }
    found.push(candidates.splice(best, 1)[0] as GraphPath);
  }
  return found;
}

function sameRoot(edges: number[], root: number[]): boolean {
  for (let j = 0; j < root.length; j++) if (edges[j] !== root[j]) return false;
  return true;
}

/**
 * Bridging between two opposing blocs on an undirected weighted graph (docs/interconnector.md §3):
 *
 * - cross-bloc betweenness: with W and E the opposing blocs and X every other node,
 *     P_WE(v) = Σ_{s∈W, t∈E, s≠v≠t} σ_st(v)/σ_st  (unordered pairs; path length 1/w)
 *   obtained from the kernel's bridging betweenness on three partitions,
 *     P_WE = raw{W | E∪X} + raw{W∪X | E} − raw{W | E | X},
 *   because each partition counts the cross-group pairs (W,E), (W,X), (E,X) in a known combination;
 *   share_WE(v) = P_WE(v) / R_WE(v), R_WE(v) the reachable W–E pairs not involving v.
 * - opposing two-paths: open two-paths i – v – k with i ∈ W, k ∈ E and no i – k tie, counted once
 *   per unordered pair {i, k}; the weighted form sums min(w_iv, w_vk) (the kernel's `min` combine).
 *   For v outside W and E this is half of the kernel's liaison count on the partition {W, E, X}
 *   (the kernel counts both directions of an undirected path), which the tests check.
 */
import { bridgingBetweenness } from '../../graph/betweenness.ts';
import type { Csr } from '../../graph/csr.ts';
import { findEdge } from '../../graph/csr.ts';

export interface BridgeStats {
  /** P_WE(v). */
  raw: Float64Array;
  /** R_WE(v). */
  pairs: Float64Array;
  /** P_WE / R_WE, 0 where R_WE = 0. */
  share: Float64Array;
  /** Open W–v–E two-paths (unordered endpoint pairs). */
  opposing: Float64Array;
  /** Σ min(w_iv, w_vk) over those two-paths. */
  opposingWeighted: Float64Array;
}

/**
 * `side[v]` is 0 for W, 1 for E, anything else for X. `g` stores each undirected tie both ways, weights =
 * strengths.
 */
export function bridgeStats(g: Csr, side: Int32Array): BridgeStats {
  const n = g.n;
  const strengths = g.weights;
  const lengths = strengths ? Float64Array.from(strengths, (w) => 1 / w) : null;
  const gl: Csr = { ...g, weights: lengths };
  const opts = { undirected: true, weighted: lengths !== null };
  const part = (f: (s: number) => number): Int32Array => Int32Array.from(side, (s) => f(s));
  const a = bridgingBetweenness(
    gl,
    part((s) => (s === 0 ? 0 : s === 1 ? 1 : 2)),
    opts,
  );
  const b = bridgingBetweenness(
    gl,
    part((s) => (s === 0 ? 0 : 1)),
    opts,
  );
  const c = bridgingBetweenness(
    gl,
    part((s) => (s === 1 ? 1 : 0)),
    opts,
  );
  const raw = new Float64Array(n),
    pairs = new Float64Array(n),
    share = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    const p = (b.raw[v] as number) + (c.raw[v] as number) - (a.raw[v] as number);
    const r = (b.pairs[v] as number) + (c.pairs[v] as number) - (a.pairs[v] as number);
    raw[v] = p > 1e-9 ? p : 0;
    pairs[v] = r > 1e-9 ? Math.round(r) : 0;
    share[v] = pairs[v]! > 0 ? raw[v]! / pairs[v]! : 0;
  }
  const opposing = new Float64Array(n),
    opposingWeighted = new Float64Array(n);
  const { offsets, targets } = g;
  for (let v = 0; v < n; v++) {
    const west: number[] = [],
      east: number[] = [],
      wW: number[] = [],
      wE: number[] = [];
    for (let e = offsets[v]!; e < offsets[v + 1]!; e++) {
      const u = targets[e]!;
      const w = strengths ? strengths[e]! : 1;
      if (side[u] === 0) {
        west.push(u);
        wW.push(w);
      } else if (side[u] === 1) {
        east.push(u);
        wE.push(w);
      }
    }
    let count = 0,
      weighted = 0;
    for (let i = 0; i < west.length; i++) {
      for (let k = 0; k < east.length; k++) {
        if (findEdge(g, west[i]!, east[k]!) >= 0) continue;
        count++;
        weighted += Math.min(wW[i]!, wE[k]!);
      }
    }
    opposing[v] = count;
    opposingWeighted[v] = weighted;
  }
  return { raw, pairs, share, opposing, opposingWeighted };
}

/**
 * Dinic's maximum flow on typed arrays (paired residual arcs: arc a and a^1),
 * with the minimum s-t cut read off the final residual graph.
 */
export class FlowNetwork {
  readonly n: number;
  private head: Int32Array;
  private next: Int32Array;
  private to: Int32Array;
  private cap: Float64Array;
  private orig: Float64Array;
  private m = 0;
  /** Flows smaller than this are treated as zero (capacities are floating point). */
  readonly eps: number;

  constructor(n: number, arcHint = 16, eps = 1e-9) {
    this.n = n;
    this.eps = eps;
    this.head = new Int32Array(n).fill(-1);
    const size = Math.max(2, arcHint * 2);
    this.next = new Int32Array(size);
    this.to = new Int32Array(size);
    this.cap = new Float64Array(size);
    this.orig = new Float64Array(size);
  }

  private grow(): void {
    const size = this.to.length * 2;
    const g32 = (a: Int32Array): Int32Array => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    const g64 = (a: Float64Array): Float64Array => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    this.next = g32(this.next);
    this.to = g32(this.to);
    this.cap = g64(this.cap);
    this.orig = g64(this.orig);
  }

  /** Adds arc u→v with the given capacity (Infinity allowed); returns the arc id. */
  addEdge(u: number, v: number, capacity: number): number {
    if (!(capacity >= 0)) throw new RangeError(`capacity must be >= 0, got ${capacity}`);
    if (this.m + 2 > this.to.length) this.grow();
    const a = this.m;
    this.to[a] = v;
    this.cap[a] = capacity;
    this.orig[a] = capacity;
    this.next[a] = this.head[u] as number;
    this.head[u] = a;
    this.to[a + 1] = u;
    this.cap[a + 1] = 0;
    this.orig[a + 1] = 0;
    this.next[a + 1] = this.head[v] as number;
    this.head[v] = a + 1;
    this.m += 2;
    return a;
  }

  get arcCount(): number {
    return this.m / 2;
  }

  flowOn(arc: number): number {
    return (this.orig[arc] as number) - (this.cap[arc] as number);
  }

  capacityOf(arc: number): number {
    return this.orig[arc] as number;
  }

  tail(arc: number): number {
    return this.to[arc ^ 1] as number;
  }

  head_(arc: number): number {
    return this.to[arc] as number;
  }

  maxflow(s: number, t: number): number {
    if (s === t) return 0;
    const n = this.n;
    const level = new Int32Array(n);
    const iter = new Int32Array(n);
    const queue = new Int32Array(n);
    const eps = this.eps;
    const { to, cap, next, head } = this;
    let total = 0;
    const bfs = (): boolean => {
      level.fill(-1);
      level[s] = 0;
      let qh = 0;
      let qt = 0;
      queue[qt++] = s;
      while (qh < qt) {
        const u = queue[qh++] as number;
        for (let a = head[u] as number; a !== -1; a = next[a] as number) {
          const v = to[a] as number;
          if ((cap[a] as number) > eps && (level[v] as number) < 0) {
            level[v] = (level[u] as number) + 1;
            queue[qt++] = v;
          }
        }
      }
      return (level[t] as number) >= 0;
    };
    // Iterative DFS with an explicit stack so deep graphs cannot overflow the JS stack.
    const stackNode = new Int32Array(n + 1);
    const stackArc = new Int32Array(n + 1);
    const dfs = (): number => {
      let depth = 0;
      stackNode[0] = s;
      for (;;) {
        const u = stackNode[depth] as number;
        if (u === t) {
          let f = Infinity;
          for (let d = 0; d < depth; d++) f = Math.min(f, cap[stackArc[d] as number] as number);
          if (f === Infinity)
            throw new RangeError('unbounded flow: an s-t path has only infinite capacities');
          for (let d = 0; d < depth; d++) {
            const a = stackArc[d] as number;
            cap[a] = (cap[a] as number) - f;
            cap[a ^ 1] = (cap[a ^ 1] as number) + f;
          }
          return f;
        }
        let advanced = false;
        for (let a = iter[u] as number; a !== -1; a = next[a] as number) {
          const v = to[a] as number;
          if ((cap[a] as number) > eps && (level[v] as number) === (level[u] as number) + 1) {
            iter[u] = a;
            stackArc[depth] = a;
            stackNode[++depth] = v;
            advanced = true;
            break;
          }
        }
        if (!advanced) {
          iter[u] = -1;
          level[u] = -1;
          if (depth === 0) return 0;
          depth--;
          const pu = stackNode[depth] as number;
          iter[pu] = next[iter[pu] as number] as number;
        }
      }
    };
    while (bfs()) {
      iter.set(head);
      for (;;) {
        const f = dfs();
        if (f <= eps) break;
        total += f;
      }
    }
    return total;
  }

  /** Nodes reachable from s in the residual graph (call after maxflow). */
  sourceSide(s: number): Uint8Array {
    const seen = new Uint8Array(this.n);
    const stack = [s];
    seen[s] = 1;
    while (stack.length > 0) {
      const u = stack.pop() as number;
      for (let a = this.head[u] as number; a !== -1; a = this.next[a] as number) {
        const v = this.to[a] as number;
        if ((this.cap[a] as number) > this.eps && seen[v] === 0) {
          seen[v] = 1;
          stack.push(v);
        }
      }
    }
    return seen;
  }

  /** Forward arcs from the source side to the sink side: a minimum cut. */
  minCutArcs(s: number): number[] {
    const side = this.sourceSide(s);
    const out: number[] = [];
    for (let a = 0; a < this.m; a += 2) {
      if (
        side[this.to[a ^ 1] as number] === 1 &&
        side[this.to[a] as number] === 0 &&
        (this.orig[a] as number) > 0
      )
        out.push(a);
    }
    return out;
  }
}

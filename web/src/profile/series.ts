import { COMPONENT_IDS, type ComponentId, type SummaryResponse } from '../api.ts';
import {
  componentPoints,
  indexPoints,
  keyOf,
  missingRuns,
  type ComponentPoint,
  type IndexPoint,
} from '../charts/autonomy-charts.ts';
import type { BandCell } from '../charts/postures.ts';
import { compositeIndex, type ComponentValues, type Weights } from './composite.ts';

export interface DerivedSeries {
  pts: IndexPoint[];
  indexKey: string;
  rankKey: string;
  cells: BandCell[];
  years: [number, number];
  comps: Record<ComponentId, { pts: ComponentPoint[]; key: string; runs: ReturnType<typeof missingRuns> }>;
  values: Array<{ year: number; values: ComponentValues }>;
}

/** Everything the profile draws from one series, computed once per series rather than per render. */
export function deriveSeries(series: SummaryResponse): DerivedSeries {
  const results = series.results;
  const pts = indexPoints(results);
  const comps = Object.fromEntries(
    COMPONENT_IDS.map((c) => {
      const p = componentPoints(results, c);
      return [c, { pts: p, key: keyOf(p), runs: missingRuns(p) }];
    }),
  ) as DerivedSeries['comps'];
  return {
    pts,
    comps,
    indexKey: keyOf([pts.map((p) => [p.year, p.index, p.lo, p.hi]), series.transitions]),
    rankKey: keyOf(pts.map((p) => [p.year, p.rank, p.rlo, p.rhi, p.ranked])),
    cells: results.map((r) => ({ year: r.year, posture: r.posture, confidence: r.confidence })),
    years: [results[0]?.year ?? 0, results.at(-1)?.year ?? 0],
    values: results.map((r) => ({ year: r.year, values: r.components })),
  };
}

/**
 * The index line for weights the server has not answered for yet, from the component scores already
 * loaded. Interval, rank and posture are left empty rather than shown for the wrong weights.
 */
export function reweightedPoints(d: DerivedSeries, w: Weights): { pts: IndexPoint[]; key: string } {
  const pts = d.values.map(({ year, values }, i) => ({
    year,
    index: compositeIndex(values, w),
    lo: null,
    hi: null,
    rank: null,
    rlo: null,
    rhi: null,
    ranked: d.pts[i]?.ranked ?? 0,
    posture: 'recomputing…',
  }));
  return { pts, key: keyOf(['local', pts.map((p) => [p.year, p.index])]) };
}

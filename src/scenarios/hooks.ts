/**
 * Hook for the interconnector (brokerage) rank of a state-year under a scenario's inputs. The
 * brokerage module (src/framework/interconnector/) registers a ranking function here once it exposes
 * one; until then scenario diffs report `interconnector_rank: null`.
 */
import type { FrameworkInputs } from '../framework/inputs.ts';

/** Ranks (1 = strongest broker) by ISO3 for a year, or null when not computable. */
export type InterconnectorRankFn = (inputs: FrameworkInputs, year: number) => Map<string, number> | null;

let rankFn: InterconnectorRankFn | null = null;

export function setInterconnectorRank(fn: InterconnectorRankFn | null): void {
  rankFn = fn;
}

export function interconnectorRank(inputs: FrameworkInputs, year: number): Map<string, number> | null {
  return rankFn ? rankFn(inputs, year) : null;
}

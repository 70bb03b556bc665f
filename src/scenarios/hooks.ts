/**
 * The interconnector (brokerage) rank of each state in a year under a scenario's inputs, from the
 * brokerage module (src/framework/interconnector/). Computed without the null model and without the
 * IGO and transport layers (which need store data the overlay does not carry); a year with no bloc
 * partition (no ideal points) gives null. Replaceable with `setInterconnectorRank`.
 */
import type { FrameworkInputs } from '../framework/inputs.ts';
import { interconnectorScores } from '../framework/interconnector/index.ts';

/** Ranks (1 = strongest interconnector) by ISO3 for a year, or null when not computable. */
export type InterconnectorRankFn = (inputs: FrameworkInputs, year: number) => Map<string, number> | null;

export const defaultInterconnectorRank: InterconnectorRankFn = (inputs, year) => {
  try {
    const scores = interconnectorScores(inputs, year, { nullSamples: 0, perLayer: false });
    return new Map(
      [...scores].flatMap(([iso3, s]) => (s.rank === null ? [] : [[iso3, s.rank] as [string, number]])),
    );
  } catch (err) {
    if (err instanceof RangeError) return null;
    throw err;
  }
};

let rankFn: InterconnectorRankFn | null = defaultInterconnectorRank;

export function setInterconnectorRank(fn: InterconnectorRankFn | null): void {
  rankFn = fn;
}

export function interconnectorRank(inputs: FrameworkInputs, year: number): Map<string, number> | null {
  return rankFn ? rankFn(inputs, year) : null;
}

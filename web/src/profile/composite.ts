import { COMPONENT_IDS, type ComponentId } from '../api.ts';

export type Weights = Record<ComponentId, number>;
export type ComponentValues = Record<ComponentId, number | null>;

/**
 * The weights exactly as the server will use them: two decimals (what the page sends in the URL),
 * scaled to sum to 1 in the same order of operations as normaliseWeights in
 * src/framework/autonomy/run.ts, so that the index computed here is the server's to the last digit.
 */
export function normalisedWeights(w: Weights): Weights | null {
  const sent = COMPONENT_IDS.map((c) => Number(w[c].toFixed(2)));
  const total = sent.reduce((s, x) => s + x, 0);
  if (!(total > 0)) return null;
  return Object.fromEntries(COMPONENT_IDS.map((c, i) => [c, sent[i]! / total])) as Weights;
}

/**
 * The composite's point estimate: the weighted mean over the components present (missing ones are
 * left out and the rest re-weighted), as the server's weightedMean does. The Monte Carlo interval,
 * the rank and the posture need every state and the draws, so only the server can give them.
 */
export function compositeIndex(values: ComponentValues, w: Weights): number | null {
  let s = 0,
    total = 0;
  for (const c of COMPONENT_IDS) {
    const v = values[c];
    if (v === null || Number.isNaN(v)) continue;
    s += v * w[c];
    total += w[c];
  }
  return total > 0 ? s / total : null;
}

export const sameWeights = (a: Weights, b: Weights): boolean =>
  COMPONENT_IDS.every((c) => Math.abs(a[c] - b[c]) < 1e-9);

export function parseWeights(text: string | null): Weights | null {
  if (!text) return null;
  const pairs = text.split(',').map((p) => p.split('='));
  const w = Object.fromEntries(
    pairs
      .filter(([k, v]) => (COMPONENT_IDS as readonly string[]).includes(k ?? '') && Number(v) >= 0)
      .map(([k, v]) => [k, Number(v)]),
  );
  return COMPONENT_IDS.every((c) => c in w) ? (w as Weights) : null;
}

export const weightsParam = (w: Weights): string =>
  COMPONENT_IDS.map((c) => `${c}=${w[c].toFixed(2)}`).join(',');

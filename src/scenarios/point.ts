import { statusOf } from '../framework/coverage/index.ts';
/**
 * The framework for one state-year without the Monte Carlo: component values, the point index (the
 * weighted mean over available components, exactly as runAutonomy computes it) and the posture.
 * Used to trace each edit's own effect and by ensemble members.
 */
import { COMPONENTS, computeComponents, type ComponentId } from '../framework/autonomy/components.ts';
import { classify, defaultRules, structuralFacts, type Posture } from '../framework/autonomy/posture.ts';
import type { TransitInput } from '../framework/gatekeeper/index.ts';
import type { FrameworkInputs } from '../framework/inputs.ts';

export interface PointResult {
  values: Record<ComponentId, number | null>;
  index: number | null;
  posture: Posture;
}

export function pointResult(
  inp: FrameworkInputs,
  ccode: number,
  year: number,
  transit: TransitInput | null,
  weights: Record<ComponentId, number>,
): PointResult {
  const cs = computeComponents(inp, ccode, year, transit);
  const values = Object.fromEntries(COMPONENTS.map((c) => [c, cs[c].value])) as Record<
    ComponentId,
    number | null
  >;
  let s = 0,
    w = 0;
  for (const c of COMPONENTS) {
    const v = values[c];
    if (v !== null) {
      s += v * weights[c];
      w += weights[c];
    }
  }
  const index = w > 0 ? s / w : null;
  const posture = classify(
    structuralFacts(inp, ccode, year, cs.commitments.detail),
    {
      index,
      voice: values.voice,
      mediation: values.mediation,
      mediationStatus: statusOf(cs.mediation) === 'not-applicable' ? 'not-applicable' : 'unknown',
      capability: values.capability,
      gatekeeper: values.gatekeeper,
    },
    defaultRules,
  ).posture;
  return { values, index, posture };
}

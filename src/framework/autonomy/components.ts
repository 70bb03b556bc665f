import { alignmentComponent } from '../alignment/component.ts';
import { capability } from '../capability/index.ts';
import { commitments, type CommitmentsDetail } from '../commitments/index.ts';
import { dependence } from '../dependence/index.ts';
import { gatekeeper, type BridgingInput, type TransitInput } from '../gatekeeper/index.ts';
import type { FrameworkInputs } from '../inputs.ts';
import { mediation } from '../mediation/index.ts';
import type { ComponentResult } from '../types.ts';
import { voice } from '../voice/index.ts';

export const COMPONENTS = [
  'commitments',
  'alignment',
  'voice',
  'mediation',
  'gatekeeper',
  'capability',
  'dependence',
] as const;
export type ComponentId = (typeof COMPONENTS)[number];

/** Which of the article's principles each component measures. */
export const PRINCIPLE: Record<ComponentId, string> = {
  commitments: '1. avoid play if you have no say: no guarantee from a pole',
  alignment: '1. avoid play if you have no say: no alignment with one pole against another',
  voice: '1. avoid play if you have no say: engagement where it has a say',
  mediation: '2. regional solutions for regional problems',
  gatekeeper: '3. gatekeeper, interconnector and transit hub',
  capability: 'wherewithal: capability relative to rivals',
  dependence: 'wherewithal: diversified partners',
};

/** Default weights: the three principles and the wherewithal a quarter each. */
export const defaultWeights: Record<ComponentId, number> = {
  commitments: 0.12,
  alignment: 0.05,
  voice: 0.08,
  mediation: 0.25,
  gatekeeper: 0.25,
  capability: 0.15,
  dependence: 0.1,
};

export type ComponentSet = Record<ComponentId, ComponentResult> & {
  commitments: ComponentResult & { detail: CommitmentsDetail | Record<string, unknown> };
};

export function computeComponents(
  inp: FrameworkInputs,
  ccode: number,
  year: number,
  transit: TransitInput | null,
  bridging: BridgingInput | null = null,
): ComponentSet {
  return {
    commitments: commitments(inp, ccode, year),
    alignment: alignmentComponent(inp, ccode, year),
    voice: voice(inp, ccode, year),
    mediation: mediation(inp, ccode, year),
    gatekeeper: gatekeeper(inp, ccode, year, transit, bridging),
    capability: capability(inp, ccode, year),
    dependence: dependence(inp, ccode, year),
  };
}

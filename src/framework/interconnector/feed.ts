import type { BridgingInput } from '../gatekeeper/index.ts';
import type { FrameworkInputs } from '../inputs.ts';
import { InterconnectorInputError, interconnectorRun } from './index.ts';
import type { InterconnectorData } from './layers.ts';

/**
 * What the framework's gatekeeper component takes from the interconnector measures: each state's
 * bridging between the opposing blocs, ½(share of West ↔ China/Russia shortest paths + open
 * two-paths), both relative to the year's strongest bridge. The interconnector index's own
 * "aligned with neither" factor is left out here, since commitments and alignment already score it.
 */
export function bridgingInput(
  inputs: FrameworkInputs,
  year: number,
  data: InterconnectorData | null,
): BridgingInput | null {
  let run;
  try {
    run = interconnectorRun(inputs, year, { ...(data ? { data } : {}), nullSamples: 0, perLayer: false });
  } catch (err) {
    if (err instanceof InterconnectorInputError) return null;
    throw err;
  }
  const byState = new Map<string, number>();
  for (const [iso3, s] of run.scores) byState.set(iso3, (s.parts.bridging + s.parts.brokerage) / 2);
  return {
    byState,
    provenance: [
      {
        dataset: 'interconnector multiplex',
        note: `layers ${run.layers
          .filter((l) => l.available)
          .map((l) => l.id)
          .join(', ')}; blocs from BSV ideal points`,
        covers: [year, year],
      },
    ],
  };
}

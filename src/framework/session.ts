import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import type { StateRegistry } from '../states/registry.ts';
import type { Store } from '../store/store.ts';
import {
  prepareYear,
  runAutonomy,
  type AutonomyOptions,
  type AutonomyRun,
  type PreparedYear,
} from './autonomy/run.ts';
import { defaultConfig, type FrameworkConfig } from './config.ts';
import { corridorNetwork, corridorTransit } from './corridors/index.ts';
import { transitInput, type BridgingInput, type TransitInput } from './gatekeeper/index.ts';
import { bridgingInput } from './interconnector/feed.ts';
import { loadInterconnectorData } from './interconnector/load.ts';
import type { InterconnectorData } from './interconnector/layers.ts';
import { loadFrameworkInputs, type FrameworkInputs } from './inputs.ts';

/** The first year the framework scores: the post-Soviet states enter the system in 1991. */
export const FIRST_FRAMEWORK_YEAR = 1992;

/**
 * The framework loaded once for a process: inputs in memory, the corridor model's baseline transit,
 * and a cache of autonomy runs by their options (runs are pure functions of inputs and options).
 */
export class FrameworkSession {
  private readonly runs = new Map<string, AutonomyRun>();
  private readonly years = new Map<number, PreparedYear>();

  constructor(
    readonly inputs: FrameworkInputs,
    readonly transit: TransitInput | null,
    readonly network: InterconnectorData | null = null,
  ) {}

  static async open(
    store: Store,
    kb: KnowledgeBase,
    registry: StateRegistry,
    config: FrameworkConfig = defaultConfig,
  ): Promise<FrameworkSession> {
    const inputs = await loadFrameworkInputs(store, kb, registry, config);
    const years = inputs.ideal.covers
      ? Array.from(
          { length: inputs.ideal.covers[1] - FIRST_FRAMEWORK_YEAR + 1 },
          (_, i) => FIRST_FRAMEWORK_YEAR + i,
        )
      : [];
    const network = await loadInterconnectorData(store, {
      years,
      corridors: corridorNetwork(),
      corridorFrom: config.corridorFrom,
    });
    return new FrameworkSession(inputs, transitInput(corridorTransit(), config.corridorFrom), network);
  }

  /** Bridging between opposing blocs in a year, for the gatekeeper component; null where no blocs exist. */
  bridging(year: number): BridgingInput | null {
    return bridgingInput(this.inputs, year, this.network);
  }

  /** The last year any input covers (knowledge-base facts included), capped at last year. */
  latestYear(): number {
    const lastFull = new Date().getUTCFullYear() - 1;
    const ends = [this.inputs.ideal, this.inputs.nmc, this.inputs.arms, this.inputs.atop].flatMap((d) =>
      d.covers ? [d.covers[1]] : [],
    );
    const kbEnd = Math.max(
      ...this.inputs.kb.facts.map((f) =>
        Number(('date' in f && f.date ? f.date : 'from' in f ? f.from : '0').slice(0, 4)),
      ),
    );
    return Math.min(lastFull, Math.max(kbEnd, ...ends));
  }

  autonomy(opts: AutonomyOptions): AutonomyRun {
    const key = JSON.stringify({ ...opts, transit: undefined });
    let run = this.runs.get(key);
    if (!run) {
      // Components do not depend on weights or draws: compute each year once, then only the
      // Monte Carlo runs again when a reader moves a weight.
      const prepared = (year: number) => {
        let p = this.years.get(year);
        if (!p) this.years.set(year, (p = prepareYear(this.inputs, year, this.transit, this.bridging(year))));
        return p;
      };
      run = runAutonomy(this.inputs, { transit: this.transit, prepared, ...opts });
      if (this.runs.size > 50) this.runs.delete(this.runs.keys().next().value as string);
      this.runs.set(key, run);
    }
    return run;
  }
}

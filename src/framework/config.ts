/**
 * The framework's tunable choices, in one place so that every run records them. Defaults follow
 * docs/METHODOLOGY.md; the CLI, API and scenarios may override any of them.
 */
export interface PoleSpec {
  /** Bloc id: 'west', 'russia', 'china'. */
  id: string;
  /** The great power that leads the pole (ISO3). */
  leader: string;
  /** Organisation orientations (kb/organisations.yaml) that belong to this pole. */
  orientations: string[];
}

export interface FrameworkConfig {
  poles: PoleSpec[];
  /** Years before a year that count for event-based components (negotiation rounds, hosting). */
  eventWindow: number;
  /** Years over which arms deliveries are pooled for concentration. */
  armsWindow: number;
  /** Weight of each kind of obligation when it comes from a pole (1 = a full guarantee). */
  obligationWeights: Record<
    | 'defence'
    | 'collective-defence'
    | 'basing'
    | 'consultation'
    | 'non-aggression'
    | 'neutrality'
    | 'peacekeeping',
    number
  >;
  /** Weight of an organisation by scope, for voice. */
  scopeWeights: Record<'global' | 'regional' | 'subregional', number>;
  /** First year the corridor model's network (the 2020s' legs and demands) stands for. */
  corridorFrom: number;
}

export const defaultConfig: FrameworkConfig = {
  poles: [
    { id: 'west', leader: 'USA', orientations: ['western'] },
    { id: 'russia', leader: 'RUS', orientations: ['russia-led'] },
    { id: 'china', leader: 'CHN', orientations: ['china-led'] },
  ],
  eventWindow: 2,
  armsWindow: 5,
  // A backed defence pledge (bilateral, or with bases or military aid) or membership of a pole's
  // alliance organisation is a guarantee; a collective pledge without them, or a base leased for the
  // provider's own purposes, is half of one.
  obligationWeights: {
    defence: 1,
    'collective-defence': 0.5,
    basing: 0.5,
    consultation: 0.35,
    'non-aggression': 0.1,
    neutrality: 0.1,
    peacekeeping: 0,
  },
  scopeWeights: { global: 3, regional: 2, subregional: 1 },
  // The Baku–Tbilisi–Kars railway (opened October 2017) completed the rail link the model routes on.
  corridorFrom: 2017,
};

import type { Provenance } from '../types.ts';

/** The six tie layers of the multiplex state network (docs/interconnector.md §2). */
export const LAYER_IDS = ['alliances', 'igo', 'arms', 'votes', 'hosting', 'transport'] as const;
export type LayerId = (typeof LAYER_IDS)[number];

/** One tie of a layer. Undirected layers list each pair once with source < target (ISO3 order). */
export interface LayerEdge {
  source: string;
  target: string;
  /** The layer's own unit: obligation weight, shared IGOs, TIV, proximity, rounds, legs. */
  weight: number;
  /** Short evidence for this tie (obligation types, fact ids, leg ids …). */
  evidence?: string[];
  /** Set when the tie is read from an earlier year's data carried forward (ATOP 2018 for later years). */
  carriedFrom?: number;
}

export interface Layer {
  id: LayerId;
  directed: boolean;
  /** The year of data actually read (differs from the year asked for when carried forward). */
  dataYear: number | null;
  /** Present = the layer covers the year (it may still have no edges); false = missing for the year. */
  available: boolean;
  edges: LayerEdge[];
  unit: string;
  /** How the layer's weights are brought to (0, 1] before the multiplex sum. */
  normalisation: 'max' | 'log-max';
  provenance: Provenance[];
  note: string;
}

export type Bloc = 'west' | 'china-russia' | 'non-aligned' | 'unclassified';
export const BLOCS: readonly Bloc[] = ['west', 'china-russia', 'non-aligned', 'unclassified'];

/** A bloc partition of the states for a year (blocs.ts, vote-blocs.ts). */
export interface BlocAssignment {
  /** ISO3 → bloc, for states with a position in the window. */
  bloc: Map<string, Exclude<Bloc, 'unclassified'>>;
  /** ISO3 → relative position s (0 at the eastern pole, 1 at the western). */
  relative: Map<string, number>;
  /**
   * ISO3 → equidistance h = 1 − |d_W − d_E| / (d_W + d_E), d_W the distance to the USA and d_E to the
   * nearer of Russia and China (the framework's alignment component, on the window's mean positions).
   */
  equidistance: Map<string, number>;
  /** ISO3 → mean ideal point over the window. */
  position: Map<string, number>;
  window: [number, number];
  carried: boolean;
  provenance: Provenance;
}

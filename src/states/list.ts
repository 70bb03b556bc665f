import { nameIn, type StateRegistry } from './registry.ts';

export interface StateRow {
  ccode: number;
  cow: string;
  iso3: string | null;
  name: string;
  years: string;
  alt_names: string[];
}

/** Rows for `states`: every registered state, or only those in the system during `year`. */
export function listStates(registry: StateRegistry, year?: number): StateRow[] {
  const states =
    year === undefined ? [...registry.states].sort((a, b) => a.ccode - b.ccode) : registry.inSystem(year);
  return states.map((s) => ({
    ccode: s.ccode,
    cow: s.cowAbbrev,
    iso3: s.iso3,
    name: nameIn(s, year),
    years: registry
      .yearsInSystem(s.ccode)
      .map(([a, b]) => `${a}–${b}`)
      .join(', '),
    alt_names: [
      ...new Set([...(s.cowName ? [s.cowName] : []), ...(s.names ?? []).map((n) => n.name), ...s.altNames]),
    ].filter((n) => n !== nameIn(s, year)),
  }));
}

import type { StateRegistry } from '../states/registry.ts';

/**
 * Gleditsch–Ward state numbers (UCDP's `gwno_*`) to COW codes. The two lists share most numbers; these
 * are the ones that differ for the years the framework reads (Gleditsch & Ward 1999, and the COW
 * state list): united Germany and Yemen keep the older number in GW, Serbia and four Pacific states
 * are numbered differently.
 */
const DIFFERENT: Array<{ gw: number; cow: number; from?: number; to?: number }> = [
  { gw: 260, cow: 255, from: 1991 }, // Germany after unification (COW 260 is the Federal Republic to 1990)
  { gw: 678, cow: 679, from: 1991 }, // Yemen after unification (COW 678 is North Yemen to 1990)
  { gw: 340, cow: 345 }, // Serbia (COW keeps Yugoslavia's number)
  { gw: 970, cow: 946 }, // Kiribati
  { gw: 971, cow: 970 }, // Nauru
  { gw: 972, cow: 955 }, // Tonga
  { gw: 973, cow: 947 }, // Tuvalu
];

/** The COW code of a GW number in a year, or null when it is not a state the registry knows. */
export function cowOfGw(registry: StateRegistry, gw: number, year: number): number | null {
  const d = DIFFERENT.find((x) => x.gw === gw && (x.from ?? 0) <= year && year <= (x.to ?? 9999));
  const ccode = d ? d.cow : gw;
  return registry.byCcode(ccode) ? ccode : null;
}

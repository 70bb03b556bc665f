import { COMPONENTS, type ComponentId } from '../autonomy/components.ts';
import type { ComponentResult } from '../types.ts';

/** present: a value; not-applicable: the component does not apply (a finding); unknown: missing data. */
export type ComponentStatus = 'present' | 'not-applicable' | 'unknown';

export function statusOf(c: ComponentResult): ComponentStatus {
  if (c.value !== null) return 'present';
  return c.applicable === false ? 'not-applicable' : 'unknown';
}

/** How many of the seven components a figure rests on, and how many apply to the state-year. */
export interface Coverage {
  present: number;
  applicable: number;
  of: number;
  /** Every applicable component is present. */
  complete: boolean;
  unknown: ComponentId[];
  not_applicable: ComponentId[];
  /** "5 of 7 components (6 applicable)". */
  label: string;
}

export function coverageOf(cs: Record<ComponentId, ComponentResult>): Coverage {
  const status = COMPONENTS.map((c) => [c, statusOf(cs[c])] as const);
  const present = status.filter(([, s]) => s === 'present').length;
  const notApplicable = status.filter(([, s]) => s === 'not-applicable').map(([c]) => c);
  const applicable = COMPONENTS.length - notApplicable.length;
  return {
    present,
    applicable,
    of: COMPONENTS.length,
    complete: present === applicable,
    unknown: status.filter(([, s]) => s === 'unknown').map(([c]) => c),
    not_applicable: notApplicable,
    label: coverageLabel(present, applicable, COMPONENTS.length),
  };
}

export const coverageLabel = (present: number, applicable: number, of: number): string =>
  `${present} of ${of} components (${applicable} applicable)`;

/** The years of a series in which the set of present components changes, and how. */
export function coverageChanges(
  series: Array<{ year: number; coverage: Coverage }>,
): Array<{ year: number; gained: ComponentId[]; lost: ComponentId[]; label: string }> {
  const out: Array<{ year: number; gained: ComponentId[]; lost: ComponentId[]; label: string }> = [];
  const present = (c: Coverage) =>
    new Set(COMPONENTS.filter((k) => !c.unknown.includes(k) && !c.not_applicable.includes(k)));
  for (let k = 1; k < series.length; k++) {
    const a = present(series[k - 1]!.coverage),
      b = present(series[k]!.coverage);
    const gained = COMPONENTS.filter((c) => b.has(c) && !a.has(c));
    const lost = COMPONENTS.filter((c) => a.has(c) && !b.has(c));
    if (gained.length || lost.length)
      out.push({ year: series[k]!.year, gained, lost, label: series[k]!.coverage.label });
  }
  return out;
}

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

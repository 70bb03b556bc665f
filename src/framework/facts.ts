import { coversYear, yearOf } from '../kb/dates.ts';
import type { KnowledgeBase, LocatedFact } from '../kb/knowledge-base.ts';
import type { Fact } from '../kb/schema.ts';
import type { FrameworkInputs } from './inputs.ts';

export type FactOf<K extends Fact['kind']> = Extract<LocatedFact, { kind: K }>;

/** Interval facts (memberships, pacts, doctrines) in force at some point of `year`. */
export function inForce<K extends 'membership' | 'chairmanship' | 'security' | 'doctrine' | 'agreement'>(
  kb: KnowledgeBase,
  kind: K,
  year: number,
  where: (f: FactOf<K>) => boolean,
): FactOf<K>[] {
  return (kb.factsOfKind(kind) as unknown as FactOf<K>[]).filter((f) => {
    const dated = f as unknown as { from?: string; date?: string; to?: string };
    return coversYear(dated.from ?? dated.date ?? '', dated.to, year) && where(f);
  });
}

/** Point events (rounds, hosting) dated in [year - window, year]. */
export function eventsIn<K extends 'negotiation' | 'hosting'>(
  kb: KnowledgeBase,
  kind: K,
  year: number,
  window: number,
  where: (f: FactOf<K>) => boolean,
): FactOf<K>[] {
  return (kb.factsOfKind(kind) as unknown as FactOf<K>[]).filter((f) => {
    const y = yearOf((f as unknown as { date: string }).date);
    return y <= year && y >= year - window && where(f);
  });
}

/** The pole an actor belongs to: a pole leader itself, or an organisation of that pole's orientation. */
export function poleOf(inp: FrameworkInputs, actor: string): string | undefined {
  for (const p of inp.config.poles) if (p.leader === actor) return p.id;
  const org = inp.kb.orgById.get(actor);
  if (org) for (const p of inp.config.poles) if (p.orientations.includes(org.orientation)) return p.id;
  return undefined;
}

export function iso3Of(inp: FrameworkInputs, ccode: number): string | null {
  return inp.registry.byCcode(ccode)?.iso3 ?? null;
}

export function ccodeOf(inp: FrameworkInputs, iso3: string): number | undefined {
  return inp.registry.byIso3(iso3)?.ccode;
}

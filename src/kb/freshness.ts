import { startOf } from './dates.ts';
import type { KnowledgeBase, LocatedFact } from './knowledge-base.ts';

/** A fact whose interval is still open and that nobody has re-checked within the review window. */
export interface StaleFact {
  id: string;
  where: string;
  from: string;
  reviewed?: string;
}

/** An open fact that a later fact about the same thing has overtaken, so it should probably be closed. */
export interface SupersededFact {
  id: string;
  where: string;
  by: string;
  by_from: string;
}

/** Start of the fact's interval, for the kinds that describe a state of affairs rather than an event. */
function openStart(f: LocatedFact): string | undefined {
  switch (f.kind) {
    case 'membership':
    case 'chairmanship':
    case 'security':
    case 'aid':
    case 'conflict':
    case 'sanctions':
      return f.to === undefined ? f.from : undefined;
    case 'doctrine':
      return f.to === undefined ? f.date : undefined;
    default:
      return undefined;
  }
}

/**
 * What makes two facts "about the same thing", so that the later one supersedes the earlier one:
 * a state's role in an organisation, a chair of an organisation, a sanctions regime, a conflict. (Security
 * commitments and doctrines stack: a new pledge or restatement does not end the earlier one.)
 */
function subjectKey(f: LocatedFact): string | undefined {
  switch (f.kind) {
    case 'membership':
      return `membership:${f.state}:${f.org}`;
    case 'chairmanship':
      return `chair:${f.org}`;
    case 'sanctions':
      return `sanctions:${f.imposer}:${f.target}:${f.subtype}`;
    case 'conflict':
      return `conflict:${f.conflict}`;
    default:
      return undefined;
  }
}

function factStart(f: LocatedFact): string {
  if ('from' in f && f.from !== undefined) return f.from;
  if ('date' in f && f.date !== undefined) return f.date;
  return '0000';
}

/** Open facts not reviewed since `today` minus `months` (a fact without `reviewed` counts as never reviewed). */
export function staleOpenFacts(kb: KnowledgeBase, today: Date = new Date(), months = 12): StaleFact[] {
  const cutoff = new Date(today);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  const limit = cutoff.toISOString().slice(0, 10);
  return kb.facts.flatMap((f) => {
    const from = openStart(f);
    if (from === undefined) return [];
    if (f.reviewed !== undefined && startOf(f.reviewed) >= limit) return [];
    return [
      { id: f.id, where: `${f.file}:${f.line}`, from, ...(f.reviewed ? { reviewed: f.reviewed } : {}) },
    ];
  });
}

/** Open facts followed by a later-starting fact with the same subject. */
export function supersededFacts(kb: KnowledgeBase): SupersededFact[] {
  const bySubject = new Map<string, LocatedFact[]>();
  for (const f of kb.facts) {
    const key = subjectKey(f);
    if (key === undefined) continue;
    const list = bySubject.get(key) ?? [];
    list.push(f);
    bySubject.set(key, list);
  }
  const out: SupersededFact[] = [];
  for (const list of bySubject.values()) {
    for (const f of list) {
      if (openStart(f) === undefined) continue;
      const later = list
        .filter((g) => g !== f && startOf(factStart(g)) > startOf(factStart(f)))
        .sort((a, b) => startOf(factStart(a)).localeCompare(startOf(factStart(b))))[0];
      if (later)
        out.push({ id: f.id, where: `${f.file}:${f.line}`, by: later.id, by_from: factStart(later) });
    }
  }
  return out.sort((a, b) => a.where.localeCompare(b.where));
}

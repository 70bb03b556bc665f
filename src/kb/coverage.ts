import { yearOf } from './dates.ts';
import { factDate, factStates, readKnowledgeBase, type KnowledgeBase } from './knowledge-base.ts';
import type { KbIssue } from './yaml-file.ts';
import { staleOpenFacts, supersededFacts, type StaleFact, type SupersededFact } from './freshness.ts';

export interface KbReport {
  ok: boolean;
  issues: string[];
  totals: {
    facts: number;
    sources: number;
    organisations: number;
    states: number;
    sources_cited: number;
    sources_unused: string[];
    sources_without_url: string[];
  };
  by_kind: Record<string, number>;
  by_state: Record<string, number>;
  by_decade: Record<string, number>;
  by_source: Record<string, number>;
  /** Facts per state and kind: where the knowledge base is thin. */
  by_state_kind: Record<string, Record<string, number>>;
  /** Open facts not reviewed in the last 12 months. */
  stale: StaleFact[];
  /** Open facts that a later fact about the same subject has overtaken. */
  superseded: SupersededFact[];
}

function count<T>(items: T[], key: (t: T) => string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) for (const k of key(item)) out[k] = (out[k] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}

/** Validation plus coverage: what `kb check` prints. */
export function checkKnowledgeBase(dir?: string): { kb: KnowledgeBase; report: KbReport } {
  const { kb, issues } = readKnowledgeBase(dir);
  return { kb, report: coverageReport(kb, issues) };
}

export function coverageReport(kb: KnowledgeBase, issues: KbIssue[] = [], today = new Date()): KbReport {
  const facts = [...kb.facts];
  const cited = new Set([...facts, ...kb.organisations].flatMap((f) => f.sources));
  return {
    ok: issues.length === 0,
    issues: issues.map(String),
    totals: {
      facts: facts.length,
      sources: kb.sources.length,
      organisations: kb.organisations.length,
      states: kb.states.length,
      sources_cited: cited.size,
      sources_unused: kb.sources.filter((s) => !cited.has(s.id)).map((s) => s.id),
      sources_without_url: kb.sources.filter((s) => !s.url && s.type !== 'book').map((s) => s.id),
    },
    by_kind: count(facts, (f) => [f.kind]),
    by_state: count(facts, (f) => [
      ...new Set(factStates(f).filter((s) => /^[A-Z]{3}$/.test(s) && !kb.orgById.has(s))),
    ]),
    by_decade: count(facts, (f) => [`${Math.floor(yearOf(factDate(f)) / 10) * 10}s`]),
    by_source: count(facts, (f) => f.sources),
    by_state_kind: byStateAndKind(kb),
    stale: staleOpenFacts(kb, today),
    superseded: supersededFacts(kb),
  };
}

function byStateAndKind(kb: KnowledgeBase): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const s of kb.states) if (s.iso3) out[s.iso3] = {};
  for (const f of kb.facts)
    for (const state of new Set(factStates(f))) {
      const row = out[state];
      if (row) row[f.kind] = (row[f.kind] ?? 0) + 1;
    }
  return out;
}

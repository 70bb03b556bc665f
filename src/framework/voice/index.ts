import { covers, type FrameworkInputs } from '../inputs.ts';
import { inForce, iso3Of, type FactOf } from '../facts.ts';
import type { ComponentResult, Provenance } from '../types.ts';

export interface Engagement {
  org: string;
  role: string;
  rule: string;
  scope: string;
  score: number;
  weight: number;
  fact: string;
}

const MAKER_RULES = new Set(['consensus', 'unanimity', 'majority', 'qualified-majority', 'informal']);
const TAKER_ROLES = new Set([
  'observer',
  'partner',
  'dialogue-partner',
  'associate',
  'candidate',
  'applicant',
]);

/**
 * Principle 1, "engage only where you have a say": the scope-weighted share of a state's
 * organisational engagements in which it is an equal or a rule-maker (full member of a consensus or
 * one-state-one-vote body, or its chair) rather than a taker (candidate, applicant, partner,
 * observer, or a member where others hold weighted votes or vetoes). From the knowledge base, and
 * from COW IGO (share of full memberships) for the years it covers; the mean of those available.
 */
export function voice(inp: FrameworkInputs, ccode: number, year: number): ComponentResult {
  const iso3 = iso3Of(inp, ccode);
  const engagements: Engagement[] = [];
  if (iso3) {
    for (const m of inForce(inp.kb, 'membership', year, (f) => f.state === iso3)) {
      const org = inp.kb.orgById.get(m.org);
      if (!org || ['suspended', 'frozen', 'withdrawn'].includes(m.role)) continue;
      const score = TAKER_ROLES.has(m.role) ? 0 : MAKER_RULES.has(org.decision_rule) ? 1 : 0.5;
      engagements.push({
        org: m.org,
        role: m.role,
        rule: org.decision_rule,
        scope: org.scope,
        score,
        weight: inp.config.scopeWeights[org.scope],
        fact: m.id,
      });
    }
    for (const c of inForce(inp.kb, 'chairmanship', year, (f) => f.state === iso3)) {
      const org = inp.kb.orgById.get(c.org);
      if (org)
        engagements.push({
          org: c.org,
          role: 'chair',
          rule: org.decision_rule,
          scope: org.scope,
          score: 1,
          weight: inp.config.scopeWeights[org.scope],
          fact: c.id,
        });
    }
  }
  const parts: number[] = [];
  const explanation: string[] = [];
  const provenance: Provenance[] = [];
  if (engagements.length) {
    const total = engagements.reduce((s, e) => s + e.weight, 0);
    const kbScore = engagements.reduce((s, e) => s + e.weight * e.score, 0) / total;
    parts.push(kbScore);
    const makers = engagements
      .filter((e) => e.score === 1)
      .map((e) => (e.role === 'chair' ? `${e.org} (chair)` : e.org));
    const takers = engagements
      .filter((e) => e.score < 1)
      .map((e) => `${e.org} (${e.role === 'member' || e.role === 'founding-member' ? e.rule : e.role})`);
    explanation.push(
      `rule-maker or equal in ${makers.length ? [...new Set(makers)].join(', ') : 'none'}; taker in ` +
        `${takers.length ? takers.join(', ') : 'none'} (knowledge base, score ${kbScore.toFixed(2)})`,
    );
    provenance.push({ facts: engagements.map((e) => e.fact) });
  }
  const igo = inp.igo.data.get(ccode)?.get(year);
  const carried = !igo || !covers(inp.igo, year) ? carryForward(inp, ccode, year, iso3) : null;
  if (igo && covers(inp.igo, year)) {
    const all = igo.full + igo.associate + igo.observer;
    if (all > 0) {
      parts.push(igo.full / all);
      explanation.push(`COW IGO: full member of ${igo.full} of ${all} organisations it belongs to`);
      provenance.push({ ...inp.igo.provenance, rows: all });
    }
  } else if (carried) {
    const all = carried.full + carried.associate + carried.observer;
    if (all > 0) {
      parts.push(carried.full / all);
      explanation.push(
        `COW IGO carried forward from ${carried.from} (an assumption: memberships persist unless the ` +
          `knowledge base records a change): full member of ${carried.full} of ${all}` +
          (carried.changes.length ? `; changes since: ${carried.changes.join(', ')}` : ''),
      );
      provenance.push({
        ...inp.igo.provenance,
        rows: all,
        note: `carried forward from ${carried.from}`,
        ...(carried.facts.length ? { facts: carried.facts } : {}),
      });
    }
  }
  if (parts.length === 0) {
    return {
      value: null,
      explanation: [
        `no memberships recorded for ${year} (COW IGO ends in ` +
          `${inp.igo.covers?.[1] ?? '—'}; the knowledge base covers the article's states)`,
      ],
      provenance: [inp.igo.provenance],
      detail: {},
    };
  }
  return {
    value: parts.reduce((a, b) => a + b, 0) / parts.length,
    explanation,
    provenance,
    detail: { engagements, igo: igo ?? carried ?? null, ...(carried ? { carriedFrom: carried.from } : {}) },
  };
}

const norm = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** Knowledge-base memberships by state, indexed once per knowledge base (voice runs for every state-year). */
const byStateCache = new WeakMap<object, Map<string, FactOf<'membership'>[]>>();
function membershipsByState(kb: FrameworkInputs['kb']): Map<string, FactOf<'membership'>[]> {
  let index = byStateCache.get(kb);
  if (!index) {
    index = new Map();
    for (const f of kb.factsOfKind('membership') as unknown as FactOf<'membership'>[])
      (index.get(f.state) ?? index.set(f.state, []).get(f.state)!).push(f);
    byStateCache.set(kb, index);
  }
  return index;
}

/** The COW abbreviations of every organisation in the last covered year, normalised; built once per input. */
const knownCache = new WeakMap<Map<number, Set<string>>, Set<string>>();
function knownIgos(last: Map<number, Set<string>>): Set<string> {
  let known = knownCache.get(last);
  if (!known) {
    known = new Set<string>();
    for (const set of last.values()) for (const a of set) known.add(norm(a));
    knownCache.set(last, known);
  }
  return known;
}

/**
 * COW IGO after its last year: the state's counts of that year, carried forward as a labelled
 * assumption, with the knowledge base's later joins and exits of organisations COW lists (matched
 * by the organisation's id or an alias equal to a COW abbreviation) applied on top.
 */
function carryForward(
  inp: FrameworkInputs,
  ccode: number,
  year: number,
  iso3: string | null,
): {
  full: number;
  associate: number;
  observer: number;
  from: number;
  changes: string[];
  facts: string[];
} | null {
  const end = inp.igo.covers?.[1];
  if (end === undefined || year <= end) return null;
  const base = inp.igo.data.get(ccode)?.get(end);
  if (!base) return null;
  const out = { ...base, from: end, changes: [] as string[], facts: [] as string[] };
  if (!iso3) return out;
  const held = inp.igoLast.get(ccode) ?? new Set<string>();
  const known = knownIgos(inp.igoLast);
  const cowName = (orgId: string): string | undefined => {
    const org = inp.kb.orgById.get(orgId);
    const names = [orgId, ...(org?.aliases ?? [])].map(norm);
    return names.find((n) => known.has(n));
  };
  const memberships = membershipsByState(inp.kb).get(iso3) ?? [];
  const heldNorm = new Set([...held].map(norm));
  const after = `${end + 1}-01-01`;
  for (const f of memberships) {
    const cow = cowName(f.org);
    if (!cow) continue;
    const active = ['member', 'founding-member'].includes(f.role);
    const inForceNow = f.from <= `${year}-12-31` && (!f.to || f.to >= `${year}-01-01`);
    if (heldNorm.has(cow)) {
      // an exit: the membership ended after COW's last year, or a suspension/withdrawal is in force
      const ended = active && f.to !== undefined && f.to >= after && f.to < `${year}-01-01`;
      const lost = ['suspended', 'withdrawn', 'frozen'].includes(f.role) && inForceNow;
      if (ended || lost) {
        heldNorm.delete(cow);
        out.full = Math.max(0, out.full - 1);
        out.changes.push(`${f.org} ${lost ? f.role : 'left'}`);
        out.facts.push(f.id);
      }
    } else if (active && f.from >= after && inForceNow) {
      heldNorm.add(cow);
      out.full += 1;
      out.changes.push(`${f.org} joined`);
      out.facts.push(f.id);
    }
  }
  return out;
}

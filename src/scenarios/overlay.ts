/**
 * Applies a resolved scenario as an overlay: a new KnowledgeBase, new input maps (copied only where
 * an edit writes) and the corridor network re-run through the corridor model. The store, the
 * baseline inputs and the baseline knowledge base are never modified.
 */
import {
  applyScenario,
  findScenario,
  loadCorridorData,
  runNetwork,
  corridorNetwork,
  type CorridorData,
  type CorridorNetwork,
} from '../framework/corridors/index.ts';
import type { ScenarioEdit as CorridorEdit } from '../framework/corridors/schema.ts';
import { transitInput, type TransitInput } from '../framework/gatekeeper/index.ts';
import type { FrameworkInputs, IdealPoint } from '../framework/inputs.ts';
import { yearOf } from '../kb/dates.ts';
import { KnowledgeBase, type LocatedFact } from '../kb/knowledge-base.ts';
import type { ResolvedEdit, ResolvedScenario } from './load.ts';

/**
 * The gatekeeper's transit by year: the baseline's before the first corridor edit, then each edit's network.
 */
export interface TransitSchedule {
  segments: Array<{ from: number; transit: TransitInput | null; corridor: string | null }>;
}

export function transitFor(s: TransitSchedule, year: number): TransitInput | null {
  let t: TransitInput | null = s.segments[0]?.transit ?? null;
  for (const seg of s.segments) if (year >= seg.from) t = seg.transit;
  return t;
}

export interface Overlay {
  inputs: FrameworkInputs;
  transit: TransitSchedule;
  facts: { added: string[]; ended: string[]; changed: string[] };
}

let corridorData: CorridorData | null = null;
const networkCache = new Map<string, { net: CorridorNetwork; transit: TransitInput }>();

/**
 * Transit under a list of corridor edits (built-in corridor scenario ids or edit lists), memoised by content.
 */
export function corridorTransitFor(
  steps: Array<{ scenario?: string | undefined; edits?: CorridorEdit[] | undefined }>,
  from: number,
  label: string,
): TransitInput {
  const key = JSON.stringify(steps);
  let hit = networkCache.get(key);
  if (!hit) {
    corridorData ??= loadCorridorData();
    let net = corridorNetwork();
    for (const [i, s] of steps.entries()) {
      net = s.scenario
        ? applyScenario(net, findScenario(corridorData, s.scenario))
        : applyScenario(net, { id: `${label}-${i + 1}`, name: label, edits: s.edits ?? [], sources: [] });
    }
    hit = { net, transit: transitInput(runNetwork(net, { bottlenecks: false }), from, label) };
    if (networkCache.size > 256) networkCache.delete(networkCache.keys().next().value as string);
    networkCache.set(key, hit);
  }
  return { ...hit.transit, from };
}

/** `perYear` dates (YYYY-MM) in every year from..to, spread evenly over the months of each year. */
function spreadDates(from: number, to: number, perYear: number): string[] {
  const out: string[] = [];
  for (let yr = from; yr <= to; yr++) {
    for (let k = 0; k < perYear; k++)
      out.push(`${yr}-${String(1 + Math.floor(((k + 0.5) * 12) / perYear)).padStart(2, '0')}`);
  }
  return out;
}

function endBefore(f: LocatedFact, year: number): LocatedFact | null {
  const start = (f as { from: string }).from;
  if (yearOf(start) >= year) return null;
  return { ...f, to: `${year - 1}-12-31` } as LocatedFact;
}

/**
 * Builds the overlay inputs for the edits (all of a scenario's, or a subset for tracing one edit's effect).
 * `baseTransit` is the baseline corridor transit the gatekeeper reads.
 */
export function applyOverlay(
  base: FrameworkInputs,
  baseTransit: TransitInput | null,
  scenario: ResolvedScenario,
  only?: readonly ResolvedEdit[],
  latestYear?: number,
): Overlay {
  const edits = only ?? scenario.edits;
  const facts: Array<LocatedFact | null> = [...base.kb.facts];
  const indexOf = new Map(base.kb.facts.map((f, i) => [f.id, i]));
  const added: string[] = [],
    ended: string[] = [],
    changed: string[] = [];
  let ideal = base.ideal.data;
  let arms = base.arms.data;
  const idealOwn = new Set<number>();
  const armsOwn = new Set<number>();
  const corridorSteps: Array<{
    year: number;
    to: number;
    scenario?: string | undefined;
    edits?: CorridorEdit[] | undefined;
    id: string;
  }> = [];
  const last =
    latestYear ??
    Math.max(
      ...[base.ideal, base.arms, base.nmc].flatMap((d) => (d.covers ? [d.covers[1]] : [])),
      ...edits.map((e) => e.year),
    );
  const ccode = (iso3: string) => base.registry.byIso3(iso3)?.ccode;
  const where = (e: ResolvedEdit) => ({ file: e.ref.file, line: e.ref.line });
  const replace = (i: number, f: LocatedFact | null, id: string) => {
    facts[i] = f;
    if (f === null) ended.push(id);
    else changed.push(id);
  };
  let n = 0;
  for (const e of edits) {
    const y = e.year;
    const common = {
      sources: e.sources,
      note: `scenario ${e.id}${e.rationale ? `: ${e.rationale}` : ''}`,
      ...where(e),
    };
    const newId = () => `scenario:${e.id}:${++n}`;
    switch (e.edit.op) {
      case 'add_membership': {
        const b = e.edit.body;
        const f = {
          ...common,
          id: newId(),
          kind: 'membership',
          state: b.state,
          org: b.org,
          role: b.role,
          from: String(y),
          ...(b.to !== undefined ? { to: String(b.to) } : {}),
        } as LocatedFact;
        facts.push(f);
        added.push(f.id);
        break;
      }
      case 'add_security': {
        const b = e.edit.body;
        const f = {
          ...common,
          id: newId(),
          kind: 'security',
          subtype: b.subtype,
          provider: b.provider,
          recipient: b.recipient,
          obligation: b.obligation,
          host_consent: true,
          from: String(y),
          ...(b.to !== undefined ? { to: String(b.to) } : {}),
          summary: e.label,
        } as LocatedFact;
        facts.push(f);
        added.push(f.id);
        break;
      }
      case 'end_membership':
      case 'end_security': {
        const b = e.edit.body as Record<string, string | undefined>;
        const kind = e.edit.op === 'end_membership' ? 'membership' : 'security';
        const [k1, k2] = kind === 'membership' ? ['state', 'org'] : ['provider', 'recipient'];
        facts.forEach((f, i) => {
          if (!f || f.kind !== kind) return;
          const rec = f as unknown as Record<string, string | undefined>;
          const match = b.fact ? f.id === b.fact : rec[k1!] === b[k1!] && rec[k2!] === b[k2!];
          if (!match || (rec.to !== undefined && yearOf(rec.to) < y)) return;
          replace(i, endBefore(f, y), f.id);
        });
        break;
      }
      case 'add_rounds': {
        const b = e.edit.body;
        for (const date of spreadDates(y, Math.min(b.to ?? last, last), b.per_year)) {
          const f = {
            ...common,
            id: newId(),
            kind: 'negotiation',
            conflict: b.conflict,
            date,
            parties: b.parties,
            declined: b.declined,
            format: b.format,
            mediators: b.mediators,
            venue: b.venue,
            level: b.level,
            outcome: `scenario round (${e.id})`,
          } as LocatedFact;
          facts.push(f);
          added.push(f.id);
        }
        break;
      }
      case 'add_hosting': {
        const b = e.edit.body;
        for (const date of spreadDates(y, Math.min(b.to ?? last, last), b.per_year)) {
          const f = {
            ...common,
            id: newId(),
            kind: 'hosting',
            host: b.host,
            parties: b.parties,
            date,
            subtype: b.subtype,
            summary: e.label,
          } as LocatedFact;
          facts.push(f);
          added.push(f.id);
        }
        break;
      }
      case 'add_agreement': {
        const b = e.edit.body;
        const f = {
          ...common,
          id: newId(),
          kind: 'agreement',
          parties: b.parties,
          date: String(y),
          ...(b.to !== undefined ? { to: String(b.to) } : {}),
          subtype: b.subtype,
          summary: b.summary,
        } as LocatedFact;
        facts.push(f);
        added.push(f.id);
        break;
      }
      case 'round_format': {
        const b = e.edit.body;
        facts.forEach((f, i) => {
          if (!f || f.kind !== 'negotiation' || f.conflict !== b.conflict || yearOf(f.date) < y) return;
          if (f.format === b.format && f.mediators.join() === b.mediators.join()) return;
          const next = {
            ...f,
            format: b.format,
            mediators: b.mediators,
            note: `${f.note ? `${f.note} ` : ''}[format changed by scenario ${e.id}]`,
          } as LocatedFact;
          facts[i] = next;
          if (indexOf.get(f.id) === i) changed.push(f.id);
        });
        break;
      }
      case 'ideal_point': {
        const b = e.edit.body;
        const c = ccode(b.state);
        if (c === undefined) break;
        const pole = base.config.poles.find((p) => p.id === b.toward);
        const target = ccode(pole ? pole.leader : b.toward);
        if (!idealOwn.size) ideal = new Map(ideal);
        if (!idealOwn.has(c)) {
          ideal.set(c, new Map(ideal.get(c) ?? []));
          idealOwn.add(c);
        }
        const own = ideal.get(c)!;
        for (const [yr, p] of own) {
          if (yr < y) continue;
          const t =
            target === undefined ? undefined : (ideal.get(target) ?? base.ideal.data.get(target))?.get(yr);
          if (!t) continue;
          const shift = b.fraction * (t.ip - p.ip);
          own.set(yr, {
            ip: p.ip + shift,
            lo: p.lo + shift,
            hi: p.hi + shift,
            votes: p.votes,
          } satisfies IdealPoint);
        }
        break;
      }
      case 'arms_scale':
      case 'arms_redirect': {
        const b = e.edit.body as {
          recipient: string;
          supplier?: string;
          factor?: number;
          from?: string;
          to?: string;
          share?: number;
        };
        const r = ccode(b.recipient);
        if (r === undefined) break;
        if (!armsOwn.size) arms = new Map(arms);
        if (!armsOwn.has(r)) {
          arms.set(r, new Map(arms.get(r) ?? []));
          armsOwn.add(r);
        }
        const byYear = arms.get(r)!;
        for (const [yr, bySupplier] of byYear) {
          if (yr < y) continue;
          const next = new Map(bySupplier);
          if (e.edit.op === 'arms_scale') {
            const s = b.supplier ? ccode(b.supplier) : undefined;
            for (const [sup, tiv] of next) if (s === undefined || sup === s) next.set(sup, tiv * b.factor!);
          } else {
            const from = ccode(b.from!)!,
              to = ccode(b.to!)!;
            const moved = (next.get(from) ?? 0) * b.share!;
            if (moved > 0) {
              next.set(from, (next.get(from) ?? 0) - moved);
              next.set(to, (next.get(to) ?? 0) + moved);
            }
          }
          byYear.set(yr, next);
        }
        break;
      }
      case 'corridor':
        corridorSteps.push({
          year: y,
          to: e.edit.body.to ?? Infinity,
          scenario: e.edit.body.scenario,
          edits: e.edit.body.edits,
          id: e.id,
        });
        break;
    }
  }
  const kb = new KnowledgeBase(
    base.kb.dir,
    base.kb.sources,
    base.kb.organisations,
    base.kb.states,
    facts.filter((f): f is LocatedFact => f !== null),
  );
  const segments: TransitSchedule['segments'] = [{ from: -Infinity, transit: baseTransit, corridor: null }];
  const years = [...new Set(corridorSteps.flatMap((s) => [s.year, s.to + 1]))]
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  for (const yr of years) {
    const steps = corridorSteps.filter((s) => s.year <= yr && yr <= s.to);
    if (!steps.length) {
      segments.push({ from: yr, transit: baseTransit, corridor: null });
      continue;
    }
    const label = `${scenario.id} (${steps.map((s) => s.id).join(', ')})`;
    segments.push({
      from: yr,
      transit: corridorTransitFor(
        steps.map(({ scenario: sc, edits: ed }) => ({ scenario: sc, edits: ed })),
        baseTransit?.from ?? base.config.corridorFrom,
        label,
      ),
      corridor: label,
    });
  }
  return {
    inputs: {
      ...base,
      kb,
      ideal: ideal === base.ideal.data ? base.ideal : { ...base.ideal, data: ideal },
      arms: arms === base.arms.data ? base.arms : { ...base.arms, data: arms },
    },
    transit: { segments },
    facts: { added, ended, changed },
  };
}

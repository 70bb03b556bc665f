import { covers, obligationKey, type FrameworkInputs } from '../inputs.ts';
import { ccodeOf, inForce, iso3Of, poleOf } from '../facts.ts';
import type { ComponentResult, Provenance } from '../types.ts';

export interface Commitment {
  /** Who would defend the state (a state ISO3 or an organisation id). */
  provider: string;
  /** The pole the provider belongs to, if any. */
  pole: string | null;
  obligation: string;
  weight: number;
  source: 'atop' | 'kb';
  fact?: string;
  /** ATOP alliance ids behind the pledge. */
  alliances?: number[];
}

export interface CommitmentsDetail {
  fromPoles: Commitment[];
  regional: Commitment[];
  strongestPole: string | null;
  strongestWeight: number;
  /** ATOP's last year when the year lies beyond it and its obligations were carried forward. */
  carriedFrom: number | null;
}

/**
 * Principle 1, "no security guarantee from any pole": 1 − the strongest obligation a great-power
 * pole holds toward the state (backed defence pledge or alliance membership 1, collective pledge or
 * consented base 0.5, consultation 0.35, …). Pacts with
 * regional allies are recorded apart and do not lower the score, as the article separates them.
 */
export function commitments(
  inp: FrameworkInputs,
  ccode: number,
  year: number,
): ComponentResult & { detail: CommitmentsDetail } {
  const iso3 = iso3Of(inp, ccode);
  const w = inp.config.obligationWeights;
  const found: Commitment[] = [];
  const provenance: Provenance[] = [];

  // ATOP ends in 2018: beyond it, obligations in force at its end are assumed to continue (treaties
  // rarely lapse silently); the knowledge base records later ends and new pacts.
  let carriedFrom: number | null = null;
  if (inp.atop.covers && year >= 1815) {
    const atopYear = covers(inp.atop, year) ? year : year > inp.atop.covers[1] ? inp.atop.covers[1] : null;
    if (atopYear !== null) {
      if (atopYear !== year) carriedFrom = atopYear;
      for (const r of inp.registry.states) {
        if (r.ccode === ccode) continue;
        const o = inp.atop.data.get(obligationKey(r.ccode, ccode, atopYear));
        if (!o) continue;
        const kind = o.backed
          ? 'defence'
          : o.defense
            ? 'collective-defence'
            : o.consultation
              ? 'consultation'
              : o.neutrality
                ? 'neutrality'
                : o.nonaggression
                  ? 'non-aggression'
                  : null;
        if (!kind) continue;
        const provider = r.iso3 ?? String(r.ccode);
        found.push({
          provider,
          pole: poleOf(inp, provider) ?? null,
          obligation: kind,
          weight: w[kind],
          source: 'atop',
          alliances: o.alliances,
        });
      }
      provenance.push({
        ...inp.atop.provenance,
        note: carriedFrom
          ? `obligations in force in ${carriedFrom} carried forward to ${year}`
          : `obligations toward the state in ${year}`,
      });
    }
  }

  if (iso3) {
    const facts = inForce(
      inp.kb,
      'security',
      year,
      (f) => f.recipient === iso3 && f.host_consent && f.provider !== iso3,
    );
    for (const f of facts) {
      const kind = f.obligation === 'basing' ? 'basing' : f.obligation;
      found.push({
        provider: f.provider,
        pole: poleOf(inp, f.provider) ?? null,
        obligation: kind,
        weight: w[kind],
        source: 'kb',
        fact: f.id,
      });
    }
    // Membership of a pole's alliance (NATO, CSTO) is a guarantee from that pole while it lasts.
    const alliances = inForce(
      inp.kb,
      'membership',
      year,
      (m) =>
        m.state === iso3 &&
        (m.role === 'member' || m.role === 'founding-member') &&
        inp.kb.orgById.get(m.org)?.kind === 'alliance',
    );
    for (const m of alliances)
      found.push({
        provider: m.org,
        pole: poleOf(inp, m.org) ?? null,
        obligation: 'defence',
        weight: w.defence,
        source: 'kb',
        fact: m.id,
      });
    const ids = [...facts.map((f) => f.id), ...alliances.map((m) => m.id)];
    if (ids.length) provenance.push({ facts: ids });
  }

  const isPoleLeader = inp.config.poles.some((p) => ccodeOf(inp, p.leader) === ccode);
  const fromPoles = found
    .filter((c) => c.pole !== null && !(isPoleLeader && poleOf(inp, iso3 ?? '') === c.pole))
    .sort((a, b) => b.weight - a.weight);
  const regional = found.filter((c) => c.pole === null && c.weight >= w.consultation);
  const strongest = fromPoles[0];
  if (!inp.atop.covers && !iso3)
    return {
      value: null,
      explanation: ['no alliance data and no knowledge-base facts for this state'],
      provenance,
      detail: { fromPoles, regional, strongestPole: null, strongestWeight: 0, carriedFrom },
    };

  const explanation: string[] = [];
  if (strongest) {
    explanation.push(
      `${strongest.obligation} obligation from ${strongest.provider} (${strongest.pole} pole` +
        (strongest.fact ? `, fact ${strongest.fact}` : `, ATOP alliance ${strongest.alliances?.join(', ')}`) +
        ')',
    );
  } else {
    explanation.push('no security guarantee from any great-power pole');
  }
  if (regional.length)
    explanation.push(
      'pacts with regional allies kept apart: ' +
        `${[...new Set(regional.map((c) => `${c.provider} (${c.obligation})`))].join(', ')}`,
    );
  if (carriedFrom) explanation.push(`ATOP ends in ${carriedFrom}; its obligations are carried forward`);
  return {
    value: 1 - (strongest?.weight ?? 0),
    explanation,
    provenance,
    detail: {
      fromPoles,
      regional,
      strongestPole: strongest?.pole ?? null,
      strongestWeight: strongest?.weight ?? 0,
      carriedFrom,
    },
  };
}

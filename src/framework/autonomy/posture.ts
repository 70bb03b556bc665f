import { inForce, iso3Of, poleOf, type FactOf } from '../facts.ts';
import type { FrameworkInputs } from '../inputs.ts';
import type { CommitmentsDetail } from '../commitments/index.ts';

/** Stable ids (a public contract: never rename). `great-power` is a pole leader itself. */
export const POSTURES = [
  'aligned',
  'integration-seeking',
  'balanced',
  'strategic-autonomy',
  'neutral',
  'great-power',
] as const;
export type Posture = (typeof POSTURES)[number];

/** The thresholds of the rules, documented in docs/METHODOLOGY.md; overridable for sensitivity runs. */
export interface PostureRules {
  /**
   * An obligation from a pole at least this strong (consented base 0.75, defence pact 1) makes a state
   * aligned.
   */
  alignedObligation: number;
  /** Strategic autonomy needs all of these on the 0–1 component scales. */
  minIndex: number;
  minVoice: number;
  minMediation: number;
  minCapability: number;
  minGatekeeper: number;
}

export const defaultRules: PostureRules = {
  alignedObligation: 0.75,
  minIndex: 0.5,
  minVoice: 0.6,
  minMediation: 0.5,
  minCapability: 0.5,
  minGatekeeper: 0.25,
};

/** What does not vary across Monte Carlo draws: formal ties and declared stances. */
export interface StructuralFacts {
  poleLeader: string | null;
  guarantee: { pole: string; weight: number; provider: string } | null;
  integration: Array<{ target: string; pole: string; how: string; fact: string }>;
  neutrality: Array<{ fact: string; title: string }>;
}

const INTEGRATION_ROLES = new Set(['candidate', 'applicant']);

export function structuralFacts(
  inp: FrameworkInputs,
  ccode: number,
  year: number,
  commitments: CommitmentsDetail | Record<string, unknown>,
): StructuralFacts {
  const iso3 = iso3Of(inp, ccode);
  const leader = inp.config.poles.find((p) => inp.registry.byIso3(p.leader)?.ccode === ccode);
  const detail = commitments as Partial<CommitmentsDetail>;
  const strongest = detail.fromPoles?.[0];
  const integration: StructuralFacts['integration'] = [];
  const neutrality: StructuralFacts['neutrality'] = [];
  if (iso3) {
    const towardPole = (actor: string) => poleOf(inp, actor);
    for (const m of inForce(
      inp.kb,
      'membership',
      year,
      (f) => f.state === iso3 && INTEGRATION_ROLES.has(f.role),
    )) {
      const pole = towardPole(m.org);
      if (pole) integration.push({ target: m.org, pole, how: m.role, fact: m.id });
    }
    // An association agreement is an integration path from signature on (agreements are dated events).
    for (const a of inp.kb.factsOfKind('agreement')) {
      if (
        a.subtype !== 'association-agreement' ||
        Number(a.date.slice(0, 4)) > year ||
        (a.to && Number(a.to.slice(0, 4)) < year) ||
        !a.parties.includes(iso3)
      )
        continue;
      const other = a.parties.find((p) => p !== iso3);
      const pole = other ? towardPole(other) : undefined;
      if (other && pole && !integration.some((i) => i.target === other && i.how === 'association agreement'))
        integration.push({ target: other, pole, how: 'association agreement', fact: a.id });
    }
    for (const d of inForce(inp.kb, 'doctrine', year, (f) => f.state === iso3) as FactOf<'doctrine'>[]) {
      if (d.stance === 'integration' && d.target) {
        const pole = towardPole(d.target);
        if (pole) integration.push({ target: d.target, pole, how: `declared goal (${d.title})`, fact: d.id });
      }
      if (d.stance === 'neutrality') neutrality.push({ fact: d.id, title: d.title });
    }
  }
  return {
    poleLeader: leader?.id ?? null,
    guarantee: strongest
      ? { pole: strongest.pole ?? '', weight: strongest.weight, provider: strongest.provider }
      : null,
    integration,
    neutrality,
  };
}

export interface PostureInputs {
  index: number | null;
  voice: number | null;
  mediation: number | null;
  /**
   * Why mediation is null: 'not-applicable' (no conflict: the marker is met vacuously) or 'unknown'
   * (an armed conflict without recorded rounds: the marker cannot be shown, so it is not met).
   * Absent: read as not applicable, as before the distinction existed.
   */
  mediationStatus?: 'not-applicable' | 'unknown';
  capability: number | null;
  gatekeeper: number | null;
}

/**
 * The classifier: documented rules applied in order, each naming the evidence that decided it.
 * 1 a pole leader is a great power; 2 a guarantee from a pole at or above the aligned threshold makes
 * a state aligned with that pole; 3 a path into a pole's institutions (candidate, applicant,
 * association agreement, declared membership goal) makes it integration-seeking; 4 a declared
 * neutrality makes it neutral; 5 otherwise it is balanced, or strategic autonomy when it also shows
 * the article's markers (a say where it engages, regional handling of its conflicts, the wherewithal
 * against its rivals, a gatekeeper role, and an index above the bar).
 */
export function classify(
  s: StructuralFacts,
  v: PostureInputs,
  rules: PostureRules = defaultRules,
): { posture: Posture; reasons: string[] } {
  if (s.poleLeader)
    return { posture: 'great-power', reasons: [`leads the ${s.poleLeader} pole in this configuration`] };
  if (s.guarantee && s.guarantee.weight >= rules.alignedObligation) {
    return {
      posture: 'aligned',
      reasons: [
        `security guarantee from the ${s.guarantee.pole} pole (` +
          `${s.guarantee.provider}, strength ${s.guarantee.weight})`,
      ],
    };
  }
  if (s.integration.length) {
    const first = s.integration[0]!;
    return {
      posture: 'integration-seeking',
      reasons: [
        `seeks integration with the ${first.pole} pole: ` +
          `${s.integration.map((i) => `${i.how} with ${i.target} (${i.fact})`).join('; ')}`,
      ],
    };
  }
  if (s.neutrality.length)
    return {
      posture: 'neutral',
      reasons: [`declared neutrality: ${s.neutrality.map((n) => `${n.title} (${n.fact})`).join('; ')}`],
    };
  const checks: Array<[boolean, string]> = [
    [
      v.index !== null && v.index >= rules.minIndex,
      `index ${fmt(v.index)} ${v.index !== null && v.index >= rules.minIndex ? '≥' : '<'} ${rules.minIndex}`,
    ],
    [
      v.voice !== null && v.voice >= rules.minVoice,
      `voice ${fmt(v.voice)} ${v.voice !== null && v.voice >= rules.minVoice ? '≥' : '<'}` +
        ` ${rules.minVoice}${v.voice === null ? ' (missing)' : ''}`,
    ],
    [
      v.mediation === null ? v.mediationStatus !== 'unknown' : v.mediation >= rules.minMediation,
      v.mediation === null
        ? v.mediationStatus === 'unknown'
          ? 'handling of its armed conflict unknown (no conflict-management rounds recorded)'
          : 'no conflict to judge (principle 2 not applicable)'
        : `direct/regional handling of conflicts ${fmt(v.mediation)} ` +
          `${v.mediation >= rules.minMediation ? '≥' : '<'} ${rules.minMediation}`,
    ],
    [
      v.capability === null || v.capability >= rules.minCapability,
      v.capability === null
        ? 'capability data missing'
        : `capability vs rivals ${fmt(v.capability)} ` +
          `${v.capability >= rules.minCapability ? '≥' : '<'} ${rules.minCapability}`,
    ],
    [
      v.gatekeeper !== null && v.gatekeeper >= rules.minGatekeeper,
      `gatekeeper role ${fmt(v.gatekeeper)} ` +
        `${v.gatekeeper !== null && v.gatekeeper >= rules.minGatekeeper ? '≥' : '<'}` +
        ` ${rules.minGatekeeper}`,
    ],
  ];
  const failed = checks.filter(([ok]) => !ok).map(([, why]) => why);
  const base = 'no guarantee from a pole, no integration path, no declared neutrality';
  if (failed.length === 0)
    return { posture: 'strategic-autonomy', reasons: [base, ...checks.map(([, why]) => why)] };
  return { posture: 'balanced', reasons: [base, `short of strategic autonomy: ${failed.join('; ')}`] };
}

const fmt = (x: number | null) => (x === null ? '—' : x.toFixed(2));

import type { ScenarioRun } from '../corridors/index.ts';
import type { FrameworkInputs } from '../inputs.ts';
import { eventsIn, iso3Of, poleOf } from '../facts.ts';
import type { ComponentResult, Provenance } from '../types.ts';

/** Transit through each country in the corridor model's assignment, as a share of the busiest one. */
export interface TransitInput {
  byCountry: Map<string, number>;
  provenance: Provenance;
  from: number;
}

export function transitInput(run: ScenarioRun, from: number, scenarioId: string | null = null): TransitInput {
  const byCountry = new Map(run.assignment.transit.map((t) => [t.country, t.mt] as const));
  const legSources = 'kb/corridors (legs, capacities, demands)';
  return {
    byCountry,
    from,
    provenance: {
      dataset: 'corridor model',
      note:
        `${legSources}${scenarioId ? `, scenario ${scenarioId}` : ', baseline'}` +
        ': Mt of OD flows crossing each country',
    },
  };
}

/** Network bridging between opposing blocs in a year (from the interconnector measures), 0–1 per state. */
export interface BridgingInput {
  byState: Map<string, number>;
  provenance: Provenance[];
}

/**
 * Principle 3, "gatekeeper, interconnector and transit hub": the mean of (a) hosting of talks between
 * others over the event window — 1 per round whose parties span two or more poles, 0.5 otherwise,
 * half for an offer of good offices, capped at 2 rounds = 1 —, (b) the country's corridor transit
 * relative to the busiest transit country (from the corridor model, for the years it stands for)
 * and (c) its bridging between the West-leaning and China/Russia-leaning blocs in the multiplex
 * network (shortest paths and open two-paths between them through the state), where blocs exist.
 */
export function gatekeeper(
  inp: FrameworkInputs,
  ccode: number,
  year: number,
  transit: TransitInput | null,
  bridging: BridgingInput | null = null,
): ComponentResult {
  const iso3 = iso3Of(inp, ccode);
  if (!iso3)
    return {
      value: null,
      explanation: ['no ISO3 code: outside the knowledge base and corridor model'],
      provenance: [],
      detail: {},
    };
  const w = inp.config.eventWindow;
  const hosted = eventsIn(
    inp.kb,
    'hosting',
    year,
    w,
    (f) => f.host === iso3 && f.parties.filter((p) => p !== iso3).length >= 2,
  );
  const weighted = hosted.map((f) => {
    const poles = new Set(f.parties.map((p) => poleOf(inp, p)).filter(Boolean));
    return {
      id: f.id,
      date: f.date,
      parties: f.parties,
      weight: (poles.size >= 2 ? 1 : 0.5) * (f.subtype === 'good-offices-offer' ? 0.5 : 1),
      acrossPoles: poles.size >= 2,
    };
  });
  const hosting = Math.min(1, weighted.reduce((s, h) => s + h.weight, 0) / 2);
  const parts = [hosting];
  const explanation = [
    hosted.length
      ? `${year - w}–${year}: hosted ${hosted.length} round(s) of talks between ` +
        `others (${weighted.filter((h) => h.acrossPoles).length} across poles)`
      : `${year - w}–${year}: no hosting of talks between others recorded`,
  ];
  const provenance: Provenance[] = hosted.length ? [{ facts: hosted.map((h) => h.id) }] : [];
  let transitShare: number | null = null;
  if (transit && year >= transit.from) {
    const max = Math.max(0, ...transit.byCountry.values());
    transitShare = max > 0 ? (transit.byCountry.get(iso3) ?? 0) / max : 0;
    parts.push(transitShare);
    explanation.push(
      `corridor transit ${(transit.byCountry.get(iso3) ?? 0).toFixed(1)} Mt, ` +
        `${(transitShare * 100).toFixed(0)}% of the busiest transit country`,
    );
    provenance.push(transit.provenance);
  }
  let bridgingScore: number | null = null;
  if (bridging) {
    bridgingScore = bridging.byState.get(iso3) ?? null;
    if (bridgingScore !== null) {
      parts.push(bridgingScore);
      explanation.push(
        `bridging between the opposing blocs ${bridgingScore.toFixed(2)}` +
          ` (multiplex network, relative to the year's strongest bridge)`,
      );
      provenance.push(...bridging.provenance);
    }
  }
  return {
    value: parts.reduce((a, b) => a + b, 0) / parts.length,
    explanation,
    provenance,
    detail: { hosting, hosted: weighted, transitShare, bridging: bridgingScore },
  };
}

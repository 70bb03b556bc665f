import { covers, type FrameworkInputs } from '../inputs.ts';
import { ccodeOf, iso3Of } from '../facts.ts';
import type { ComponentResult } from '../types.ts';

/**
 * The state's rivals: the other sides of the conflicts it negotiates in the knowledge base, or,
 * when it has none, its land neighbours that are not pole leaders (COW contiguity).
 */
export function rivalsOf(
  inp: FrameworkInputs,
  ccode: number,
  year: number,
): { rivals: number[]; basis: string } {
  const iso3 = iso3Of(inp, ccode);
  const fromConflicts = new Set<number>();
  if (iso3) {
    for (const f of inp.kb.factsOfKind('negotiation')) {
      if (Number(f.date.slice(0, 4)) > year || !(f.parties.includes(iso3) || f.declined.includes(iso3)))
        continue;
      for (const p of [...f.parties, ...f.declined]) {
        const c = p === iso3 ? undefined : ccodeOf(inp, p);
        if (c !== undefined) fromConflicts.add(c);
      }
    }
  }
  if (fromConflicts.size)
    return { rivals: [...fromConflicts], basis: 'conflict counterparts (knowledge base)' };
  const poleLeaders = new Set(inp.config.poles.flatMap((p) => ccodeOf(inp, p.leader) ?? []));
  const cy = inp.contiguity.covers ? Math.min(year, inp.contiguity.covers[1]) : year;
  return {
    rivals: (inp.contiguity.data.get(ccode)?.get(cy) ?? []).filter((c) => !poleLeaders.has(c)),
    basis: 'land neighbours other than pole leaders (COW contiguity)',
  };
}

/**
 * Wherewithal: material capability relative to rivals. relative = CINC / (CINC + strongest rival's
 * CINC): 0.5 is parity, above it superiority. Score = 0.7·relative + 0.3·(the state's percentile of
 * CINC that year), so a state strong against its rivals but small in the world is not rated as a
 * great power.
 */
export function capability(inp: FrameworkInputs, ccode: number, year: number): ComponentResult {
  const own = inp.nmc.data.get(ccode)?.get(year)?.cinc;
  if (!covers(inp.nmc, year) || own == null)
    return {
      value: null,
      explanation: [
        `no COW capabilities for ${year} (NMC covers ${inp.nmc.covers?.join('–') ?? 'no years'})`,
      ],
      provenance: [inp.nmc.provenance],
      detail: {},
    };
  const { rivals, basis } = rivalsOf(inp, ccode, year);
  const rivalCinc = rivals
    .map((r) => [r, inp.nmc.data.get(r)?.get(year)?.cinc ?? null] as const)
    .filter((x): x is readonly [number, number] => x[1] !== null);
  const all: number[] = [];
  for (const byYear of inp.nmc.data.values()) {
    const c = byYear.get(year)?.cinc;
    if (c != null) all.push(c);
  }
  const percentile = all.filter((c) => c < own).length / Math.max(1, all.length - 1);
  const strongest = rivalCinc.sort((a, b) => b[1] - a[1])[0];
  const relative = strongest ? own / (own + strongest[1]) : 1;
  const name = (c: number) => inp.registry.byCcode(c)?.iso3 ?? String(c);
  return {
    value: 0.7 * relative + 0.3 * percentile,
    explanation: [
      strongest
        ? `CINC ${own.toExponential(2)} vs strongest rival ` +
          `${name(strongest[0])} ${strongest[1].toExponential(2)} (${basis}): ` +
          `${relative > 0.55 ? 'superiority' : relative >= 0.45 ? 'parity' : 'inferiority'}` +
          ` (${relative.toFixed(2)})`
        : `CINC ${own.toExponential(2)}; no rivals found (${basis})`,
      `CINC percentile among states in ${year}: ${(percentile * 100).toFixed(0)}`,
    ],
    provenance: [
      { ...inp.nmc.provenance, note: `CINC of the state and its rivals, ${year}` },
      ...(basis.includes('COW') ? [inp.contiguity.provenance] : []),
    ],
    detail: {
      cinc: own,
      rivals: Object.fromEntries(rivalCinc.map(([r, c]) => [name(r), c])),
      relative,
      percentile,
      basis,
    },
  };
}

import { covers, type FrameworkInputs } from '../inputs.ts';
import { ccodeOf, iso3Of } from '../facts.ts';
import { conflictsIn } from '../mediation/conflicts.ts';
import type { ComponentResult } from '../types.ts';

/**
 * The state's rivals: the other sides of the conflicts it negotiates in the knowledge base and the
 * states on the opposite side of its UCDP armed conflicts over the event window, or, when it has
 * none, its land neighbours that are not pole leaders (COW contiguity).
 */
export function rivalsOf(
  inp: FrameworkInputs,
  ccode: number,
  year: number,
  /** Keeps only rivals with data; when none of the conflict rivals has any, the neighbours are used. */
  usable: (rival: number) => boolean = () => true,
): { rivals: number[]; basis: string } {
  const iso3 = iso3Of(inp, ccode);
  const fromKb = new Set<number>();
  if (iso3) {
    for (const f of inp.kb.factsOfKind('negotiation')) {
      if (Number(f.date.slice(0, 4)) > year || !(f.parties.includes(iso3) || f.declined.includes(iso3)))
        continue;
      for (const p of [...f.parties, ...f.declined]) {
        const c = p === iso3 ? undefined : ccodeOf(inp, p);
        if (c !== undefined) fromKb.add(c);
      }
    }
  }
  const fromUcdp = new Set(
    conflictsIn(inp.conflicts, ccode, year, inp.config.eventWindow).flatMap((c) => c.opponents),
  );
  fromUcdp.delete(ccode);
  for (const set of [fromKb, fromUcdp]) for (const r of set) if (!usable(r)) set.delete(r);
  const bases = [
    ...(fromKb.size ? ['conflict counterparts (knowledge base)'] : []),
    ...(fromUcdp.size ? ['opposite sides of its armed conflicts (UCDP/PRIO)'] : []),
  ];
  if (bases.length) return { rivals: [...new Set([...fromKb, ...fromUcdp])], basis: bases.join(' and ') };
  const poleLeaders = new Set(inp.config.poles.flatMap((p) => ccodeOf(inp, p.leader) ?? []));
  const cy = inp.contiguity.covers ? Math.min(year, inp.contiguity.covers[1]) : year;
  return {
    rivals: (inp.contiguity.data.get(ccode)?.get(cy) ?? []).filter((c) => !poleLeaders.has(c)),
    basis: 'land neighbours other than pole leaders (COW contiguity)',
  };
}

/**
 * The year's capability values on one scale: COW's CINC where the state has it, else MGP (military
 * expenditure, GDP and population shares) calibrated to CINC. `basis` says which the state's own
 * value is; rivals without CINC in a CINC year take their calibrated MGP.
 */
function capabilityValue(inp: FrameworkInputs, ccode: number, year: number): number | null {
  const cinc = covers(inp.nmc, year) ? inp.nmc.data.get(ccode)?.get(year)?.cinc : null;
  if (cinc != null) return cinc;
  return inp.capabilityProxy.data.get(ccode)?.get(year) ?? null;
}

/** Every state's capability value in a year, sorted; computed once per inputs and year. */
const yearCache = new WeakMap<FrameworkInputs, Map<number, Float64Array>>();
function yearValues(inp: FrameworkInputs, year: number): Float64Array {
  let byYear = yearCache.get(inp);
  if (!byYear) yearCache.set(inp, (byYear = new Map()));
  let values = byYear.get(year);
  if (!values) {
    const out: number[] = [];
    for (const c of new Set([...inp.nmc.data.keys(), ...inp.capabilityProxy.data.keys()])) {
      const v = capabilityValue(inp, c, year);
      if (v != null) out.push(v);
    }
    values = Float64Array.from(out).sort();
    byYear.set(year, values);
  }
  return values;
}

/** How many sorted values are strictly below x (binary search). */
function countBelow(sorted: Float64Array, x: number): number {
  let lo = 0,
    hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Wherewithal: material capability relative to rivals. relative = C / (C + strongest rival's C):
 * 0.5 is parity, above it superiority. Score = 0.7·relative + 0.3·(the state's percentile of C that
 * year), so a state strong against its rivals but small in the world is not rated as a great power.
 * C is CINC to COW's last year and, after it (or where CINC is missing), the calibrated MGP share.
 */
export function capability(inp: FrameworkInputs, ccode: number, year: number): ComponentResult {
  const cinc = covers(inp.nmc, year) ? inp.nmc.data.get(ccode)?.get(year)?.cinc : null;
  const own = capabilityValue(inp, ccode, year);
  const proxy = inp.capabilityProxy;
  if (own == null)
    return {
      value: null,
      explanation: [
        `no capability data for ${year} (COW NMC covers ${inp.nmc.covers?.join('–') ?? 'no years'}; ` +
          `the SIPRI/World Bank MGP share ${proxy.covers?.join('–') ?? 'is not loaded'})`,
      ],
      provenance: [inp.nmc.provenance, ...proxy.provenance],
      detail: {},
    };
  const onCinc = cinc != null;
  const measure = onCinc ? 'CINC' : 'MGP (calibrated to CINC)';
  const { rivals, basis } = rivalsOf(inp, ccode, year, (r) => capabilityValue(inp, r, year) !== null);
  const rivalC = rivals
    .map((r) => [r, capabilityValue(inp, r, year)] as const)
    .filter((x): x is readonly [number, number] => x[1] !== null);
  const all = yearValues(inp, year);
  const percentile = countBelow(all, own) / Math.max(1, all.length - 1);
  const strongest = rivalC.sort((a, b) => b[1] - a[1])[0];
  const relative = strongest ? own / (own + strongest[1]) : 1;
  const name = (c: number) => inp.registry.byCcode(c)?.iso3 ?? String(c);
  const fit = proxy.fit;
  const parts = onCinc ? null : (proxy.parts.get(ccode)?.get(year) ?? null);
  return {
    value: 0.7 * relative + 0.3 * percentile,
    explanation: [
      strongest
        ? `${measure} ${own.toExponential(2)} vs strongest rival ` +
          `${name(strongest[0])} ${strongest[1].toExponential(2)} (${basis}): ` +
          `${relative > 0.55 ? 'superiority' : relative >= 0.45 ? 'parity' : 'inferiority'}` +
          ` (${relative.toFixed(2)})`
        : `${measure} ${own.toExponential(2)}; no rivals found (${basis})`,
      `capability percentile among states in ${year}: ${(percentile * 100).toFixed(0)}`,
      ...(onCinc || !fit
        ? []
        : [
            `no CINC for ${year}: MGP share of ${parts?.join(', ') ?? '—'} ` +
              `calibrated to CINC (log-log fit ` +
              `${fit.years.join('–')}, r = ${fit.rLog.toFixed(3)} over ${fit.n} state-years)` +
              (parts && parts.length < 3 ? `; military expenditure missing, so two of three indicators` : ''),
          ]),
    ],
    provenance: [
      onCinc
        ? { ...inp.nmc.provenance, note: `CINC of the state and its rivals, ${year}` }
        : { note: `no CINC for ${year}: MGP share (SIPRI milex, WDI GDP and population)` },
      ...(onCinc ? [] : proxy.provenance),
      ...(basis.includes('UCDP') ? [inp.conflicts.provenance] : []),
      ...(basis.includes('COW') ? [inp.contiguity.provenance] : []),
    ],
    detail: {
      measure: onCinc ? 'cinc' : 'mgp',
      value: own,
      ...(onCinc ? { cinc: own } : { mgp_parts: parts }),
      rivals: Object.fromEntries(rivalC.map(([r, c]) => [name(r), c])),
      relative,
      percentile,
      basis,
    },
  };
}

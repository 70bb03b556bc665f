import { ccodeOf } from '../facts.ts';
import type { FrameworkInputs, IdealPoint } from '../inputs.ts';
import { missing, type ComponentResult } from '../types.ts';

export interface AlignmentDetail {
  idealPoint: number;
  interval: [number, number];
  votes: number;
  /** Distance to each pole leader's ideal point. */
  distances: Record<string, number>;
  nearestPole: string;
  /** 1 when as far from the western pole as from the nearest eastern one, 0 when on one pole. */
  equidistance: number;
  /** Whose ideal points: BSV's published ones, or ours put on BSV's scale (after BSV's file ends). */
  source: 'bsv' | 'own-mapped';
}

/**
 * Principle 1, "no alignment with one pole against another", from UNGA ideal points (Bailey,
 * Strezhnev & Voeten): equidistance = 1 − |d_first − d_nearest other| / (d_first + d_nearest other),
 * where d are ideal-point distances to the pole leaders and "first" is the first configured pole.
 */
export function alignmentComponent(
  inp: FrameworkInputs,
  ccode: number,
  year: number,
  draw?: (p: IdealPoint) => number,
): ComponentResult & { detail: AlignmentDetail | Record<string, never> } {
  const own = inp.ideal.data.get(ccode)?.get(year);
  if (!own)
    return missing(
      inp.ideal.covers && year <= inp.ideal.covers[1]
        ? `no UNGA ideal point for ${year} (no recorded votes)`
        : `UNGA ideal points end in ${inp.ideal.covers?.[1] ?? '—'}`,
      [inp.ideal.provenance],
    ) as ComponentResult & { detail: Record<string, never> };
  const position = draw ? draw(own) : own.ip;
  const distances: Record<string, number> = {};
  for (const pole of inp.config.poles) {
    const c = ccodeOf(inp, pole.leader);
    const p = c === undefined ? undefined : inp.ideal.data.get(c)?.get(year);
    if (p) distances[pole.id] = Math.abs(position - (draw ? draw(p) : p.ip));
  }
  const [first, ...others] = inp.config.poles.map((p) => p.id).filter((id) => distances[id] !== undefined);
  if (!first || others.length === 0)
    return missing(`pole ideal points missing for ${year}`, [inp.ideal.provenance]) as ComponentResult & {
      detail: Record<string, never>;
    };
  // A year is on one source throughout: ours are used only after BSV's last year, for every state.
  const source = own.source ? 'own-mapped' : 'bsv';
  const dFirst = distances[first]!;
  const nearestOther = others.reduce((a, b) => (distances[a]! <= distances[b]! ? a : b));
  const dOther = distances[nearestOther]!;
  const equidistance = dFirst + dOther === 0 ? 1 : 1 - Math.abs(dFirst - dOther) / (dFirst + dOther);
  const nearestPole = dFirst <= dOther ? first : nearestOther;
  return {
    value: equidistance,
    explanation: [
      `UNGA ideal point ${position.toFixed(2)} (${own.votes} votes): distance ` +
        `${dFirst.toFixed(2)} to the ${first} pole, ${dOther.toFixed(2)} to the ${nearestOther}` +
        ` pole; closest to ${nearestPole}; equidistance ${equidistance.toFixed(2)}`,
      ...(own.source
        ? [`${year} is after BSV's published estimates: our own ideal points, mapped to BSV's scale`]
        : []),
    ],
    provenance: [
      own.source
        ? {
            ...own.source,
            note: `ideal points of the state and the pole leaders, ${year}: ${own.source.note}`,
          }
        : {
            ...inp.ideal.provenance,
            rows: own.votes,
            note: `BSV's published ideal points of the state and the pole leaders, ${year}`,
          },
    ],
    detail: {
      idealPoint: position,
      interval: [own.lo, own.hi],
      votes: own.votes,
      distances,
      nearestPole,
      equidistance,
      source,
    },
  };
}

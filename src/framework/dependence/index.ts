import { covers, obligationKey, type FrameworkInputs } from '../inputs.ts';
import { ccodeOf } from '../facts.ts';
import type { ComponentResult } from '../types.ts';

/** Herfindahl–Hirschman index of shares (0 = spread over many, 1 = one partner). */
export function hhi(values: Iterable<number>): number {
  const list = [...values];
  const total = list.reduce((a, b) => a + b, 0);
  return total > 0 ? list.reduce((s, v) => s + (v / total) ** 2, 0) : 0;
}

/**
 * The pole a supplier belongs to in a year: a pole leader itself, or a state with a backed defence
 * pledge from exactly one pole leader in ATOP (its last year carried forward); otherwise 'other'.
 */
export function supplierBloc(inp: FrameworkInputs, supplier: number, year: number): string {
  const atopYear = inp.atop.covers ? Math.min(year, inp.atop.covers[1]) : year;
  const blocs: string[] = [];
  for (const pole of inp.config.poles) {
    const leader = ccodeOf(inp, pole.leader);
    if (leader === undefined) continue;
    if (leader === supplier) return pole.id;
    if (inp.atop.data.get(obligationKey(leader, supplier, atopYear))?.backed) blocs.push(pole.id);
  }
  return blocs.length === 1 ? blocs[0]! : 'other';
}

/**
 * Wherewithal: concentration of arms imports (SIPRI TIV delivered over the arms window), by supplier
 * and by the supplier's pole. Score = 1 − (HHI by supplier + largest pole share) / 2. Trade partner
 * concentration is not computed: the COW trade file holds national totals only.
 */
export function dependence(inp: FrameworkInputs, ccode: number, year: number): ComponentResult {
  if (!covers(inp.arms, year))
    return {
      value: null,
      explanation: [`SIPRI arms transfers cover ${inp.arms.covers?.join('–') ?? 'no years (not imported)'}`],
      provenance: [inp.arms.provenance],
      detail: {},
    };
  const w = inp.config.armsWindow;
  const bySupplier = new Map<number, number>();
  for (let y = year - w + 1; y <= year; y++) {
    for (const [s, tiv] of inp.arms.data.get(ccode)?.get(y) ?? [])
      bySupplier.set(s, (bySupplier.get(s) ?? 0) + tiv);
  }
  const total = [...bySupplier.values()].reduce((a, b) => a + b, 0);
  if (total === 0)
    return {
      value: 1,
      explanation: [`no arms imports recorded by SIPRI in ${year - w + 1}–${year}`],
      provenance: [inp.arms.provenance],
      detail: { total: 0 },
    };
  const byBloc = new Map<string, number>();
  for (const [s, tiv] of bySupplier) {
    const b = supplierBloc(inp, s, year);
    byBloc.set(b, (byBloc.get(b) ?? 0) + tiv);
  }
  const supplierHhi = hhi(bySupplier.values());
  const [topBloc, topBlocTiv] = [...byBloc].filter(([b]) => b !== 'other').sort((a, b) => b[1] - a[1])[0] ?? [
    'other',
    0,
  ];
  const blocShare = topBlocTiv / total;
  const [topSupplier, topTiv] = [...bySupplier].sort((a, b) => b[1] - a[1])[0]!;
  const name = (c: number) => inp.registry.byCcode(c)?.iso3 ?? String(c);
  return {
    value: 1 - (supplierHhi + blocShare) / 2,
    explanation: [
      `arms imports ${year - w + 1}–${year}: ${total.toFixed(0)} TIV from ${bySupplier.size} ` +
        `suppliers (largest ${name(topSupplier)} ${((topTiv / total) * 100).toFixed(0)}%), HHI ` +
        `${supplierHhi.toFixed(2)}; ${(blocShare * 100).toFixed(0)}% from the ${topBloc} pole`,
    ],
    provenance: [{ ...inp.arms.provenance, note: `deliveries to the state ${year - w + 1}–${year}` }],
    detail: {
      totalTiv: total,
      suppliers: Object.fromEntries([...bySupplier].map(([s, v]) => [name(s), v])),
      byPole: Object.fromEntries(byBloc),
      supplierHhi,
      largestPoleShare: blocShare,
    },
  };
}

/**
 * Validates the capability component after COW's data end: for the years both exist, the component
 * computed from CINC against the same component computed from the calibrated SIPRI/World Bank share
 * (MGP) alone, over every state. Prints the fit of the share, and the agreement of the two components.
 *   node --import tsx scripts/capability-validation.ts [FROM TO]   (default 2010 2022)
 */
import { capability } from '../src/framework/capability/index.ts';
import { FrameworkSession } from '../src/framework/session.ts';
import { pearson } from '../src/framework/stats.ts';
import { realDataStore } from '../test/helpers/store.ts';

const [from, to] = process.argv.slice(2).map(Number) as [number?, number?];
const { store, kb, registry } = await realDataStore();
const session = await FrameworkSession.open(store, kb, registry);
const inp = session.inputs;
const withoutCinc = { ...inp, nmc: { ...inp.nmc, covers: null } };
const a: number[] = [],
  b: number[] = [];
let same = 0;
for (let year = from ?? 2010; year <= (to ?? 2022); year++) {
  for (const s of registry.inSystem(year)) {
    const x = capability(inp, s.ccode, year).value;
    const y = capability(withoutCinc, s.ccode, year).value;
    if (x === null || y === null) continue;
    a.push(x);
    b.push(y);
    if (x >= 0.5 === y >= 0.5) same++;
  }
}
const fit = inp.capabilityProxy.fit!;
console.log(
  `MGP share vs CINC, ${fit.years.join('–')}: r(log) = ${fit.rLog.toFixed(3)}, r = ${fit.r.toFixed(3)}, ` +
    `n = ${fit.n}; calibration log CINC = ${fit.a.toFixed(3)} + ${fit.b.toFixed(3)} · log MGP`,
);
console.log(
  `capability component from CINC vs from MGP, ${from ?? 2010}–${to ?? 2022}: ` +
    `r = ${pearson(a, b).toFixed(3)} over ${a.length} state-years; ` +
    `same side of the 0.5 posture bar in ${((100 * same) / a.length).toFixed(1)}%`,
);
store.close();

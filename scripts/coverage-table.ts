/**
 * The coverage table of the issue "the present, for every state": for each component, the share of
 * state-years (every state in the system) where it is present, not applicable or unknown, over
 * 2015–2024 and for 2025, and the share of state-years with every applicable component present.
 * Reads only the public run API, so the same script measures any revision.
 *   node --import tsx scripts/coverage-table.ts [--store PATH] [--from 2015 --to 2024]
 */
import { COMPONENTS } from '../src/framework/autonomy/components.ts';
import { FrameworkSession } from '../src/framework/session.ts';
import { loadKnowledgeBase } from '../src/kb/knowledge-base.ts';
import { StateRegistry } from '../src/states/registry.ts';
import { attachSystemSpans } from '../src/states/spans.ts';
import { Store } from '../src/store/store.ts';
import type { ComponentResult } from '../src/framework/types.ts';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1]! : dflt;
};
const store = await Store.open(arg('--store', process.env.INTERCONNECTOR_STORE ?? ''));
const kb = loadKnowledgeBase();
const registry = StateRegistry.fromKnowledgeBase(kb);
await attachSystemSpans(registry, store, kb);
const session = await FrameworkSession.open(store, kb, registry);
const status = (c: ComponentResult) =>
  c.value !== null ? 'present' : (c as { applicable?: boolean }).applicable === false ? 'n/a' : 'unknown';

const periods: Array<[string, number, number]> = [
  [
    `${arg('--from', '2015')}–${arg('--to', '2024')}`,
    Number(arg('--from', '2015')),
    Number(arg('--to', '2024')),
  ],
  ['2025', 2025, 2025],
];
const rows: Array<Record<string, string | number>> = [];
for (const [label, a, b] of periods) {
  const run = session.autonomy({ years: [a, b], draws: 0 });
  const n = run.results.length;
  const pct = (k: number) => `${((100 * k) / Math.max(1, n)).toFixed(1)}%`;
  for (const c of COMPONENTS) {
    const s = run.results.map((r) => status(r.components[c]));
    rows.push({
      period: label,
      component: c,
      present: pct(s.filter((x) => x === 'present').length),
      'not applicable': pct(s.filter((x) => x === 'n/a').length),
      unknown: pct(s.filter((x) => x === 'unknown').length),
    });
  }
  const complete = run.results.filter((r) =>
    COMPONENTS.every((c) => status(r.components[c]) !== 'unknown'),
  ).length;
  const sixOfSeven = run.results.filter(
    (r) => COMPONENTS.filter((c) => r.components[c].value !== null).length >= 6,
  ).length;
  rows.push({
    period: label,
    component: `ALL (${n} state-years)`,
    present: `every applicable present: ${pct(complete)}`,
    'not applicable': `≥ 6 of 7 present: ${pct(sixOfSeven)}`,
    unknown: '',
  });
}
console.table(rows);
store.close();

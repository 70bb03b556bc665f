// Prints the article's reference table as measured (docs/METHODOLOGY.md §6): the posture spans of the
// article's states with the decisive reasons. Run: node --import tsx scripts/reference-table.ts
import { FrameworkSession } from '../src/framework/session.ts';
import { realDataStore } from '../test/helpers/store.ts';

const states = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ['AZE', 'ARM', 'GEO', 'MDA', 'UKR', 'TUR', 'KAZ', 'UZB', 'TKM', 'BLR', 'IRN'];
const { store, kb, registry } = await realDataStore();
const session = await FrameworkSession.open(store, kb, registry);
const run = session.autonomy({ years: [1992, session.latestYear()], draws: 200, seed: 1 });
console.log('| state | posture spans (first–last year) | transitions |');
console.log('|---|---|---|');
for (const state of states) {
  const rows = run.results.filter((r) => r.state === state).sort((a, b) => a.year - b.year);
  const spans: string[] = [];
  let start = rows[0]!;
  for (let i = 1; i <= rows.length; i++) {
    const cur = rows[i];
    if (!cur || cur.posture !== start.posture) {
      const end = rows[i - 1]!;
      spans.push(`${start.posture} ${start.year}${end.year !== start.year ? `–${end.year}` : ''}`);
      if (cur) start = cur;
    }
  }
  const transitions = run.transitions
    .filter((t) => t.state === state)
    .map((t) => `${t.year}: ${t.from} → ${t.to}${t.lasting ? '' : ' (brief)'}`);
  console.log(`| ${state} | ${spans.join('; ')} | ${transitions.join('; ') || '—'} |`);
}
store.close();

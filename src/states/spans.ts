import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import type { Store } from '../store/store.ts';
import type { StateRegistry, SystemSpan } from './registry.ts';

/**
 * Gives the registry its years in the system: COW's spells from the imported `cow_states` dataset,
 * with spells that run to the dataset's last day carried on by the knowledge base's
 * `system-continuation` facts (each cited), so that "today" is never invented.
 */
export async function attachSystemSpans(
  registry: StateRegistry,
  store: Store,
  kb: KnowledgeBase,
): Promise<void> {
  const tables = await store.query<{ n: number }>(
    `SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'cow_state_spans'`,
  );
  if (!tables[0]?.n) return;
  const rows = await store.query<{
    ccode: number;
    start_date: string;
    end_date: string;
    version: string;
    sha256: string;
  }>(`
    SELECT s.ccode, strftime(s.start_date, '%Y-%m-%d') AS start_date,
      strftime(s.end_date, '%Y-%m-%d') AS end_date, l.version, l.sha256
    FROM cow_state_spans s JOIN loads l USING (load_id) ORDER BY s.ccode, s.start_date`);
  if (rows.length === 0) return;
  const lastDate = rows.reduce((max, r) => (r.end_date > max ? r.end_date : max), rows[0]!.end_date);
  // A continuation applies when it starts no later than the year after the dataset's last day.
  const continuations = kb
    .factsOfKind('system-continuation')
    .filter((f) => Number(f.from.slice(0, 4)) <= Number(lastDate.slice(0, 4)) + 1);
  const today = new Date().toISOString().slice(0, 10);
  const extendTo = continuations.reduce<string | null>((max, f) => {
    const end = f.to ?? today;
    return max === null || end > max ? end : max;
  }, null);
  const spans: SystemSpan[] = rows.map((r) => ({
    ccode: r.ccode,
    from: r.start_date,
    to: r.end_date === lastDate && extendTo ? extendTo : r.end_date,
  }));
  registry.setSpans(spans, {
    dataset: 'cow_states',
    version: rows[0]!.version,
    sha256: rows[0]!.sha256,
    lastDate,
    extendedBy: continuations.map((f) => f.id),
  });
}

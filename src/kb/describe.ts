import type { Fact } from './schema.ts';
import type { KnowledgeBase } from './knowledge-base.ts';

const span = (from: string, to?: string) => (to ? `${from} to ${to}` : `from ${from}`);

/** One readable line per fact, built from its fields (so it never drifts from the data). */
export function describeFact(f: Fact, kb: KnowledgeBase): string {
  const org = (id: string) => kb.orgById.get(id)?.name ?? id;
  const who = (ids: string[]) => ids.map((i) => (kb.orgById.has(i) ? org(i) : i)).join(', ');
  switch (f.kind) {
    case 'membership':
      return `${f.state} ${f.role} of ${org(f.org)} (${span(f.from, f.to)})`;
    case 'chairmanship':
      return `${f.state} chairs ${org(f.org)} (${span(f.from, f.to)})`;
    case 'agreement':
      return `${f.subtype} between ${who(f.parties)}: ${f.summary}`;
    case 'security':
      return `${f.subtype} (${f.obligation}) ${f.provider} → ${f.recipient} (${span(f.from, f.to)}): ${f.summary}`;
    case 'negotiation':
      return `${f.format} ${f.level} round ${who(f.parties)}${f.mediators.length ? ` mediated by ${who(f.mediators)}` : ''} in ${f.venue}: ${f.outcome}`;
    case 'hosting':
      return `${f.host} hosts ${f.subtype === 'talks' ? 'talks of' : 'offers good offices to'} ${who(f.parties)}: ${f.summary}`;
    case 'statement':
      return `${f.speaker} (${f.state}) on ${f.topic}: ${f.claim}`;
    case 'resolution':
      return `${f.body} (${f.state}) on ${f.about}${f.binding ? '' : ', non-binding'}: ${f.summary}`;
    case 'aid':
      return `${f.donor} aid${f.amount_usd ? ` of $${(f.amount_usd / 1e6).toFixed(0)}m` : ''}${f.recipients ? ` to ${f.recipients} recipients` : ''} (${span(f.from, f.to)}): ${f.summary}`;
    case 'energy-export':
      return `${f.exporter} → ${who([f.importer])}: ${f.volume} ${f.unit} of ${f.commodity} in ${f.year}${f.route ? ` via ${f.route}` : ''}`;
    case 'doctrine':
      return `${f.state} ${f.title}: ${f.summary}`;
    case 'conflict':
      return `${f.subtype} ${who(f.side_a)}${f.side_b.length ? ` against ${who(f.side_b)}` : ''} (${span(f.from, f.to)}): ${f.summary}`;
    case 'sanctions':
      return `${f.subtype} sanctions by ${who([f.imposer])} on ${f.target} (${span(f.from, f.to)}): ${f.summary}`;
    case 'system-continuation':
      return f.summary;
  }
}

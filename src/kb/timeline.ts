import { coversYear, yearOf } from './dates.ts';
import { describeFact } from './describe.ts';
import { linkFor } from './links.ts';
import { factDate, factStates, type KnowledgeBase, type LocatedFact } from './knowledge-base.ts';

export interface TimelineSource {
  id: string;
  author: string;
  title: string;
  container?: string;
  date?: string;
  accessed?: string;
  url?: string;
}
export interface TimelineEntry {
  date: string;
  to?: string;
  kind: string;
  id: string;
  states: string[];
  text: string;
  claimed_by?: string;
  sources: TimelineSource[];
  where: string;
}

export interface TimelineQuery {
  state?: string;
  from?: number;
  to?: number;
  kinds?: string[];
}

/** The dated facts touching a state (or all), in date order, each with its full sources. */
export function timeline(kb: KnowledgeBase, query: TimelineQuery = {}): TimelineEntry[] {
  return kb.facts
    .filter((f) => matches(f, query))
    .map((f) => ({
      date: factDate(f),
      ...('to' in f && f.to ? { to: f.to } : {}),
      kind: f.kind,
      id: f.id,
      states: factStates(f),
      text: describeFact(f, kb),
      ...(f.claimed_by ? { claimed_by: f.claimed_by } : {}),
      sources: f.sources.map((id) => {
        const { file: _file, line: _line, type: _type, note: _note, url, ...source } = kb.sourceById.get(id)!;
        const link = linkFor(url);
        return link ? { ...source, url: link } : source;
      }),
      where: `${f.file}:${f.line}`,
    }));
}

function matches(f: LocatedFact, q: TimelineQuery): boolean {
  if (q.kinds && !q.kinds.includes(f.kind)) return false;
  if (q.state) {
    const involved =
      factStates(f).includes(q.state) || (f.kind === 'negotiation' && f.mediators.includes(q.state));
    if (!involved) return false;
  }
  if (q.from === undefined && q.to === undefined) return true;
  const start = yearOf(factDate(f));
  const end = 'to' in f && f.to ? yearOf(f.to) : 'from' in f ? undefined : start;
  const from = q.from ?? -Infinity,
    to = q.to ?? Infinity;
  if (end === undefined) return start <= to && coversYear(String(start), undefined, Math.max(from, start));
  return start <= to && end >= from;
}

import { useEffect, useState } from 'preact/hooks';
import { getJson, type Source } from './api.ts';
import { html } from './html.ts';

const known = new Map<string, Promise<Source | null>>();

/** The knowledge base's record of source ids, fetched in one request per batch and kept for the session. */
function lookUp(ids: string[]): Promise<Array<Source | null>> {
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length) {
    const batch = getJson<{ sources: Source[] }>('/api/kb/sources', { ids: missing.join(',') });
    for (const id of missing)
      known.set(
        id,
        batch.then(
          (r) => r.sources.find((s) => s.id === id) ?? null,
          () => null,
        ),
      );
  }
  return Promise.all(ids.map((id) => known.get(id)!));
}

/** Source ids shown as their author, title and date, linked to the source where it has an address. */
export function SourceRefs({ ids }: { ids: string[] }) {
  const [sources, setSources] = useState<Array<Source | null> | null>(null);
  const key = ids.join(',');
  useEffect(() => {
    let live = true;
    void lookUp(ids).then((s) => live && setSources(s));
    return () => {
      live = false;
    };
  }, [key]);
  return html`<span class="source-refs" data-testid="source-refs">
    ${ids.map((id, i) => {
      const s = sources?.[i];
      const text = s ? `${s.author}, “${s.title}”${s.date ? ` (${s.date})` : ''}` : id;
      const url = s?.url && /^https?:\/\/\S+$/i.test(s.url) ? s.url : undefined;
      return html`${i ? '; ' : ''}${
        url
          ? html`<a href=${url} rel="noopener" data-source=${id}>${text}</a>`
          : html`<span data-source=${id}>${text}</span>`
      }`;
    })}
  </span>`;
}

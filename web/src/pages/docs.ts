import { useEffect, useRef, useState } from 'preact/hooks';
import { getJson } from '../api.ts';
import { html } from '../html.ts';

interface DocResponse {
  name: string;
  title: string;
  html: string;
  toc: Array<{ level: number; text: string; id: string }>;
  documents: string[];
}

/** The heading a `section` names: an anchor id, or a number such as 6 or 3.2. */
function sectionHeading(root: HTMLElement, section: string): HTMLElement | null {
  const byId = root.querySelector<HTMLElement>(`[id="${CSS.escape(section)}"]`);
  if (byId) return byId;
  return root.querySelector<HTMLElement>(`[id^="${CSS.escape(section.replace('.', ''))}-"]`);
}

/** The project's documentation (docs/*.md), served and rendered by the API, with section links. */
export function DocsPage({ params }: { params: URLSearchParams }) {
  const name = params.get('doc') || 'METHODOLOGY';
  const section = params.get('section');
  const [doc, setDoc] = useState<DocResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const body = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    setError(null);
    getJson<DocResponse>('/api/docs', { name }).then(
      (d) => live && setDoc(d),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [name]);

  useEffect(() => {
    if (!doc || !section || !body.current) return;
    const h = sectionHeading(body.current, section);
    if (h) {
      h.setAttribute('tabindex', '-1');
      h.scrollIntoView();
      h.focus({ preventScroll: true });
    }
  }, [doc, section]);

  if (error)
    return html`<section class="empty-state" role="alert">
      <h1>Document not found</h1>
      <p class="error">${error}</p>
      <p><a href="#/docs/METHODOLOGY">Open the methodology</a></p>
    </section>`;
  if (!doc || doc.name !== name) return html`<p class="muted" aria-busy="true">Loading the document…</p>`;
  return html`<article class="doc" aria-labelledby="doc-title">
    <p class="muted" id="doc-title">
      Documentation:
      ${doc.documents.map(
        (d, i) =>
          html`${i ? ' · ' : ''}<a href=${`#/docs/${d}`} aria-current=${d === name ? 'page' : undefined}
              >${d}</a
            >`,
      )}
    </p>
    <details class="doc-toc">
      <summary>Contents</summary>
      <ul>
        ${doc.toc.map(
          (t) =>
            html`<li style=${t.level > 2 ? 'margin-left: 1rem' : ''}>
              <a href=${`#/docs/${name}?section=${t.id}`}>${t.text}</a>
            </li>`,
        )}
      </ul>
    </details>
    <div
      class="doc-body"
      ref=${body}
      data-testid="doc-body"
      dangerouslySetInnerHTML=${{ __html: doc.html }}
    ></div>
  </article>`;
}

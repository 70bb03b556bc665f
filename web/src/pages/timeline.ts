import { useEffect, useMemo, useState } from 'preact/hooks';
import { getJson, type StateRow, type TimelineFact, type TimelineResponse } from '../api.ts';
import { html } from '../html.ts';
import { Downloads } from '../downloads.ts';

const kindLabels: Record<string, string> = {
  membership: 'Membership',
  chairmanship: 'Chair',
  agreement: 'Agreement',
  security: 'Security',
  negotiation: 'Negotiation',
  hosting: 'Hosting',
  statement: 'Statement',
  resolution: 'Resolution',
  aid: 'Aid',
  'energy-export': 'Energy',
  doctrine: 'Doctrine',
};

function setHash(params: Record<string, string>): void {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v));
  window.location.hash = `#/timeline${q.size ? `?${q}` : ''}`;
}

function SourceList({ fact }: { fact: TimelineFact }) {
  return html`<ul class="sources">
    ${fact.sources.map(
      (s) => html`<li>
      ${s.author}, ${
        webLink(s.url)
          ? html`<a href=${webLink(s.url)} rel="noreferrer" target="_blank">${s.title}</a>`
          : html`
        <cite>${s.title}</cite>`
      }
        ${s.container ? `, ${s.container}` : ''} (${s.date ?? `accessed ${s.accessed}`})
    </li>`,
    )}
  </ul>`;
}

/** Evidence timeline: the dated, sourced facts of a state, filterable by kind, years and text. */
export function TimelinePage({ params }: { params: URLSearchParams }) {
  const state = params.get('state') ?? 'AZE';
  // A fact's deep link (#/timeline?state=S&fact=ID): that fact is opened, marked and scrolled to.
  const target = params.get('fact');
  const [states, setStates] = useState<StateRow[]>([]);
  const [data, setData] = useState<TimelineResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [kind, setKind] = useState('');
  const [text, setText] = useState('');

  useEffect(() => {
    getJson<{ states: StateRow[] }>('/api/states').then(
      (r) => setStates(r.states.filter((s) => s.iso3)),
      (e: Error) => setError(e.message),
    );
  }, []);
  useEffect(() => {
    setData(null);
    getJson<TimelineResponse>('/api/kb/timeline', { state }).then(setData, (e: Error) => setError(e.message));
  }, [state]);

  useEffect(() => {
    if (!data || !target) return;
    const el = document.getElementById(`fact-${target}`);
    if (el) {
      el.setAttribute('tabindex', '-1');
      el.scrollIntoView({ block: 'center' });
      el.focus({ preventScroll: true });
    }
  }, [data, target]);

  const facts = useMemo(() => {
    const needle = text.trim().toLowerCase();
    return (data?.facts ?? []).filter(
      (f) => (!kind || f.kind === kind) && (!needle || f.text.toLowerCase().includes(needle)),
    );
  }, [data, kind, text]);
  const kindsPresent = useMemo(() => [...new Set((data?.facts ?? []).map((f) => f.kind))].sort(), [data]);

  return html`<section aria-labelledby="timeline-title">
    <h1 id="timeline-title">Evidence timeline${
      data?.state
        ? html`: <span data-testid="state-name">
      ${data.state.name}</span>`
        : ''
    }</h1>
    <form class="filters" onSubmit=${(e: Event) => e.preventDefault()}>
      <label>
        <span id="tl-state-label">State</span>
        <select aria-labelledby="tl-state-label" data-testid="timeline-state" value=${state}
          onChange=${(e: Event) => setHash({ state: (e.target as HTMLSelectElement).value })}>
          ${
            states.length === 0
              ? html`<option value=${state}>${state}</option>`
              : states.map(
                  (s) => html`
            <option value=${s.iso3}>${s.name}</option>`,
                )
          }
        </select>
      </label>
      <label>
        <span id="tl-kind-label">Kind</span>
        <select aria-labelledby="tl-kind-label" value=${kind}
          onChange=${(e: Event) => setKind((e.target as HTMLSelectElement).value)}>
          <option value="">all kinds</option>
          ${kindsPresent.map((k) => html`<option value=${k}>${kindLabels[k] ?? k}</option>`)}
        </select>
      </label>
      <label><span id="tl-search-label">Search</span> <input aria-labelledby="tl-search-label" type="search"
        value=${text} onInput=${(e: Event) => setText((e.target as HTMLInputElement).value)}
        placeholder="e.g. Shusha" /></label>
    </form>
    ${error ? html`<p role="alert" class="error">${error}</p>` : null}
    ${data === null && !error ? html`<p aria-busy="true">Loading…</p>` : null}
    ${
      data
        ? html`<p class="count" data-testid="fact-count">
      ${facts.length} of ${data.count} facts</p>`
        : null
    }
    ${
      data
        ? html`<${Downloads} path="/api/kb/timeline" params=${{ state }}
            what="these facts with their sources" />`
        : null
    }
    ${
      data && target && !data.facts.some((f) => f.id === target)
        ? html`<p class="empty-state" role="status">Fact ${target} is not in ${state}'s timeline.</p>`
        : null
    }
    <ol class="timeline">
      ${facts.map(
        (f) => html`<li class=${`fact kind-${f.kind}${f.id === target ? ' targeted' : ''}`}
        data-testid="fact" id=${`fact-${f.id}`} data-fact=${f.id}>
        <div class="when"><time datetime=${f.date}>${f.date}</time>${
          f.to
            ? html` – <time datetime=${f.to}>
          ${f.to}</time>`
            : ''
        }</div>
        <div class="what">
          <span class="badge">${kindLabels[f.kind] ?? f.kind}</span>
          <p>${f.text}${f.claimed_by ? html` <em>(claim by ${f.claimed_by})</em>` : ''}</p>
          <details open=${f.id === target}><summary>Sources (${f.sources.length})</summary><${SourceList}
            fact=${f} /><p
            class="where">Fact ${f.id}, ${f.where}</p></details>
        </div>
      </li>`,
      )}
    </ol>
  </section>`;
}

/** The server sends only http(s) links; checked again here so that no other scheme ever becomes clickable. */
function webLink(url: string | undefined): string | undefined {
  return url && /^https?:\/\/\S+$/i.test(url) ? url : undefined;
}

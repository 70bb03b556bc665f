import { useEffect, useState } from 'preact/hooks';
import { getJson } from '../api.ts';
import { html } from '../html.ts';
import { Downloads } from '../downloads.ts';

interface Dataset {
  id: string;
  title: string;
  publisher: string;
  version: string;
  years: [number, number];
  citation: string;
  licence: string;
  page: string;
  files: string[];
}

/** The datasets every figure's provenance names, with the publisher's page, citation and licence. */
export function DatasetsPage({ params }: { params: URLSearchParams }) {
  const target = params.get('id');
  const [data, setData] = useState<Dataset[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    getJson<{ datasets: Dataset[] }>('/api/datasets').then(
      (r) => setData(r.datasets),
      (e: Error) => setError(e.message),
    );
  }, []);
  useEffect(() => {
    const el = target ? document.getElementById(`dataset-${target}`) : null;
    if (el) {
      el.setAttribute('tabindex', '-1');
      el.scrollIntoView();
      el.focus({ preventScroll: true });
    }
  }, [data, target]);
  const known = data?.some((d) => d.id === target);
  return html`<section aria-labelledby="datasets-title">
    <h1 id="datasets-title">Datasets</h1>
    <p class="lede">
      Every figure names the dataset, version and rows it came from. These are the publishers' datasets the
      store imports (<code>interconnector data pull</code>);
      <a href="#/docs/METHODOLOGY?section=2">how each is used</a>.
    </p>
    ${error ? html`<p role="alert" class="error">${error}</p>` : null}
    ${!data && !error ? html`<p aria-busy="true">Loading…</p>` : null}
    ${
      data && target && !known
        ? html`<p class="empty-state" role="status" data-testid="dataset-derived">
            <strong>${target}</strong> is not a publisher's dataset but a model of the project, built from the
            sourced knowledge base: see <a href="#/docs/corridors">the corridor model</a> and
            <a href="#/docs/interconnector">the interconnector measures</a>.
          </p>`
        : null
    }
    ${
      data
        ? html`<${Downloads} path="/api/datasets" params=${{}} what="this list" /> ${data.map(
            (d) =>
              html`<article
                  class=${`dataset${d.id === target ? ' fact targeted' : ''}`}
                  id=${`dataset-${d.id}`}
                  data-testid="dataset"
                >
                  <h2>${d.title} <span class="muted">(${d.id}, version ${d.version})</span></h2>
                  <p>
                    ${d.publisher}; covers ${d.years[0]}–${d.years[1]}.
                    <a href=${d.page} rel="noopener">Publisher's page</a>
                  </p>
                  <p><strong>Cite:</strong> ${d.citation}</p>
                  <p class="muted"><strong>Terms:</strong> ${d.licence}</p>
                  <p class="muted">Files: ${d.files.join(', ')}</p>
                </article>`,
          )}`
        : null
    }
  </section>`;
}

import { COMPONENT_IDS, type Provenance, type StateYearDoc } from '../api.ts';
import { html } from '../html.ts';
import { COMPONENT_SHORT } from './autonomy-charts.ts';
import { fmt } from './plot.ts';
import { PostureBadge, postureLabel } from './postures.ts';

// Texts of the page, named so that its templates stay within the line width.
const LEFT_OUT_OF_THE = ' — left out of the index and the remaining weights rescaled';
/** The methodology section of each component (docs/METHODOLOGY.md §3). */
const METHOD_SECTION: Record<string, string> = Object.fromEntries(
  COMPONENT_IDS.map((c, i) => [c, `3.${i + 1}`]),
);

/** Where a figure came from, on demand: dataset, version, checksum, rows, years covered, facts. */
export function ProvenanceList({ prov, state }: { prov: Provenance[]; state: string }) {
  return html`<ul class="prov">${prov.map(
    (p) => html`<li>
    ${
      p.dataset
        ? html`<dl>
      <dt>Dataset</dt><dd data-testid="prov-dataset"><a
        href=${`#/datasets?id=${encodeURIComponent(p.dataset)}`}
        data-testid="dataset-link">${p.dataset}</a></dd>
      ${p.version ? html`<dt>Version</dt><dd>${p.version}</dd>` : null}
      ${p.sha256 ? html`<dt>sha256</dt><dd><code>${p.sha256}</code></dd>` : null}
      ${p.rows !== undefined ? html`<dt>Rows</dt><dd>${p.rows.toLocaleString('en-GB')}</dd>` : null}
      ${p.covers ? html`<dt>Covers</dt><dd>${p.covers[0]}–${p.covers[1]}</dd>` : null}
    </dl>`
        : null
    }
    ${p.note ? html`<p class="where">${p.note}</p>` : null}
    ${
      p.facts?.length
        ? html`<p
      class="facts">Knowledge-base facts (${p.facts.length}): ${p.facts.map(
        (f, i) => html`${i ? ', ' : ''}<a
      href=${`#/timeline?state=${state}&fact=${encodeURIComponent(f)}`} data-testid="fact-link">${f}</a>`,
      )}</p>`
        : null
    }
  </li>`,
  )}</ul>`;
}

/**
 * Each component of one state-year: value, weight, principle, and its explanation and provenance in a
 * disclosure.
 */
export function ComponentTable({ doc, weights }: { doc: StateYearDoc; weights?: Record<string, number> }) {
  return html`<table class="data components-table" data-testid="component-table">
    <caption>Components of ${doc.name}'s index, ${doc.year} (0–1, 1 = most autonomous):
      ${doc.coverage?.label ?? ''}</caption>
    <thead><tr><th scope="col">Component</th><th scope="col">Value</th><th scope="col">Weight</th><th
      scope="col">Why, and from what</th></tr></thead>
    <tbody>${COMPONENT_IDS.map((c) => {
      const d = doc.components[c];
      return html`<tr data-testid=${`component-row-${c}`}>
        <th scope="row">${COMPONENT_SHORT[c]}<div class="principle">${d.principle}</div></th>
        <td class=${d.value === null ? 'missing' : ''}>${d.value === null ? missingText(d) : fmt(d.value, 2)}</td>
        <td>${fmt(weights?.[c] ?? d.weight, 2)}</td>
        <td class="why"><details><summary>${d.explanation[0] ?? 'explanation'}</summary>
          ${
            d.explanation.length > 1
              ? html`<ul>${d.explanation.slice(1).map((e) => html`<li>${e}</li>`)}
            </ul>`
              : null
          }
          <${ProvenanceList} prov=${d.provenance} state=${doc.state} />
          <p class="method-link"><a href=${`#/docs/METHODOLOGY?section=${METHOD_SECTION[c]}`}
            data-testid="method-link">How ${COMPONENT_SHORT[c].toLowerCase()} is measured (methodology
            §${METHOD_SECTION[c]})</a></p>
        </details></td>
      </tr>`;
    })}</tbody>
  </table>`;
}

/** The classifier's reasoning for one state-year, and how sure the Monte Carlo draws are of it. */
export function ClassifierExplanation({ doc }: { doc: StateYearDoc }) {
  const probs = Object.entries(doc.posture_probabilities).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0));
  return html`<div class="classifier" data-testid="classifier">
    <p>Posture <${PostureBadge} posture=${doc.posture} />, confidence ${Math.round(doc.confidence * 100)}%
      ${
        probs.length > 1
          ? html` (across draws: ${probs.map(
              ([p, v], i) => html`${i ? ', ' : ''}
        ${postureLabel(p)} ${Math.round((v ?? 0) * 100)}%`,
            )})`
          : null
      }.</p>
    <ol class="explanation">${doc.explanation.map((e) => html`<li>${e}</li>`)}</ol>
    ${
      doc.missing.length
        ? html`<p
      class="muted">Missing: ${doc.missing.join(', ')}${LEFT_OUT_OF_THE}${
        doc.missing_effect !== null
          ? html`; with the year's median instead the index would move by ${fmt(doc.missing_effect, 3)}`
          : null
      }.</p>`
        : null
    }
  </div>`;
}

/** A missing component says whether it does not apply (no conflict to judge) or is simply unknown. */
function missingText(d: { applicable?: boolean }): string {
  return d.applicable === false ? 'not applicable' : 'missing';
}

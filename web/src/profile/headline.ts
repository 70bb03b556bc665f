import {
  COMPONENT_IDS,
  type CoverageDoc,
  type PostureId,
  type StateYearDoc,
  type SummaryRow,
} from '../api.ts';
import { html } from '../html.ts';
import { fmt } from '../charts/plot.ts';
import { PostureBadge } from '../charts/postures.ts';
import type { ComponentValues } from './composite.ts';

// Texts of the page, named so that its templates stay within the line width.
const INDEX_RECOMPUTED_HERE_FOR =
  'Index recomputed here for the new weights; the interval, rank and posture (dimmed: the previous ' +
  "weights') are being recomputed on the server…";

/**
 * The headline numbers of a state-year, whether they came from the year's full document or the series'
 * summary row.
 */
export interface HeadRow {
  year: number;
  index: number | null;
  interval: [number, number] | null;
  rank: number | null;
  rank_interval: [number, number] | null;
  ranked: number;
  posture: PostureId;
  confidence: number;
  values: ComponentValues;
  coverage?: CoverageDoc;
  rank_basis?: string;
}

export const headOfSummary = (r: SummaryRow): HeadRow => ({ ...r, values: r.components });
export const headOfDoc = (d: StateYearDoc): HeadRow => ({
  ...d,
  values: Object.fromEntries(
    COMPONENT_IDS.map((c) => [c, d.components[c]?.value ?? null]),
  ) as ComponentValues,
});

// htm drops whitespace that spans a line break, hence the explicit spaces between the figures.

/**
 * Index, interval, rank and posture of the selected year. While the server recomputes for new
 * weights (`local` is set), the index shown is the one computed here, the interval is withheld, and
 * the rank and posture are dimmed and said to be the previous weights' until the server answers.
 */
export function Headline({
  row,
  fresh,
  local,
  waiting,
}: {
  row: HeadRow | null;
  fresh: boolean;
  local: { index: number | null } | null;
  waiting: string;
}) {
  const busy = fresh ? undefined : 'true';
  if (!row) {
    return html`<div class="headline stale" aria-live="polite" aria-busy="true" data-testid="headline"
      data-fresh="false"><p aria-busy="true">${waiting}</p></div>`;
  }
  const old = local ? 'stale' : undefined;
  return html`<div class=${`headline${fresh || local ? '' : ' stale'}`} aria-live="polite" aria-busy=${busy}
    data-testid="headline" data-fresh=${fresh ? 'true' : 'false'} data-local=${local ? 'true' : 'false'}>
    <div><span class="label">Index ${row.year}</span> <strong class="big" data-testid="headline-index">
      ${fmt(local ? local.index : row.index)}</strong>${' '}
      ${row.coverage ? html`<span class="muted" data-testid="headline-coverage">on ${row.coverage.label}</span>` : null}
      ${' '}
      <span class="muted">5–95%: <span data-testid="headline-interval">
        ${local ? 'recomputing…' : row.interval ? `${fmt(row.interval[0])}–${fmt(row.interval[1])}` : 'n/a'}
        </span></span></div>
    <div class=${old}><span class="label" title=${row.rank_basis ?? ''}>Rank</span> <strong data-testid="headline-rank">${row.rank ?? '–'}
      </strong> of ${row.ranked}${' '}
      ${
        row.rank_interval
          ? html`<span
        class="muted">(5–95%: ${Math.round(row.rank_interval[0])}–${Math.round(row.rank_interval[1])})</span>`
          : null
      }</div>
    <div class=${old}><span class="label">Posture</span> <${PostureBadge} posture=${row.posture}
      testid="headline-posture" /> <span class="muted">confidence ${Math.round(row.confidence * 100)}%</span>
      </div>
    ${
      !local && row.index !== null && row.interval
        ? html`<${IntervalNote} index=${row.index} interval=${row.interval} />`
        : null
    }
    ${
      local
        ? html`<div class="muted headline-status"
          data-testid="headline-status">${INDEX_RECOMPUTED_HERE_FOR}</div>`
        : fresh
          ? null
          : html`<div class="muted headline-status" data-testid="headline-status">Updating…</div>`
    }
  </div>`;
}

/**
 * Says why the point estimate can sit near one end of its interval: the point uses the chosen weights
 * and inputs, while the interval spreads over draws of weights, normalisation and imputed inputs, so
 * when most alternatives score the state higher (or lower) the interval is lopsided around the point.
 */
function IntervalNote({ index, interval }: { index: number; interval: [number, number] }) {
  const [lo, hi] = interval;
  const width = hi - lo;
  if (!(width > 0)) return null;
  const at = (index - lo) / width;
  if (at > 0.25 && at < 0.75) return null;
  const low = at <= 0.25;
  return html`<p class="note interval-note" data-testid="interval-note">
    The index sits near the ${low ? 'bottom' : 'top'} of its interval (${Math.round(at * 100)}% of the way
    up) because it is computed with the chosen weights, while the interval spreads over random weightings,
    normalisations and imputed inputs: most of those score this state ${low ? 'higher' : 'lower'} than the
    chosen weights do. <a href="#/docs/METHODOLOGY?section=4">How the interval is made</a>.
  </p>`;
}

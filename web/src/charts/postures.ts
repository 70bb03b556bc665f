import { POSTURE_IDS, type PostureId, type Transition } from '../api.ts';
import { html } from '../html.ts';

/**
 * The one posture → colour mapping of the dashboard (Okabe–Ito, safe for the common colour-vision
 * deficiencies). Every use also carries a text label or abbreviation, so no cue is colour alone.
 */
export const POSTURE_STYLE: Record<PostureId, { label: string; abbr: string; colour: string }> = {
  aligned: { label: 'aligned', abbr: 'AL', colour: '#d55e00' }, // vermillion
  'integration-seeking': { label: 'integration-seeking', abbr: 'IS', colour: '#56b4e9' }, // sky blue
  balanced: { label: 'balanced', abbr: 'BA', colour: '#e69f00' }, // orange
  'strategic-autonomy': { label: 'strategic autonomy', abbr: 'SA', colour: '#009e73' }, // bluish green
  neutral: { label: 'neutral', abbr: 'NE', colour: '#999999' }, // grey
  'great-power': { label: 'great power (pole leader)', abbr: 'GP', colour: '#cc79a7' }, // reddish purple
};
export const NO_DATA_COLOUR = '#f2f2f2';

export const postureLabel = (p: string): string => POSTURE_STYLE[p as PostureId]?.label ?? p;
export const postureColour = (p: string): string => POSTURE_STYLE[p as PostureId]?.colour ?? NO_DATA_COLOUR;

/** Colour scale for Observable Plot, in the same mapping. */
export const plotPostureScale = {
  domain: [...POSTURE_IDS],
  range: POSTURE_IDS.map((p) => POSTURE_STYLE[p].colour),
};

export function PostureBadge({ posture, testid }: { posture: string; testid?: string }) {
  return html`<span class=${`posture-badge pc-${posture}`} data-testid=${testid}>${postureLabel(posture)}
    </span>`;
}

export function PostureLegend({
  counts,
  withNoData = false,
}: {
  counts?: Partial<Record<string, number>>;
  withNoData?: boolean;
}) {
  return html`<ul class="legend posture-legend" aria-label="Posture colours">
    ${POSTURE_IDS.map(
      (p) => html`<li><span class=${`swatch pc-${p}`} aria-hidden="true">
      ${POSTURE_STYLE[p].abbr}</span>${POSTURE_STYLE[p].label}${
        counts
          ? html` <span
      class="muted">(${counts[p] ?? 0})</span>`
          : null
      }</li>`,
    )}
    ${
      withNoData
        ? html`<li><span class="swatch pc-none" aria-hidden="true">
      </span>not scored / no data</li>`
        : null
    }
  </ul>`;
}

export interface BandCell {
  year: number;
  posture: string;
  confidence?: number;
}

/**
 * The posture timeline: one coloured, labelled cell per year; lasting transitions get a bar and are
 * listed with their dates underneath. Clicking a cell selects that year (the page's year select is
 * the keyboard route to the same thing).
 */
export function PostureBand({
  cells,
  transitions,
  selected,
  onSelect,
  compact = false,
  label,
}: {
  cells: BandCell[];
  transitions: Transition[];
  selected?: number | null;
  onSelect?: (year: number) => void;
  compact?: boolean;
  label: string;
}) {
  const at = new Map(transitions.map((t) => [t.year, t]));
  return html`<div class=${`posture-band-wrap${compact ? ' compact' : ''}`}>
    <ol class="posture-band" aria-label=${label}
      style=${`grid-template-columns: repeat(${cells.length}, minmax(0, 1fr))`}>
      ${cells.map((c) => {
        const t = at.get(c.year);
        const confidence =
          c.confidence !== undefined ? ` (confidence ${Math.round(c.confidence * 100)}%)` : '';
        const transition = t ? `; transition from ${postureLabel(t.from)}` : '';
        const text = `${c.year}: ${postureLabel(c.posture)}${confidence}${transition}`;
        return html`<li
          class=${`pc pc-${c.posture}${t ? ' transition' : ''}${selected === c.year ? ' selected' : ''}`}
          data-testid="posture-cell" data-year=${c.year} data-posture=${c.posture} title=${text}>
          ${
            onSelect
              ? html`<button type="button" tabindex="-1"
                aria-pressed=${selected === c.year} onClick=${() => onSelect(c.year)}><span class="yr"
                aria-hidden="true">${String(c.year).slice(2)}</span><span class="abbr" aria-hidden="true">
                ${POSTURE_STYLE[c.posture as PostureId]?.abbr ?? '?'}</span><span
                class="sr-only">${text}</span></button>`
              : compact
                ? html`<span class="cell" role="img" aria-label=${text}></span>`
                : html`<span class="cell" role="img" aria-label=${text}><span
                  class="yr">${String(c.year).slice(2)}
                  </span><span class="abbr">${POSTURE_STYLE[c.posture as PostureId]?.abbr ?? '?'}</span>
                  </span>`
          }
        </li>`;
      })}
    </ol>
    ${
      compact && cells.length
        ? html`<div class="band-ends muted" aria-hidden="true"><span>${cells[0]!.year}
      </span><span>${cells.at(-1)!.year}</span></div>`
        : null
    }
    ${
      transitions.length > 0
        ? html`<ul class="transitions" aria-label="Transitions">${transitions.map(
            (t) => html`<li
          data-testid="transition"><time datetime=${String(t.year)}>${t.year}
          </time>: ${postureLabel(t.from)} → <strong>${postureLabel(t.to)}</strong>
          ${t.lasting ? '' : ' (short-lived)'}</li>`,
          )}</ul>`
        : html`<p class="muted transitions">No posture change over these years.</p>`
    }
  </div>`;
}

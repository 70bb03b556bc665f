import { COMPONENT_IDS, type ComponentId } from '../api.ts';
import { html } from '../html.ts';
import { COMPONENT_LABEL } from '../charts/autonomy-charts.ts';
import { fmt } from '../charts/plot.ts';
import type { Weights } from './composite.ts';

// Texts of the page, named so that its templates stay within the line width.
const MOVE_A_SLIDER_TO =
  'Move a slider to re-weight the index. The index is recomputed at once in your browser from the ' +
  'component scores; its 5–95% interval, the ranks and the postures need every state and the Monte ' +
  'Carlo draws, so the server recomputes them a moment later. Weights are normalised to sum to 1 ' +
  '(the share in brackets).';

/** One labelled range input per component, each with its raw value and its share after normalising. */
export function WeightsPanel({
  weights,
  shares,
  onWeight,
  onReset,
  canReset,
}: {
  weights: Weights | null;
  shares: Weights | null;
  onWeight: (c: ComponentId, v: number) => void;
  onReset: () => void;
  canReset: boolean;
}) {
  return html`<aside class="weights" aria-labelledby="weights-title">
    <h2 id="weights-title">Weights</h2>
    <p
      class="note">${MOVE_A_SLIDER_TO}</p>
    <fieldset disabled=${weights === null}>
      <legend class="sr-only">Component weights</legend>
      ${COMPONENT_IDS.map(
        (c) => html`<div class="weight">
        <label for=${`w-${c}`}>${COMPONENT_LABEL[c]}</label>
        <div class="weight-row">
          <input id=${`w-${c}`} type="range" min="0" max="1" step="0.01" value=${weights?.[c] ?? 0}
            data-testid=${`weight-${c}`}
            aria-describedby=${`w-${c}-out`}
              onInput=${(e: Event) => onWeight(c, Number((e.target as HTMLInputElement).value))} />
          <output id=${`w-${c}-out`} for=${`w-${c}`}>${fmt(weights?.[c] ?? null, 2)}${
            shares
              ? html` <span
            class="muted">(${Math.round(shares[c] * 100)}%)</span>`
              : null
          }</output>
        </div>
      </div>`,
      )}
      <button type="button" onClick=${onReset} disabled=${!canReset}>Reset to the default weights</button>
    </fieldset>
  </aside>`;
}

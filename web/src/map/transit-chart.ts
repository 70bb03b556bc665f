import { html } from '../html.ts';
import type { TransitResponse } from './types.ts';

/** OD flows get their own colours (Okabe–Ito, in order); the chart has its own legend. */
export const odColours = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00'];

const fmt = (x: number, d = 2): string => x.toLocaleString('en-GB', { maximumFractionDigits: d });
const cutText = (c: { id: string; kind: string; capacity_mt: number }) =>
  `${c.id} (${c.kind}, ${fmt(c.capacity_mt)} Mt)`;
const pct = (x: number): string => `${(x * 100).toLocaleString('en-GB', { maximumFractionDigits: 0 })}%`;

/** Stacked horizontal bars: tonnes of each OD flow crossing each country. */
export function TransitChart({ data }: { data: TransitResponse }) {
  const rows = data.transit;
  const ods = data.ods.map((o) => o.od);
  const colour = (od: string): string => odColours[ods.indexOf(od) % odColours.length] ?? '#5b6470';
  const labelW = 48;
  const barW = 360;
  const rowH = 22;
  const top = 6;
  const height = top + rows.length * rowH + 24;
  const max = Math.max(1e-9, ...rows.map((r) => r.mt));
  const underScenario = data.scenario ? ` under ${data.scenario.name}` : '';
  const tonnes = rows.map((r) => `${r.country} ${fmt(r.mt)} Mt`).join(', ');
  const x = (mt: number): number => (mt / max) * barW;
  return html`<figure class="transit-chart">
    <svg viewBox=${`0 0 ${labelW + barW + 70} ${height}`} role="img" aria-labelledby="transit-title"
      data-testid="transit-chart">
      <title
        id="transit-title">Transit tonnes by country${underScenario}: ${tonnes}</title>
      ${rows.map((r, i) => {
        let acc = 0;
        const y = top + i * rowH;
        return html`<g>
          <text x=${labelW - 6} y=${y + rowH / 2 + 4} text-anchor="end" class="axis-label">${r.country}</text>
          ${r.by_od.map((b) => {
            const x0 = labelW + x(acc);
            acc += b.mt;
            return html`<rect x=${x0} y=${y + 3} width=${Math.max(0, x(b.mt))} height=${rowH - 6}
              fill=${colour(b.od)} stroke="#fff" stroke-width="0.5"><title>
              ${`${r.country}: ${b.od} ${fmt(b.mt)} Mt (${pct(b.share)} of the flow)`}</title></rect>`;
          })}
          <text x=${labelW + x(r.mt) + 4} y=${y + rowH / 2 + 4} class="bar-value">${fmt(r.mt, 1)} Mt</text>
        </g>`;
      })}
      <text x=${labelW} y=${height - 6}
        class="axis-label">Mt/yr crossing the country (origin and destination countries excluded)</text>
    </svg>
    <figcaption>
      <ul class="legend" aria-label="Flows">
        ${data.ods.map(
          (o) => html`<li><svg width="14" height="14" aria-hidden="true"><rect width="14"
          height="14" fill=${colour(o.od)} /></svg> ${o.name} (${fmt(o.demand_mt)} Mt)</li>`,
        )}
      </ul>
    </figcaption>
  </figure>`;
}

/** The chart's numbers as a table, for screen readers and for copying. */
export function TransitTable({ data }: { data: TransitResponse }) {
  return html`<table class="data" data-testid="transit-table">
    <caption>Transit by country: tonnes (Mt/yr) and share of each flow</caption>
    <thead><tr><th scope="col">Country</th><th scope="col">Total Mt</th>${data.ods.map(
      (o) => html`<th
      scope="col">${o.od}</th>`,
    )}</tr></thead>
    <tbody>
      ${data.transit.map(
        (r) => html`<tr data-testid="transit-row" data-country=${r.country}>
        <th scope="row">${r.country}</th>
        <td data-testid="transit-mt">${fmt(r.mt)}</td>
        ${data.ods.map((o) => {
          const b = r.by_od.find((x) => x.od === o.od);
          return html`<td>${b ? `${fmt(b.mt)} (${pct(b.share)})` : '–'}</td>`;
        })}
      </tr>`,
      )}
    </tbody>
  </table>`;
}

export function Bottlenecks({ data }: { data: TransitResponse }) {
  return html`<table class="data" data-testid="bottlenecks">
    <caption>Flows and bottlenecks (maximum flow and minimum cut per flow)</caption>
    <thead><tr><th scope="col">Flow</th><th scope="col">Demand Mt</th><th scope="col">Assigned Mt</th><th
      scope="col">Unplaced Mt</th><th scope="col">Max flow Mt</th><th scope="col">Minimum cut</th></tr>
      </thead>
    <tbody>
      ${data.ods.map((o) => {
        const b = data.bottlenecks.find((x) => x.od === o.od);
        return html`<tr>
          <th scope="row" title=${o.name}>${o.od}</th>
          <td>${fmt(o.demand_mt)}</td>
          <td>${fmt(o.assigned_mt)}</td>
          <td>${fmt(Math.max(0, o.unassigned_mt))}</td>
          <td>${b?.maxflow_mt == null ? 'unbounded (no capacity figure on some path)' : fmt(b.maxflow_mt)}
            </td>
          <td>
            ${b && b.cut.length > 0 ? b.cut.map(cutText).join('; ') : '–'}</td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

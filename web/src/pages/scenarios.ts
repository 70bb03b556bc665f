import { useEffect, useMemo, useState } from 'preact/hooks';
import { COMPONENT_IDS, getJson, type ComponentId, type PostureId } from '../api.ts';
import { html } from '../html.ts';
import { SourceRefs } from '../sources.ts';
import { COMPONENT_SHORT, keyOf } from '../charts/autonomy-charts.ts';
import { fmt, PlotFigure, type PlotModule } from '../charts/plot.ts';
import { PostureBadge, PostureBand } from '../charts/postures.ts';

// Texts of the page, named so that its templates stay within the line width.
const EACH_SCENARIO_IS_A =
  'Each scenario is a set of edits to the knowledge base, the datasets and the corridor network ' +
  '(kb/scenarios/), applied as an overlay; the framework is re-run and compared with the baseline. ' +
  'Assumptions are marked as such.';
const INDEX_BY_YEAR_WITH =
  'Index by year with its 5–95% interval; the dotted line is the 0.5 bar of strategic autonomy.';

export const MAX_SCENARIOS = 4;
/**
 * Okabe–Ito: black for the baseline, then blue, vermillion, bluish green, reddish purple; each series also
 * has its own dash and marker.
 */
const SERIES = [
  { colour: '#000000', dash: '', symbol: 'circle' },
  { colour: '#0072b2', dash: '6,3', symbol: 'square' },
  { colour: '#d55e00', dash: '2,2', symbol: 'triangle' },
  { colour: '#009e73', dash: '8,3,2,3', symbol: 'diamond' },
  { colour: '#cc79a7', dash: '1,3', symbol: 'star' },
];

interface ScenarioInfo {
  id: string;
  title: string;
  summary: string;
  from: number;
  sources: string[];
  uncertain: Record<string, unknown>;
}
interface Side {
  index: number | null;
  interval: [number, number] | null;
  posture: PostureId;
  confidence: number;
  rank: number | null;
  components: Record<ComponentId, number | null>;
  transit_mt: number | null;
  interconnector_rank: number | null;
}
interface Change {
  what: string;
  from: number | string | null;
  to: number | string | null;
  delta: number | null;
  edits: string[];
  interaction: boolean;
}
interface Row {
  state: string;
  name: string;
  year: number;
  baseline: Side;
  scenario: Side;
  delta: { index: number | null; components: Record<ComponentId, number | null> };
  changes: Change[];
}
interface Edit {
  id: string;
  label: string;
  basis: string;
  sources: string[];
  rationale: string | null;
  file: string;
  line: number;
}
interface Result {
  scenario: { id: string; title: string; from: number };
  edits: Edit[];
  rows: Row[];
}
interface RunResponse {
  ids: string[];
  results: Result[];
}

// Pieces of the result tables, named so that the page's template stays readable.

const bandCells = (rows: Row[], side: 'baseline' | 'scenario') =>
  rows.map((r) => ({ year: r.year, posture: r[side].posture, confidence: r[side].confidence }));

const signClass = (d: number) => (d < 0 ? 'neg' : d > 0 ? 'pos' : '');

const indexDelta = (d: number | null) =>
  d === null ? '—' : `${d >= 0 ? '+' : '−'}${Math.abs(d).toFixed(3)}`;

const componentDelta = (d: number | null) =>
  d === null ? '—' : Math.abs(d) < 1e-9 ? '0' : `${d > 0 ? '+' : '−'}${Math.abs(d).toFixed(2)}`;

function transitChange(r: Row): string {
  if (r.baseline.transit_mt === null) return '—';
  const to = r.scenario.transit_mt !== r.baseline.transit_mt ? ` → ${fmt(r.scenario.transit_mt, 1)}` : '';
  return `${fmt(r.baseline.transit_mt, 1)}${to}`;
}

const rankChange = (r: Row) =>
  r.scenario.interconnector_rank !== r.baseline.interconnector_rank
    ? ` → ${r.scenario.interconnector_rank ?? '—'}`
    : '';

const changeValue = (v: Change['from']) => (typeof v === 'number' ? v.toFixed(2) : (v ?? '—'));

function readIds(text: string | null): string[] {
  return [
    ...new Set(
      (text ?? 'russia-prevails,ukraine-holds')
        .split(',')
        .map((s) => s.trim())
        .filter((s) => /^[a-z0-9.-]+(\+[a-z0-9.-]+)*$/.test(s)),
    ),
  ].slice(0, MAX_SCENARIOS);
}

function setHash(ids: string[], state: string): void {
  window.location.hash = `#/scenarios?${new URLSearchParams({ ids: ids.join(','), state })}`;
}

interface Pt {
  series: string;
  year: number;
  index: number | null;
  lo: number | null;
  hi: number | null;
}

function chart(Plot: PlotModule, width: number, pts: Pt[], names: string[]): Element {
  const style = (s: string) => SERIES[names.indexOf(s)] ?? SERIES[0]!;
  const marks: unknown[] = [Plot.ruleY([0.5], { stroke: '#999', strokeDasharray: '3,3' })];
  for (const s of names) {
    const p = pts.filter((x) => x.series === s && x.index !== null);
    const st = style(s);
    marks.push(
      Plot.ruleX(
        p.filter((x) => x.lo !== null),
        {
          x: (d: Pt) => d.year + (names.indexOf(s) - (names.length - 1) / 2) * 0.12,
          y1: 'lo',
          y2: 'hi',
          stroke: st.colour,
          strokeWidth: 2,
          strokeOpacity: 0.6,
        },
      ),
      Plot.line(p, { x: 'year', y: 'index', stroke: st.colour, strokeDasharray: st.dash, strokeWidth: 2 }),
      Plot.dot(p, {
        x: 'year',
        y: 'index',
        fill: st.colour,
        symbol: st.symbol,
        r: 4,
        title: (d: Pt) => `${s} ${d.year}: ${fmt(d.index)} (5–95% ${fmt(d.lo)}–${fmt(d.hi)})`,
      }),
    );
  }
  return Plot.plot({
    width,
    height: 280,
    marginLeft: 44,
    x: { label: 'year', tickFormat: 'd', ticks: [...new Set(pts.map((p) => p.year))] },
    y: { label: 'strategic-autonomy index', domain: [0, 1], grid: true },
    marks: marks as never[],
  });
}

/** Scenarios side by side: the baseline and up to four scenarios (or A+B compositions) for one state. */
export function ScenariosPage({ params }: { params: URLSearchParams }) {
  const ids = readIds(params.get('ids'));
  const state = (params.get('state') ?? 'AZE').toUpperCase();
  const [list, setList] = useState<ScenarioInfo[]>([]);
  const [data, setData] = useState<RunResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pick, setPick] = useState('');

  useEffect(() => {
    getJson<ScenarioInfo[]>('/api/scenarios').then(setList, (e: Error) => setError(e.message));
  }, []);
  useEffect(() => {
    let live = true;
    setData(null);
    setError(null);
    if (!ids.length) return;
    getJson<RunResponse>('/api/scenarios/run', { ids: ids.join(','), states: state, draws: 100 }).then(
      (r) => {
        if (live) setData(r);
      },
      (e: Error) => {
        if (live) setError(e.message);
      },
    );
    return () => {
      live = false;
    };
  }, [ids.join(','), state]);

  const names = useMemo(() => ['baseline', ...(data?.results.map((r) => r.scenario.id) ?? [])], [data]);
  const pts = useMemo<Pt[]>(() => {
    if (!data?.results.length) return [];
    const base = data.results[0]!.rows.map((r) => ({
      series: 'baseline',
      year: r.year,
      index: r.baseline.index,
      lo: r.baseline.interval?.[0] ?? null,
      hi: r.baseline.interval?.[1] ?? null,
    }));
    return [
      ...base,
      ...data.results.flatMap((res) =>
        res.rows.map((r) => ({
          series: res.scenario.id,
          year: r.year,
          index: r.scenario.index,
          lo: r.scenario.interval?.[0] ?? null,
          hi: r.scenario.interval?.[1] ?? null,
        })),
      ),
    ];
  }, [data]);
  const name = data?.results[0]?.rows[0]?.name ?? state;

  return html`<section class="scenarios-page" aria-labelledby="scn-title">
    <h1 id="scn-title">Scenarios: <span data-testid="scenario-state">${name}</span></h1>
    <p
      class="lede">${EACH_SCENARIO_IS_A}</p>
    <form class="scenario-picker" onSubmit=${(e: Event) => {
      e.preventDefault();
      const s = (e.target as HTMLFormElement).elements.namedItem('state') as HTMLInputElement;
      setHash(ids, s.value.trim().toUpperCase() || state);
    }}>
      <label>State (ISO3) <input name="state" value=${state} size="4" pattern="[A-Za-z]{3}" /></label>
      <button type="submit">Show</button>
    </form>
    <div class="scenario-chips" role="group" aria-label="Chosen scenarios">
      ${ids.map(
        (id, i) => html`<span class="scenario-chip" style=${`border-color:${SERIES[i + 1]!.colour}`}>${id}
        <button type="button" aria-label=${`Remove ${id}`} onClick=${() =>
          setHash(
            ids.filter((x) => x !== id),
            state,
          )}>×</button></span>`,
      )}
    </div>
    <form class="scenario-add" onSubmit=${(e: Event) => {
      e.preventDefault();
      if (pick && ids.length < MAX_SCENARIOS) setHash([...ids, pick], state);
    }}>
      <label>Add a scenario, or a composition A+B
        <input list="scenario-ids" value=${pick}
          onInput=${(e: Event) => setPick((e.target as HTMLInputElement).value.trim())}
          data-testid="scenario-input" /></label>
      <datalist id="scenario-ids">${list.map((s) => html`<option value=${s.id}>${s.title}</option>`)}
        </datalist>
      <button type="submit" disabled=${ids.length >= MAX_SCENARIOS}>Add</button>
      ${
        ids.length >= MAX_SCENARIOS
          ? html`<span
        class="hint">Up to ${MAX_SCENARIOS} side by side.</span>`
          : null
      }
    </form>
    ${error ? html`<p role="alert" class="error">${error}</p>` : null}
    ${!data && !error ? html`<p aria-live="polite">Running the scenarios…</p>` : null}
    ${
      data
        ? html`
      <figure class="scenario-chart" data-testid="scenario-chart">
        <figcaption>${INDEX_BY_YEAR_WITH}
          <ul class="series-legend">${names.map(
            (n, i) => html`<li><svg width="28" height="10"
            aria-hidden="true"><line x1="0" y1="5" x2="28" y2="5" stroke=${SERIES[i]!.colour} stroke-width="2"
            stroke-dasharray=${SERIES[i]!.dash} /></svg> ${n}</li>`,
          )}</ul>
        </figcaption>
        <${PlotFigure} deps=${keyOf(pts)}
          label=${`Strategic-autonomy index of ${name}: baseline and scenarios`}
          build=${(Plot: PlotModule, w: number) => chart(Plot, w, pts, names)} />
      </figure>
      <div class="scenario-bands">
        <div><h2 class="band-title">baseline</h2><${PostureBand} compact=${true}
          cells=${bandCells(data.results[0]?.rows ?? [], 'baseline')} transitions=${[]} selected=${null}
            label=${`Posture of ${name}, baseline`} /></div>
        ${data.results.map(
          (res) => html`<div><h2 class="band-title">${res.scenario.id}</h2><${PostureBand}
          compact=${true}
          cells=${bandCells(res.rows, 'scenario')} transitions=${[]} selected=${null}
            label=${`Posture of ${name} under ${res.scenario.id}`} /></div>`,
        )}
      </div>
      ${data.results.map(
        (res, i) => html`<section class="scenario-result" data-testid="scenario-result"
          data-scenario=${res.scenario.id} style=${`border-left-color:${SERIES[i + 1]!.colour}`}>
        <h2>${res.scenario.title} <small>(${res.scenario.id}, from ${res.scenario.from})</small></h2>
        <table class="scenario-table">
          <caption>Baseline → scenario, and the change in each component (scenario − baseline)</caption>
          <thead><tr><th scope="col">year</th><th scope="col">index</th><th scope="col">posture</th>
            ${COMPONENT_IDS.map((c) => html`<th scope="col" title=${c}>Δ ${COMPONENT_SHORT[c]}</th>`)}<th
            scope="col">transit Mt</th><th scope="col">interconnector rank</th></tr></thead>
          <tbody>${res.rows.map(
            (r) => html`<tr>
            <th scope="row">${r.year}</th>
            <td data-testid="scenario-index">${fmt(r.baseline.index)} → <strong>${fmt(r.scenario.index)}
              </strong> <span
              class=${signClass(r.delta.index ?? 0)}>(${indexDelta(r.delta.index)})</span></td>
            <td><${PostureBadge} posture=${r.baseline.posture} />
              ${
                r.baseline.posture !== r.scenario.posture
                  ? html` → <${PostureBadge}
              posture=${r.scenario.posture} />`
                  : null
              } <small>
              ${Math.round(r.scenario.confidence * 100)}%</small></td>
            ${COMPONENT_IDS.map((c) => {
              const d = r.delta.components[c];
              return html`<td class=${d === null || Math.abs(d) < 1e-9 ? 'zero' : d < 0 ? 'neg' : 'pos'}>
                ${componentDelta(d)}</td>`;
            })}
            <td>
              ${transitChange(r)}</td>
            <td>${r.baseline.interconnector_rank ?? '—'}
              ${rankChange(r)}</td>
          </tr>`,
          )}</tbody>
        </table>
        <h3>What changed, and which edits caused it</h3>
        <ul class="scenario-changes">
          ${res.rows.flatMap((r) =>
            r.changes
              .filter((c) => c.what !== 'index')
              .map(
                (c) => html`<li>
          ${r.year} <strong>${c.what}
          </strong>: ${changeValue(c.from)} → ${changeValue(c.to)} ← ${c.edits.join(', ')}${
            c.interaction ? ' (together)' : ''
          }</li>`,
              ),
          )}</ul>
        <details><summary>Edits (${res.edits.length})</summary><ol class="scenario-edits">
          ${res.edits.map(
            (e) => html`<li id=${`edit-${e.id}`}><span class=${`basis basis-${e.basis}`}>
          ${e.basis}</span> ${e.label} <small>${e.file}:${e.line}</small>${
            e.rationale
              ? html`<br />
          <em>assumption:</em> ${e.rationale}`
              : null
          }${
            e.sources.length
              ? html`<br />
          <em>sources:</em> <${SourceRefs} ids=${e.sources} />`
              : null
          }</li>`,
          )}</ol></details>
      </section>`,
      )}`
        : null
    }
  </section>`;
}

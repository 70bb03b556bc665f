import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { COMPONENT_IDS, getJson, type AutonomyResponse, type ComponentId, type StateRow, type StateYearDoc } from '../api.ts';
import { html } from '../html.ts';
import { COMPONENT_LABEL, componentChart, componentPoints, indexChart, indexPoints, keyOf, missingRuns, rankChart } from '../charts/autonomy-charts.ts';
import { ClassifierExplanation, ComponentTable } from '../charts/details.ts';
import { fmt, PlotFigure } from '../charts/plot.ts';
import { PostureBadge, PostureBand, PostureLegend, postureLabel } from '../charts/postures.ts';
import { debounce, latestPostures, yearRange } from '../charts/years.ts';

type Weights = Record<ComponentId, number>;

function parseWeights(text: string | null): Weights | null {
  if (!text) return null;
  const pairs = text.split(',').map((p) => p.split('='));
  const w = Object.fromEntries(pairs.filter(([k, v]) => (COMPONENT_IDS as readonly string[]).includes(k ?? '') && Number(v) >= 0).map(([k, v]) => [k, Number(v)]));
  return COMPONENT_IDS.every((c) => c in w) ? (w as Weights) : null;
}
const weightsParam = (w: Weights): string => COMPONENT_IDS.map((c) => `${c}=${w[c].toFixed(2)}`).join(',');

export function StatePicker({ value, onChange, states, label = 'State', testid, placeholder }: { value: string; onChange: (iso3: string) => void; states: StateRow[]; label?: string; testid?: string; placeholder?: string }) {
  return html`<label>${label}
    <select value=${value} data-testid=${testid} onChange=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}>
      ${placeholder ? html`<option value="">${placeholder}</option>` : null}
      ${states.length === 0 ? html`<option value=${value}>${value}</option>` : states.map((s) => html`<option value=${s.iso3}>${s.name}</option>`)}
    </select>
  </label>`;
}

let statesList: Promise<StateRow[]> | null = null;
/** The state list, fetched once per session; only states with an ISO3 code can be profiled. */
export function loadStates(): Promise<StateRow[]> {
  statesList ??= getJson<{ states: StateRow[] }>('/api/states').then((r) => r.states.filter((s) => s.iso3).sort((a, b) => a.name.localeCompare(b.name)));
  return statesList;
}

/**
 * State profile: posture timeline, index with interval and rank, the seven components over years,
 * one year in detail with explanation and provenance, and adjustable weights.
 *
 * Loading: the selected year alone comes back in a fraction of a second, so the headline and the
 * year's detail show first; the whole series (every state and year, for ranks) follows. Charts are
 * rebuilt only when what they draw changes: a weight change rebuilds the index and rank charts,
 * never the component charts; a year change moves a marker.
 */
export function ProfilePage({ params }: { params: URLSearchParams }) {
  const state = (params.get('state') ?? 'AZE').toUpperCase();
  const draws = params.get('draws') ?? undefined;
  const [states, setStates] = useState<StateRow[]>([]);
  const [latest, setLatest] = useState<number | null>(null);
  const [year, setYear] = useState<number | null>(Number(params.get('year')) || null);
  const [weights, setWeights] = useState<Weights | null>(parseWeights(params.get('weights')));
  const [applied, setApplied] = useState<string | undefined>(weights ? weightsParam(weights) : undefined);
  const [series, setSeries] = useState<{ key: string; data: AutonomyResponse } | null>(null);
  const [single, setSingle] = useState<{ key: string; year: number; doc: StateYearDoc; data: AutonomyResponse } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const defaults = useRef<Weights | null>(null);
  const seq = useRef(0);
  const key = `${state}|${draws ?? ''}|${applied ?? ''}`;
  const keyRef = useRef(key);
  keyRef.current = key;

  useEffect(() => {
    loadStates().then(setStates, (e: Error) => setError(e.message));
    latestPostures().then((r) => { setLatest(r.year); setYear((y) => y ?? r.year); }, (e: Error) => setError(e.message));
  }, []);

  // Inputs changed (state, draws, weights): the selected year first, then the whole series.
  useEffect(() => {
    if (year === null) return;
    const my = ++seq.current;
    const base = { state, draws, weights: applied };
    setError(null);
    getJson<AutonomyResponse>('/api/autonomy', { ...base, years: String(year) })
      .then((r) => {
        if (my !== seq.current) return null;
        if (r.results[0]) setSingle({ key, year, doc: r.results[0], data: r });
        return getJson<AutonomyResponse>('/api/autonomy', base);
      })
      .then((r) => { if (r && my === seq.current) setSeries({ key, data: r }); }, (e: Error) => { if (my === seq.current) setError(e.message); });
  }, [key, year === null]);

  // Year changed before the series arrived: fetch that year alone.
  useEffect(() => {
    if (year === null || series?.key === key || (single?.key === key && single.year === year)) return;
    const k = key;
    getJson<AutonomyResponse>('/api/autonomy', { state, draws, weights: applied, years: String(year) }).then((r) => {
      if (keyRef.current === k && r.results[0]) setSingle({ key: k, year, doc: r.results[0], data: r });
    }, () => undefined);
  }, [year]);

  const settings = (series?.key === key ? series.data : single?.key === key ? single.data : null)?.settings;
  useEffect(() => {
    if (settings && applied === undefined) defaults.current = settings.weights;
    if (settings && weights === null) setWeights(settings.weights);
  }, [settings]);

  useEffect(() => {
    const q = new URLSearchParams({ state });
    if (year !== null) q.set('year', String(year));
    if (draws) q.set('draws', draws);
    if (applied) q.set('weights', applied);
    window.history.replaceState(null, '', `#/profile?${q}`);
  }, [state, year, draws, applied]);

  const apply = useMemo(() => debounce((w: Weights) => setApplied(weightsParam(w)), 250), []);
  const onWeight = (c: ComponentId, v: number) => setWeights((w) => {
    const next = { ...(w ?? defaults.current!), [c]: v };
    apply(next);
    return next;
  });
  const reset = () => {
    apply.cancel();
    if (defaults.current) setWeights(defaults.current);
    setApplied(undefined);
  };

  // Everything drawn from the series is derived once per series.
  const current = series?.key === key ? series.data : null;
  const sameState = series && series.data.state.iso3 === state ? series.data : null;
  const shownSeries = current ?? sameState;
  const derived = useMemo(() => {
    if (!shownSeries) return null;
    const results = shownSeries.results;
    const pts = indexPoints(results);
    const comps = Object.fromEntries(COMPONENT_IDS.map((c) => {
      const p = componentPoints(results, c);
      return [c, { pts: p, key: keyOf(p), runs: missingRuns(p) }];
    })) as Record<ComponentId, { pts: ReturnType<typeof componentPoints>; key: string; runs: ReturnType<typeof missingRuns> }>;
    return {
      pts, indexKey: keyOf([pts.map((p) => [p.year, p.index, p.lo, p.hi]), shownSeries.transitions]), rankKey: keyOf(pts.map((p) => [p.year, p.rank, p.rlo, p.rhi, p.ranked])),
      cells: results.map((r) => ({ year: r.year, posture: r.posture, confidence: r.confidence })), comps,
      years: [results[0]?.year ?? 0, results.at(-1)?.year ?? 0] as [number, number],
    };
  }, [shownSeries]);

  const doc: StateYearDoc | null =
    (current?.results.find((r) => r.year === year) ?? (single?.key === key && single.year === year ? single.doc : null))
    ?? (sameState?.results.find((r) => r.year === year) ?? (single && single.doc.state === state && single.year === year ? single.doc : null));
  const fresh = doc !== null && (current !== null || (single?.key === key && single.year === year));
  const name = shownSeries?.state.name ?? (single?.data.state.iso3 === state ? single.data.state.name : null) ?? states.find((s) => s.iso3 === state)?.name ?? state;
  const years = derived ? yearRange(derived.years[1]).filter((y) => y >= derived.years[0]) : latest ? yearRange(latest) : [];
  const shownWeights = settings?.weights;

  return html`<section aria-labelledby="profile-title" class="profile">
    <h1 id="profile-title">State profile: <span data-testid="state-name">${name}</span></h1>
    <form class="filters" onSubmit=${(e: Event) => e.preventDefault()}>
      <${StatePicker} value=${state} states=${states} testid="state-picker" onChange=${(s: string) => { window.location.hash = `#/profile?${new URLSearchParams({ state: s, ...(year ? { year: String(year) } : {}), ...(draws ? { draws } : {}), ...(applied ? { weights: applied } : {}) })}`; }} />
      <label>Year
        <select value=${year ?? ''} data-testid="year-picker" onChange=${(e: Event) => setYear(Number((e.target as HTMLSelectElement).value))}>
          ${years.map((y) => html`<option value=${y}>${y}</option>`)}
        </select>
      </label>
    </form>
    ${error ? html`<p role="alert" class="error">${error}</p>` : null}

    <div class="profile-grid">
      <div class="profile-main">
        <div class=${`headline${fresh ? '' : ' stale'}`} aria-live="polite" aria-busy=${fresh ? undefined : 'true'} data-testid="headline" data-fresh=${fresh ? 'true' : 'false'}>
          ${doc ? html`
            <div><span class="label">Index ${doc.year}</span> <strong class="big" data-testid="headline-index">${fmt(doc.index)}</strong>
              <span class="muted">5–95%: <span data-testid="headline-interval">${doc.interval ? `${fmt(doc.interval[0])}–${fmt(doc.interval[1])}` : 'n/a'}</span></span></div>
            <div><span class="label">Rank</span> <strong data-testid="headline-rank">${doc.rank ?? '–'}</strong> of ${doc.ranked}
              ${doc.rank_interval ? html`<span class="muted">(5–95%: ${Math.round(doc.rank_interval[0])}–${Math.round(doc.rank_interval[1])})</span>` : null}</div>
            <div><span class="label">Posture</span> <${PostureBadge} posture=${doc.posture} testid="headline-posture" /> <span class="muted">confidence ${Math.round(doc.confidence * 100)}%</span></div>
            ${fresh ? null : html`<div class="muted">Updating…</div>`}`
          : html`<p aria-busy="true">Computing ${state} for ${year ?? 'the latest year'}…</p>`}
        </div>

        <h2>Posture over time</h2>
        <${PostureLegend} />
        ${derived && shownSeries
          ? html`<${PostureBand} cells=${derived.cells} transitions=${shownSeries.transitions} selected=${year} onSelect=${setYear} label=${`Posture of ${name} by year`} />`
          : html`<p class="muted" aria-busy="true">Computing every year for every state (ranks need them all); the first run takes several seconds, later ones are cached by the server…</p>`}

        <h2>Index and rank over the years</h2>
        ${derived && shownSeries ? html`
          <div class=${current ? '' : 'stale'}>
            <${PlotFigure} testid="index-chart" deps=${derived.indexKey} highlight=${year} label=${`Strategic-autonomy index of ${name}, ${derived.years[0]}–${derived.years[1]}, with its 5–95% interval`}
              description="Line: index (0–1); shaded band: 5–95% interval over Monte Carlo draws of weights and inputs; dashed rules: posture transitions."
              build=${(Plot: Parameters<typeof indexChart>[0], w: number) => indexChart(Plot, w, derived.pts, shownSeries.transitions)} />
            <p class="note">Line: index; band: 5–95% interval (${shownSeries.settings.draws} draws, seed ${shownSeries.settings.seed}); dashed: posture transitions.</p>
            <${PlotFigure} testid="rank-chart" deps=${derived.rankKey} highlight=${year} label=${`Rank of ${name} among scored states by year (1 = most autonomous)`}
              build=${(Plot: Parameters<typeof rankChart>[0], w: number) => rankChart(Plot, w, derived.pts)} />
          </div>
          <details class="text-alt"><summary>Index, interval, rank and posture by year (table)</summary>
            <table class="data" data-testid="index-table"><caption>${name}: index and posture by year</caption>
              <thead><tr><th scope="col">Year</th><th scope="col">Index</th><th scope="col">5–95%</th><th scope="col">Rank</th><th scope="col">Posture</th></tr></thead>
              <tbody>${derived.pts.map((p) => html`<tr><th scope="row">${p.year}</th><td>${fmt(p.index)}</td><td>${p.lo !== null ? `${fmt(p.lo)}–${fmt(p.hi)}` : '–'}</td><td>${p.rank ?? '–'} / ${p.ranked}</td><td>${postureLabel(p.posture)}</td></tr>`)}</tbody>
            </table></details>` : html`<p class="muted" aria-busy="true">Waiting for the series…</p>`}
      </div>

      <aside class="weights" aria-labelledby="weights-title">
        <h2 id="weights-title">Weights</h2>
        <p class="note">Move a slider to re-weight the index; the API re-computes it (and the ranks) and normalises the weights to sum to 1.</p>
        <fieldset disabled=${weights === null}>
          <legend class="sr-only">Component weights</legend>
          ${COMPONENT_IDS.map((c) => html`<div class="weight">
            <label for=${`w-${c}`}>${COMPONENT_LABEL[c]}</label>
            <div class="weight-row">
              <input id=${`w-${c}`} type="range" min="0" max="1" step="0.01" value=${weights?.[c] ?? 0} data-testid=${`weight-${c}`}
                aria-describedby=${`w-${c}-out`} onInput=${(e: Event) => onWeight(c, Number((e.target as HTMLInputElement).value))} />
              <output id=${`w-${c}-out`} for=${`w-${c}`}>${fmt(weights?.[c] ?? null, 2)}${shownWeights ? html` <span class="muted">(${Math.round(shownWeights[c] * 100)}%)</span>` : null}</output>
            </div>
          </div>`)}
          <button type="button" onClick=${reset} disabled=${applied === undefined}>Reset to the default weights</button>
        </fieldset>
      </aside>
    </div>

    <h2>Components over the years</h2>
    <p class="note">Each on a 0–1 scale where 1 is most autonomous. Gaps are missing years (grey ticks at the foot), never zero; the reason is given under each chart.</p>
    ${derived ? html`<div class="multiples">
      ${COMPONENT_IDS.map((c) => html`<figure class="multiple" data-testid=${`component-chart-${c}`}>
        <figcaption>${COMPONENT_LABEL[c]}</figcaption>
        <${PlotFigure} deps=${derived.comps[c].key} highlight=${year} label=${`${COMPONENT_LABEL[c]} of ${name} by year, 0 to 1`}
          description=${derived.comps[c].runs.length ? `Missing in ${derived.comps[c].runs.map((r) => (r.from === r.to ? r.from : `${r.from}–${r.to}`)).join(', ')}.` : 'No missing years.'}
          build=${(Plot: Parameters<typeof componentChart>[0], w: number) => componentChart(Plot, w, derived.comps[c].pts, derived.years)} />
        ${derived.comps[c].runs.length
          ? html`<ul class="missing-notes">${derived.comps[c].runs.map((r) => html`<li><strong>Missing ${r.from === r.to ? r.from : `${r.from}–${r.to}`}</strong>: ${r.why}</li>`)}</ul>`
          : null}
      </figure>`)}
    </div>` : html`<p class="muted" aria-busy="true">Waiting for the series…</p>`}

    <h2>${year ?? ''} in detail</h2>
    ${doc ? html`<div class=${fresh ? '' : 'stale'}>
      <h3>Why this posture</h3>
      <${ClassifierExplanation} doc=${doc} />
      <h3>Components and their sources</h3>
      <${ComponentTable} doc=${doc} weights=${shownWeights} />
    </div>` : html`<p class="muted" aria-busy="true">Loading…</p>`}
  </section>`;
}

import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  getJson,
  type AutonomyResponse,
  type ComponentId,
  type StateRow,
  type StateYearDoc,
  type SummaryResponse,
} from '../api.ts';
import { html } from '../html.ts';
import { COMPONENT_LABEL, componentChart, indexChart, rankChart } from '../charts/autonomy-charts.ts';
import { ClassifierExplanation, ComponentTable } from '../charts/details.ts';
import { fmt, PlotFigure, type PlotModule } from '../charts/plot.ts';
import { PostureBand, PostureLegend, postureLabel } from '../charts/postures.ts';
import { debounce, latestPostures, yearRange } from '../charts/years.ts';
import {
  compositeIndex,
  normalisedWeights,
  parseWeights,
  sameWeights,
  weightsParam,
  type Weights,
} from '../profile/composite.ts';
import { Headline, headOfDoc, headOfSummary, type HeadRow } from '../profile/headline.ts';
import { deriveSeries, reweightedPoints } from '../profile/series.ts';
import { WeightsPanel } from '../profile/weights-panel.ts';
import { loadStates, StatePicker } from '../states.ts';
import { YearPicker } from '../year-picker.ts';
import { Downloads } from '../downloads.ts';

/**
 * Where the measurements differ from the article (METHODOLOGY §6), served from the docs so that the
 * page and the methodology cannot disagree.
 */
function Divergences() {
  const [doc, setDoc] = useState<{ html: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    getJson<{ html: string }>('/api/docs', { name: 'METHODOLOGY', section: '6' }).then(setDoc, (e: Error) =>
      setError(e.message),
    );
  }, []);
  return html`<section class="divergences" aria-labelledby="divergences-title" data-testid="divergences">
    <h2 id="divergences-title">Where this differs from the article</h2>
    <p>The measurements are checked against the postures Huseynov (2024) describes for the South Caucasus
      and its neighbours; where they disagree, the difference is reported rather than tuned away.
      <a href="#/docs/METHODOLOGY?section=6">Methodology §6</a>.</p>
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    ${
      doc
        ? html`<details><summary>The reference table and every known divergence</summary>
          <div class="doc-body" dangerouslySetInnerHTML=${{ __html: doc.html }}></div></details>`
        : null
    }
  </section>`;
}

// Texts of the page, named so that its templates stay within the line width.
const EACH_ON_A_0 =
  'Each on a 0–1 scale where 1 is most autonomous. Gaps are missing years (grey ticks at the ' +
  'foot), never zero; the reason is given under each chart.';
const COMPUTING_EVERY_YEAR_FOR =
  'Computing every year for every state (ranks need them all); the first run takes several ' +
  'seconds, later ones are cached by the server…';

// Texts of the page, named so that the template stays readable.
const INDEX_DESCRIPTION =
  'Line: index (0–1); shaded band: 5–95% interval over Monte Carlo draws of weights and inputs; ' +
  'dashed rules: posture transitions.';
const INDEX_DESCRIPTION_LOCAL =
  'Line: index (0–1) for the new weights, computed in the browser; the interval and posture ' +
  'transitions are being recomputed.';
const INDEX_NOTE_LOCAL =
  'Line: index for the new weights, recomputed here from the component scores. The 5–95% band and ' +
  'the posture transitions need the Monte Carlo run over every state and will reappear when the ' +
  'server has recomputed them.';

function indexChartLabel(name: string, years: readonly number[]): string {
  return `Strategic-autonomy index of ${name}, ${years[0]}–${years[1]}, with its 5–95% interval`;
}

function indexNote(settings: { draws: number; seed: number }): string {
  return (
    `Line: index; band: 5–95% interval (${settings.draws} draws, seed ${settings.seed}); ` +
    'dashed: posture transitions.'
  );
}

function missingYearsText(runs: Array<{ from: number; to: number }>): string {
  if (!runs.length) return 'No missing years.';
  return `Missing in ${runs.map((r) => (r.from === r.to ? r.from : `${r.from}–${r.to}`)).join(', ')}.`;
}

function detailWaiting(headLocal: boolean, year: number | null): string {
  return headLocal
    ? 'The explanation below is for the previous weights; updating…'
    : `Loading ${year ?? ''}…`;
}

/** The hash of the profile page for another state, keeping the year, draws and weights shown. */
function profileHash(
  state: string,
  year: number | null,
  draws: string | undefined,
  weights: string | undefined,
): string {
  const params = new URLSearchParams({
    state,
    ...(year ? { year: String(year) } : {}),
    ...(draws ? { draws } : {}),
    ...(weights ? { weights } : {}),
  });
  return `#/profile?${params}`;
}

/**
 * State profile: posture timeline, index with interval and rank, the seven components over years,
 * one year in detail with explanation and provenance, and adjustable weights.
 *
 * Loading: the selected year in full (with its evidence) comes back in a fraction of a second, so
 * the headline and the year's detail show first; then the series as numbers only (detail=summary,
 * a few kB rather than hundreds: the evidence of another year is one small request away).
 * Charts are rebuilt only when what they draw changes. A weight change redraws the index at once
 * from the component scores already here (the composite is a weighted mean); the interval, ranks
 * and postures, which need every state and the Monte Carlo draws, follow from the server.
 */
export function ProfilePage({ params }: { params: URLSearchParams }) {
  const state = (params.get('state') ?? 'AZE').toUpperCase();
  const draws = params.get('draws') ?? undefined;
  const [states, setStates] = useState<StateRow[]>([]);
  const [latest, setLatest] = useState<number | null>(null);
  const [year, setYear] = useState<number | null>(Number(params.get('year')) || null);
  const [weights, setWeights] = useState<Weights | null>(parseWeights(params.get('weights')));
  const [applied, setApplied] = useState<string | undefined>(weights ? weightsParam(weights) : undefined);
  const [series, setSeries] = useState<{ key: string; data: SummaryResponse } | null>(null);
  const [single, setSingle] = useState<{
    key: string;
    year: number;
    doc: StateYearDoc;
    data: AutonomyResponse;
  } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const defaults = useRef<Weights | null>(null);
  const seq = useRef(0);
  const yearFetches = useRef(new Map<string, Promise<void>>());
  const key = `${state}|${draws ?? ''}|${applied ?? ''}`;
  const keyRef = useRef(key);
  keyRef.current = key;

  // A new year in the address (a link, the back button) moves the page there even when it is open.
  const urlYear = Number(params.get('year')) || null;
  useEffect(() => {
    if (urlYear !== null) setYear(urlYear);
  }, [urlYear]);

  useEffect(() => {
    loadStates().then(setStates, (e: Error) => setError(e.message));
    latestPostures().then(
      (r) => {
        setLatest(r.year);
        setYear((y) => y ?? r.year);
      },
      (e: Error) => setError(e.message),
    );
  }, []);

  // One request per (inputs, year), however many effects ask for it.
  const fetchYear = (y: number): Promise<void> => {
    const k = key;
    const id = `${k}|${y}`;
    const known = yearFetches.current.get(id);
    if (known) return known;
    const p = getJson<AutonomyResponse>('/api/autonomy', { state, draws, weights: applied, years: String(y) })
      .then(
        (r) => {
          if (keyRef.current === k && r.results[0])
            setSingle({ key: k, year: y, doc: r.results[0], data: r });
        },
        (e: Error) => {
          if (keyRef.current === k) setError(e.message);
        },
      )
      .finally(() => yearFetches.current.delete(id));
    yearFetches.current.set(id, p);
    return p;
  };

  useEffect(() => {
    if (year === null || (single?.key === key && single.year === year)) return;
    void fetchYear(year);
  }, [key, year]);

  // The series is asked for only once the year's answer is in: the server computes one request at
  // a time, and a cold series takes seconds where the year takes a fraction of one.
  useEffect(() => {
    if (year === null) return;
    const my = ++seq.current;
    const k = key;
    setError(null);
    (yearFetches.current.get(`${k}|${year}`) ?? Promise.resolve())
      .then(() =>
        my === seq.current
          ? getJson<SummaryResponse>('/api/autonomy', { state, draws, weights: applied, detail: 'summary' })
          : null,
      )
      .then(
        (r) => {
          if (r && my === seq.current) setSeries({ key: k, data: r });
        },
        (e: Error) => {
          if (my === seq.current) setError(e.message);
        },
      );
  }, [key, year === null]);

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

  // The server hears of a weight change after a pause (each answer is a run over every state);
  // the page itself follows every step of the slider.
  const apply = useMemo(() => debounce((w: Weights) => setApplied(weightsParam(w)), 250), []);
  useEffect(() => () => apply.cancel(), []);
  const onWeight = (c: ComponentId, v: number) =>
    setWeights((w) => {
      const next = { ...(w ?? defaults.current!), [c]: v };
      apply(next);
      return next;
    });
  const reset = () => {
    apply.cancel();
    if (defaults.current) setWeights(defaults.current);
    setApplied(undefined);
  };

  const current = series?.key === key ? series.data : null;
  const sameState = series && series.data.state.iso3 === state ? series.data : null;
  const shownSeries = current ?? sameState;
  const derived = useMemo(() => (shownSeries ? deriveSeries(shownSeries) : null), [shownSeries]);
  const localW = useMemo(() => (weights ? normalisedWeights(weights) : null), [weights]);
  // Weights the shown series was not computed with: its index line is recomputed here.
  const seriesLocal =
    localW && shownSeries && !sameWeights(localW, shownSeries.settings.weights) ? localW : null;
  const local = useMemo(
    () => (derived && seriesLocal ? reweightedPoints(derived, seriesLocal) : null),
    [derived, seriesLocal ? JSON.stringify(seriesLocal) : ''],
  );

  const singleNow = single?.key === key && single.year === year ? single : null;
  const currentRow = current?.results.find((r) => r.year === year);
  const olderRow = sameState?.results.find((r) => r.year === year);
  const head: { row: HeadRow; weights: Weights; fresh: boolean } | null =
    currentRow && current
      ? { row: headOfSummary(currentRow), weights: current.settings.weights, fresh: true }
      : singleNow
        ? { row: headOfDoc(singleNow.doc), weights: singleNow.data.settings.weights, fresh: true }
        : olderRow && sameState
          ? { row: headOfSummary(olderRow), weights: sameState.settings.weights, fresh: false }
          : single && single.doc.state === state && single.year === year
            ? { row: headOfDoc(single.doc), weights: single.data.settings.weights, fresh: false }
            : null;
  const headLocal =
    head && localW && !sameWeights(localW, head.weights)
      ? { index: compositeIndex(head.row.values, localW) }
      : null;
  const detail = singleNow?.doc ?? (single && single.doc.state === state ? single.doc : null);
  const detailFresh = singleNow !== null && !headLocal;

  const name =
    shownSeries?.state.name ??
    (single?.data.state.iso3 === state ? single.data.state.name : null) ??
    states.find((s) => s.iso3 === state)?.name ??
    state;
  const years = derived
    ? yearRange(derived.years[1]).filter((y) => y >= derived.years[0])
    : latest
      ? yearRange(latest)
      : [];
  const shares = localW ?? settings?.weights ?? null;
  const pts = local?.pts ?? derived?.pts ?? [];
  const transitions = local ? [] : (shownSeries?.transitions ?? []);

  // Nothing to show for these inputs (an unknown state, a year out of range): say so and offer a way on,
  // rather than leaving the page's placeholders busy.
  if (error && !head && !derived && !detail)
    return html`<section aria-labelledby="profile-title" class="profile">
      <h1 id="profile-title">State profile: ${state}</h1>
      <div class="empty-state" data-testid="profile-error">
        <p role="alert" class="error">${error}</p>
        <p>Choose another state or year, or go back to <a href="#/rankings">the rankings</a>.</p>
      </div>
      <form class="filters" onSubmit=${(e: Event) => e.preventDefault()}>
        <${StatePicker} value=${state} states=${states} testid="state-picker"
          onChange=${(s: string) => (window.location.hash = `#/profile?state=${s}`)} />
      </form>
    </section>`;
  return html`<section aria-labelledby="profile-title" class="profile">
    <h1 id="profile-title">State profile: <span data-testid="state-name">${name}</span></h1>
    <form class="filters" onSubmit=${(e: Event) => e.preventDefault()}>
      <${StatePicker} value=${state} states=${states} testid="state-picker" onChange=${(s: string) => {
        window.location.hash = profileHash(s, year, draws, applied);
      }} />
      <${YearPicker} label="Year" value=${year} years=${years} testid="year-picker" onChange=${setYear} />
    </form>
    ${error ? html`<p role="alert" class="error">${error}</p>` : null}
    <p class="downloads" data-testid="profile-actions">
      <button type="button" data-testid="report-button" onClick=${() => window.print()}>
        Report: print or save this profile as PDF</button>
      <span class="muted">(a fuller brief:
        <code>interconnector report ${state} --out ${state}.pdf</code>)</span>
    </p>
    <${Downloads} path="/api/autonomy" params=${{ state, draws, weights: applied, detail: 'summary' }}
      what="the series" testid="series-downloads" />

    <div class="profile-grid">
      <div class="profile-main">
        <${Headline} row=${head?.row ?? null} fresh=${head !== null && head.fresh && !headLocal}
          local=${headLocal} waiting=${`Computing ${state} for ${year ?? 'the latest year'}…`} />

        <h2>Posture over time</h2>
        <${PostureLegend} />
        ${
          derived && shownSeries
            ? html`<div class=${current && !local ? undefined : 'stale'}>
              <${PostureBand} cells=${derived.cells} transitions=${shownSeries.transitions} selected=${year}
                onSelect=${setYear} label=${`Posture of ${name} by year`} />
              ${
                local
                  ? html`<p
                class="muted">Postures for the previous weights; the server is recomputing them.</p>`
                  : null
              }
            </div>`
            : html`<p class="muted"
              aria-busy="true">${COMPUTING_EVERY_YEAR_FOR}</p>`
        }

        <h2>Index and rank over the years</h2>
        ${
          derived && shownSeries
            ? html`
          <div class=${current || local ? undefined : 'stale'}>
            <${PlotFigure} testid="index-chart" deps=${local?.key ?? derived.indexKey} highlight=${year}
              label=${indexChartLabel(name, derived.years)}
              description=${local ? INDEX_DESCRIPTION_LOCAL : INDEX_DESCRIPTION}
              build=${(Plot: PlotModule, w: number) => indexChart(Plot, w, pts, transitions)} />
            <p class="note" data-testid="index-note">${
              local ? INDEX_NOTE_LOCAL : indexNote(shownSeries.settings)
            }</p>
          </div>
          <div class=${current && !local ? undefined : 'stale'}>
            <${PlotFigure} testid="rank-chart" deps=${derived.rankKey} highlight=${year}
              label=${`Rank of ${name} among scored states by year (1 = most autonomous)`}
              build=${(Plot: PlotModule, w: number) => rankChart(Plot, w, derived.pts)} />
            ${
              local
                ? html`<p
              class="note">Ranks for the previous weights; the server is recomputing them.</p>`
                : null
            }
          </div>
          <details class="text-alt"><summary>Index, interval, rank and posture by year (table)</summary>
            <table class="data" data-testid="index-table"><caption>
              ${name}: index and posture by year</caption>
              <thead><tr><th scope="col">Year</th><th scope="col">Index</th><th scope="col">5–95%</th><th
                scope="col">Rank</th><th scope="col">Posture</th></tr></thead>
              <tbody>${pts.map(
                (p) => html`<tr><th scope="row">${p.year}</th><td>${fmt(p.index)}</td><td>
                ${p.lo !== null ? `${fmt(p.lo)}–${fmt(p.hi)}` : '–'}</td><td>${p.rank ?? '–'} / ${p.ranked}
                </td><td>${postureLabel(p.posture)}</td></tr>`,
              )}</tbody>
            </table></details>`
            : html`<p class="muted" aria-busy="true">Waiting for the series…</p>`
        }
      </div>

      <${WeightsPanel} weights=${weights} shares=${shares} onWeight=${onWeight} onReset=${reset}
        canReset=${applied !== undefined} />
    </div>

    <h2>Components over the years</h2>
    <p
      class="note">${EACH_ON_A_0}</p>
    ${
      derived
        ? html`<div class="multiples">
      ${Object.entries(derived.comps).map(
        ([c, comp]) => html`<figure class="multiple" data-testid=${`component-chart-${c}`}>
        <figcaption>${COMPONENT_LABEL[c as ComponentId]}</figcaption>
        <${PlotFigure} deps=${comp.key} highlight=${year}
          label=${`${COMPONENT_LABEL[c as ComponentId]} of ${name} by year, 0 to 1`}
          description=${missingYearsText(comp.runs)}
          build=${(Plot: PlotModule, w: number) => componentChart(Plot, w, comp.pts, derived.years)} />
        ${
          comp.runs.length
            ? html`<ul class="missing-notes">${comp.runs.map(
                (r) => html`<li>
              <strong>Missing ${r.from === r.to ? r.from : `${r.from}–${r.to}`}</strong>: ${r.why}</li>`,
              )}
              </ul>`
            : null
        }
      </figure>`,
      )}
    </div>`
        : html`<p class="muted" aria-busy="true">Waiting for the series…</p>`
    }

    <h2>${year ?? ''} in detail</h2>
    ${
      detail
        ? html`<div class=${detailFresh ? undefined : 'stale'} aria-busy=${detailFresh ? undefined : 'true'}
          data-testid="year-detail">
      ${
        detailFresh
          ? null
          : html`<p class="muted">
        ${detailWaiting(headLocal !== null, year)}</p>`
      }
      <h3>Why this posture</h3>
      <${ClassifierExplanation} doc=${detail} />
      <h3>Components and their sources</h3>
      <div class="scroll-x"><${ComponentTable} doc=${detail} weights=${shares ?? undefined} /></div>
      <${Downloads} path="/api/autonomy" testid="year-downloads" what=${`${detail.year} with every source`}
        params=${{ state, draws, weights: applied, years: `${detail.year}-${detail.year}` }} />
    </div>`
        : html`<p class="muted" aria-busy="true">Loading…</p>`
    }
    <${Divergences} />
  </section>`;
}

import { useEffect, useMemo, useState } from 'preact/hooks';
import { COMPONENT_IDS, getJson, type CompareResponse, type StateRow, type SummaryResponse } from '../api.ts';
import { html } from '../html.ts';
import { COMPONENT_SHORT, indexChart, indexPoints, keyOf } from '../charts/autonomy-charts.ts';
import { fmt, PlotFigure, type PlotModule } from '../charts/plot.ts';
import { PostureBadge, PostureBand, PostureLegend } from '../charts/postures.ts';
import { latestPostures, yearRange } from '../charts/years.ts';
import { loadStates, StatePicker } from '../states.ts';
import { YearPicker } from '../year-picker.ts';
import { Downloads } from '../downloads.ts';

// Texts of the page, named so that its templates stay within the line width.
const EACH_PANEL_THE_POSTURE =
  'Each panel: the posture by year (coloured, abbreviated cells) above the index with its 5–95% ' +
  "interval; the same axes in every panel. The marked year is the table's.";
const INDEX_POSTURE_AND_COMPONENTS = 'Index, posture and components (0–1, 1 = most autonomous) in ';
const STATES_THE_FIRST_RUN = ' states (the first run takes several seconds)…';
const HOVER_OR_FOCUS_A = '; hover or focus a value for its explanation';

export const MAX_COMPARE = 6;

function readStates(text: string | null): string[] {
  const list = (text ?? 'AZE,GEO,ARM,MDA,UKR')
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter((s) => /^[A-Z]{3}$/.test(s));
  return [...new Set(list)].slice(0, MAX_COMPARE);
}

function setHash(states: string[], year: number | null, draws: string | undefined): void {
  const q = new URLSearchParams({ states: states.join(',') });
  if (year) q.set('year', String(year));
  if (draws) q.set('draws', draws);
  window.location.hash = `#/compare?${q}`;
}

/** One state's panel: posture band and index with its interval, on the axes every panel shares. */
function StatePanel({
  data,
  year,
  years,
}: {
  data: SummaryResponse;
  year: number | null;
  years: [number, number];
}) {
  const pts = useMemo(() => indexPoints(data.results), [data]);
  const deps = useMemo(
    () => keyOf([pts.map((p) => [p.year, p.index, p.lo, p.hi]), data.transitions, years]),
    [pts],
  );
  const name = data.state.name;
  const buildIndex = (Plot: PlotModule, w: number) =>
    indexChart(Plot, w, pts, data.transitions, { height: 170, years });
  return html`<figure class="compare-panel" data-testid="compare-panel" data-state=${data.state.iso3}>
    <figcaption><a href=${`#/profile?state=${data.state.iso3}${year ? `&year=${year}` : ''}`}>${name}</a>
      </figcaption>
    <${PostureBand} compact=${true}
      cells=${data.results.map((r) => ({ year: r.year, posture: r.posture, confidence: r.confidence }))}
      transitions=${data.transitions} selected=${year} label=${`Posture of ${name} by year`} />
    <${PlotFigure} deps=${deps} highlight=${year}
      label=${`Strategic-autonomy index of ${name} by year with its 5–95% interval`}
      build=${buildIndex}
      />
  </figure>`;
}

const OVERLAY_COLOURS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#1b1f24'];
const OVERLAY_DASH = ['', '6,3', '2,3', '8,3,2,3', '1,2', '10,4'];
interface OverlayRow {
  state: string;
  order: number;
  year: number;
  index: number;
}

/** Every state's index on one chart (colour and dash per state, so no cue is colour alone). */
function Overlay({
  series,
  year,
  years,
}: {
  series: SummaryResponse[];
  year: number | null;
  years: [number, number];
}) {
  const rows: OverlayRow[] = series.flatMap((s, i) =>
    s.results
      .filter((r) => r.index !== null)
      .map((r) => ({ state: s.state.name, order: i, year: r.year, index: r.index as number })),
  );
  const deps = keyOf([rows.map((r) => [r.state, r.year, r.index]), years]);
  const names = series.map((s) => s.state.name);
  const build = (Plot: PlotModule, w: number) =>
    Plot.plot({
      width: w,
      height: 260,
      marginLeft: 40,
      x: { label: null, tickFormat: 'd', domain: years },
      y: { domain: [0, 1], label: 'index', grid: true },
      color: { legend: true, domain: names, range: OVERLAY_COLOURS },
      marks: [
        ...names.map((name, i) =>
          Plot.lineY(
            rows.filter((r) => r.order === i),
            { x: 'year', y: 'index', stroke: () => name, strokeWidth: 2, strokeDasharray: OVERLAY_DASH[i] },
          ),
        ),
        Plot.tip(
          rows,
          Plot.pointerX({
            x: 'year',
            y: 'index',
            title: (r: OverlayRow) => `${r.state} ${r.year}: ${r.index.toFixed(3)}`,
          }),
        ),
      ],
    });
  return html`<figure class="compare-overlay" data-testid="compare-overlay">
    <figcaption>The index of every state on one chart</figcaption>
    <${PlotFigure} deps=${deps} highlight=${year} build=${build}
      label=${`Strategic-autonomy index by year of ${names.join(', ')}, overlaid`}
      description="One line per state, told apart by colour and dash; the panels add each interval." />
  </figure>`;
}

/** Compare: up to six states over the years (index, interval, posture) and their components in one year. */
export function ComparePage({ params }: { params: URLSearchParams }) {
  const wanted = readStates(params.get('states'));
  const wantedKey = wanted.join(',');
  const draws = params.get('draws') ?? undefined;
  const [year, setYear] = useState<number | null>(Number(params.get('year')) || null);
  // A new year in the address moves the open page there.
  const urlYear = Number(params.get('year')) || null;
  useEffect(() => {
    if (urlYear !== null) setYear(urlYear);
  }, [urlYear]);
  const [latest, setLatest] = useState<number | null>(null);
  const [states, setStates] = useState<StateRow[]>([]);
  const [series, setSeries] = useState<Record<string, SummaryResponse>>({});
  const [table, setTable] = useState<CompareResponse | null>(null);
  const [error, setError] = useState<string | null>(null);

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

  // Series one state at a time: the server computes the run once and serves the others from its cache.
  // The panels draw numbers only, so the summary (a few kB a state instead of hundreds) is enough.
  useEffect(() => {
    let live = true;
    void (async () => {
      for (const s of wanted) {
        if (!live) return;
        if (series[s]?.settings && (draws === undefined || String(series[s].settings.draws) === draws))
          continue;
        try {
          const r = await getJson<SummaryResponse>('/api/autonomy', { state: s, draws, detail: 'summary' });
          if (live) setSeries((m) => ({ ...m, [s]: r }));
        } catch (e) {
          if (live) setError((e as Error).message);
        }
      }
    })();
    return () => {
      live = false;
    };
  }, [wantedKey, draws]);

  useEffect(() => {
    if (year === null || wanted.length === 0) return;
    let live = true;
    getJson<CompareResponse>('/api/compare', { states: wantedKey, year, draws }).then(
      (r) => live && setTable(r),
      (e: Error) => live && setError(e.message),
    );
    const q = new URLSearchParams({ states: wantedKey, year: String(year) });
    if (draws) q.set('draws', draws);
    window.history.replaceState(null, '', `#/compare?${q}`);
    return () => {
      live = false;
    };
  }, [wantedKey, year, draws]);

  const loaded = wanted.map((s) => series[s]).filter((r): r is SummaryResponse => r !== undefined);
  const span = useMemo((): [number, number] | null => {
    const ys = loaded.flatMap((r) => r.results.map((x) => x.year));
    return ys.length ? [Math.min(...ys), Math.max(...ys)] : null;
  }, [loaded.map((r) => r.state.iso3).join()]);
  const years = latest ? yearRange(latest) : [];
  const nameOf = (s: string) => series[s]?.state.name ?? states.find((x) => x.iso3 === s)?.name ?? s;
  const cols = table?.results ?? [];

  return html`<section aria-labelledby="compare-title" class="compare">
    <h1 id="compare-title">Compare states</h1>
    <form class="filters" onSubmit=${(e: Event) => e.preventDefault()}>
      <fieldset class="chosen"><legend>States (up to ${MAX_COMPARE})</legend>
        <ul>${wanted.map(
          (s) => html`<li>${nameOf(s)} <button type="button" aria-label=${`Remove ${nameOf(s)}`}
            disabled=${wanted.length === 1}
          onClick=${() =>
            setHash(
              wanted.filter((x) => x !== s),
              year,
              draws,
            )}>×</button></li>`,
        )}</ul>
      </fieldset>
      ${
        wanted.length < MAX_COMPARE
          ? html`<${StatePicker} label="Add a state" placeholder="choose a state…" value=""
            states=${states.filter((s) => !wanted.includes(s.iso3 ?? ''))} testid="add-state"
        onChange=${(s: string) => s && setHash([...wanted, s], year, draws)} />`
          : null
      }
      <${YearPicker} label="Year of the table" value=${year} years=${years} testid="compare-year"
        onChange=${setYear} />
    </form>
    ${error ? html`<p role="alert" class="error">${error}</p>` : null}

    <h2>Over the years</h2>
    <${PostureLegend} />
    <p
      class="note">${EACH_PANEL_THE_POSTURE}</p>
    ${
      loaded.length < wanted.length
        ? html`<p class="muted"
      aria-busy="true">Computing ${wanted.length - loaded.length} of ${wanted.length}${STATES_THE_FIRST_RUN}
        </p>`
        : null
    }
    ${span && loaded.length > 1 ? html`<${Overlay} series=${loaded} year=${year} years=${span} />` : null}
    <div class="compare-grid">
      ${
        span
          ? loaded.map(
              (r) => html`<${StatePanel} key=${r.state.iso3} data=${r} year=${year}
        years=${span} />`,
            )
          : null
      }
    </div>

    <h2>Components in ${year ?? ''}</h2>
    ${
      table
        ? html`<${Downloads} path="/api/compare" params=${{ states: wantedKey, year: table.year, draws }}
            what="this table with every source" />`
        : null
    }
    ${
      table
        ? html`<div class="table-scroll"><table class="data compare-table" data-testid="compare-table">
      <caption>${INDEX_POSTURE_AND_COMPONENTS}${table.year}${HOVER_OR_FOCUS_A}</caption>
      <thead><tr><th scope="col">Measure</th>${cols.map(
        (r) => html`<th scope="col" data-state=${r.state}><a
        href=${`#/profile?state=${r.state}&year=${table.year}`}>${r.name}</a></th>`,
      )}</tr></thead>
      <tbody>
        <tr><th scope="row">Posture</th>${cols.map(
          (r) => html`<td><${PostureBadge} posture=${r.posture} />
          </td>`,
        )}</tr>
        <tr><th scope="row">Index</th>${cols.map(
          (r) => html`<td data-testid=${`compare-index-${r.state}`}>
          <strong>${fmt(r.index)}</strong></td>`,
        )}</tr>
        <tr><th scope="row">5–95% interval</th>${cols.map(
          (r) => html`<td>
          ${r.interval ? `${fmt(r.interval[0])}–${fmt(r.interval[1])}` : '–'}</td>`,
        )}</tr>
        <tr><th scope="row">Rank</th>${cols.map(
          (r) => html`<td title=${r.rank_basis}>${r.rank ?? '–'} of ${r.ranked}</td>`,
        )}</tr>
        <tr><th scope="row">Coverage</th>${cols.map(
          (r) => html`<td data-testid=${`compare-coverage-${r.state}`}
            class=${r.coverage.complete ? '' : 'missing'}>${r.coverage.label}</td>`,
        )}</tr>
        ${COMPONENT_IDS.map(
          (c) => html`<tr><th scope="row">${COMPONENT_SHORT[c]} <span
            class="muted">(weight ${fmt(table.settings.weights[c], 2)})</span></th>
          ${cols.map((r) => {
            const d = r.components[c];
            return html`<td class=${d.value === null ? 'missing' : ''} title=${d.explanation.join('; ')}
              tabindex="0">${d.value === null ? 'missing' : fmt(d.value, 2)}</td>`;
          })}</tr>`,
        )}
      </tbody>
    </table></div>
    <details class="text-alt"><summary>Explanations for ${table.year}</summary>
      ${cols.map((r) => html`<h3>${r.name}</h3><ul>${r.explanation.map((e) => html`<li>${e}</li>`)}</ul>`)}
    </details>`
        : html`<p class="muted" aria-busy="true">Loading…</p>`
    }
  </section>`;
}

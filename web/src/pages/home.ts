import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { getJson, POSTURE_IDS, type PosturesResponse } from '../api.ts';
import { html } from '../html.ts';
import { fmt } from '../charts/plot.ts';
import { PostureBadge, PostureLegend, postureLabel } from '../charts/postures.ts';
import { debounce, latestPostures, yearRange } from '../charts/years.ts';
import type * as WorldNs from '../charts/world-map.ts';

// Texts of the page, named so that its templates stay within the line width.
const INTERCONNECTOR_SCORES_EACH_STATE =
  "Interconnector scores each state's foreign-policy posture year by year from public data and a " +
  'sourced knowledge base: whether it takes a security guarantee from a great power, how far its ' +
  'UN votes lean to one pole, whether it sits as an equal where rules are made, whether its ' +
  'conflicts are settled directly or by outside mediators, whether it hosts and connects rivals, ' +
  'and what it has to work with (capabilities, diversified partners). The seven components make an ' +
  "index with an uncertainty interval, and rules read from the article's framework (after Huseynov " +
  '2024) sort each state-year into a posture: aligned, integration-seeking, balanced, strategic ' +
  'autonomy or neutral. Every number links to the dataset or the fact it came from.';
const CLICK_A_COUNTRY_OR =
  'Click a country, or Tab to it and press Enter, to open its profile. Small states not drawn at ' +
  'this scale are in the table below. Boundaries: Natural Earth 1:110m (world-atlas), schematic.';
const A_STATE_S_POSTURE =
  ": a state's posture timeline, index with its interval and rank, the seven components with their " +
  'sources, and adjustable weights.';
const UP_TO_SIX_STATES = ': up to six states side by side over the years, and their components in one year.';
const UN_GENERAL_ASSEMBLY_IDEAL = ': UN General Assembly ideal points and agreement with the poles.';
const THE_DATED_SOURCED_FACTS = ': the dated, sourced facts behind the knowledge-base components.';

/** "3 aligned, 5 balanced, …": the postures of a year that have states, in the legend's order. */
const postureCounts = (counts: Record<string, number>) =>
  POSTURE_IDS.filter((p) => counts[p]).map((p, i) => html`${i ? ', ' : ''}${counts[p]} ${postureLabel(p)}`);

type WorldModule = typeof WorldNs;

/** Home: what the tool measures, a world map of postures for a chosen year, and the way into the pages. */
const EVERY_APPLICABLE =
  ' of them have every applicable component; the others rest on fewer (the table gives each ' +
  "state's coverage).";

export function HomePage({ params }: { params: URLSearchParams }) {
  const [latest, setLatest] = useState<number | null>(null);
  const [year, setYear] = useState<number | null>(Number(params.get('year')) || null);
  const [shownYear, setShownYear] = useState<number | null>(year);
  const [data, setData] = useState<PosturesResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [world, setWorld] = useState<WorldModule | null>(null);
  const [opening, setOpening] = useState<string | null>(null);

  useEffect(() => {
    latestPostures().then(
      (r) => {
        setLatest(r.year);
        // Without a year in the address, open on the latest year with broad coverage, and say why:
        // a later year where most components are missing would read as "balanced" for want of evidence.
        const open = r.broad?.year ?? r.year;
        if (year === null && r.broad) setOpening(r.broad.why);
        if (year === null || year === open) {
          setYear(open);
          setShownYear(open);
          if (open === r.year) setData(r);
        }
      },
      (e: Error) => setError(e.message),
    );
    // The map geometry module (d3-geo, topojson) loads after the first paint.
    void import('../charts/world-map.ts').then(setWorld);
  }, []);

  // A new year in the address moves the open page there.
  const urlYear = Number(params.get('year')) || null;
  useEffect(() => {
    if (urlYear !== null) setShownYear(urlYear);
  }, [urlYear]);

  const wanted = useRef<number | null>(null);
  // A slower answer for a year the user has already left never replaces the current one.
  const fetchYear = useMemo(
    () =>
      debounce((y: number) => {
        wanted.current = y;
        getJson<PosturesResponse>('/api/postures', { year: y }).then(
          (r) => {
            if (wanted.current === r.year) {
              setData(r);
              setError(null);
            }
          },
          (e: Error) => setError(e.message),
        );
      }, 120),
    [],
  );
  useEffect(() => {
    if (shownYear === null || data?.year === shownYear) return;
    fetchYear(shownYear);
    window.history.replaceState(null, '', `#/?year=${shownYear}`);
  }, [shownYear]);

  const geo = useMemo(() => (world ? world.worldGeometry() : null), [world]);
  const counts = useMemo(() => {
    const c: Record<string, number> = {};
    for (const s of data?.states ?? []) c[s.posture] = (c[s.posture] ?? 0) + 1;
    return c;
  }, [data]);
  const years = latest ? yearRange(latest) : [];
  const onYear = (e: Event) => setShownYear(Number((e.target as HTMLInputElement).value));
  const stale = data !== null && shownYear !== null && data.year !== shownYear;

  return html`<section aria-labelledby="home-title" class="home">
    <h1 id="home-title">How much room for manoeuvre does a state keep?</h1>
    <p
      class="lede">${INTERCONNECTOR_SCORES_EACH_STATE}</p>

    <form class="filters" onSubmit=${(e: Event) => e.preventDefault()}>
      <label>Year <span class="year-control">
        <input type="range" min=${years[0]} max=${latest ?? undefined} step="1" value=${shownYear ?? ''}
          disabled=${!latest} onInput=${onYear} aria-valuetext=${String(shownYear ?? '')}
          data-testid="home-year-slider" />
        <select value=${shownYear ?? ''} onChange=${onYear} aria-label="Year (list)" data-testid="home-year">
          ${years.map((y) => html`<option value=${y}>${y}</option>`)}</select>
      </span></label>
    </form>
    ${opening ? html`<p class="note" data-testid="home-opening">Opens on ${shownYear}: ${opening}.</p>` : null}
    ${error ? html`<p role="alert" class="error">${error}</p>` : null}
    <${PostureLegend} counts=${counts} withNoData=${true} />
    <div class=${`map-wrap${stale ? ' stale' : ''}`} aria-busy=${stale || !geo || !data ? 'true' : undefined}>
      ${
        geo && data
          ? html`<${world!.PostureMap} geo=${geo} rows=${data.states} year=${data.year} />`
          : html`
        <p aria-busy="true">Loading the map…</p>`
      }
    </div>
    <p
      class="note">${CLICK_A_COUNTRY_OR}</p>
    ${
      data
        ? html`<p class="summary"
          data-testid="home-summary">In ${data.year}: ${postureCounts(counts)} (${
            data.states.length
          } states scored). <span data-testid="home-coverage">${
            data.states.filter((s) => s.complete).length
          }${EVERY_APPLICABLE}</span></p>
      <details class="states-table"><summary>All states in ${data.year}, by posture (table)</summary>
        <table class="data"><caption>Posture, index and rank of each state, ${data.year}</caption>
          <thead><tr><th scope="col">State</th><th scope="col">Posture</th><th scope="col">Index</th><th
            scope="col">Rank</th><th scope="col">Coverage</th></tr></thead>
          <tbody>${[...data.states]
            .sort(
              (a, b) =>
                POSTURE_IDS.indexOf(a.posture) - POSTURE_IDS.indexOf(b.posture) ||
                a.name.localeCompare(b.name),
            )
            .map(
              (s) => html`<tr>
            <th scope="row"><a href=${`#/profile?state=${s.state}&year=${data.year}`}>${s.name}</a></th><td>
              <${PostureBadge} posture=${s.posture} /></td><td>${fmt(s.index)}</td><td>${s.rank ?? '–'}</td>
              <td>${s.coverage}</td>
              </tr>`,
            )}</tbody>
        </table></details>`
        : null
    }

    <h2>Pages</h2>
    <ul class="page-links">
      <li><a
        href="#/profile?state=AZE">State profile</a>${A_STATE_S_POSTURE}</li>
      <li><a
        href="#/compare?states=AZE,GEO,ARM,MDA,UKR">Compare</a>${UP_TO_SIX_STATES}</li>
      <li><a
        href="#/alignment?state=AZE">Alignment</a>${UN_GENERAL_ASSEMBLY_IDEAL}</li>
      <li><a href="#/rankings">Rankings</a>: every state of a year by the index or any component,
        searchable, with the biggest movers since the year before.</li>
      <li><a href="#/corridors">Corridors</a>: freight routes, transit and bottlenecks under scenarios.</li>
      <li><a
        href="#/timeline?state=AZE">Evidence timeline</a>${THE_DATED_SOURCED_FACTS}</li>
      <li><a href="#/docs/METHODOLOGY">Methodology</a>: how every number is made, and its known limits.</li>
    </ul>

    <h2>Data</h2>
    <p data-testid="panel-downloads">
      The whole panel, every state-year with its index, interval, rank, components, coverage, posture and
      sources: <a href="/api/panel?format=csv" download="interconnector-panel.csv">CSV</a> (computed on
      request, allow a minute) with its <a href="/api/panel/codebook?format=csv" download>codebook</a>. For
      Parquet, a citation file and other settings, run <code>interconnector export --format parquet</code>.
    </p>
  </section>`;
}

import * as Plot from '@observablehq/plot';
import { useEffect, useRef, useState } from 'preact/hooks';
import { getJson, type StateRow } from '../api.ts';
import { html } from '../html.ts';

// Texts of the page, named so that its templates stay within the line width.
const BSV_PUBLISH_IDEAL_POINTS =
  'BSV publish ideal points of all votes only, so this selection uses our estimator (the first fit ' +
  'of a selection takes a few seconds to half a minute).';
const WITH_EACH_POLE_PER =
  ' with each pole per session year (1 = same votes, yes–abstain counts ½); gaps are years without ' +
  'joint votes.';
const COMPUTE_FITS_OUR_ESTIMATOR =
  'Compute (fits our estimator on all, important and economic votes; up to a minute the first time)';
const HIGHER_CLOSER_TO_THE = '). Higher = closer to the United States.';
const INTERVAL_SHADED_AND_THE = ' interval (shaded), and the poles (';
const BAILEY_STREZHNEV_VOETEN = ' (Bailey, Strezhnev & Voeten); ';
const PER_SESSION_YEAR_WITH = ' per session year with its ';

type Cell = number | string | null;
type Row = Record<string, Cell>;
interface FileProv {
  part: string;
  file: string;
  sha256: string;
  rows: number;
}
interface Provenance {
  votes: {
    dataset: string;
    version: string;
    files: FileProv[];
    filter: string;
    votes_used: number;
    rollcalls_used: number;
    years_covered: [number, number] | null;
  } | null;
  idealpoints: Record<string, unknown> | null;
  notes: string[];
}
interface Profile {
  state: { ccode: number; iso3: string | null; name: string };
  poles: { label: string; name: string }[];
  selection: {
    years: [number, number];
    issue: string;
    source: string;
    bloc_poles: [string, string];
    interval: string;
  };
  rows: Row[];
  summary: {
    bloc: { bloc: string; relative: number; window: [number, number] } | null;
    hedging_trend: { slope_per_year: number; se: number; from: number; to: number } | null;
    agreement_mean: Record<string, number | null>;
  };
  sensitivity?: { columns: string[]; rows: Row[]; note: string };
  provenance: Provenance;
}
interface IdealRow {
  ccode: number;
  iso3: string | null;
  name: string | null;
  year: number;
  ideal_point: number;
  lo: number | null;
  hi: number | null;
}
interface AgreementCell {
  iso3: string | null;
  name: string;
  pole: string;
  year: number;
  agree: number | null;
  n: number | null;
}

const POLES = ['USA', 'RUS', 'CHN'];
const ISSUES: Array<[string, string]> = [
  ['all', 'All votes'],
  ['important', 'Important (US State Dept.)'],
  ['me', 'Palestinian conflict'],
  ['nu', 'Nuclear'],
  ['di', 'Disarmament'],
  ['hr', 'Human rights'],
  ['co', 'Colonialism'],
  ['ec', 'Economic development'],
];
// Okabe–Ito colours with distinct dash patterns, so the series stay apart without colour too.
const POLE_STYLE: Record<string, { color: string; dash: string }> = {
  USA: { color: '#0072b2', dash: 'none' },
  RUS: { color: '#d55e00', dash: '6,3' },
  CHN: { color: '#009e73', dash: '2,3' },
};
const STATE_COLOR = '#1b1f24';

const fmt = (x: Cell | undefined, digits = 2): string =>
  typeof x === 'number' ? x.toFixed(digits) : x === null || x === undefined ? '–' : x;

function setHash(params: Record<string, string>): void {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v));
  window.location.hash = `#/alignment${q.size ? `?${q}` : ''}`;
}

/** Mounts an Observable Plot figure into a div and replaces it when its inputs change. */
function PlotFigure({
  make,
  deps,
  testid,
  label,
}: {
  make: (width: number) => Element;
  deps: unknown[];
  testid: string;
  label: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // As wide as its box (up to 900 px), so that a phone gets a readable chart rather than a shrunk one.
    const el = make(Math.min(900, Math.max(280, ref.current?.clientWidth || 900)));
    // Plot labels its mark groups, which ARIA forbids on a <g> without a role; the div is the image.
    for (const g of Array.from(el.querySelectorAll('[aria-label]'))) {
      g.setAttribute('data-mark', g.getAttribute('aria-label')!);
      g.removeAttribute('aria-label');
    }
    ref.current?.replaceChildren(el);
    return () => el.remove();
  }, deps);
  return html`<div class="plot" ref=${ref} data-testid=${testid} role="img" aria-label=${label}></div>`;
}

function ProvenanceDetails({ p }: { p: Provenance }) {
  const ip = p.idealpoints;
  // The estimator's run in one line: method, selection, votes used, sweeps, whether cached, interval.
  const ownFit = (run: NonNullable<typeof ip>, status: string) => {
    const [method, sel, used, sweeps, interval] = [
      run.method,
      run.selection,
      run.votes_used,
      run.iterations,
      run.interval,
    ].map(String);
    return html`
      our estimator (${method}) on ${sel} votes: ${used} votes, ${sweeps} sweeps, ${status}; ${interval}`;
  };
  const fitStatus = (run: NonNullable<typeof ip>) =>
    run.cached ? 'cached run' : `fitted in ${Number(run.fit_seconds).toFixed(1)} s`;
  const ipFiles = (ip?.files as FileProv[] | undefined) ?? [];
  return html`<details class="provenance" data-testid="provenance">
    <summary>Provenance: datasets, versions, votes used</summary>
    <dl>
      ${
        p.votes
          ? html`<dt>Votes</dt><dd>${p.votes.dataset}, version ${p.votes.version}; <span
            data-testid="votes-used">${p.votes.votes_used.toLocaleString('en')}
            </span> votes on ${p.votes.rollcalls_used.toLocaleString('en')} roll calls${
              p.votes.years_covered ? `, ${p.votes.years_covered.join('–')}` : ''
            } (${p.votes.filter})
        <ul>${p.votes.files.map(
          (f) => html`<li><code>${f.file}</code> sha256 <code title=${f.sha256}>
          ${f.sha256.slice(0, 16)}…</code></li>`,
        )}</ul></dd>`
          : html`<dt>Votes</dt><dd>none in the store</dd>`
      }
      ${
        ip
          ? html`<dt>Ideal points</dt><dd>${
              ip.source === 'bsv'
                ? html`
                  ${String(ip.dataset)}, version ${String(ip.version)}${BAILEY_STREZHNEV_VOETEN}
                    ${String(ip.interval)}<ul>${ipFiles.map(
                      (f) => html`<li><code>${f.file}
                    </code> sha256 <code title=${f.sha256}>${f.sha256.slice(0, 16)}…</code></li>`,
                    )}</ul>`
                : ownFit(ip, fitStatus(ip))
            }</dd>`
          : null
      }
      <dt>Notes</dt><dd><ul>${p.notes.map((n) => html`<li>${n}</li>`)}</ul></dd>
    </dl>
  </details>`;
}

/** Alignment: UNGA ideal points with the poles, agreement with the poles, and an agreement heatmap. */
export function AlignmentPage({ params }: { params: URLSearchParams }) {
  const state = params.get('state') ?? 'AZE';
  const issue = params.get('issue') ?? 'all';
  // BSV publish all-vote points only: an issue selection switches to our estimator.
  const source = issue === 'all' ? (params.get('source') ?? 'bsv') : 'own';
  const compare = params.get('compare') ?? '';
  const [pole, setPole] = useState('USA');
  const [states, setStates] = useState<StateRow[]>([]);
  const [profile, setProfile] = useState<Profile | null>(null);
  const [points, setPoints] = useState<IdealRow[] | null>(null);
  const [cells, setCells] = useState<AgreementCell[] | null>(null);
  const [sens, setSens] = useState<NonNullable<Profile['sensitivity']> | 'loading' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [compareText, setCompareText] = useState(compare);
  const nav = (patch: Record<string, string>) => setHash({ state, issue, source, compare, ...patch });

  useEffect(() => {
    getJson<{ states: StateRow[] }>('/api/states').then(
      (r) => setStates(r.states.filter((s) => s.iso3)),
      (e: Error) => setError(e.message),
    );
  }, []);
  useEffect(() => {
    setProfile(null);
    setPoints(null);
    setCells(null);
    setSens(null);
    setError(null);
    const apiIssue = issue === 'all' ? undefined : issue;
    getJson<Profile>('/api/alignment', { state, issue: apiIssue, source }).then(setProfile, (e: Error) =>
      setError(e.message),
    );
    getJson<{ rows: IdealRow[] }>('/api/idealpoints', {
      states: [state, ...POLES].join(','),
      issue: apiIssue,
      source,
    }).then(
      (r) => setPoints(r.rows),
      (e: Error) => setError(e.message),
    );
    const heat = [
      state,
      ...compare
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      ...POLES,
    ];
    getJson<{ cells: AgreementCell[] }>('/api/alignment/agreement', {
      states: [...new Set(heat)].join(','),
      poles: POLES.join(','),
      issue: apiIssue,
    }).then(
      (r) => setCells(r.cells),
      (e: Error) => setError(e.message),
    );
  }, [state, issue, source, compare]);

  const name = profile?.state.name ?? state;
  const series = (points ?? []).map((p) => ({
    ...p,
    who: p.iso3 && POLES.includes(p.iso3) && p.iso3 !== profile?.state.iso3 ? p.iso3 : name,
  }));
  const own = series.filter((p) => p.who === name);
  const agreeRows = (profile?.rows ?? []).flatMap((r) =>
    (profile?.poles ?? []).map((p) => ({
      year: r.year as number,
      pole: p.label,
      agree: r[`agree_${p.label}`] as number | null,
    })),
  );
  const heatCells = (cells ?? []).filter((c) => c.pole === pole && c.iso3 !== pole);
  const b = profile?.summary.bloc,
    t = profile?.summary.hedging_trend;

  return html`<section aria-labelledby="alignment-title" class="alignment">
    <h1 id="alignment-title">UNGA alignment${
      profile
        ? html`: <span data-testid="state-name">
      ${profile.state.name}</span>`
        : ''
    }</h1>
    <form class="filters" onSubmit=${(e: Event) => {
      e.preventDefault();
      nav({ compare: compareText });
    }}>
      <div class="field"><label for="al-state">State</label>
        <select id="al-state" value=${state}
          onChange=${(e: Event) => nav({ state: (e.target as HTMLSelectElement).value })}>
          ${
            states.length === 0
              ? html`<option value=${state}>${state}</option>`
              : states.map(
                  (s) => html`
            <option value=${s.iso3}>${s.name}</option>`,
                )
          }
        </select></div>
      <div class="field"><label for="al-issue">Votes</label>
        <select id="al-issue" value=${issue}
          onChange=${(e: Event) => nav({ issue: (e.target as HTMLSelectElement).value })}>
          ${ISSUES.map(([v, l]) => html`<option value=${v}>${l}</option>`)}
        </select></div>
      <fieldset class="toggle">
        <legend>Ideal points</legend>
        <label><input type="radio" name="source" value="bsv" checked=${source === 'bsv'}
          disabled=${issue !== 'all'} onChange=${() => nav({ source: 'bsv' })} /> Published (BSV)</label>
        <label><input type="radio" name="source" value="own" checked=${source === 'own'}
          onChange=${() => nav({ source: 'own' })} /> Our estimator</label>
      </fieldset>
      <div class="field"><label for="al-compare">Compare with (ISO3, comma-separated)</label>
        <input id="al-compare" type="text" value=${compareText} placeholder="e.g. ARM,GEO,TUR"
          onInput=${(e: Event) => setCompareText((e.target as HTMLInputElement).value)} /></div>
      <button type="submit">Update heatmap</button>
    </form>
    ${
      issue !== 'all'
        ? html`<p
      class="note">${BSV_PUBLISH_IDEAL_POINTS}</p>`
        : null
    }
    ${error ? html`<p role="alert" class="error">${error}</p>` : null}
    ${!profile && !error ? html`<p aria-busy="true">Loading…</p>` : null}

    ${
      profile
        ? html`<div class="summary" data-testid="summary">
      <div><span class="label">Bloc ${b ? b.window.join('–') : ''}</span> <strong data-testid="bloc">
        ${b ? b.bloc : 'no positions in the window'}</strong>${
          b
            ? html` <span
        class="muted">(relative position ${b.relative.toFixed(2)}; ${
          profile.selection.bloc_poles[0]
        } = 1, ${profile.selection.bloc_poles[1]} = 0)</span>`
            : null
        }</div>
      <div><span class="label">Hedging trend ${profile.selection.bloc_poles.join('–')}</span> <strong>
        ${t ? `${t.slope_per_year >= 0 ? '+' : ''}${t.slope_per_year.toFixed(4)} / year` : '–'}</strong>
        ${t ? html` <span class="muted">(SE ${t.se.toFixed(4)}, ${t.from}–${t.to})</span>` : null}</div>
      <div><span class="label">Mean agreement</span> ${profile.poles.map(
        (p) => html`<span class="pill"
        style=${`border-color:${POLE_STYLE[p.label]?.color ?? '#5b6470'}`}>${p.label} <strong
        data-testid=${`agree-mean-${p.label}`}>${fmt(profile.summary.agreement_mean[p.label] ?? null)}
        </strong></span>`,
      )}</div>
    </div>`
        : null
    }

    ${
      points && profile
        ? html`<figure>
      <figcaption>Ideal point of ${name}${PER_SESSION_YEAR_WITH}${profile.selection.interval}
        ${INTERVAL_SHADED_AND_THE}
        ${source === 'bsv' ? 'Bailey, Strezhnev & Voeten, published' : 'our estimator'}${HIGHER_CLOSER_TO_THE}
        </figcaption>
      <${PlotFigure} testid="idealpoint-chart"
        label=${`Line chart of ${name}'s UNGA ideal point by year with the poles USA, Russia and China`}
        deps=${[points, name]} make=${(width: number) =>
          Plot.plot({
            width,
            height: 320,
            marginLeft: 48,
            grid: true,
            x: { label: 'session year', tickFormat: 'd' },
            y: { label: 'ideal point' },
            color: {
              legend: true,
              domain: [name, ...POLES.filter((p) => p !== profile.state.iso3)],
              range: [
                STATE_COLOR,
                ...POLES.filter((p) => p !== profile.state.iso3).map((p) => POLE_STYLE[p]!.color),
              ],
            },
            marks: [
              Plot.areaY(
                own.filter((p) => p.lo !== null && p.hi !== null),
                { x: 'year', y1: 'lo', y2: 'hi', fill: STATE_COLOR, fillOpacity: 0.15 },
              ),
              ...POLES.filter((p) => p !== profile.state.iso3).map((p) =>
                Plot.lineY(
                  series.filter((s) => s.who === p),
                  {
                    x: 'year',
                    y: 'ideal_point',
                    stroke: 'who',
                    strokeDasharray: POLE_STYLE[p]!.dash,
                    strokeWidth: 1.8,
                  },
                ),
              ),
              Plot.lineY(own, { x: 'year', y: 'ideal_point', stroke: 'who', strokeWidth: 2.5 }),
              Plot.dot(own, {
                x: 'year',
                y: 'ideal_point',
                fill: 'who',
                r: 2.5,
                tip: true,
                title: (d: IdealRow) => `${d.year}: ${d.ideal_point.toFixed(2)} [${fmt(d.lo)}, ${fmt(d.hi)}]`,
              }),
            ],
          })} />
    </figure>`
        : null
    }

    ${
      profile
        ? html`<figure>
      <figcaption>Agreement of ${name}${WITH_EACH_POLE_PER}</figcaption>
      <${PlotFigure} testid="agreement-chart"
        label=${`Line chart of ${name}'s agreement with the poles by year`} deps=${[profile]}
        make=${(width: number) =>
          Plot.plot({
            width,
            height: 260,
            marginLeft: 48,
            grid: true,
            x: { label: 'session year', tickFormat: 'd' },
            y: { label: 'agreement', domain: [0, 1] },
            color: {
              legend: true,
              domain: profile.poles.map((p) => p.label),
              range: profile.poles.map((p) => POLE_STYLE[p.label]?.color ?? '#5b6470'),
            },
            marks: profile.poles.map((p) =>
              Plot.lineY(
                agreeRows.filter((r) => r.pole === p.label),
                {
                  x: 'year',
                  y: 'agree',
                  stroke: 'pole',
                  strokeDasharray: POLE_STYLE[p.label]?.dash ?? 'none',
                  strokeWidth: 2,
                },
              ),
            ),
          })} />
    </figure>`
        : null
    }

    ${
      cells
        ? html`<figure>
      <figcaption>
        <label class="inline" for="al-pole">Agreement with pole</label> <select id="al-pole" value=${pole}
          onChange=${(e: Event) => setPole((e.target as HTMLSelectElement).value)}>${POLES.map(
            (p) => html`
          <option value=${p}>${p}</option>`,
          )}</select>
        by state and session year (cividis scale: dark = low, yellow = high; blank = no joint votes).
      </figcaption>
      <${PlotFigure} testid="heatmap" label=${`Heatmap of agreement with ${pole} by state and year`}
        deps=${[cells, pole]} make=${(width: number) =>
          Plot.plot({
            width,
            height: 60 + 26 * new Set(heatCells.map((c) => c.name)).size,
            marginLeft: 170,
            padding: 0.05,
            x: {
              label: 'session year',
              tickFormat: 'd',
              type: 'band',
              ticks: [...new Set(heatCells.map((c) => c.year))].filter((y) => y % 5 === 0),
            },
            y: { label: null },
            color: { scheme: 'cividis', domain: [0, 1], legend: true, label: `agreement with ${pole}` },
            marks: [
              Plot.cell(
                heatCells.filter((c) => c.agree !== null),
                {
                  x: 'year',
                  y: 'name',
                  fill: 'agree',
                  tip: true,
                  title: (c: AgreementCell) => `${c.name} ${c.year}: ${fmt(c.agree)} (${c.n} joint votes)`,
                },
              ),
            ],
          })} />
    </figure>`
        : null
    }

    ${
      profile
        ? html`<details class="numbers">
      <summary>Numbers per year (table)</summary>
      <table>
        <caption>
          ${name}: agreement, ideal point, distance to poles, bloc and hedging by session year</caption>
        <thead><tr><th scope="col">Year</th><th scope="col">Votes</th>${profile.poles.map(
          (p) => html`<th
          scope="col">Agree ${p.label}</th>`,
        )}<th scope="col">Ideal point [interval]</th>
          ${profile.poles.map((p) => html`<th scope="col">Dist. ${p.label}</th>`)}<th scope="col">Bloc</th><th
          scope="col">Hedging</th></tr></thead>
        <tbody>${profile.rows.map(
          (r) => html`<tr><th scope="row">${r.year}</th><td>${fmt(r.votes, 0)}</td>
          ${profile.poles.map((p) => html`<td>${fmt(r[`agree_${p.label}`] ?? null)}</td>`)}<td>
          ${fmt(r.ideal_point)}${r.lo !== null ? ` [${fmt(r.lo)}, ${fmt(r.hi)}]` : ''}</td>
          ${profile.poles.map((p) => html`<td>${fmt(r[`dist_${p.label}`] ?? null)}</td>`)}<td>${fmt(r.bloc)}
          </td><td>${fmt(r.hedging)}</td></tr>`,
        )}</tbody>
      </table>
    </details>`
        : null
    }

    ${
      profile
        ? html`<section class="sensitivity" aria-labelledby="sens-title">
      <h2 id="sens-title">Sensitivity to the vote selection</h2>
      ${
        sens === null
          ? html`<button type="button" onClick=${() => {
              setSens('loading');
              getJson<Profile>('/api/alignment', { state, source, sensitivity: 'true' }).then(
                (p) => setSens(p.sensitivity ?? null),
                (e: Error) => {
                  setSens(null);
                  setError(e.message);
                },
              );
            }}>${COMPUTE_FITS_OUR_ESTIMATOR}</button>`
          : sens === 'loading'
            ? html`<p aria-busy="true">Fitting…</p>`
            : html`<table data-testid="sensitivity"><caption>${sens.note}</caption>
            <thead><tr>${sens.columns.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
            <tbody>${sens.rows.map(
              (r) =>
                html`<tr>${sens.columns.map(
                  (c) => html`<td>${fmt(r[c] ?? null, 3)}
              </td>`,
                )}</tr>`,
            )}</tbody></table>`
      }
    </section>`
        : null
    }

    ${profile ? html`<${ProvenanceDetails} p=${profile.provenance} />` : null}
  </section>`;
}

import { useEffect, useMemo, useState } from 'preact/hooks';
import { COMPONENT_IDS, getJson, type ComponentId, type PostureId } from '../api.ts';
import { html } from '../html.ts';
import { fmt } from '../charts/plot.ts';
import { PostureBadge } from '../charts/postures.ts';
import { latestPostures, yearRange } from '../charts/years.ts';
import { Downloads } from '../downloads.ts';
import { YearPicker } from '../year-picker.ts';

interface RankRow {
  state: string;
  name: string;
  posture: PostureId;
  index: number | null;
  interval: [number, number] | null;
  rank: number | null;
  rank_interval: [number, number] | null;
  components: Record<ComponentId, number | null>;
  coverage: number;
  missing: ComponentId[];
  index_change: number | null;
  rank_change: number | null;
  previous_posture: PostureId | null;
}
interface RankingsResponse {
  year: number;
  previous_year: number | null;
  rows: RankRow[];
}

type SortKey = 'rank' | 'name' | 'index' | ComponentId | 'coverage' | 'index_change';
const SORT_KEYS: SortKey[] = ['rank', 'name', 'index', ...COMPONENT_IDS, 'coverage', 'index_change'];
const DRAWS = 100;

function sortValue(r: RankRow, key: SortKey): number | string | null {
  if (key === 'name') return r.name;
  if (key === 'rank') return r.rank;
  if (key === 'index' || key === 'coverage' || key === 'index_change') return r[key];
  return r.components[key];
}

/** Missing values sort last whichever the direction: "no evidence" is never a low score. */
function compare(a: RankRow, b: RankRow, key: SortKey, dir: 1 | -1): number {
  const x = sortValue(a, key);
  const y = sortValue(b, key);
  if (x === null && y === null) return a.name.localeCompare(b.name);
  if (x === null) return 1;
  if (y === null) return -1;
  const c = typeof x === 'string' ? x.localeCompare(String(y)) : x - (y as number);
  return c * dir || a.name.localeCompare(b.name);
}

/** A change with its sign ('' when there is none to show). */
const signed = (x: number | null) => (x === null ? '' : `${x > 0 ? '+' : ''}${fmt(x, 3)}`);
const changeClass = (x: number | null) => ((x ?? 0) > 0 ? 'up' : (x ?? 0) < 0 ? 'down' : '');

function moverList(rows: RankRow[], year: number) {
  if (!rows.length) return 'none';
  return rows.map(
    (r, i) => html`${i ? ', ' : ''}<a href=${`#/profile?state=${r.state}&year=${year}`}>${r.name}</a>
      <span class=${changeClass(r.index_change)}>${signed(r.index_change)}</span>`,
  );
}

function setHash(q: Record<string, string | null>) {
  const p = new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => !!e[1]));
  window.location.hash = `#/rankings${p.size ? `?${p}` : ''}`;
}

/** Every state of a year ranked, sortable by the index or any component, searchable, with the movers. */
export function RankingsPage({ params }: { params: URLSearchParams }) {
  const wantedYear = Number(params.get('year')) || null;
  const weights = params.get('weights') ?? '';
  const sort = (SORT_KEYS as string[]).includes(params.get('sort') ?? '')
    ? (params.get('sort') as SortKey)
    : 'rank';
  const dir: 1 | -1 =
    params.get('dir') === 'desc'
      ? -1
      : params.get('dir') === 'asc'
        ? 1
        : sort === 'rank' || sort === 'name'
          ? 1
          : -1;
  const search = params.get('q') ?? '';
  const [latest, setLatest] = useState<number | null>(null);
  const [data, setData] = useState<RankingsResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const year = wantedYear ?? latest;

  useEffect(() => {
    latestPostures().then(
      (r) => setLatest(r.year),
      (e: Error) => setError(e.message),
    );
  }, []);
  useEffect(() => {
    if (year === null) return;
    let live = true;
    setError(null);
    getJson<RankingsResponse>('/api/rankings', { year, draws: DRAWS, weights }).then(
      (r) => live && setData(r),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [year, weights]);

  const state = {
    year: year ? String(year) : null,
    weights: weights || null,
    sort,
    dir: dir === 1 ? 'asc' : 'desc',
    q: search || null,
  };
  const go = (change: Partial<typeof state>) => setHash({ ...state, ...change });
  const rows = useMemo(() => {
    if (!data) return [];
    const needle = search.trim().toLowerCase();
    return data.rows
      .filter((r) => !needle || r.name.toLowerCase().includes(needle) || r.state.toLowerCase() === needle)
      .sort((a, b) => compare(a, b, sort, dir));
  }, [data, search, sort, dir]);
  const movers = useMemo(() => {
    const moved = (data?.rows ?? []).filter((r) => r.index_change !== null);
    const by = [...moved].sort((a, b) => b.index_change! - a.index_change!);
    return {
      up: by.slice(0, 5).filter((r) => r.index_change! > 0),
      down: by
        .reverse()
        .slice(0, 5)
        .filter((r) => r.index_change! < 0),
    };
  }, [data]);

  // A second click on the sorted column reverses it; a new column starts in its natural direction.
  const nextDir = (key: SortKey, active: boolean) =>
    active ? (dir === 1 ? 'desc' : 'asc') : key === 'name' || key === 'rank' ? 'asc' : 'desc';
  const header = (key: SortKey, label: string, num = true) => {
    const active = sort === key;
    return html`<th
      scope="col"
      class=${num ? 'num' : ''}
      aria-sort=${active ? (dir === 1 ? 'ascending' : 'descending') : undefined}
    >
      <button
        type="button"
        class="sort"
        data-testid=${`sort-${key}`}
        onClick=${() => go({ sort: key, dir: nextDir(key, active) })}
      >
        ${label}${active ? (dir === 1 ? ' ▲' : ' ▼') : ''}
      </button>
    </th>`;
  };
  const fresh = data !== null && data.year === year;

  return html`<section aria-labelledby="rank-title">
    <h1 id="rank-title">Rankings${year ? `, ${year}` : ''}</h1>
    <p class="lede">
      Every state scored in the year, by the strategic-autonomy index or by any one component. The interval is
      the 5–95% range over ${DRAWS} Monte Carlo draws of weights and normalisation; a state with fewer
      components (coverage below 7/7) is ranked on what there is, and an empty cell is a missing input, never
      a zero. Weights set here apply to the whole ranking.
      <a href="#/docs/METHODOLOGY?section=4">How the index is made</a>.
    </p>
    <form class="rank-tools" onSubmit=${(e: Event) => e.preventDefault()}>
      <${YearPicker}
        label="Year"
        value=${year}
        years=${latest ? yearRange(latest) : []}
        testid="rank-year"
        onChange=${(y: number) => go({ year: String(y) })}
      />
      <label
        >Find a state
        <input
          type="search"
          value=${search}
          data-testid="rank-search"
          placeholder="name or ISO3"
          onInput=${(e: Event) => go({ q: (e.target as HTMLInputElement).value })}
        />
      </label>
      <label
        >Weights (component=weight, …)
        <input
          type="text"
          value=${weights}
          data-testid="rank-weights"
          placeholder="mediation=0.3,voice=0.1"
          onChange=${(e: Event) => go({ weights: (e.target as HTMLInputElement).value.trim() })}
        />
      </label>
    </form>
    ${error ? html`<p role="alert" class="error" data-testid="rank-error">${error}</p>` : null}
    ${!fresh && !error ? html`<p class="muted" aria-busy="true">Loading the ranking…</p>` : null}
    ${
      fresh && data
        ? html`
            <h2>Biggest movers since ${data.previous_year ?? 'the year before'}</h2>
            ${
              data.previous_year === null
                ? html`<p class="empty-state">${data.year} is the first year scored: no change to show.</p>`
                : html`<div class="movers" data-testid="movers">
                    <p>
                      <strong>Up:</strong>
                      ${moverList(movers.up, data.year)}
                    </p>
                    <p>
                      <strong>Down:</strong>
                      ${moverList(movers.down, data.year)}
                    </p>
                  </div>`
            }
            <${Downloads}
              path="/api/rankings"
              params=${{ year: data.year, draws: DRAWS, weights }}
              what="this ranking"
            />
            <p class="count" data-testid="rank-count" aria-live="polite">
              ${rows.length} of ${data.rows.length} states
            </p>
            ${
              rows.length === 0
                ? html`<p class="empty-state">No state matches “${search}”.</p>`
                : html`<div class="scroll-x" tabindex="0" role="region" aria-label="Ranking table">
                    <table class="data rankings" data-testid="rank-table">
                      <caption>
                        States ranked in ${data.year}, sorted by ${sort.replace('_', ' ')}
                      </caption>
                      <thead>
                        <tr>
                          ${header('rank', 'Rank')} ${header('name', 'State', false)}
                          <th scope="col">Posture</th>
                          ${header('index', 'Index')}
                          <th scope="col" class="num">Interval</th>
                          ${COMPONENT_IDS.map((c) => header(c, c))} ${header('coverage', 'Coverage')}
                          ${header('index_change', 'Change')}
                        </tr>
                      </thead>
                      <tbody>
                        ${rows.map(
                          (r) =>
                            html`<tr data-testid="rank-row" data-state=${r.state}>
                              <td class="num">${r.rank ?? '–'}</td>
                              <th scope="row">
                                <a href=${`#/profile?state=${r.state}&year=${data.year}`}>${r.name}</a>
                              </th>
                              <td><${PostureBadge} posture=${r.posture} /></td>
                              <td class="num" data-testid="rank-index">${fmt(r.index)}</td>
                              <td class="num">
                                ${r.interval ? `${fmt(r.interval[0], 2)}–${fmt(r.interval[1], 2)}` : '–'}
                              </td>
                              ${COMPONENT_IDS.map(
                                (c) =>
                                  html`<td class="num" data-component=${c}>${
                                    r.components[c] === null ? '' : fmt(r.components[c], 2)
                                  }</td>`,
                              )}
                              <td class="num">${Math.round(r.coverage * 7)}/7</td>
                              <td
                                class=${`num ${changeClass(r.index_change)}`}
                              >
                                ${signed(r.index_change)}
                              </td>
                            </tr>`,
                        )}
                      </tbody>
                    </table>
                  </div>`
            }
          `
        : null
    }
  </section>`;
}

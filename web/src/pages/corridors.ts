import { useEffect, useMemo, useState } from 'preact/hooks';
import { getJson } from '../api.ts';
import { html } from '../html.ts';
import { CorridorMap, MapLegend } from '../map/corridor-map.ts';
import { makeGeometry } from '../map/geo.ts';
import type { MapGeometry } from '../map/geo.ts';
import { Bottlenecks, TransitChart, TransitTable } from '../map/transit-chart.ts';
import type {
  Criterion,
  NetworkResponse,
  RouteResponse,
  ScenarioInfo,
  TransitResponse,
} from '../map/types.ts';

// Texts of the page, named so that its templates stay within the line width.
const LEGS_ARE_DRAWN_AS =
  'Legs are drawn as great-circle arcs between nodes (schematic). Line width is the flow assigned ' +
  'by time; vermillion marks the minimum cut of each flow. Country outlines: Natural Earth 1:110m ' +
  '(world-atlas).';
const FREIGHT_ROUTES_ACROSS_THE =
  'Freight routes across the Middle Corridor, the North–South corridor, the Northern route and the ' +
  'sea lanes. Tick scenarios to re-run the routing and the capacity-aware assignment.';

const criteria: Array<{ id: Criterion; label: string }> = [
  { id: 'time', label: 'fastest (time)' },
  { id: 'distance', label: 'shortest (distance)' },
  { id: 'cost', label: 'cheapest (cost)' },
];

/**
 * Map views. The Caspian view is a fixed window (not data) so that the South Caucasus, where the
 * Middle and North-South corridors cross, is legible; the Eurasia view fits every node.
 */
const views = [
  { id: 'eurasia', label: 'Eurasia (all corridors)', box: null },
  { id: 'caspian', label: 'Caspian and South Caucasus', box: { west: 36, east: 63, south: 34, north: 48 } },
] as const;
type ViewId = (typeof views)[number]['id'];

const fmt = (x: number, d = 1): string =>
  x.toLocaleString('en-GB', { maximumFractionDigits: d, minimumFractionDigits: d });

/** Loads a resource for the current inputs; a slower, older answer never overwrites a newer one. */
function useFetch<T>(
  path: string,
  params: Record<string, string | number | undefined> | null,
): { data: T | null; error: string | null; loading: boolean } {
  const [state, setState] = useState<{ data: T | null; error: string | null; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  const key = params === null ? null : JSON.stringify(params);
  useEffect(() => {
    if (params === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    getJson<T>(path, params).then(
      (data) => live && setState({ data, error: null, loading: false }),
      (e: Error) => live && setState({ data: null, error: e.message, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [path, key]);
  return state;
}

function readList(text: string | null): string[] {
  return (text ?? '').split(',').filter((s) => /^[a-z0-9-]+$/.test(s));
}

/**
 * Corridors: the network on a map, a route finder and the transit assignment, all re-computed
 * by the API under the ticked scenarios (overlays apply in catalogue order).
 */
export function CorridorsPage({ params }: { params: URLSearchParams }) {
  const [from, setFrom] = useState(params.get('from') ?? 'shanghai');
  const [to, setTo] = useState(params.get('to') ?? 'rotterdam');
  const [by, setBy] = useState<Criterion>(
    (['time', 'distance', 'cost'] as const).find((c) => c === params.get('by')) ?? 'time',
  );
  const [k, setK] = useState(Math.min(4, Math.max(0, Number(params.get('k') ?? 2) || 0)));
  const [ticked, setTicked] = useState<string[]>(readList(params.get('scenario')));
  const [view, setView] = useState<ViewId>(views.find((v) => v.id === params.get('view'))?.id ?? 'eurasia');

  const catalogue = useFetch<{ scenarios: ScenarioInfo[] }>('/api/corridors/scenarios', {});
  const base = useFetch<NetworkResponse>('/api/corridors/network', {});
  const known = catalogue.data?.scenarios ?? [];
  // Catalogue order, so the same ticks always compose the same way; ids not in the catalogue are dropped once
  // it loads.
  const scenarios = known.length > 0 ? known.map((s) => s.id).filter((id) => ticked.includes(id)) : ticked;
  const scenarioParam = scenarios.length > 0 ? scenarios.join(',') : undefined;
  const ready = catalogue.data !== null || catalogue.error !== null;

  const net = useFetch<NetworkResponse>('/api/corridors/network', ready ? { scenario: scenarioParam } : null);
  const route = useFetch<RouteResponse>(
    '/api/corridors/route',
    ready ? { from, to, by, k, scenario: scenarioParam } : null,
  );
  const transit = useFetch<TransitResponse>(
    '/api/corridors/transit',
    ready ? { scenario: scenarioParam } : null,
  );

  useEffect(() => {
    const q = new URLSearchParams({ from, to, by, k: String(k), view });
    if (scenarioParam) q.set('scenario', scenarioParam);
    // replaceState: keeps the view linkable without a hashchange that would re-route the app.
    window.history.replaceState(null, '', `#/corridors?${q}`);
  }, [from, to, by, k, scenarioParam, view]);

  // Projection, country outlines and leg paths are computed once per view, then reused by every re-render.
  const geometries = useMemo(() => new Map<ViewId, MapGeometry>(), [base.data]);
  let geo: MapGeometry | null = geometries.get(view) ?? null;
  if (geo === null && base.data) {
    const v = views.find((x) => x.id === view);
    const b = v?.box ?? null;
    geo = makeGeometry(
      b
        ? [
            { lon: b.west, lat: b.south },
            { lon: b.east, lat: b.north },
            { lon: b.west, lat: b.north },
            { lon: b.east, lat: b.south },
          ]
        : base.data.nodes,
    );
    geometries.set(view, geo);
  }
  const box = views.find((x) => x.id === view)?.box ?? null;
  const places = useMemo(
    () => (base.data?.nodes ?? []).filter((n) => !n.at_sea).sort((a, b) => a.name.localeCompare(b.name)),
    [base.data],
  );
  const regions = base.data?.regions ?? [];

  const toggle = (id: string, on: boolean): void =>
    setTicked((t) => (on ? [...t.filter((x) => x !== id), id] : t.filter((x) => x !== id)));
  const shown = net.data ?? base.data;
  const placeOptions = html`
    <optgroup label="Places">${places.map(
      (n) => html`<option value=${n.id}>
      ${n.name} (${n.country})</option>`,
    )}</optgroup>
    <optgroup label="Regions">${regions.map((r) => html`<option value=${r.id}>${r.name}</option>`)}
      </optgroup>`;
  const r = route.data;

  return html`<section aria-labelledby="corridors-title" class="corridors">
    <h1 id="corridors-title">Corridors: routes, transit and bottlenecks</h1>
    <p
      class="lede">${FREIGHT_ROUTES_ACROSS_THE}</p>

    <fieldset class="scenarios" data-testid="scenario-toggles">
      <legend>Scenarios (applied together, in this order)</legend>
      ${catalogue.error ? html`<p role="alert" class="error">${catalogue.error}</p>` : null}
      ${known.map(
        (s) => html`<label class="scenario" title=${s.summary ?? ''}>
        <input type="checkbox" checked=${scenarios.includes(s.id)} data-testid=${`scenario-${s.id}`}
          aria-describedby=${`scen-${s.id}-desc`}
          onChange=${(e: Event) => toggle(s.id, (e.target as HTMLInputElement).checked)} />
        <span>${s.name}</span>
        <span class="sr-only" id=${`scen-${s.id}-desc`}>
          ${s.summary ?? ''} Sources: ${s.sources.join(', ')}.</span>
      </label>`,
      )}
    </fieldset>

    <div class="map-panel">
      <div class="map-toolbar">
        <label>Map view
          <select value=${view} data-testid="map-view"
            onChange=${(e: Event) => setView((e.target as HTMLSelectElement).value as ViewId)}>
            ${views.map((v) => html`<option value=${v.id}>${v.label}</option>`)}
          </select>
        </label>
      </div>
      ${base.error ? html`<p role="alert" class="error">${base.error}</p>` : null}
      ${
        geo && shown
          ? html`<${CorridorMap} geo=${geo} nodes=${shown.nodes} legs=${shown.legs} transit=${transit.data}
            route=${r} scenarioName=${shown.scenario?.name ?? null}
            labelAll=${box !== null} />`
          : html`<p aria-busy="true">Loading the network…</p>`
      }
      ${shown ? html`<${MapLegend} modes=${shown.modes} />` : null}
      <p
        class="note">${LEGS_ARE_DRAWN_AS}</p>
    </div>

    <div class="corridor-grid">
      <div class="route-panel">
        <h2>Route finder</h2>
        <form class="filters" onSubmit=${(e: Event) => e.preventDefault()}>
          <label>From
            <select value=${from} data-testid="route-from"
              onChange=${(e: Event) => setFrom((e.target as HTMLSelectElement).value)}>${placeOptions}
              </select>
          </label>
          <label>To
            <select value=${to} data-testid="route-to"
              onChange=${(e: Event) => setTo((e.target as HTMLSelectElement).value)}>${placeOptions}</select>
          </label>
          <label>Best by
            <select value=${by} data-testid="route-by"
              onChange=${(e: Event) => setBy((e.target as HTMLSelectElement).value as Criterion)}>
              ${criteria.map((c) => html`<option value=${c.id}>${c.label}</option>`)}
            </select>
          </label>
          <label>Alternatives
            <select value=${String(k)}
              onChange=${(e: Event) => setK(Number((e.target as HTMLSelectElement).value))}>
              ${[0, 1, 2, 3, 4].map((n) => html`<option value=${String(n)}>${n}</option>`)}
            </select>
          </label>
        </form>
        <div aria-live="polite" data-testid="route-result" aria-busy=${route.loading ? 'true' : 'false'}>
          ${
            route.error
              ? html`<p role="alert" class="error" data-testid="route-error">${route.error}
            </p>`
              : null
          }
          ${
            r && !route.error
              ? html`
            <p class="route-title"><strong>${r.from} → ${r.to}</strong>, best by ${r.by}
              ${r.scenario ? html` under <em>${r.scenario.name}</em>` : ''}</p>
            <dl class="figures">
              <div><dt>Distance</dt><dd data-testid="route-km">${fmt(r.km, 0)} km</dd></div>
              <div><dt>Time</dt><dd data-testid="route-hours">${fmt(r.hours)} h</dd><dd class="sub">
                ${fmt(r.hours / 24)} days</dd></div>
              <div><dt>Cost</dt><dd data-testid="route-cost">USD ${fmt(r.cost_usd_per_t, 2)}/t</dd></div>
            </dl>
            <p class="path" data-testid="route-path">${r.path.join(' › ')}</p>
            ${
              r.alternatives.length > 0
                ? html`<table class="data" data-testid="alternatives">
              <caption>Alternatives (dashed on the map)</caption>
              <thead><tr><th scope="col">#</th><th scope="col">km</th><th scope="col">hours</th><th
                scope="col">USD/t</th><th scope="col">via</th></tr></thead>
              <tbody>${r.alternatives.map(
                (a, i) => html`<tr>
                <th scope="row">${i + 2}</th><td>${fmt(a.km, 0)}</td><td>${fmt(a.hours)}</td><td>
                  ${fmt(a.cost_usd_per_t, 2)}</td><td>${a.path.slice(1, -1).join(' › ')}</td>
              </tr>`,
              )}</tbody>
            </table>`
                : null
            }
            <details class="provenance">
              <summary>Sources of the legs used (${r.provenance.sources.length})</summary><p>
              ${r.provenance.sources.join(', ')}</p></details>
          `
              : null
          }
        </div>
      </div>

      <div class="transit-panel">
        <h2>Transit by country</h2>
        <div aria-live="polite" data-testid="transit-result" aria-busy=${transit.loading ? 'true' : 'false'}>
          ${transit.error ? html`<p role="alert" class="error">${transit.error}</p>` : null}
          ${
            transit.data
              ? html`
            <p
              class="note">Capacity-aware assignment by time of ${transit.data.ods.length} flows${
                transit.data.scenario
                  ? html` under <em>
                ${transit.data.scenario.name}</em>`
                  : ' (baseline)'
              }. Share = tonnes of a flow crossing the country ÷ that flow's demand.</p>
            <${TransitChart} data=${transit.data} />
            <${TransitTable} data=${transit.data} />
          `
              : null
          }
        </div>
      </div>
    </div>
    ${
      transit.data
        ? html`
      <${Bottlenecks} data=${transit.data} />
      <details class="provenance">
        <summary>Sources of the assignment (${transit.data.provenance.sources.length})</summary><p>
        ${transit.data.provenance.sources.join(', ')}</p></details>
    `
        : null
    }
  </section>`;
}

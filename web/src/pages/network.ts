import Graph from 'graphology';
import Sigma from 'sigma';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { getJson, type Provenance } from '../api.ts';
import { html } from '../html.ts';

// Texts of the page, named so that its templates stay within the line width.
const STATES_THAT_BRIDGE_THE =
  'States that bridge the west and China–Russia blocs in a multiplex of alliances, shared IGOs, ' +
  'arms transfers, vote similarity, hosting of talks and transport links, while aligned with ' +
  'neither (docs/interconnector.md).';
const OPEN_WEST_CHINA_RUSSIA = ' open west–china-russia two-paths through it; ';
const THE_TABLES_BELOW_CARRY = '); the tables below carry the same data.';

const LAYERS = ['alliances', 'igo', 'arms', 'votes', 'hosting', 'transport'] as const;
type LayerId = (typeof LAYERS)[number];
const LAYER_LABEL: Record<LayerId, string> = {
  alliances: 'Alliances (ATOP)',
  igo: 'Shared IGOs (COW)',
  arms: 'Arms transfers (SIPRI)',
  votes: 'Vote similarity (BSV)',
  hosting: 'Hosting talks (KB)',
  transport: 'Transport legs (corridors)',
};
type Bloc = 'west' | 'china-russia' | 'non-aligned' | 'unclassified';
// Okabe–Ito: blue, vermillion, bluish green, grey; the legend and tables also name the bloc.
const BLOC_COLOR: Record<Bloc, string> = {
  west: '#0072b2',
  'china-russia': '#d55e00',
  'non-aligned': '#009e73',
  unclassified: '#999999',
};
const BLOC_ORDER: Bloc[] = ['west', 'non-aligned', 'china-russia', 'unclassified'];

type Roles = Record<
  'coordinator' | 'itinerant' | 'representative' | 'gatekeeper' | 'liaison' | 'total',
  number | null
>;
interface Counterpart {
  state: string;
  weight: number;
  layers: Partial<Record<LayerId, number>>;
}
interface Score {
  state: string;
  name: string;
  bloc: Bloc;
  score: number | null;
  rank: number | null;
  parts: {
    alignment: number | null;
    alignmentVotes: number | null;
    guarantee: { from: string; weight: number } | null;
    bridging: number;
    brokerage: number;
    opposingPaths: number;
    degree: number;
  };
  roles: { raw: Roles; zSna: Roles; zDegree: Roles | null };
  layers: Partial<Record<LayerId, { west: number; east: number; other: number; score: number | null }>>;
  counterparts: { west: Counterpart[]; east: Counterpart[] };
  connectedness: { vulnerability: number; connectedness: number; partners: number; uses: string } | null;
}
interface LayerInfo {
  id: LayerId;
  available: boolean;
  edges: number;
  weight: number;
  note: string;
  provenance: Provenance[];
}
interface BrokerageResponse {
  year: number;
  layers: LayerInfo[];
  blocs: { window: [number, number]; carried: boolean; provenance: Provenance };
  results: Score[];
}
interface NetworkResponse {
  year: number;
  nodes: Array<{ id: string; name: string; bloc: Bloc; score: number | null }>;
  edges: Array<{ source: string; target: string; weight: number; layers: Partial<Record<LayerId, number>> }>;
}

const f = (x: number | null | undefined, d = 2): string =>
  x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(d);

function graphLabel(net: NetworkResponse, selected: string | null | undefined): string {
  const highlighted = selected ? `; ties of ${selected} highlighted` : '';
  return (
    `Multiplex network of ${net.nodes.length} states and ${net.edges.length} ties in ${net.year}, ` +
    `coloured by bloc${highlighted}. The tables on this page carry the same information.`
  );
}

const layerStatus = (l: LayerInfo) => (l.available ? `${l.edges} ties, weight ${l.weight}` : 'missing');

const layerSources = (l: LayerInfo) =>
  l.provenance
    .map((p) => [p.dataset, p.version, p.sha256].filter(Boolean).join(' '))
    .filter(Boolean)
    .join('; ');

function guaranteeText(s: Score): string {
  const g = s.parts.guarantee;
  return g ? ` Strongest pole guarantee: ${g.from} (${f(g.weight)}).` : '';
}

function connectednessText(s: Score): string {
  const c = s.connectedness;
  if (!c) return ' Aiyar–Ohnsorge connectedness: fewer than two arms partners.';
  return (
    ` Aiyar–Ohnsorge connectedness ${f(c.connectedness, 3)} ` +
    `(vulnerability ${f(c.vulnerability, 3)}, ${c.partners} arms partners).`
  );
}

function setHash(params: Record<string, string>): void {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v));
  window.location.hash = `#/network${q.size ? `?${q}` : ''}`;
}

function GraphView({
  net,
  selected,
  onSelect,
}: {
  net: NetworkResponse;
  selected: string;
  onSelect: (s: string) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const sigmaRef = useRef<Sigma | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const graph = useMemo(() => {
    const g = new Graph({ type: 'undirected' });
    // Deterministic layout: a ring per bloc, strongest interconnectors inward.
    const byBloc = new Map<Bloc, typeof net.nodes>();
    for (const n of net.nodes) (byBloc.get(n.bloc) ?? byBloc.set(n.bloc, []).get(n.bloc)!).push(n);
    const centres: Record<Bloc, [number, number]> = {
      west: [-1, 0],
      'non-aligned': [0, 0.9],
      'china-russia': [1, 0],
      unclassified: [0, -1],
    };
    for (const bloc of BLOC_ORDER) {
      const list = (byBloc.get(bloc) ?? [])
        .slice()
        .sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || (a.id < b.id ? -1 : 1));
      list.forEach((n, i) => {
        const r = 0.15 + 0.55 * Math.sqrt((i + 1) / Math.max(1, list.length));
        const t = i * 2.39996;
        g.addNode(n.id, {
          x: centres[bloc][0] + r * Math.cos(t),
          y: centres[bloc][1] + r * Math.sin(t),
          size: 3 + 9 * (n.score ?? 0),
          color: BLOC_COLOR[n.bloc],
          label: n.id,
        });
      });
    }
    for (const e of net.edges)
      if (g.hasNode(e.source) && g.hasNode(e.target))
        g.addEdge(e.source, e.target, { size: 0.3 + Math.min(3, e.weight), color: '#c8ccd2' });
    return g;
  }, [net]);
  useEffect(() => {
    if (!ref.current) return;
    try {
      const s = new Sigma(graph, ref.current, { renderEdgeLabels: false, labelRenderedSizeThreshold: 7 });
      s.on('clickNode', ({ node }) => onSelect(node));
      sigmaRef.current = s;
      setFailed(null);
    } catch (err) {
      setFailed((err as Error).message);
    }
    return () => {
      sigmaRef.current?.kill();
      sigmaRef.current = null;
    };
  }, [graph]);
  useEffect(() => {
    const s = sigmaRef.current;
    if (!s) return;
    const ties = new Set(selected && graph.hasNode(selected) ? graph.neighbors(selected) : []);
    s.setSetting('nodeReducer', (node, data) =>
      !selected || node === selected || ties.has(node)
        ? { ...data, highlighted: node === selected, zIndex: 1 }
        : { ...data, color: '#e4e6ea', label: '' },
    );
    s.setSetting('edgeReducer', (edge, data) => {
      if (!selected) return data;
      const [a, b] = graph.extremities(edge);
      return a === selected || b === selected
        ? { ...data, color: '#1b1f24', size: (data.size ?? 1) + 1, zIndex: 1 }
        : { ...data, hidden: true };
    });
    s.refresh();
  }, [selected, graph]);
  return html`<figure class="network-graph-wrap">
    <div class="network-graph" ref=${ref} data-testid="network-graph" role="img"
      aria-label=${graphLabel(net, selected)} data-nodes=${graph.order} data-edges=${graph.size}></div>
    ${
      failed
        ? html`<p class="note"
      data-testid="graph-fallback">The graph view needs WebGL (${failed}${THE_TABLES_BELOW_CARRY}</p>`
        : null
    }
    <figcaption class="legend">${BLOC_ORDER.map(
      (b) => html`<span><i style=${`background:${BLOC_COLOR[b]}`}>
      </i>${b}</span>`,
    )}<span>size = interconnector index; click a node to select it</span></figcaption>
  </figure>`;
}

function Ranking({
  rows,
  selected,
  onSelect,
}: {
  rows: Score[];
  selected: string;
  onSelect: (s: string) => void;
}) {
  const top = rows.filter((r) => r.score !== null).slice(0, 20);
  const max = Math.max(1e-9, ...top.map((r) => r.score ?? 0));
  return html`<ol class="ic-bars" data-testid="ranking"
    aria-label="Top 20 interconnectors: select one to see its roles and counterparts">
    ${top.map(
      (r) => html`<li key=${r.state}>
      <button type="button" class="ic-bar" data-testid="rank-row" data-state=${r.state}
        aria-pressed=${r.state === selected} onClick=${() => onSelect(r.state)}>
        <span class="ic-name">${r.rank}. ${r.name} <small>(${r.bloc})</small></span>
        <span class="ic-track" aria-hidden="true"><span class="ic-fill"
          style=${`width:${(100 * (r.score ?? 0)) / max}%;background:${BLOC_COLOR[r.bloc]}`}></span></span>
        <span class="ic-value" data-testid="rank-score">${f(r.score, 3)}</span>
      </button></li>`,
    )}
  </ol>`;
}

function Detail({ s }: { s: Score }) {
  const roles = ['coordinator', 'itinerant', 'representative', 'gatekeeper', 'liaison', 'total'] as const;
  const cp = (list: Counterpart[]) =>
    list.length
      ? html`<ul>${list.map(
          (c) =>
            html`<li>${c.state} <small>${f(c.weight)} — ${Object.entries(c.layers)
              .map(([k, v]) => `${k} ${f(v)}`)
              .join(', ')}</small></li>`,
        )}</ul>`
      : html`<p class="note">none</p>`;
  return html`<section class="ic-detail" data-testid="detail" aria-live="polite">
    <h3 data-testid="detail-name">${s.name} (${s.state})</h3>
    <p>Bloc <strong>${s.bloc}</strong>; index <strong data-testid="detail-score">${f(s.score, 3)}
      </strong> = alignment ${f(s.parts.alignment)} × ½ (bridging ${f(s.parts.bridging)} + brokerage ${f(
        s.parts.brokerage,
      )}); ${s.parts.opposingPaths}${OPEN_WEST_CHINA_RUSSIA}${s.parts.degree} ties.
      ${guaranteeText(s)}
      ${connectednessText(s)}</p>
    <table class="ic-roles" data-testid="roles"><caption>Gould–Fernandez roles (blocs as groups)</caption>
      <thead><tr><th scope="col">role</th><th scope="col">raw</th><th scope="col">z (sna)</th><th
        scope="col">z (degree-preserving)</th></tr></thead>
      <tbody>${roles.map(
        (r) => html`<tr><th scope="row">${r}</th><td>${f(s.roles.raw[r], 0)}</td><td>
        ${f(s.roles.zSna[r])}</td><td>${f(s.roles.zDegree?.[r])}</td></tr>`,
      )}</tbody></table>
    <div class="ic-cp"><div><h4>West counterparts</h4>${cp(s.counterparts.west)}</div><div>
      <h4>China–Russia counterparts</h4>${cp(s.counterparts.east)}</div></div>
    <table class="ic-roles" data-testid="layer-table">
      <caption>By layer: tie strength to each bloc and the index on that layer alone</caption>
      <thead><tr><th scope="col">layer</th><th scope="col">west</th><th scope="col">china-russia</th><th
        scope="col">other</th><th scope="col">index</th></tr></thead>
      <tbody>${Object.entries(s.layers).map(
        ([id, c]) => html`<tr><th scope="row">${id}</th><td>${f(c.west)}
        </td><td>${f(c.east)}</td><td>${f(c.other)}</td><td>${f(c.score, 3)}</td></tr>`,
      )}</tbody></table>
  </section>`;
}

export function NetworkPage({ params }: { params: URLSearchParams }) {
  const year = params.get('year') ?? '';
  const layerParam = params.get('layers') ?? '';
  const selectedLayers = layerParam ? (layerParam.split(',') as LayerId[]) : [...LAYERS];
  const [data, setData] = useState<BrokerageResponse | null>(null);
  const [net, setNet] = useState<NetworkResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(true);
  const selected = params.get('state') ?? '';
  useEffect(() => {
    let live = true;
    setBusy(true);
    const q = { year: year || undefined, layers: layerParam || undefined };
    Promise.all([
      getJson<BrokerageResponse>('/api/brokerage', q),
      getJson<NetworkResponse>('/api/network', q),
    ])
      .then(([b, n]) => {
        if (live) {
          setData(b);
          setNet(n);
          setError(null);
        }
      })
      .catch((e: Error) => {
        if (live) setError(e.message);
      })
      .finally(() => {
        if (live) setBusy(false);
      });
    return () => {
      live = false;
    };
  }, [year, layerParam]);
  const go = (p: Partial<Record<'year' | 'layers' | 'state', string>>) =>
    setHash({ year, layers: layerParam, state: selected, ...p });
  const current = data?.results.find((r) => r.state === selected) ?? data?.results.find((r) => r.rank === 1);
  const toggle = (id: LayerId) => {
    const next = selectedLayers.includes(id)
      ? selectedLayers.filter((l) => l !== id)
      : [...selectedLayers, id];
    if (next.length === 0) return;
    go({ layers: next.length === LAYERS.length ? '' : LAYERS.filter((l) => next.includes(l)).join(',') });
  };
  const shownYear = data?.year ?? (year ? Number(year) : 2023);
  const years = Array.from(
    { length: Math.max(shownYear, new Date().getFullYear() - 1) - 1992 + 1 },
    (_, i) => 1992 + i,
  ).reverse();
  return html`<section class="network-page" aria-busy=${busy ? 'true' : 'false'} data-testid="network-page">
    <h2>Interconnectors between rival blocs</h2>
    <p
      class="lede">${STATES_THAT_BRIDGE_THE}</p>
    <form class="ic-controls" onSubmit=${(e: Event) => e.preventDefault()}>
      <label>Year <select data-testid="year-select" value=${String(shownYear)}
        onChange=${(e: Event) => go({ year: (e.target as HTMLSelectElement).value })}>
        ${years.map((y) => html`<option value=${String(y)}>${y}</option>`)}</select></label>
      <fieldset><legend>Layers</legend>
        ${LAYERS.map((id) => {
          const info = data?.layers.find((l) => l.id === id);
          return html`<label title=${info?.note ?? ''}><input type="checkbox" data-testid=${`layer-${id}`}
            checked=${selectedLayers.includes(id)} onChange=${() => toggle(id)} /> ${LAYER_LABEL[id]}
            ${info && !info.available ? ' (no data this year)' : ''}</label>`;
        })}
      </fieldset>
    </form>
    ${error ? html`<p role="alert" class="error" data-testid="error">${error}</p>` : null}
    ${
      data && net
        ? html`
      <p class="note" data-testid="bloc-note">${data.blocs.provenance.note}</p>
      <div class="ic-grid">
        <div><h3>Ranking, ${data.year}</h3><${Ranking} rows=${data.results} selected=${current?.state ?? ''}
          onSelect=${(s: string) => go({ state: s })} /></div>
        ${current ? html`<${Detail} s=${current} />` : null}
      </div>
      <${GraphView} net=${net} selected=${current?.state ?? ''} onSelect=${(s: string) => go({ state: s })} />
      <details class="text-alt" data-testid="ranking-details"><summary>All states as a table</summary>
        <div class="table-scroll"><table data-testid="ranking-table"><thead><tr><th scope="col">rank</th><th
          scope="col">state</th><th scope="col">bloc</th><th scope="col">index</th><th
          scope="col">alignment</th><th scope="col">bridging</th><th scope="col">brokerage</th><th
          scope="col">liaison</th><th scope="col">AO connectedness</th></tr></thead>
          <tbody>${data.results.map(
            (r) => html`<tr><td>${r.rank ?? '–'}</td><th scope="row">
            ${r.name} (${r.state})</th><td>${r.bloc}</td><td>${f(r.score, 3)}</td><td>${f(r.parts.alignment)}
            </td><td>${f(r.parts.bridging)}</td><td>${f(r.parts.brokerage)}</td><td>
            ${f(r.roles.raw.liaison, 0)}</td><td>${f(r.connectedness?.connectedness, 3)}</td></tr>`,
          )}</tbody>
            </table></div>
      </details>
      <details class="provenance"><summary>Layers and provenance</summary><ul>${data.layers.map(
        (l) =>
          html`<li><strong>${l.id}
            </strong>: ${layerStatus(l)} — ${l.note} ${layerSources(l)}</li>`,
      )}</ul></details>`
        : busy
          ? html`<p>Loading…</p>`
          : null
    }
  </section>`;
}

import { useLayoutEffect, useRef } from 'preact/hooks';
import { html } from '../html.ts';
import type { MapGeometry } from './geo.ts';
import type { MapLeg, MapNode, Mode, RouteResponse, TransitResponse } from './types.ts';

// Texts of the map, named so that the SVG template stays readable.
const MAP_TITLE =
  'Freight corridor network between China, Central Asia, the Caucasus, Iran, Russia and Europe';
const MAP_KEY =
  ' coloured by mode; dashed legs are planned or under construction, dotted legs closed; line width is ' +
  'the assigned freight flow; vermillion casings and rings mark bottlenecks.';

export const modeLabels: Record<Mode, string> = {
  rail: 'Rail',
  road: 'Road',
  sea: 'Deep sea',
  'ferry-caspian': 'Caspian ferry',
  'ferry-black-sea': 'Black Sea ferry',
};

/** Flow in Mt/yr → stroke width; square root so that a 14 Mt flow does not drown a 3 Mt one. */
export function flowWidth(mt: number): number {
  return mt > 0 ? 2 + 2.2 * Math.sqrt(mt) : 1.3;
}

function legClass(l: MapLeg): string {
  const unbuilt = l.status === 'planned' || l.status === 'under-construction';
  // Unbuilt legs keep their own dash even when closed; 'closed' marks legs a scenario or status shut.
  return `leg mode-${l.mode}${l.open ? '' : unbuilt ? ' unbuilt' : ' closed'}`;
}

const fmt = (x: number, d = 1): string => x.toLocaleString('en-GB', { maximumFractionDigits: d });

/** The tooltip of a leg: its ends, mode, length, status, capacity and assigned flow. */
function legTitle(l: MapLeg, byId: Map<string, MapNode>, mt: number): string {
  const ends = `${byId.get(l.from)?.name ?? l.from} – ${byId.get(l.to)?.name ?? l.to}`;
  const capacity = l.capacity_mt !== null ? `, capacity ${fmt(l.capacity_mt)} Mt/yr` : '';
  const flow = mt > 0 ? `, flow ${fmt(mt, 2)} Mt/yr` : '';
  const closed = l.open ? '' : ', closed';
  return `${ends}: ${modeLabels[l.mode]}, ${fmt(l.km, 0)} km, ${l.status}${closed}${capacity}${flow}`;
}

/** The tooltip of a node: name, country, capacity, and whether it is a bottleneck. */
function nodeTitle(n: MapNode, cut: boolean): string {
  const capacity = n.capacity_mt !== null ? `, capacity ${fmt(n.capacity_mt)} Mt/yr` : '';
  return `${n.name} (${n.country})${capacity}${cut ? ' — bottleneck' : ''}`;
}

export interface CorridorMapProps {
  geo: MapGeometry;
  nodes: readonly MapNode[];
  legs: readonly MapLeg[];
  transit: TransitResponse | null;
  route: RouteResponse | null;
  scenarioName: string | null;
  /** Label every land node (regional views); otherwise only route ends and bottlenecks. */
  labelAll?: boolean;
}

/**
 * The corridor network on an offline world map: legs by mode and status, flows as widths, bottlenecks and the
 * chosen route on top.
 */
export function CorridorMap({
  geo,
  nodes,
  legs,
  transit,
  route,
  scenarioName,
  labelAll = false,
}: CorridorMapProps) {
  const started = performance.now();
  const svg = useRef<SVGSVGElement>(null);
  // Render cost is exposed for the browser test's interaction budget (precomputed paths keep it small).
  useLayoutEffect(() => {
    svg.current?.setAttribute('data-render-ms', (performance.now() - started).toFixed(1));
  });
  const byId = new Map(nodes.map((n) => [n.id, n] as const));
  const flow = new Map((transit?.legs ?? []).map((f) => [f.leg, f.forward_mt + f.backward_mt] as const));
  const cut = transit?.bottlenecks.flatMap((b) => b.cut) ?? [];
  const cutLegs = new Set(cut.filter((c) => c.kind === 'leg').map((c) => c.id));
  const cutNodes = new Set(cut.filter((c) => c.kind === 'node').map((c) => c.id));
  const d = (id: string, from: string, to: string): string => {
    const a = byId.get(from);
    const b = byId.get(to);
    return a && b ? geo.legPath(id, a, b) : '';
  };
  const legEnds = new Map(legs.map((l) => [l.id, l] as const));
  const routeD = (id: string): string => {
    const l = legEnds.get(id);
    return l ? d(l.id, l.from, l.to) : '';
  };
  const labelled = new Set<string>([
    ...cutNodes,
    ...(labelAll ? nodes.filter((n) => !n.at_sea).map((n) => n.id) : []),
  ]);
  if (route) {
    const first = route.legs[0];
    const last = route.legs[route.legs.length - 1];
    if (first) labelled.add(first.from_id);
    if (last) labelled.add(last.to_id);
  }
  const open = legs.filter((l) => l.open).length;
  return html`<svg ref=${svg} class="corridor-map" data-testid="corridor-map"
    viewBox=${`0 0 ${geo.width} ${geo.height}`} role="img" aria-labelledby="map-title map-desc">
    <title
      id="map-title">${MAP_TITLE}${scenarioName ? ` under: ${scenarioName}` : ''}</title>
    <desc id="map-desc">
      ${legs.length} legs (${open} open)${MAP_KEY}
        ${route ? ` Highlighted: best route ${route.path.join(', ')}.` : ''}</desc>
    <path class="sphere" d=${geo.sphere} />
    <path class="land" d=${geo.land} />
    <path class="borders" d=${geo.borders} />
    <g class="cut-layer">
      ${legs
        .filter((l) => cutLegs.has(l.id))
        .map(
          (l) => html`<path class="cut-casing"
        d=${d(l.id, l.from, l.to)} stroke-width=${flowWidth(flow.get(l.id) ?? 0) + 6}
        data-testid="bottleneck-leg" />`,
        )}
    </g>
    <g class="legs">
      ${legs.map((l) => {
        const mt = flow.get(l.id) ?? 0;
        return html`<path key=${l.id} class=${legClass(l)} d=${d(l.id, l.from, l.to)}
          stroke-width=${flowWidth(mt)} data-testid="leg" data-leg=${l.id} data-mode=${l.mode}
          data-open=${String(l.open)}>
          <title>
            ${legTitle(l, byId, mt)}</title>
        </path>`;
      })}
    </g>
    ${
      route
        ? html`<g class="route-layer" data-testid="route-overlay">
      ${route.alternatives.map(
        (a, i) =>
          html`<g class=${`route alt alt-${i + 1}`}>${a.legs.map(
            (l) => html`
        <path d=${routeD(l.id)} />`,
          )}</g>`,
      )}
      <g class="route best-halo">${route.legs.map((l) => html`<path d=${routeD(l.id)} />`)}</g>
      <g class="route best">${route.legs.map((l) => html`<path d=${routeD(l.id)} data-testid="route-leg" />`)}
        </g>
    </g>`
        : null
    }
    <g class="nodes">
      ${nodes
        .filter((n) => !n.at_sea)
        .map((n) => {
          const [x, y] = geo.project(n);
          return html`<circle key=${n.id} cx=${x} cy=${y} r=${cutNodes.has(n.id) ? 5 : 2.6}
            class=${`node${n.open ? '' : ' closed'}${cutNodes.has(n.id) ? ' cut' : ''}`}>
          <title>
            ${nodeTitle(n, cutNodes.has(n.id))}</title>
        </circle>`;
        })}
    </g>
    <g class="labels" aria-hidden="true">
      ${[...labelled].map((id) => {
        const n = byId.get(id);
        if (!n) return null;
        const [x, y] = geo.project(n);
        return html`<text x=${x + 6} y=${y - 6}>${n.name}</text>`;
      })}
    </g>
  </svg>`;
}

/** Swatches explaining colour, dash, width and marks; text says it too, so colour is never the only cue. */
export function MapLegend({ modes }: { modes: readonly Mode[] }) {
  const line = (cls: string, width = 3) =>
    html`<svg width="34" height="12" aria-hidden="true"><line x1="1" y1="6" x2="33" y2="6" class=${cls}
      stroke-width=${width} /></svg>`;
  return html`<ul class="legend" aria-label="Map legend">
    ${modes.map((m) => html`<li>${line(`leg mode-${m}`)} ${modeLabels[m]}</li>`)}
    <li>${line('leg mode-rail unbuilt')} planned / under construction</li>
    <li>${line('leg mode-rail closed')} closed (status or scenario)</li>
    <li>${line('leg mode-rail', flowWidth(5))} width = assigned flow (Mt/yr)</li>
    <li><svg width="34" height="14" aria-hidden="true"><line x1="1" y1="7" x2="33" y2="7" class="cut-casing"
      stroke-width="9" /><line x1="1" y1="7" x2="33" y2="7" class="leg mode-rail" stroke-width="3" />
      </svg> bottleneck (minimum cut)</li>
    <li><svg width="34" height="12" aria-hidden="true"><line x1="1" y1="6" x2="33" y2="6"
      class="route-swatch best" /></svg> best route</li>
    <li><svg width="34" height="12" aria-hidden="true"><line x1="1" y1="6" x2="33" y2="6"
      class="route-swatch alt" /></svg> alternatives</li>
  </ul>`;
}

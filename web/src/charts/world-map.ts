/**
 * The home page's world map: Natural Earth 1:110m countries from world-atlas (bundled, offline),
 * projected once per session; a year change only changes fills.
 */
import { geoEqualEarth, geoPath } from 'd3-geo';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';
import type { PostureRow } from '../api.ts';
import { html } from '../html.ts';
import { alpha3ByNumeric } from './iso-numeric.ts';
import { postureLabel } from './postures.ts';
import { fmt } from './plot.ts';

export interface CountryShape {
  key: string;
  name: string;
  iso3: string | null;
  d: string;
}
export interface WorldGeometry {
  width: number;
  height: number;
  sphere: string;
  borders: string;
  countries: CountryShape[];
}

let cached: WorldGeometry | null = null;

export function worldGeometry(width = 960, height = 470): WorldGeometry {
  if (cached) return cached;
  const topo = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const projection = geoEqualEarth().fitExtent(
    [
      [4, 4],
      [width - 4, height - 4],
    ],
    { type: 'Sphere' },
  );
  const path = geoPath(projection);
  const fc = feature(topo, topo.objects.countries);
  const countries = fc.features
    .filter((f) => f.properties.name !== 'Antarctica')
    .map((f, i) => {
      const id = f.id === undefined ? undefined : String(f.id);
      return {
        key: id ?? `${f.properties.name}-${i}`,
        name: f.properties.name,
        iso3: id ? (alpha3ByNumeric.get(id) ?? null) : null,
        d: path(f) ?? '',
      };
    });
  cached = {
    width,
    height,
    sphere: path({ type: 'Sphere' }) ?? '',
    borders: path(mesh(topo, topo.objects.countries, (a, b) => a !== b)) ?? '',
    countries,
  };
  return cached;
}

/** Finds the state row for a map shape: by ISO3, or by name for the shapes without a code (Kosovo). */
function rowFor(
  c: CountryShape,
  byIso: Map<string, PostureRow>,
  byName: Map<string, PostureRow>,
): PostureRow | undefined {
  return (c.iso3 ? byIso.get(c.iso3) : undefined) ?? byName.get(c.name.toLowerCase());
}

export function PostureMap({ geo, rows, year }: { geo: WorldGeometry; rows: PostureRow[]; year: number }) {
  const byIso = new Map(rows.map((r) => [r.state, r]));
  const byName = new Map(rows.map((r) => [r.name.toLowerCase(), r]));
  return html`<svg class="world-map" viewBox=${`0 0 ${geo.width} ${geo.height}`} role="group"
    aria-label=${`World map of postures in ${year}; each scored country is a link to its profile`}
    data-testid="world-map">
    <title>Foreign-policy posture by state, ${year}</title>
    <path class="sphere" d=${geo.sphere} />
    ${geo.countries.map((c) => {
      const r = rowFor(c, byIso, byName);
      if (!r) return html`<path class="country pc-none" d=${c.d}><title>${c.name}: not scored</title></path>`;
      const rank = r.rank ? `, rank ${r.rank}` : '';
      const coverage = r.coverage ? `; ${r.coverage}` : '';
      const text = `${r.name}: ${postureLabel(r.posture)}, index ${fmt(r.index, 2)}${rank}${coverage}`;
      return html`<a href=${`#/profile?state=${r.state}&year=${year}`} aria-label=${`${text}. Open profile`}
        data-state=${r.state} class="country-link">
        <path class=${`country pc-${r.posture}`} d=${c.d}><title>${text}</title></path>
      </a>`;
    })}
    <path class="borders" d=${geo.borders} />
  </svg>`;
}

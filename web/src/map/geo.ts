/**
 * Offline map geometry: Natural Earth 1:110m countries bundled from world-atlas, projected once.
 * Leg paths are projected once per leg id and cached, so toggling scenarios or routes only
 * changes attributes, never geometry.
 */
import { geoNaturalEarth1, geoPath } from 'd3-geo';
import type { GeoProjection } from 'd3-geo';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';

export interface Point {
  lon: number;
  lat: number;
}

export interface MapGeometry {
  width: number;
  height: number;
  /** Land, one path for all countries. */
  land: string;
  /** Borders between countries. */
  borders: string;
  /** Outline of the globe, clipped by the view. */
  sphere: string;
  project(p: Point): [number, number];
  legPath(id: string, from: Point, to: Point): string;
}

/** Fits the projection to the corridor nodes (Eurasia, with the Cape for the sea route) with a margin. */
export function makeGeometry(points: readonly Point[], width = 960, height = 560): MapGeometry {
  const projection: GeoProjection = geoNaturalEarth1().rotate([-60, 0]);
  const margin = 28;
  projection.fitExtent(
    [
      [margin, margin],
      [width - margin, height - margin],
    ],
    { type: 'MultiPoint', coordinates: points.map((p) => [p.lon, p.lat]) },
  );
  const path = geoPath(projection);
  const topo = world as unknown as Topology<{ countries: GeometryCollection; land: GeometryCollection }>;
  const countries = topo.objects.countries;
  const land = path(feature(topo, countries)) ?? '';
  const borders = path(mesh(topo, countries, (a, b) => a !== b)) ?? '';
  const sphere = path({ type: 'Sphere' }) ?? '';
  const legs = new Map<string, string>();
  return {
    width,
    height,
    land,
    borders,
    sphere,
    project: (p) => projection([p.lon, p.lat]) ?? [0, 0],
    // Great-circle arcs: schematic, not the track a train or ship follows.
    legPath(id, from, to) {
      let d = legs.get(id);
      if (d === undefined) {
        d =
          path({
            type: 'LineString',
            coordinates: [
              [from.lon, from.lat],
              [to.lon, to.lat],
            ],
          }) ?? '';
        legs.set(id, d);
      }
      return d;
    },
  };
}

/** Shapes of the /api/corridors/* responses the corridors page reads (see src/server/routes/corridors.ts). */
export type Mode = 'rail' | 'road' | 'sea' | 'ferry-caspian' | 'ferry-black-sea';
export type Criterion = 'time' | 'distance' | 'cost';

export interface ScenarioInfo {
  id: string;
  name: string;
  summary: string | null;
  window: { from?: string; to?: string } | null;
  sources: string[];
}

export interface MapNode {
  id: string;
  name: string;
  country: string;
  kind: string;
  lat: number;
  lon: number;
  at_sea: boolean;
  open: boolean;
  capacity_mt: number | null;
}

export interface MapLeg {
  id: string;
  from: string;
  to: string;
  mode: Mode;
  km: number;
  hours: number;
  status: 'operational' | 'under-construction' | 'planned' | 'closed';
  open: boolean;
  via: string[];
  capacity_mt: number | null;
  sources: string[];
}

export interface NetworkResponse {
  scenario: { id: string; name: string } | null;
  modes: Mode[];
  nodes: MapNode[];
  legs: MapLeg[];
  regions: { id: string; name: string; nodes: string[] }[];
  demands: { id: string; name: string; mt: number }[];
}

export interface RouteLeg {
  id: string;
  from: string;
  to: string;
  from_id: string;
  to_id: string;
  mode: Mode;
  km: number;
  hours: number;
  penalty_hours: number;
  cost_usd_per_t: number;
  status: string;
  countries: string[];
}

export interface RouteSummary {
  km: number;
  hours: number;
  cost_usd_per_t: number;
  path: string[];
  legs: RouteLeg[];
}

export interface RouteResponse extends RouteSummary {
  from: string;
  to: string;
  by: Criterion;
  alternatives: RouteSummary[];
  scenario: { id: string; name: string } | null;
  provenance: { sources: string[] };
}

export interface TransitResponse {
  scenario: { id: string; name: string } | null;
  by: Criterion;
  transit: { country: string; mt: number; by_od: { od: string; mt: number; share: number }[] }[];
  ods: {
    od: string;
    name: string;
    from: string;
    to: string;
    demand_mt: number;
    assigned_mt: number;
    unassigned_mt: number;
  }[];
  legs: {
    leg: string;
    mode: Mode;
    forward_mt: number;
    backward_mt: number;
    capacity_mt: number | null;
    utilisation: number | null;
  }[];
  bottlenecks: {
    od: string;
    maxflow_mt: number | null;
    cut: { kind: 'leg' | 'node'; id: string; capacity_mt: number }[];
  }[];
  provenance: { sources: string[] };
}

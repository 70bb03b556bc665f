/** Zod schemas for kb/corridors/*.yaml (see kb/corridors/README.md for the field meanings). */
import { z } from 'zod';

export const MODES = ['rail', 'road', 'sea', 'ferry-caspian', 'ferry-black-sea'] as const;
export type Mode = (typeof MODES)[number];
export const STATUSES = ['operational', 'under-construction', 'planned', 'closed'] as const;
export type LegStatus = (typeof STATUSES)[number];
export const NODE_KINDS = [
  'seaport',
  'rail-terminal',
  'rail-junction',
  'border-crossing',
  'canal',
  'waypoint',
] as const;

const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*(--[a-z0-9]+(-[a-z0-9]+)*)*$/, 'ids are kebab-case');
const iso3 = z.string().regex(/^[A-Z]{3}$/, 'country must be an ISO 3166 alpha-3 code');
const sources = z.array(z.string().min(1)).min(1, 'every entry cites at least one source');
const estimatedFields = z.array(z.string()).optional();

export const volumeSchema = z.strictObject({
  period: z
    .string()
    .regex(
      /^\d{4}([-A-Za-z0-9]*)$/,
      'period is a year, optionally with a suffix (2024, 2024-H1, 2024-Jan-Aug)',
    ),
  t: z.number().nonnegative().optional(),
  teu: z.number().nonnegative().optional(),
});

export const nodeSchema = z.strictObject({
  id,
  name: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  country: iso3,
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  kind: z.enum(NODE_KINDS),
  status: z.enum(STATUSES).optional(),
  gauge_change: z.boolean().optional(),
  dwell_hours: z.number().nonnegative().optional(),
  transfer_hours: z.number().nonnegative().optional(),
  capacity_mt: z.number().nonnegative().optional(),
  capacity_teu: z.number().nonnegative().optional(),
  volumes: z.array(volumeSchema).optional(),
  estimated: estimatedFields,
  note: z.string().optional(),
  sources,
});
export type NodeEntry = z.output<typeof nodeSchema>;

export const legSchema = z.strictObject({
  id,
  from: id,
  to: id,
  mode: z.enum(MODES),
  km: z.number().positive(),
  hours: z.number().positive(),
  wait_hours: z.number().nonnegative().optional(),
  status: z.enum(STATUSES),
  oneway: z.boolean().optional(),
  via: z.array(iso3).optional(),
  capacity_mt: z.number().nonnegative().optional(),
  capacity_teu: z.number().nonnegative().optional(),
  cost_usd_per_t: z.number().nonnegative().optional(),
  border_hours: z.number().nonnegative().optional(),
  volumes: z.array(volumeSchema).optional(),
  estimated: estimatedFields,
  corridors: z.array(z.string()).optional(),
  note: z.string().optional(),
  sources,
});
export type LegEntry = z.output<typeof legSchema>;

export const regionSchema = z
  .strictObject({
    id,
    name: z.string().min(1),
    aliases: z.array(z.string()).default([]),
    countries: z.array(iso3).optional(),
    nodes: z.array(id).optional(),
    /**
     * Hand-over points, not the cargo's end: flows that start or end in a gateway region still count
     * its countries as transit (the Middle Corridor's Georgian ports pass cargo on to Europe).
     */
    gateway: z.boolean().default(false),
  })
  .refine(
    (r) => (r.countries?.length ?? 0) + (r.nodes?.length ?? 0) > 0,
    'a region lists countries or nodes',
  );
export type RegionEntry = z.output<typeof regionSchema>;

export const demandSchema = z.strictObject({
  id,
  name: z.string().min(1),
  from: id,
  to: id,
  year: z.number().int(),
  mt: z.number().nonnegative(),
  estimated: z.boolean().optional(),
  note: z.string().optional(),
  sources,
});
export type DemandEntry = z.output<typeof demandSchema>;

const modeNumbers = z.strictObject({
  rail: z.number().nonnegative(),
  road: z.number().nonnegative(),
  sea: z.number().nonnegative(),
  'ferry-caspian': z.number().nonnegative(),
  'ferry-black-sea': z.number().nonnegative(),
});
const unitCost = z.strictObject({
  value: z.number().nonnegative(),
  estimated: z.boolean().optional(),
  sources: z.array(z.string()).optional(),
  note: z.string().optional(),
});

export const paramsSchema = z.strictObject({
  speeds_km_per_day: z.record(
    z.string(),
    z.strictObject({ value: z.number().positive(), basis: z.string() }),
  ),
  border: z.strictObject({
    note: z.string().optional(),
    hours: modeNumbers,
    cost_usd_per_t: modeNumbers,
    sources,
    hours_note: z.string().optional(),
  }),
  customs_unions: z.array(z.strictObject({ id, members: z.array(iso3).min(2), sources })),
  transfer: z.strictObject({
    hours: z.number().nonnegative(),
    cost_usd_per_t: z.number().nonnegative(),
    estimated: z.boolean().optional(),
    note: z.string().optional(),
  }),
  gauge_change: z.strictObject({
    hours: z.number().nonnegative(),
    estimated: z.boolean().optional(),
    sources: z.array(z.string()).optional(),
    note: z.string().optional(),
  }),
  cost_usd_per_tkm: z.strictObject({
    rail: unitCost,
    road: unitCost,
    sea: unitCost,
    'ferry-caspian': unitCost,
    'ferry-black-sea': unitCost,
  }),
  teu_tonnes: unitCost,
  /**
   * The assignment leaves cargo unplaced rather than send it on a path longer than this many times
   * the great-circle distance between its end nodes (an absurd detour after a closure).
   */
  max_circuity: z.strictObject({ value: z.number().min(1), note: z.string().optional() }).optional(),
});
export type Params = z.output<typeof paramsSchema>;

export const referenceRouteSchema = z.strictObject({
  id,
  from: z.string().min(1),
  to: z.string().min(1),
  via: z.array(z.string()).default([]),
  by: z.enum(['time', 'distance', 'cost']),
  km: z.number().positive().optional(),
  hours: z.number().positive().optional(),
  hours_scope: z.string().optional(),
  /** Countries the published route does not cross (applied as transit closures). */
  avoid: z.array(iso3).optional(),
  /** Why the computed figure is known to miss the ±10% band; the validation test requires it then. */
  known_gap: z.string().optional(),
  note: z.string().optional(),
  sources,
});
export type ReferenceRoute = z.output<typeof referenceRouteSchema>;

export const figureSchema = z.strictObject({
  id,
  topic: z.string(),
  label: z.string(),
  unit: z.string(),
  value: z.number().optional(),
  values: z.record(z.string(), z.number()).optional(),
  range: z.array(z.number()).optional(),
  year: z.number().int().optional(),
  kind: z.string(),
  sources,
});
export type Figure = z.output<typeof figureSchema>;

export const sourceSchema = z
  .object({
    id: z.string().min(1),
    type: z.string().optional(),
    title: z.string().optional(),
    url: z.string().optional(),
  })
  .loose();

const ref = z.strictObject({ leg: id.optional(), node: id.optional(), country: iso3.optional() });

/** A scenario edit; exactly one key names what it does. */
export const editSchema = z.union([
  z.strictObject({
    close: ref.extend({ transit_only: z.boolean().optional() }),
  }),
  z.strictObject({ open: z.strictObject({ leg: id }) }),
  z.strictObject({
    capacity: z.strictObject({
      leg: id.optional(),
      node: id.optional(),
      mt: z.number().nonnegative().optional(),
      factor: z.number().nonnegative().optional(),
    }),
  }),
  z.strictObject({
    hours: z.strictObject({
      leg: id,
      add: z.number().optional(),
      factor: z.number().nonnegative().optional(),
    }),
  }),
  z.strictObject({ add_leg: legSchema }),
  z.strictObject({
    demand: z.strictObject({
      od: id,
      mt: z.number().nonnegative().optional(),
      factor: z.number().nonnegative().optional(),
    }),
  }),
]);
export type ScenarioEdit = z.output<typeof editSchema>;

export const scenarioSchema = z.strictObject({
  id,
  name: z.string().min(1),
  summary: z.string().optional(),
  window: z.strictObject({ from: z.string().optional(), to: z.string().optional() }).optional(),
  edits: z.array(editSchema).min(1),
  sources,
});
export type ScenarioEntry = z.output<typeof scenarioSchema>;

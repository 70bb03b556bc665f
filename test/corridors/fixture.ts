// A tiny synthetic network whose routes, penalties and flows can be checked by hand.
import { readCorridorData } from '../../src/framework/corridors/load.ts';
import type { CorridorData, Located } from '../../src/framework/corridors/load.ts';
import { buildNetwork } from '../../src/framework/corridors/network.ts';
import type { CorridorNetwork } from '../../src/framework/corridors/network.ts';
import type { LegEntry, NodeEntry, Params } from '../../src/framework/corridors/schema.ts';

const where = { file: 'fixture', line: 1 };
const realParams = readCorridorData().data.params;

export const params: Params = {
  ...realParams,
  border: {
    ...realParams.border,
    hours: { rail: 10, road: 5, sea: 0, 'ferry-caspian': 0, 'ferry-black-sea': 0 },
  },
  transfer: { ...realParams.transfer, hours: 7 },
  customs_unions: [{ id: 'u', members: ['BBB', 'CCC'], sources: ['x'] }],
};

function node(id: string, country: string, extra: Partial<NodeEntry> = {}): Located<NodeEntry> {
  return {
    id,
    name: id.toUpperCase(),
    aliases: [`${id}-alias`],
    country,
    lat: 0,
    lon: 0,
    kind: 'rail-terminal',
    sources: ['x'],
    where,
    ...extra,
  };
}
function leg(
  from: string,
  to: string,
  mode: LegEntry['mode'],
  km: number,
  hours: number,
  extra: Partial<LegEntry> = {},
): Located<LegEntry> {
  return {
    id: `${from}--${to}-${mode}`,
    from,
    to,
    mode,
    km,
    hours,
    status: 'operational',
    sources: ['x'],
    where,
    ...extra,
  };
}

/**
 *   a(AAA) --rail 100km/10h--> b(BBB) --rail 100/10--> d(CCC)
 *   a      --sea  300km/12h--> c(AAA, port, transfer 2h) --rail 50/3--> d
 * a→b crosses a customs border (AAA→BBB, 10 h); b→d does not (BBB and CCC share a union);
 * a→c is domestic but c→d crosses AAA→CCC (10 h) and changes mode at c (2 h).
 */
export function tinyData(): CorridorData {
  return {
    nodes: [
      node('a', 'AAA'),
      node('b', 'BBB', { capacity_mt: 4 }),
      node('c', 'AAA', { kind: 'seaport', transfer_hours: 2 }),
      node('d', 'CCC'),
    ],
    legs: [
      leg('a', 'b', 'rail', 100, 10, { capacity_mt: 5 }),
      leg('b', 'd', 'rail', 100, 10),
      leg('a', 'c', 'sea', 300, 12, { capacity_mt: 3 }),
      leg('c', 'd', 'rail', 50, 3),
    ],
    regions: [{ id: 'west', name: 'West', aliases: [], nodes: ['d'], gateway: false, where }],
    demands: [{ id: 'a-d', name: 'A to D', from: 'a', to: 'd', year: 2024, mt: 10, sources: ['x'], where }],
    params,
    references: [],
    figures: [],
    scenarios: [],
    sourceIds: new Set(['x']),
  };
}

export function tinyNet(): CorridorNetwork {
  return buildNetwork(tinyData());
}

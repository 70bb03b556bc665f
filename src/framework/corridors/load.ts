/**
 * Reads kb/corridors/*.yaml, validates it with zod and reports every problem with file:line,
 * then checks references (legs → nodes, demands → nodes/regions, citations → kb/sources).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isSeq } from 'yaml';
import { parseLocatedYaml, plainValue } from '../../kb/yaml-file.ts';
import type { Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import {
  demandSchema,
  figureSchema,
  legSchema,
  nodeSchema,
  paramsSchema,
  referenceRouteSchema,
  regionSchema,
  scenarioSchema,
  sourceSchema,
} from './schema.ts';
import type {
  DemandEntry,
  Figure,
  LegEntry,
  NodeEntry,
  Params,
  ReferenceRoute,
  RegionEntry,
  ScenarioEdit,
  ScenarioEntry,
} from './schema.ts';

export const defaultKbDir = fileURLToPath(new URL('../../../kb', import.meta.url));

export interface Where {
  file: string;
  line: number;
}
export interface DataIssue extends Where {
  message: string;
}

export class CorridorDataError extends Error {
  readonly issues: DataIssue[];
  constructor(issues: DataIssue[]) {
    const shown = issues.slice(0, 20).map((i) => `${i.file}:${i.line}: ${i.message}`);
    if (issues.length > 20) shown.push(`… and ${issues.length - 20} more`);
    super(`corridor data is invalid:\n${shown.join('\n')}`);
    this.name = 'CorridorDataError';
    this.issues = issues;
  }
}

export type Located<T> = T & { where: Where };

export interface CorridorData {
  nodes: Located<NodeEntry>[];
  legs: Located<LegEntry>[];
  regions: Located<RegionEntry>[];
  demands: Located<DemandEntry>[];
  params: Params;
  references: Located<ReferenceRoute>[];
  figures: Located<Figure>[];
  scenarios: Located<ScenarioEntry>[];
  sourceIds: Set<string>;
}

function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

interface ParsedFile {
  file: string;
  root: YamlNode | null;
  lineOf(node: YamlNode | null | undefined, fallback?: number): number;
}

function parseFile(path: string, issues: DataIssue[]): ParsedFile | null {
  const file = shown(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    issues.push({ file, line: 0, message: `cannot read: ${(err as Error).message}` });
    return null;
  }
  const { doc, lineCounter, errors } = parseLocatedYaml(text);
  if (errors.length > 0) {
    for (const e of errors) issues.push({ file, ...e });
    return null;
  }
  const lineOf = (node: YamlNode | null | undefined, fallback = 1): number =>
    node?.range ? lineCounter.linePos(node.range[0]).line : fallback;
  return { file, root: doc.contents as YamlNode | null, lineOf };
}

/** Finds the deepest YAML node along a zod issue path, so errors point at the field, not the item. */
function deepest(node: YamlNode, path: ReadonlyArray<PropertyKey>): YamlNode {
  let cur: YamlNode = node;
  for (const key of path) {
    let next: unknown;
    if (isMap(cur)) next = cur.get(String(key), true);
    else if (isSeq(cur) && typeof key === 'number') next = cur.get(key, true);
    if (next === undefined || next === null || typeof next !== 'object') break;
    cur = next as YamlNode;
  }
  return cur;
}

function validateItem<S extends z.ZodType>(
  pf: ParsedFile,
  node: YamlNode,
  schema: S,
  issues: DataIssue[],
): z.output<S> | null {
  const itemLine = pf.lineOf(node);
  const plain = plainValue(node as unknown as { toJSON(): unknown });
  if ('error' in plain) {
    issues.push({ file: pf.file, line: itemLine, message: plain.error });
    return null;
  }
  const parsed = schema.safeParse(plain.value);
  if (parsed.success) return parsed.data as z.output<S>;
  for (const problem of parsed.error.issues) {
    const field = problem.path.map(String).join('.');
    issues.push({
      file: pf.file,
      line: pf.lineOf(deepest(node, problem.path), itemLine),
      message: `${field ? `${field}: ` : ''}${problem.message}`,
    });
  }
  return null;
}

function readList<S extends z.ZodType>(
  path: string,
  key: string,
  schema: S,
  issues: DataIssue[],
): Located<z.output<S>>[] {
  const pf = parseFile(path, issues);
  if (pf === null) return [];
  const list = isMap(pf.root) ? pf.root.get(key, true) : undefined;
  if (!isSeq(list)) {
    issues.push({ file: pf.file, line: pf.lineOf(pf.root), message: `expected a top-level '${key}:' list` });
    return [];
  }
  const out: Located<z.output<S>>[] = [];
  for (const item of list.items) {
    const node = item as YamlNode;
    const value = validateItem(pf, node, schema, issues);
    if (value !== null)
      out.push({ ...(value as object), where: { file: pf.file, line: pf.lineOf(node) } } as Located<
        z.output<S>
      >);
  }
  return out;
}

function readObject<S extends z.ZodType>(
  path: string,
  schema: S,
  issues: DataIssue[],
): Located<z.output<S>> | null {
  const pf = parseFile(path, issues);
  if (pf === null || pf.root === null) return null;
  const value = validateItem(pf, pf.root, schema, issues);
  return value === null
    ? null
    : ({ ...(value as object), where: { file: pf.file, line: 1 } } as Located<z.output<S>>);
}

/** Every source id in kb/sources.yaml and kb/sources/*.yaml (other teams' files are read leniently). */
export function readSourceIds(kbDir: string, issues: DataIssue[]): Set<string> {
  const files: string[] = [];
  if (existsSync(join(kbDir, 'sources.yaml'))) files.push(join(kbDir, 'sources.yaml'));
  const dir = join(kbDir, 'sources');
  if (existsSync(dir))
    for (const f of readdirSync(dir).sort())
      if (f.endsWith('.yaml') || f.endsWith('.yml')) files.push(join(dir, f));
  const ids = new Set<string>();
  for (const f of files) {
    const own = basename(f) === 'corridors.yaml';
    const local: DataIssue[] = [];
    for (const s of readList(f, 'sources', sourceSchema, local)) {
      if (own && ids.has(s.id)) issues.push({ ...s.where, message: `duplicate source id '${s.id}'` });
      ids.add(s.id);
    }
    // Problems in bibliographies owned by others are theirs to report; ours must be clean.
    if (own) issues.push(...local);
  }
  return ids;
}

export function readScenarioFile(path: string, issues: DataIssue[]): Located<ScenarioEntry> | null {
  return readObject(path, scenarioSchema, issues);
}

export function readCorridorData(kbDir: string = defaultKbDir): { data: CorridorData; issues: DataIssue[] } {
  const issues: DataIssue[] = [];
  const dir = join(kbDir, 'corridors');
  const nodes = readList(join(dir, 'nodes.yaml'), 'nodes', nodeSchema, issues);
  const legs = readList(join(dir, 'legs.yaml'), 'legs', legSchema, issues);
  const regions = readList(join(dir, 'regions.yaml'), 'regions', regionSchema, issues);
  const demands = readList(join(dir, 'demands.yaml'), 'demands', demandSchema, issues);
  const references = readList(
    join(dir, 'reference-routes.yaml'),
    'reference_routes',
    referenceRouteSchema,
    issues,
  );
  const figures = readList(join(dir, 'figures.yaml'), 'figures', figureSchema, issues);
  const params = readObject(join(dir, 'params.yaml'), paramsSchema, issues);
  const scenarios: Located<ScenarioEntry>[] = [];
  const scenDir = join(dir, 'scenarios');
  if (existsSync(scenDir)) {
    for (const f of readdirSync(scenDir).sort()) {
      if (!f.endsWith('.yaml')) continue;
      const s = readScenarioFile(join(scenDir, f), issues);
      if (s === null) continue;
      if (`${s.id}.yaml` !== f)
        issues.push({ ...s.where, message: `scenario id '${s.id}' does not match its file name` });
      scenarios.push(s);
    }
  }
  const sourceIds = readSourceIds(kbDir, issues);
  const data: CorridorData = {
    nodes,
    legs,
    regions,
    demands,
    params: params ?? (undefined as unknown as Params),
    references,
    figures,
    scenarios,
    sourceIds,
  };
  if (params === null)
    issues.push({ file: shown(join(dir, 'params.yaml')), line: 1, message: 'params are missing or invalid' });
  checkReferences(data, params?.where ?? { file: shown(join(dir, 'params.yaml')), line: 1 }, issues);
  return { data, issues };
}

export function loadCorridorData(kbDir: string = defaultKbDir): CorridorData {
  const { data, issues } = readCorridorData(kbDir);
  if (issues.length > 0) throw new CorridorDataError(issues);
  return data;
}

function checkReferences(data: CorridorData, paramsWhere: Where, issues: DataIssue[]): void {
  const ids = new Map<string, Where>();
  const unique = (id: string, where: Where): void => {
    const prev = ids.get(id);
    if (prev) issues.push({ ...where, message: `duplicate id '${id}' (first at ${prev.file}:${prev.line})` });
    else ids.set(id, where);
  };
  const nodeIds = new Set<string>();
  for (const n of data.nodes) {
    unique(n.id, n.where);
    nodeIds.add(n.id);
  }
  const legIds = new Set<string>();
  for (const l of data.legs) {
    unique(l.id, l.where);
    legIds.add(l.id);
  }
  for (const r of data.regions) unique(r.id, r.where);
  const demandIds = new Set<string>();
  for (const d of data.demands) {
    unique(d.id, d.where);
    demandIds.add(d.id);
  }
  const regionIds = new Set(data.regions.map((r) => r.id));
  const cite = (list: readonly string[] | undefined, where: Where): void => {
    for (const s of list ?? [])
      if (!data.sourceIds.has(s))
        issues.push({
          ...where,
          message: `unknown source '${s}' (not in kb/sources.yaml or kb/sources/*.yaml)`,
        });
  };
  for (const n of data.nodes) cite(n.sources, n.where);
  const checkLeg = (l: LegEntry, where: Where, extraNodes: Set<string> = nodeIds): void => {
    if (!extraNodes.has(l.from))
      issues.push({ ...where, message: `leg '${l.id}': unknown node '${l.from}'` });
    if (!extraNodes.has(l.to)) issues.push({ ...where, message: `leg '${l.id}': unknown node '${l.to}'` });
    if (l.from === l.to) issues.push({ ...where, message: `leg '${l.id}' starts and ends at '${l.from}'` });
    cite(l.sources, where);
  };
  for (const l of data.legs) checkLeg(l, l.where);
  for (const r of data.regions) {
    for (const n of r.nodes ?? [])
      if (!nodeIds.has(n)) issues.push({ ...r.where, message: `region '${r.id}': unknown node '${n}'` });
  }
  for (const d of data.demands) {
    for (const end of [d.from, d.to]) {
      if (!nodeIds.has(end) && !regionIds.has(end))
        issues.push({ ...d.where, message: `demand '${d.id}': '${end}' is neither a node nor a region` });
    }
    cite(d.sources, d.where);
  }
  for (const r of data.references) cite(r.sources, r.where);
  for (const f of data.figures) cite(f.sources, f.where);
  if (data.params) {
    cite(data.params.border.sources, paramsWhere);
    for (const u of data.params.customs_unions) cite(u.sources, paramsWhere);
    cite(data.params.gauge_change.sources, paramsWhere);
    for (const c of Object.values(data.params.cost_usd_per_tkm)) cite(c.sources, paramsWhere);
  }
  for (const s of data.scenarios) {
    cite(s.sources, s.where);
    checkScenarioRefs(s, { nodeIds, legIds, demandIds }, issues, checkLeg);
  }
}

export interface KnownIds {
  nodeIds: Set<string>;
  legIds: Set<string>;
  demandIds: Set<string>;
}

export function checkScenarioRefs(
  s: Located<ScenarioEntry>,
  known: KnownIds,
  issues: DataIssue[],
  checkLeg?: (l: LegEntry, where: Where) => void,
): void {
  const legIds = new Set(known.legIds);
  const say = (message: string): void =>
    void issues.push({ ...s.where, message: `scenario '${s.id}': ${message}` });
  s.edits.forEach((e: ScenarioEdit, i) => {
    const at = `edit ${i + 1}`;
    if ('add_leg' in e) {
      if (legIds.has(e.add_leg.id)) say(`${at}: leg '${e.add_leg.id}' already exists`);
      legIds.add(e.add_leg.id);
      checkLeg?.(e.add_leg, s.where);
      return;
    }
    if ('close' in e) {
      const c = e.close;
      const n = Number(c.leg !== undefined) + Number(c.node !== undefined) + Number(c.country !== undefined);
      if (n !== 1) say(`${at}: close names exactly one of leg, node, country`);
      if (c.leg !== undefined && !legIds.has(c.leg)) say(`${at}: unknown leg '${c.leg}'`);
      if (c.node !== undefined && !known.nodeIds.has(c.node)) say(`${at}: unknown node '${c.node}'`);
      return;
    }
    if ('open' in e) {
      if (!legIds.has(e.open.leg)) say(`${at}: unknown leg '${e.open.leg}'`);
      return;
    }
    if ('capacity' in e) {
      const c = e.capacity;
      if ((c.leg === undefined) === (c.node === undefined))
        say(`${at}: capacity names exactly one of leg, node`);
      if ((c.mt === undefined) === (c.factor === undefined))
        say(`${at}: capacity gives exactly one of mt, factor`);
      if (c.leg !== undefined && !legIds.has(c.leg)) say(`${at}: unknown leg '${c.leg}'`);
      if (c.node !== undefined && !known.nodeIds.has(c.node)) say(`${at}: unknown node '${c.node}'`);
      return;
    }
    if ('hours' in e) {
      if (!legIds.has(e.hours.leg)) say(`${at}: unknown leg '${e.hours.leg}'`);
      if ((e.hours.add === undefined) === (e.hours.factor === undefined))
        say(`${at}: hours gives exactly one of add, factor`);
      return;
    }
    if ('demand' in e) {
      if (!known.demandIds.has(e.demand.od)) say(`${at}: unknown demand '${e.demand.od}'`);
      if ((e.demand.mt === undefined) === (e.demand.factor === undefined))
        say(`${at}: demand gives exactly one of mt, factor`);
    }
  });
}

/**
 * Reading and resolving scenario files: YAML with file:line errors, composition (`compose:` and
 * `A+B`), uncertain parameters substituted into the edits, and every reference checked against the
 * knowledge base, the state registry, the data's years and the corridor model before anything runs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, type Node } from 'yaml';
import { loadCorridorData, checkScenarioRefs, type DataIssue } from '../framework/corridors/load.ts';
import type { ScenarioEdit as CorridorEdit } from '../framework/corridors/schema.ts';
import { coversYear } from '../kb/dates.ts';
import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import { displayPath, parseLocatedYaml, plainValue } from '../kb/yaml-file.ts';
import type { StateRegistry } from '../states/registry.ts';
import {
  editMetaSchema,
  OP_NAMES,
  OPS,
  scenarioHeadSchema,
  TOUCHES,
  type Distribution,
  type EditBody,
  type OpName,
  type ScenarioHead,
} from './schema.ts';

export const defaultScenarioDir = fileURLToPath(new URL('../../kb/scenarios', import.meta.url));

export interface ScenarioIssue {
  file: string;
  line: number;
  message: string;
}

/** Bad scenario input: every problem with its file:line; the CLI maps it to exit code 1. */
export class ScenarioError extends Error {
  override name = 'ScenarioError';
  readonly userError = true;
  constructor(readonly issues: ScenarioIssue[]) {
    const first = issues[0];
    super(
      `${first ? `${first.file}:${first.line}: ${first.message}` : 'invalid scenario'}${issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : ''}\n${issues
        .slice(1, 20)
        .map((i) => `${i.file}:${i.line}: ${i.message}`)
        .join('\n')}`,
    );
  }
}

type PathKey = string | number;

/** One parsed scenario file, before its uncertain parameters are fixed. */
export interface ScenarioDoc {
  file: string;
  /** The file's text, so that worker threads can parse it again. */
  text: string;
  head: ScenarioHead;
  /** The line of a value inside the file (the nearest enclosing node that exists). */
  lineOf(path: PathKey[]): number;
}

/** Parses and checks the top level of a scenario file; edits are checked when the scenario is resolved. */
export function parseScenarioText(text: string, file: string): ScenarioDoc {
  const { doc, lineCounter, errors } = parseLocatedYaml(text);
  if (errors.length > 0) throw new ScenarioError(errors.map((e) => ({ file, ...e })));
  const lineOf = (path: PathKey[]): number => {
    for (let n = path.length; n >= 0; n--) {
      const node = (n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true)) as Node | null | undefined;
      if (node && (isScalar(node) || typeof node === 'object') && node.range)
        return lineCounter.linePos(node.range[0]).line;
    }
    return 1;
  };
  if (!isMap(doc.contents))
    throw new ScenarioError([
      { file, line: 1, message: 'expected a mapping with id, title, summary, from and edits' },
    ]);
  const plain = plainValue(doc);
  if ('error' in plain) throw new ScenarioError([{ file, line: 1, message: plain.error }]);
  const parsed = scenarioHeadSchema.safeParse(plain.value);
  if (!parsed.success)
    throw new ScenarioError(
      parsed.error.issues.map((i) => ({
        file,
        line: lineOf(i.path as PathKey[]),
        message: `${i.path.join('.') || 'scenario'}: ${i.message}`,
      })),
    );
  return { file, text, head: parsed.data, lineOf };
}

export function readScenarioDoc(path: string): ScenarioDoc {
  const file = displayPath(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ScenarioError([{ file, line: 0, message: `cannot read: ${(err as Error).message}` }]);
  }
  return parseScenarioText(text, file);
}

const docCache = new Map<string, ScenarioDoc[]>();

/** The built-in scenarios of a directory (default kb/scenarios), sorted by file name. */
export function builtinScenarios(dir: string = defaultScenarioDir): ScenarioDoc[] {
  let docs = docCache.get(dir);
  if (!docs) {
    docs = existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => /\.ya?ml$/.test(f))
          .sort()
          .map((f) => readScenarioDoc(join(dir, f)))
      : [];
    const seen = new Map<string, ScenarioDoc>();
    const issues: ScenarioIssue[] = [];
    for (const d of docs) {
      const prior = seen.get(d.head.id);
      if (prior)
        issues.push({
          file: d.file,
          line: d.lineOf(['id']),
          message: `duplicate scenario id '${d.head.id}' (first in ${prior.file})`,
        });
      seen.set(d.head.id, d);
    }
    if (issues.length) throw new ScenarioError(issues);
    docCache.set(dir, docs);
  }
  return docs;
}

/** A built-in id or a path to a scenario file. */
export function findScenarioDoc(nameOrFile: string, dir: string = defaultScenarioDir): ScenarioDoc {
  const builtin = builtinScenarios(dir).find((d) => d.head.id === nameOrFile);
  if (builtin) return builtin;
  if (/\.ya?ml$/.test(nameOrFile) || existsSync(nameOrFile)) {
    if (!existsSync(nameOrFile))
      throw new ScenarioError([{ file: nameOrFile, line: 0, message: 'no such scenario file' }]);
    return readScenarioDoc(nameOrFile);
  }
  const err = new ScenarioError([
    {
      file: '(command line)',
      line: 0,
      message: `unknown scenario '${nameOrFile}'; built-in: ${builtinScenarios(dir)
        .map((d) => d.head.id)
        .join(', ')}`,
    },
  ]);
  throw err;
}

/** Where an edit was written and which scenario it belongs to. */
export interface EditRef {
  scenario: string;
  index: number;
  file: string;
  line: number;
}

export interface ResolvedEdit {
  /** `scenario#n` (1-based), stable across runs. */
  id: string;
  ref: EditRef;
  edit: EditBody;
  basis: 'fact' | 'assumption';
  sources: string[];
  rationale: string | null;
  /** The first year the edit applies. */
  year: number;
  /** Components (and posture) the operation can move. */
  touches: string[];
  /** States whose components it can move directly ('*' = any, e.g. a corridor or a pole leader's ideal point). */
  states: string[] | '*';
  /** The uncertain parameters the edit uses. */
  params: string[];
  label: string;
}

export interface UncertainParam {
  name: string;
  dist: Distribution;
  file: string;
  line: number;
  scenario: string;
}

export interface ResolvedScenario {
  /** `A+B` for a composition. */
  id: string;
  title: string;
  summary: string;
  /** The earliest year any edit applies. */
  from: number;
  /** The scenario files involved, composed ones first. */
  parts: Array<{ id: string; title: string; file: string; from: number; sources: string[] }>;
  edits: ResolvedEdit[];
  uncertain: UncertainParam[];
  /** The parameter values this resolution used. */
  params: Record<string, number | string>;
}

export interface ValidationContext {
  kb: KnowledgeBase;
  registry: StateRegistry;
  /** The framework's years: [first, latest with data]. */
  years: [number, number];
  scenarioDir?: string;
}

let corridorIds: {
  scenarios: Set<string>;
  nodeIds: Set<string>;
  legIds: Set<string>;
  demandIds: Set<string>;
} | null = null;
function corridorKnown() {
  if (!corridorIds) {
    const d = loadCorridorData();
    corridorIds = {
      scenarios: new Set(d.scenarios.map((s) => s.id)),
      nodeIds: new Set(d.nodes.map((n) => n.id)),
      legIds: new Set(d.legs.map((l) => l.id)),
      demandIds: new Set(d.demands.map((x) => x.id)),
    };
  }
  return corridorIds;
}

/** The central value of a distribution: what a single (non-ensemble) run uses. */
export function centralValue(d: Distribution): number | string {
  switch (d.dist) {
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'normal':
      return d.mean;
    case 'triangular':
      return d.mode;
    case 'choice': {
      if (!d.weights) return d.options[0]!;
      let best = 0;
      d.weights.forEach((w, i) => {
        if (w > d.weights![best]!) best = i;
      });
      return d.options[best]!;
    }
  }
}

/** Replaces every "$name" string with the parameter's value; records which were used. */
function substitute(
  value: unknown,
  params: Record<string, number | string>,
  used: Set<string>,
  unknown: (name: string, path: PathKey[]) => void,
  path: PathKey[] = [],
): unknown {
  if (typeof value === 'string' && /^\$[a-z][a-z0-9_]*$/.test(value)) {
    const name = value.slice(1);
    if (!(name in params)) {
      unknown(name, path);
      return value;
    }
    used.add(name);
    return params[name];
  }
  if (Array.isArray(value)) return value.map((v, i) => substitute(v, params, used, unknown, [...path, i]));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, substitute(v, params, used, unknown, [...path, k])]),
    );
  return value;
}

/** Expands `A+B` and `compose:` into the list of files, composed ones first, each once. */
export function expandScenarioSpec(
  spec: string | readonly string[],
  dir: string = defaultScenarioDir,
): ScenarioDoc[] {
  const names = (typeof spec === 'string' ? spec.split('+') : [...spec]).map((s) => s.trim()).filter(Boolean);
  if (names.length === 0)
    throw new ScenarioError([{ file: '(command line)', line: 0, message: 'name a scenario' }]);
  const out: ScenarioDoc[] = [];
  const visit = (doc: ScenarioDoc, stack: string[]) => {
    if (stack.includes(doc.head.id))
      throw new ScenarioError([
        {
          file: doc.file,
          line: doc.lineOf(['compose']),
          message: `composition cycle: ${[...stack, doc.head.id].join(' → ')}`,
        },
      ]);
    doc.head.compose.forEach((c, i) => {
      let inner: ScenarioDoc;
      const sibling = join(dirname(doc.file), `${c}.yaml`);
      try {
        inner = existsSync(sibling) ? readScenarioDoc(sibling) : findScenarioDoc(c, dir);
      } catch (err) {
        if (err instanceof ScenarioError && err.issues[0]?.file !== '(command line)') throw err;
        throw new ScenarioError([
          { file: doc.file, line: doc.lineOf(['compose', i]), message: `compose: unknown scenario '${c}'` },
        ]);
      }
      visit(inner, [...stack, doc.head.id]);
    });
    if (!out.some((d) => d.head.id === doc.head.id)) out.push(doc);
  };
  for (const n of names) visit(findScenarioDoc(n, dir), []);
  return out;
}

/** The uncertain parameters declared by a set of files (the same name twice must be the same distribution). */
export function declaredParams(docs: ScenarioDoc[]): { params: UncertainParam[]; issues: ScenarioIssue[] } {
  const params: UncertainParam[] = [];
  const issues: ScenarioIssue[] = [];
  for (const d of docs) {
    for (const [name, dist] of Object.entries(d.head.uncertain)) {
      const line = d.lineOf(['uncertain', name]);
      const prior = params.find((p) => p.name === name);
      if (prior) {
        if (JSON.stringify(prior.dist) !== JSON.stringify(dist))
          issues.push({
            file: d.file,
            line,
            message: `uncertain parameter '${name}' is declared differently in ${prior.file}:${prior.line}`,
          });
        continue;
      }
      if ((dist.dist === 'uniform' || dist.dist === 'triangular') && !(dist.min <= dist.max))
        issues.push({ file: d.file, line, message: `uncertain '${name}': min exceeds max` });
      if (dist.dist === 'triangular' && !(dist.mode >= dist.min && dist.mode <= dist.max))
        issues.push({ file: d.file, line, message: `uncertain '${name}': mode outside [min, max]` });
      if (dist.dist === 'choice' && dist.weights && dist.weights.length !== dist.options.length)
        issues.push({ file: d.file, line, message: `uncertain '${name}': one weight per option` });
      params.push({ name, dist, file: d.file, line, scenario: d.head.id });
    }
  }
  return { params, issues };
}

function describe(e: EditBody): string {
  const b = e.body as Record<string, unknown>;
  switch (e.op) {
    case 'add_membership':
      return `${b.state} joins ${b.org} as ${b.role}`;
    case 'end_membership':
      return b.fact ? `end membership fact ${b.fact}` : `${b.state} leaves ${b.org}`;
    case 'add_security':
      return `${b.obligation} ${b.subtype} from ${b.provider} to ${b.recipient}`;
    case 'end_security':
      return b.fact
        ? `end security fact ${b.fact}`
        : `end security ties from ${b.provider} to ${b.recipient}`;
    case 'add_rounds':
      return `${b.per_year} ${b.format} round(s) a year on ${b.conflict} (${(b.parties as string[]).join('–')}${(b.mediators as string[]).length ? `; mediators ${(b.mediators as string[]).join(', ')}` : ''})`;
    case 'round_format':
      return `future rounds on ${b.conflict} ${b.format}${(b.mediators as string[]).length ? ` by ${(b.mediators as string[]).join(', ')}` : ''}`;
    case 'ideal_point':
      return `${b.state}'s UNGA ideal point ${Math.round(Number(b.fraction) * 100)}% toward ${b.toward}`;
    case 'arms_scale':
      return `arms deliveries to ${b.recipient}${b.supplier ? ` from ${b.supplier}` : ''} × ${Number(b.factor).toFixed(2)}`;
    case 'arms_redirect':
      return `${Math.round(Number(b.share) * 100)}% of ${b.recipient}'s arms from ${b.from} now from ${b.to}`;
    case 'add_hosting':
      return `${b.host} hosts ${b.per_year} round(s) a year of talks between ${(b.parties as string[]).join(', ')}`;
    case 'add_agreement':
      return `${b.subtype} between ${(b.parties as string[]).join(', ')}`;
    case 'corridor':
      return b.scenario
        ? `corridor scenario ${b.scenario}`
        : `${(b.edits as unknown[]).length} corridor edit(s)`;
  }
}

/**
 * Resolves a scenario (a name, a file, `A+B`, or the expanded docs) with parameter values (the
 * central values by default): checks every edit and reference, and throws one ScenarioError listing
 * every problem, so that nothing runs half-way.
 */
export function resolveScenario(
  spec: string | readonly string[] | ScenarioDoc[],
  ctx: ValidationContext,
  paramValues: Record<string, number | string> = {},
): ResolvedScenario {
  const docs =
    Array.isArray(spec) && spec.length > 0 && typeof spec[0] !== 'string'
      ? (spec as ScenarioDoc[])
      : expandScenarioSpec(spec as string | string[], ctx.scenarioDir);
  const { kb, registry } = ctx;
  const [first, latest] = ctx.years;
  const { params: uncertain, issues } = declaredParams(docs);
  const values: Record<string, number | string> = Object.fromEntries(
    uncertain.map((p) => [p.name, paramValues[p.name] ?? centralValue(p.dist)]),
  );
  const edits: ResolvedEdit[] = [];
  const isState = (c: string) => registry.byIso3(c) !== undefined && kb.states.some((s) => s.iso3 === c);
  const isOrg = (c: string) => kb.orgById.has(c);
  const poles = new Set(['west', 'russia', 'china']);
  const corridor = corridorKnown();

  for (const d of docs) {
    const say = (path: PathKey[], message: string) =>
      issues.push({ file: d.file, line: d.lineOf(path), message });
    if (d.head.from < first || d.head.from > latest)
      say(['from'], `from: ${d.head.from} is outside the data's years (${first}–${latest})`);
    d.head.sources.forEach((s, i) => {
      if (!kb.sourceById.has(s)) say(['sources', i], `unknown source '${s}'`);
    });
    d.head.edits.forEach((raw, i) => {
      const at: PathKey[] = ['edits', i];
      const where = `edit ${i + 1}`;
      if (!raw || typeof raw !== 'object' || Array.isArray(raw))
        return say(at, `${where}: expected a mapping with one operation (${OP_NAMES.join(', ')})`);
      const used = new Set<string>();
      const obj = substitute(raw, values, used, (name, p) =>
        say([...at, ...p], `${where}: unknown uncertain parameter '$${name}'`),
      ) as Record<string, unknown>;
      const ops = Object.keys(obj).filter((k) => (OP_NAMES as string[]).includes(k)) as OpName[];
      if (ops.length !== 1)
        return say(
          at,
          `${where}: name exactly one operation (${OP_NAMES.join(', ')}); found ${ops.length ? ops.join(', ') : Object.keys(obj).join(', ') || 'none'}`,
        );
      const op = ops[0]!;
      const { [op]: rawBody, ...rawMeta } = obj;
      const meta = editMetaSchema.safeParse(rawMeta);
      const body = OPS[op].safeParse(rawBody);
      if (!meta.success)
        for (const p of meta.error.issues)
          say([...at, ...(p.path as PathKey[])], `${where}: ${p.path.join('.') || 'edit'}: ${p.message}`);
      if (!body.success)
        for (const p of body.error.issues)
          say(
            [...at, op, ...(p.path as PathKey[])],
            `${where}: ${op}${p.path.length ? `.${p.path.join('.')}` : ''}: ${p.message}`,
          );
      if (!meta.success || !body.success) return;
      const m = meta.data;
      const b = body.data as Record<string, unknown>;
      const sayB = (field: string, message: string) => say([...at, op, field], `${where}: ${message}`);
      if (m.basis === 'fact' && !m.sources?.length)
        say([...at, 'basis'], `${where}: basis fact needs sources (knowledge-base source ids)`);
      if (m.basis === 'assumption' && !m.rationale)
        say([...at, 'basis'], `${where}: basis assumption needs a rationale`);
      (m.sources ?? []).forEach((s, k) => {
        if (!kb.sourceById.has(s)) say([...at, 'sources', k], `${where}: unknown source '${s}'`);
      });
      const year = m.year ?? d.head.from;
      if (year < first || year > latest)
        say(
          [...at, m.year !== undefined ? 'year' : op],
          `${where}: year ${year} is outside the data's years (${first}–${latest})`,
        );
      else if (year < d.head.from)
        say([...at, 'year'], `${where}: year ${year} is before the scenario's from (${d.head.from})`);
      if (typeof b.to === 'number' && (b.to < year || b.to > latest))
        sayB('to', `to: ${b.to} must lie in ${year}–${latest}`);
      const needState = (field: string) => {
        const v = b[field];
        if (typeof v === 'string' && !isState(v)) sayB(field, `unknown state '${v}'`);
      };
      const needActor = (field: string) => {
        const v = b[field];
        if (typeof v === 'string' && !isState(v) && !isOrg(v))
          sayB(field, `unknown state or organisation '${v}'`);
      };
      let states: string[] | '*' = [];
      switch (op) {
        case 'add_membership':
          needState('state');
          if (!isOrg(b.org as string)) sayB('org', `unknown organisation '${b.org}'`);
          states = [b.state as string];
          break;
        case 'end_membership':
        case 'end_security': {
          const kind = op === 'end_membership' ? 'membership' : 'security';
          const pair = op === 'end_membership' ? ['state', 'org'] : ['provider', 'recipient'];
          if (b.fact !== undefined) {
            const f = kb.factById.get(b.fact as string);
            if (!f) sayB('fact', `unknown fact '${b.fact}'`);
            else if (f.kind !== kind) sayB('fact', `fact '${b.fact}' is a ${f.kind}, not a ${kind}`);
            else
              states = [
                kind === 'membership'
                  ? (f as { state: string }).state
                  : (f as { recipient: string }).recipient,
              ];
            if (b[pair[0]!] !== undefined || b[pair[1]!] !== undefined)
              sayB('fact', `give either fact or ${pair.join(' and ')}, not both`);
          } else if (b[pair[0]!] === undefined || b[pair[1]!] === undefined) {
            say([...at, op], `${where}: ${op} names a fact, or ${pair.join(' and ')}`);
          } else {
            if (op === 'end_membership') {
              needState('state');
              if (!isOrg(b.org as string)) sayB('org', `unknown organisation '${b.org}'`);
            } else {
              needActor('provider');
              needActor('recipient');
            }
            const inForce =
              kb.facts.some(
                (f) =>
                  f.kind === kind &&
                  (f as unknown as Record<string, string>)[pair[0]!] === b[pair[0]!] &&
                  (f as unknown as Record<string, string>)[pair[1]!] === b[pair[1]!] &&
                  coversYear((f as { from: string }).from, (f as { to?: string }).to, year),
              ) ||
              edits.some(
                (e) =>
                  e.edit.op === (op === 'end_membership' ? 'add_membership' : 'add_security') &&
                  (e.edit.body as Record<string, unknown>)[pair[0]!] === b[pair[0]!] &&
                  (e.edit.body as Record<string, unknown>)[pair[1]!] === b[pair[1]!] &&
                  e.year <= year,
              );
            if (
              !inForce &&
              (op === 'end_membership' ? isState(b.state as string) && isOrg(b.org as string) : true)
            )
              say(
                [...at, op],
                `${where}: no ${kind} of ${b[pair[0]!]} ${op === 'end_membership' ? 'in' : 'to'} ${b[pair[1]!]} is in force in ${year}`,
              );
            states = [(op === 'end_membership' ? b.state : b.recipient) as string];
          }
          break;
        }
        case 'add_security':
          needActor('provider');
          needActor('recipient');
          states = [b.recipient as string];
          break;
        case 'add_rounds':
        case 'round_format': {
          const mediators = b.mediators as string[];
          mediators.forEach((x, k) => {
            if (!isState(x) && !isOrg(x))
              say([...at, op, 'mediators', k], `${where}: unknown mediator '${x}'`);
          });
          if (b.format === 'direct' && mediators.length)
            sayB('mediators', 'a direct round cannot have mediators');
          if (b.format === 'mediated' && !mediators.length)
            sayB('format', 'a mediated round names its mediators');
          if (op === 'add_rounds') {
            for (const f of ['parties', 'declined'])
              (b[f] as string[]).forEach((x, k) => {
                if (!isState(x)) say([...at, op, f, k], `${where}: unknown state '${x}'`);
              });
            states = [...(b.parties as string[]), ...(b.declined as string[])];
          } else {
            const rounds = kb.facts.filter((f) => f.kind === 'negotiation' && f.conflict === b.conflict);
            const added = edits.filter(
              (e) =>
                e.edit.op === 'add_rounds' && (e.edit.body as { conflict: string }).conflict === b.conflict,
            );
            if (!rounds.length && !added.length)
              sayB('conflict', `unknown conflict '${b.conflict}' (no negotiation rounds recorded or added)`);
            states = [
              ...new Set([
                ...rounds.flatMap((f) => (f.kind === 'negotiation' ? [...f.parties, ...f.declined] : [])),
                ...added.flatMap((e) => (e.edit.body as { parties: string[] }).parties),
              ]),
            ];
          }
          break;
        }
        case 'add_hosting':
          needState('host');
          (b.parties as string[]).forEach((x, k) => {
            if (!isState(x) && !isOrg(x))
              say([...at, op, 'parties', k], `${where}: unknown state or organisation '${x}'`);
          });
          states = [b.host as string];
          break;
        case 'add_agreement':
          (b.parties as string[]).forEach((x, k) => {
            if (!isState(x) && !isOrg(x))
              say([...at, op, 'parties', k], `${where}: unknown state or organisation '${x}'`);
          });
          states = (b.parties as string[]).filter(isState);
          break;
        case 'ideal_point': {
          needState('state');
          const toward = b.toward as string;
          if (!poles.has(toward) && !isState(toward))
            sayB('toward', `toward: '${toward}' is neither a pole (west, russia, china) nor a state`);
          states = '*';
          break;
        }
        case 'arms_scale':
        case 'arms_redirect':
          for (const f of ['recipient', 'supplier', 'from', 'to']) needState(f);
          if (op === 'arms_redirect' && b.from === b.to) sayB('to', 'redirect to a different supplier');
          states = [b.recipient as string];
          break;
        case 'corridor': {
          if ((b.scenario === undefined) === (b.edits === undefined))
            say([...at, op], `${where}: corridor names a corridor scenario or lists edits, not both`);
          if (b.scenario !== undefined && !corridor.scenarios.has(b.scenario as string))
            sayB(
              'scenario',
              `unknown corridor scenario '${b.scenario}' (one of ${[...corridor.scenarios].join(', ')})`,
            );
          if (b.edits !== undefined) {
            const found: DataIssue[] = [];
            checkScenarioRefs(
              {
                id: d.head.id,
                name: d.head.title,
                edits: b.edits as CorridorEdit[],
                sources: [],
                where: { file: d.file, line: d.lineOf([...at, op, 'edits']) },
              },
              corridor,
              found,
            );
            for (const f of found)
              say([...at, op, 'edits'], `${where}: ${f.message.replace(/^scenario '[^']*': /, 'corridor ')}`);
          }
          states = '*';
          break;
        }
      }
      const editBody = { op, body: b } as EditBody;
      const ref: EditRef = { scenario: d.head.id, index: i + 1, file: d.file, line: d.lineOf(at) };
      edits.push({
        id: `${d.head.id}#${i + 1}`,
        ref,
        edit: editBody,
        basis: m.basis,
        sources: m.sources ?? [],
        rationale: m.rationale ?? null,
        year,
        touches: TOUCHES[op],
        states,
        params: [...used],
        label: `${d.head.id}#${i + 1} (${m.basis}${used.size ? `; uncertain ${[...used].join(', ')}` : ''}): ${describe(editBody)} from ${year}`,
      });
    });
  }
  checkContradictions(edits, issues);
  if (issues.length) throw new ScenarioError(issues);
  return {
    id: docs.map((d) => d.head.id).join('+'),
    title: docs.map((d) => d.head.title).join(' + '),
    summary: docs.map((d) => d.head.summary).join(' '),
    from: Math.min(...edits.map((e) => e.year), ...docs.map((d) => d.head.from)),
    parts: docs.map((d) => ({
      id: d.head.id,
      title: d.head.title,
      file: d.file,
      from: d.head.from,
      sources: d.head.sources,
    })),
    edits,
    uncertain,
    params: values,
  };
}

/** Edits that cannot both hold: adding and ending the same tie in the same year, or two different settings of one thing. */
function checkContradictions(edits: ResolvedEdit[], issues: ScenarioIssue[]): void {
  const keyOf = (e: ResolvedEdit): { key: string; value: string } | null => {
    const b = e.edit.body as Record<string, unknown>;
    switch (e.edit.op) {
      case 'add_membership':
        return { key: `membership:${b.state}:${b.org}:${e.year}`, value: 'add' };
      case 'end_membership':
        return b.fact ? null : { key: `membership:${b.state}:${b.org}:${e.year}`, value: 'end' };
      case 'add_security':
        return { key: `security:${b.provider}:${b.recipient}:${e.year}`, value: 'add' };
      case 'end_security':
        return b.fact ? null : { key: `security:${b.provider}:${b.recipient}:${e.year}`, value: 'end' };
      case 'round_format':
        return {
          key: `format:${b.conflict}:${e.year}`,
          value: `${b.format}:${(b.mediators as string[]).join(',')}`,
        };
      case 'ideal_point':
        return { key: `ideal:${b.state}:${e.year}`, value: String(b.toward) };
      default:
        return null;
    }
  };
  const seen = new Map<string, ResolvedEdit & { value: string }>();
  for (const e of edits) {
    const k = keyOf(e);
    if (!k) continue;
    const prior = seen.get(k.key);
    if (prior && prior.value !== k.value)
      issues.push({
        file: e.ref.file,
        line: e.ref.line,
        message: `edit ${e.ref.index} contradicts ${prior.id} (${prior.ref.file}:${prior.ref.line}): ${describe(prior.edit)} vs ${describe(e.edit)} in ${e.year}`,
      });
    else if (!prior) seen.set(k.key, { ...e, value: k.value });
  }
}

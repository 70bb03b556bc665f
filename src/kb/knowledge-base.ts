import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  factSchema,
  organisationSchema,
  sourceSchema,
  stateEntrySchema,
  type Fact,
  type Organisation,
  type Source,
  type StateEntry,
} from './schema.ts';
import { KbIssue, readYamlList, type Located } from './yaml-file.ts';
import { endOf, startOf } from './dates.ts';

export type LocatedFact = Fact & Located;
export type LocatedSource = Source & Located;
export type LocatedOrganisation = Organisation & Located;
export type LocatedStateEntry = StateEntry & Located;

export const defaultKbDir = fileURLToPath(new URL('../../kb', import.meta.url));

export class KbValidationError extends Error {
  override name = 'KbValidationError';
  constructor(readonly issues: KbIssue[]) {
    super(
      `knowledge base has ${issues.length} problem${issues.length === 1 ? '' : 's'}; first: ${issues[0]?.toString() ?? ''}`,
    );
  }
}

/** The authored knowledge base, validated and indexed. Immutable once loaded. */
export class KnowledgeBase {
  readonly sourceById: ReadonlyMap<string, LocatedSource>;
  readonly orgById: ReadonlyMap<string, LocatedOrganisation>;
  readonly factById: ReadonlyMap<string, LocatedFact>;

  constructor(
    readonly dir: string,
    readonly sources: readonly LocatedSource[],
    readonly organisations: readonly LocatedOrganisation[],
    readonly states: readonly LocatedStateEntry[],
    readonly facts: readonly LocatedFact[],
  ) {
    this.sourceById = new Map(sources.map((s) => [s.id, s]));
    this.orgById = new Map(organisations.map((o) => [o.id, o]));
    this.factById = new Map(facts.map((f) => [f.id, f]));
  }

  factsOfKind<K extends Fact['kind']>(kind: K): Array<Extract<Fact, { kind: K }> & Located> {
    return this.facts.filter((f): f is Extract<Fact, { kind: K }> & Located => f.kind === kind);
  }
}

function yamlFilesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => join(dir, f));
}

/** Reads every file of the knowledge base; collects all problems instead of stopping at the first. */
export function readKnowledgeBase(dir: string = defaultKbDir): { kb: KnowledgeBase; issues: KbIssue[] } {
  const issues: KbIssue[] = [];
  const sourceFiles = [join(dir, 'sources.yaml'), ...yamlFilesIn(join(dir, 'sources'))].filter(existsSync);
  const sources = sourceFiles.flatMap((f) => readYamlList(f, 'sources', sourceSchema, issues));
  // New organisation families may live in organisations/*.yaml beside the original file.
  const organisations = [join(dir, 'organisations.yaml'), ...yamlFilesIn(join(dir, 'organisations'))]
    .filter(existsSync)
    .flatMap((f) => readYamlList(f, 'organisations', organisationSchema, issues));
  const states = readYamlList(join(dir, 'states.yaml'), 'states', stateEntrySchema, issues);
  const facts = yamlFilesIn(join(dir, 'facts')).flatMap((f) => readYamlList(f, 'facts', factSchema, issues));
  facts.sort((a, b) => startOf(factDate(a)).localeCompare(startOf(factDate(b))) || a.id.localeCompare(b.id));
  const kb = new KnowledgeBase(dir, sources, organisations, states, facts);
  checkReferences(kb, issues);
  return { kb, issues };
}

/** Loads and validates, throwing one error that lists every problem. */
export function loadKnowledgeBase(dir: string = defaultKbDir): KnowledgeBase {
  const { kb, issues } = readKnowledgeBase(dir);
  if (issues.length > 0) throw new KbValidationError(issues);
  return kb;
}

/** The date a fact is filed under on a timeline: its point date, or the start of its interval. */
export function factDate(f: Fact): string {
  if ('date' in f && f.date !== undefined) return f.date;
  if ('from' in f && f.from !== undefined) return f.from;
  if ('year' in f) return String(f.year);
  return '0000';
}

/** The states a fact is about, for timelines and coverage. */
export function factStates(f: Fact): string[] {
  switch (f.kind) {
    case 'membership':
    case 'chairmanship':
    case 'statement':
      return [f.state];
    case 'doctrine':
      return f.target ? [f.state, f.target] : [f.state];
    case 'agreement':
      return f.parties;
    case 'negotiation':
      return [...f.parties, ...f.declined];
    case 'security':
      return [f.provider, f.recipient];
    case 'hosting':
      return [f.host, ...f.parties];
    case 'resolution':
      return [f.state, f.about];
    case 'aid':
      return [f.donor];
    case 'conflict':
      return [...f.side_a, ...f.side_b];
    case 'sanctions':
      return [f.imposer, f.target];
    case 'energy-export':
      return [f.exporter, f.importer];
    case 'system-continuation':
      return [];
  }
}

function checkReferences(kb: KnowledgeBase, issues: KbIssue[]): void {
  const seen = new Map<string, Located>();
  for (const item of [...kb.sources, ...kb.organisations, ...kb.facts]) {
    const prior = seen.get(item.id);
    if (prior)
      issues.push(
        new KbIssue(
          item.file,
          item.line,
          `duplicate id '${item.id}' (first defined at ${prior.file}:${prior.line})`,
        ),
      );
    else seen.set(item.id, item);
  }
  const iso3 = new Set(kb.states.flatMap((s) => (s.iso3 ? [s.iso3] : [])));
  const ccodes = new Set<number>();
  for (const s of kb.states) {
    if (ccodes.has(s.ccode)) issues.push(new KbIssue(s.file, s.line, `duplicate COW code ${s.ccode}`));
    ccodes.add(s.ccode);
  }
  const isState = (code: string) => iso3.has(code);
  const isActor = (code: string) => isState(code) || kb.orgById.has(code);
  const cite = (owner: { id: string; sources: string[] } & Located) => {
    for (const s of owner.sources)
      if (!kb.sourceById.has(s))
        issues.push(new KbIssue(owner.file, owner.line, `'${owner.id}' cites unknown source '${s}'`));
  };
  for (const o of kb.organisations) {
    cite(o);
    if (o.parent && !kb.orgById.has(o.parent))
      issues.push(new KbIssue(o.file, o.line, `'${o.id}' has unknown parent organisation '${o.parent}'`));
  }
  const conflictKeys = new Set(kb.facts.flatMap((f) => (f.kind === 'conflict' ? [f.conflict] : [])));
  for (const f of kb.facts) {
    cite(f);
    const where = (msg: string) => issues.push(new KbIssue(f.file, f.line, `'${f.id}': ${msg}`));
    for (const code of factStates(f)) if (!isActor(code)) where(`unknown state or organisation '${code}'`);
    if ('org' in f && !kb.orgById.has(f.org)) where(`unknown organisation '${f.org}'`);
    if (f.kind === 'negotiation')
      for (const m of f.mediators) if (!isActor(m)) where(`unknown mediator '${m}'`);
    if (f.kind === 'negotiation' && !conflictKeys.has(f.conflict) && conflictKeys.size > 0)
      where(`cites conflict '${f.conflict}', which no conflict fact defines`);
    if (f.kind === 'negotiation' && f.format === 'direct' && f.mediators.length > 0)
      where('a direct round cannot have mediators');
    if (f.kind === 'negotiation' && f.format === 'mediated' && f.mediators.length === 0)
      where('a mediated round names its mediators');
    if ('to' in f && f.to !== undefined && 'from' in f && endOf(f.to) < startOf(f.from))
      where(`ends (${f.to}) before it starts (${f.from})`);
  }
}

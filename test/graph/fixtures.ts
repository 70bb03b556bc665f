// Loads the committed graph fixtures and their peer-generated expected values
// (scripts/fixtures/make_graph_fixtures.py). Values are stored as numbers or as strings
// ("NaN", "Inf", R's %.17g output) and normalised to numbers here.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { parseBrokerageInput } from '../../src/graph/io.ts';

export const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/graph/', import.meta.url));

export interface FixtureIndexEntry {
  name: string;
  directed: boolean;
  weighted: boolean;
}

type Raw = number | string;

export interface Expected {
  name: string;
  directed: boolean;
  weighted: boolean;
  nodes: string[];
  clean_edge_count: number;
  nx_betweenness: Raw[];
  nx_betweenness_normalized: Raw[];
  nx_betweenness_weighted?: Raw[];
  nx_betweenness_inverse_weight?: Raw[];
  nx_bridging_raw: Raw[];
  nx_bridging_raw_weighted?: Raw[];
  pyigraph_betweenness: Raw[];
  pyigraph_betweenness_weighted?: Raw[];
  brute_weighted_roles?: { min: Raw[][]; product: Raw[][] };
  r: {
    raw_nli: Raw[][];
    exp_nli: Raw[][];
    sd_nli: Raw[][];
    z_nli: Raw[][];
    raw_gli: Raw[];
    exp_gli: Raw[];
    sd_gli: Raw[];
    z_gli: Raw[];
    igraph_betweenness: Raw[];
    igraph_betweenness_inverse_weight?: Raw[];
  };
}

export function fixtureIndex(): FixtureIndexEntry[] {
  return JSON.parse(readFileSync(join(FIXTURE_DIR, 'index.json'), 'utf8')) as FixtureIndexEntry[];
}

export function loadFixture(
  name: string,
  weighted: boolean,
): { edges: string[][]; groups: string[][]; expected: Expected } {
  const edgesPath = join(FIXTURE_DIR, `${name}.edges.csv`);
  const groupsPath = join(FIXTURE_DIR, `${name}.groups.csv`);
  const input = parseBrokerageInput(
    readFileSync(edgesPath, 'utf8'),
    edgesPath,
    readFileSync(groupsPath, 'utf8'),
    groupsPath,
    { weighted },
  );
  const expected = JSON.parse(readFileSync(join(FIXTURE_DIR, `${name}.expected.json`), 'utf8')) as Expected;
  return { ...input, expected };
}

export function toNum(x: Raw): number {
  if (typeof x === 'number') return x;
  if (x === 'NaN') return NaN;
  if (x === 'Inf') return Infinity;
  if (x === '-Inf') return -Infinity;
  const v = Number(x);
  if (Number.isNaN(v)) throw new Error(`not a number in fixture: ${x}`);
  return v;
}

export const nums = (xs: readonly Raw[]): number[] => xs.map(toNum);

/** |a − b| ≤ tol for every entry; NaN matches NaN only; infinities must be equal. */
export function assertClose(
  actual: ArrayLike<number>,
  expected: readonly number[],
  tol: number,
  what: string,
): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] as number;
    const e = expected[i] as number;
    if (Number.isNaN(e) || !Number.isFinite(e)) {
      assert.ok(
        Object.is(a, e) || (Number.isNaN(a) && Number.isNaN(e)),
        `${what}[${i}]: expected ${e}, got ${a}`,
      );
      continue;
    }
    assert.ok(
      Math.abs(a - e) <= tol,
      `${what}[${i}]: expected ${e}, got ${a} (|diff| ${Math.abs(a - e)} > ${tol})`,
    );
  }
}

export function assertExact(actual: ArrayLike<number>, expected: readonly number[], what: string): void {
  assert.deepEqual(Array.from(actual), expected, what);
}

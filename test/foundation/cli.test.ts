import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/paths.ts';

let store: string;
before(() => {
  store = join(tempDir(), 'cli.duckdb');
});
const cli = (...args: string[]) => runCli(['--store', store, ...args]);

test('states lists the registry; csv has a header row', async () => {
  const r = await cli('--format', 'csv', 'states');
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trim().split('\n');
  assert.equal(lines[0], 'ccode,cow,iso3,name,years,alt_names');
  assert.ok(lines.some((l) => l.startsWith('373,AZE,AZE,Azerbaijan')));
});

test('states --year without the COW state list says how to get it (exit 1)', async () => {
  const r = await cli('states', '--year', '2000');
  assert.equal(r.code, 1);
  assert.match(r.err, /data pull cow_states/);
});

test('a wrong year is a one-line error with exit code 1', async () => {
  for (const args of [
    ['states', '--year', '1700'],
    ['states', '--year', 'abc'],
    ['kb', 'timeline', '--from', '3000'],
  ]) {
    const r = await cli(...args);
    assert.equal(r.code, 1, args.join(' '));
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
    assert.match(r.err, /^error: .*(out of range|four-digit year)/);
  }
});

test('an unknown state names the closest matches (exit 1)', async () => {
  const r = await cli('kb', 'timeline', '--state', 'Azerbajan');
  assert.equal(r.code, 1);
  assert.match(r.err, /unknown state 'Azerbajan'; closest: Azerbaijan/);
});

test('kb timeline --format json is one JSON document of dated, sourced facts', async () => {
  const r = await cli('--format', 'json', 'kb', 'timeline', '--state', '373');
  assert.equal(r.code, 0, r.err);
  const facts = JSON.parse(r.out) as Array<{ date: string; sources: unknown[] }>;
  assert.ok(facts.length > 0);
  for (let i = 1; i < facts.length; i++)
    assert.ok(facts[i - 1]!.date.slice(0, 4) <= facts[i]!.date.slice(0, 4));
  assert.ok(facts.every((f) => f.sources.length > 0));
});

test('kb check passes on the committed knowledge base and prints coverage', async () => {
  const r = await cli('--format', 'json', 'kb', 'check');
  assert.equal(r.code, 0, r.err);
  const report = JSON.parse(r.out) as { ok: boolean; totals: { facts: number } };
  assert.equal(report.ok, true);
  assert.ok(report.totals.facts > 0);
});

test('bad options and unknown commands exit 1; --help exits 0', async () => {
  assert.equal((await cli('--format', 'xml', 'states')).code, 1);
  assert.equal((await cli('no-such-command')).code, 1);
  assert.equal((await cli('--help')).code, 0);
});

import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { Store } from '../../src/store/store.ts';
import { runCli } from '../helpers/cli.ts';
import { realSkip, realStore } from './real.ts';

let store: string;
before(async () => {
  if (!realSkip) store = await realStore();
});

type Row = Record<string, number | string | null>;
const cli = (args: string[]) => runCli(['--store', store, '--quiet', ...args]);

test(
  'idealpoints --source bsv --format csv: the header, and Azerbaijan in every year 1992–2023',
  { skip: realSkip },
  async () => {
    const r = await cli(['--format', 'csv', 'idealpoints', '--source', 'bsv']);
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trim().split('\n');
    assert.ok(lines[0]!.startsWith('ccode,iso3,year,session,ideal_point,lo,hi,votes'));
    assert.equal(lines.length - 1, 11238, 'every row of the published file');
    const aze = lines.filter((l) => l.startsWith('373,AZE,')).map((l) => Number(l.split(',')[2]));
    for (let y = 1992; y <= 2023; y++) assert.ok(aze.includes(y), `Azerbaijan ${y}`);
  },
);

test(
  "alignment AZE: our identical-vote share reproduces BSV's published agreement columns (same filters)",
  { skip: realSkip },
  async () => {
    const r = await cli(['--format', 'json', 'alignment', 'AZE', '--years', '1992-2019']);
    assert.equal(r.code, 0, r.err);
    const p = JSON.parse(r.out) as {
      rows: Row[];
      provenance: { votes: { version: string; votes_used: number; years_covered: number[] } };
    };
    assert.equal(p.provenance.votes.version, 'unvotes-2021');
    assert.ok(p.provenance.votes.votes_used > 100_000);
    const bsv = await cli(['--format', 'json', 'idealpoints', '--source', 'bsv', '--years', '1992-2019']);
    const published = new Map(
      (JSON.parse(bsv.out) as { rows: Row[] }).rows.filter((x) => x.ccode === 373).map((x) => [x.year, x]),
    );
    // identical_USA must equal the published USAgree (read from the store) for every year both have
    const s = await Store.open(store);
    const usAgree = new Map(
      (
        await s.query<{ year: number; agree_usa: number | null }>(
          'SELECT year, agree_usa FROM unga_idealpoints WHERE ccode = 373',
        )
      ).map((x) => [Number(x.year), x.agree_usa]),
    );
    s.close();
    let compared = 0;
    for (const row of p.rows) {
      const ours = row.identical_USA,
        theirs = usAgree.get(row.year as number);
      if (typeof ours !== 'number' || typeof theirs !== 'number') continue;
      assert.ok(Math.abs(ours - theirs) < 1e-6, `${row.year}: ${ours} vs ${theirs}`);
      compared++;
    }
    assert.ok(compared >= 25, `${compared} years compared`);
    // the profile's ideal points are the published ones
    for (const row of p.rows)
      if (row.ideal_point !== null) assert.equal(row.ideal_point, published.get(row.year)?.ideal_point);
  },
);

test(
  'idealpoints --source own --issue important: fitted from the store, cached on the second call, US positive',
  { skip: realSkip },
  async () => {
    const a = await cli([
      '--format',
      'json',
      'idealpoints',
      '--source',
      'own',
      '--issue',
      'important',
      '--years',
      '1992-2020',
    ]);
    assert.equal(a.code, 0, a.err);
    const first = JSON.parse(a.out) as { rows: Row[]; provenance: { idealpoints: { cached: boolean } } };
    assert.equal(first.provenance.idealpoints.cached, false);
    const us = first.rows.filter((x) => x.iso3 === 'USA');
    assert.ok(us.length > 20 && us.every((x) => (x.ideal_point as number) > 0));
    assert.ok(first.rows.some((x) => x.iso3 === 'AZE'));
    const b = JSON.parse(
      (
        await cli([
          '--format',
          'json',
          'idealpoints',
          '--source',
          'own',
          '--issue',
          'important',
          '--years',
          '1992-2020',
        ])
      ).out,
    ) as typeof first;
    assert.equal(b.provenance.idealpoints.cached, true);
    assert.deepEqual(b.rows, first.rows);
  },
);

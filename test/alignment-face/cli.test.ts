import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { runCli } from '../helpers/cli.ts';
import { fixtureStore } from './fixture.ts';

let store: string;
let bare: string;
before(async () => {
  store = await fixtureStore();
  bare = await fixtureStore({ idealpoints: false, votes: false });
});

const close = (a: unknown, b: number, msg?: string) =>
  assert.ok(typeof a === 'number' && Math.abs(a - b) < 1e-9, `${msg ?? ''}: ${String(a)} ≠ ${b}`);
type Row = Record<string, number | string | null>;
interface Profile {
  rows: Row[];
  columns: string[];
  summary: { bloc: { bloc: string; relative: number } | null; hedging_trend: unknown };
  selection: { source: string; years: number[] };
  provenance: {
    votes: { version: string; votes_used: number; files: { sha256: string }[] };
    idealpoints: { source: string; files?: { file: string }[] };
  };
  sensitivity?: { rows: Row[] };
}

async function json<T>(args: string[], path = store): Promise<T> {
  const r = await runCli(['--store', path, '--format', 'json', '--quiet', ...args]);
  assert.equal(r.code, 0, r.err);
  return JSON.parse(r.out) as T;
}

test(
  'alignment: hand-computed agreement, identical share ' +
    'and joint votes per year; a year without votes is a gap',
  async () => {
    const p = await json<Profile>(['alignment', 'AZE']);
    assert.deepEqual(
      p.rows.map((r) => r.year),
      [2015, 2016, 2017],
    );
    const [y15, y16, y17] = p.rows as [Row, Row, Row];
    // 2015: the unanimous rc4 is dropped; rc1–rc3 give distances (2, 1, 2) to the US, (0, 1, 0) to Russia,
    // (0,
    // 1, 1) to China
    assert.equal(y15.votes, 4);
    close(y15.agree_USA, 1 / 6, 'agree USA');
    close(y15.identical_USA, 0, 'identical USA');
    assert.equal(y15.n_USA, 3);
    close(y15.agree_RUS, 5 / 6, 'agree RUS');
    close(y15.identical_RUS, 2 / 3, 'identical RUS');
    close(y15.agree_CHN, 2 / 3, 'agree CHN');
    close(y15.identical_CHN, 1 / 3, 'identical CHN');
    close(y17.agree_USA, 1 / 3, '2017 USA');
    close(y17.agree_RUS, 1 / 2, '2017 RUS');
    close(y17.identical_CHN, 1 / 3, '2017 CHN');
    for (const col of p.columns.filter((c) => c !== 'year' && c !== 'session'))
      assert.equal(y16[col], null, `2016 ${col} is a gap`);
  },
);

test(
  'alignment: published ideal points give interval, ' + 'distances, relative position, bloc and hedging',
  async () => {
    const p = await json<Profile>(['alignment', '373', '--years', '2015-2017']);
    assert.equal(p.selection.source, 'bsv');
    const [y15, , y17] = p.rows as [Row, Row, Row];
    close(y15.ideal_point, -0.2, 'theta');
    close(y15.lo, -0.3, 'lo');
    close(y15.hi, -0.1, 'hi');
    close(y15.dist_USA, 2.2, 'dist USA');
    close(y15.dist_RUS, 0.8, 'dist RUS');
    close(y15.dist_CHN, 0.3, 'dist CHN');
    close(y15.relative, 0.3 / 2.5, 'relative');
    assert.equal(y15.bloc, 'china-russia');
    close(y15.hedging, 1 - 1.9 / 2.5, 'hedging 2015');
    close(y17.relative, 0.9 / 2.6, 'relative 2017');
    assert.equal(y17.bloc, 'non-aligned');
    close(y17.hedging, 1 - 0.8 / 2.6, 'hedging 2017');
    // the IMF window 2017–2021 holds only 2017 here
    assert.equal(p.summary.bloc?.bloc, 'non-aligned');
    assert.equal(p.provenance.votes.version, 'fixture-1');
    assert.equal(p.provenance.votes.votes_used, 43);
    assert.equal(p.provenance.votes.files.length, 3);
    assert.equal(p.provenance.idealpoints.source, 'bsv');
  },
);

test(
  'alignment --issue ec keeps only economic votes (our ' +
    'estimator, since BSV publish all-vote points only)',
  async () => {
    const p = await json<Profile>(['alignment', 'Azerbaijan', '--issue', 'ec', '--poles', 'USA,RUS']);
    assert.equal(p.selection.source, 'own');
    const [y15, , y17] = p.rows as [Row, Row, Row];
    assert.equal(y15.n_USA, 1);
    close(y15.agree_USA, 0, 'ec 2015 USA');
    close(y15.agree_RUS, 1, 'ec 2015 RUS');
    close(y17.agree_USA, 1, 'ec 2017 USA (abstain = abstain)');
    assert.equal(y17.votes, 1);
    assert.deepEqual(
      p.columns.filter((c) => c.startsWith('dist_')),
      ['dist_USA', 'dist_RUS'],
    );
  },
);

test('alignment csv has every column, gaps empty; table mode prints a title and the summary', async () => {
  const csv = await runCli(['--store', store, '--format', 'csv', 'alignment', 'AZE']);
  assert.equal(csv.code, 0, csv.err);
  const lines = csv.out.trim().split('\n');
  assert.match(lines[0]!, /^year,session,votes,agree_USA,identical_USA,n_USA,agree_RUS/);
  assert.match(lines[2]!, /^2016,71,,,/);
  const table = await runCli(['--store', store, '--quiet', 'alignment', 'AZE']);
  assert.equal(table.code, 0, table.err);
  assert.match(table.out, /Azerbaijan: UNGA alignment 2015–2017/);
  assert.match(table.out, /bloc 2017–2021\s+non-aligned/);
});

test('alignment --sensitivity: one row per vote selection, differences from all votes', async () => {
  const p = await json<Profile>(['alignment', 'AZE', '--sensitivity']);
  const rows = p.sensitivity!.rows;
  assert.deepEqual(
    rows.map((r) => r.selection),
    ['all', 'important', 'ec'],
  );
  close(rows[0]!.agree_USA, (1 / 6 + 1 / 3) / 2, 'all votes, mean of 2015 and 2017');
  close(rows[1]!.agree_USA, 0, 'important: rc3 only');
  close(rows[2]!.d_agree_USA, (0 + 1) / 2 - (1 / 6 + 1 / 3) / 2, 'ec minus all');
});

test('idealpoints --source bsv --format csv: fixed leading columns, rows of the file', async () => {
  const r = await runCli([
    '--store',
    store,
    '--format',
    'csv',
    'idealpoints',
    '--source',
    'bsv',
    '--years',
    '2015-2016',
  ]);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trim().split('\n');
  assert.match(lines[0]!, /^ccode,iso3,year,session,ideal_point,lo,hi,votes(,|$)/);
  assert.equal(lines.length - 1, 9); // 5 states in 2015, 4 in 2016
  assert.ok(lines.some((l) => l.startsWith('373,AZE,2015,70,-0.2,')));
});

test('idealpoints --source own fits once and reuses the cached run', async () => {
  const fresh = await fixtureStore();
  const first = await json<{
    rows: Row[];
    provenance: { idealpoints: { cached: boolean; run: string; method: string; interval: string } };
  }>(['idealpoints', '--source', 'own'], fresh);
  assert.equal(first.provenance.idealpoints.cached, false);
  assert.match(first.provenance.idealpoints.method, /BSV's dynamic prior, posterior means by Gibbs sampling/);
  assert.match(first.provenance.idealpoints.interval, /90% posterior quantiles of 150 Gibbs draws/);
  const usa = first.rows.filter((r) => r.iso3 === 'USA');
  assert.ok(
    usa.length === 3 && usa.every((r) => (r.ideal_point as number) > 0),
    'the US is oriented positive',
  );
  for (const r of first.rows)
    assert.ok((r.lo as number) <= (r.ideal_point as number) && (r.ideal_point as number) <= (r.hi as number));
  const second = await json<typeof first>(['idealpoints', '--source', 'own'], fresh);
  assert.equal(second.provenance.idealpoints.cached, true);
  assert.equal(second.provenance.idealpoints.run, first.provenance.idealpoints.run);
  assert.deepEqual(second.rows, first.rows);
  assert.equal(
    second.provenance.idealpoints.method,
    first.provenance.idealpoints.method,
    'the method is read back from the stored run',
  );
});

test(
  'idealpoints --matches: identical roll calls bridged ' + 'into a run of their own; a bad file is named',
  async () => {
    const fresh = await fixtureStore();
    const dir = mkdtempSync(join(tmpdir(), 'matches-'));
    const good = join(dir, 'Matches.csv'),
      bad = join(dir, 'bad.csv');
    writeFileSync(good, 'v1,rcid1,rcid2\n1,1,9\n');
    writeFileSync(bad, 'rcid1,rcid2\n1,x\n');
    type Out = { provenance: { idealpoints: { run: string; options: { bridge: unknown } } } };
    const plain = await json<Out>(['idealpoints', '--source', 'own'], fresh);
    const bridged = await json<Out>(['idealpoints', '--source', 'own', '--matches', good], fresh);
    assert.notEqual(bridged.provenance.idealpoints.run, plain.provenance.idealpoints.run);
    assert.equal(plain.provenance.idealpoints.options.bridge, false);
    assert.equal(bridged.provenance.idealpoints.options.bridge, 'matched pairs: 1');
    assert.match(
      (await runCli(['--store', fresh, 'idealpoints', '--matches', bad])).err,
      /bad\.csv: line 2: rcid1 and rcid2 must be positive whole numbers/,
    );
    assert.match(
      (await runCli(['--store', fresh, 'idealpoints', '--matches', join(dir, 'none.csv')])).err,
      /--matches: no such file/,
    );
    assert.match(
      (await runCli(['--store', fresh, 'idealpoints', '--source', 'bsv', '--matches', good])).err,
      /bridging applies to --source own/,
    );
  },
);

test(
  'idealpoints --method mode --bootstrap: replicate ' +
    'intervals, a run of their own, refused for bsv and gibbs',
  async () => {
    const fresh = await fixtureStore();
    type Out = {
      rows: Row[];
      provenance: { idealpoints: { cached: boolean; run: string; options?: Record<string, unknown> } };
    };
    const plain = await json<Out>(['idealpoints', '--source', 'own', '--method', 'mode'], fresh);
    const boot = await json<Out>(
      ['idealpoints', '--source', 'own', '--method', 'mode', '--bootstrap', '20'],
      fresh,
    );
    assert.equal(boot.provenance.idealpoints.cached, false, 'the bootstrap run is not the plain run');
    assert.notEqual(boot.provenance.idealpoints.run, plain.provenance.idealpoints.run);
    assert.deepEqual(
      boot.rows.map((r) => r.ideal_point),
      plain.rows.map((r) => r.ideal_point),
      'same point estimates',
    );
    assert.notDeepEqual(
      boot.rows.map((r) => r.sd),
      plain.rows.map((r) => r.sd),
      'replicate SDs replace the Laplace SDs',
    );
    for (const r of boot.rows)
      assert.ok(
        (r.lo as number) <= (r.ideal_point as number) + 1e-12 &&
          (r.ideal_point as number) <= (r.hi as number) + 1e-12,
      );
    const r = await runCli(['--store', fresh, 'idealpoints', '--source', 'bsv', '--bootstrap', '5']);
    assert.equal(r.code, 1);
    assert.match(r.err, /bootstrap applies to --source own/);
    const bad = await runCli(['--store', fresh, 'idealpoints', '--bootstrap', '-3']);
    assert.match(bad.err, /--bootstrap must be a whole number/);
    const gibbs = await runCli(['--store', fresh, 'idealpoints', '--bootstrap', '5']);
    assert.equal(gibbs.code, 1);
    assert.match(gibbs.err, /bootstrap: applies to --method mode/);
    assert.match(
      (await runCli(['--store', fresh, 'idealpoints', '--method', 'mcmc'])).err,
      /--method must be gibbs or mode/,
    );
  },
);

test('bad input is exit 1 with a one-line message naming the problem', async () => {
  const cases: [string[], RegExp][] = [
    [['alignment', 'Azerbajan'], /unknown state 'Azerbajan'; closest: Azerbaijan/],
    [['alignment', 'AZE', '--years', '2017-2015'], /--years range 2017-2015 ends before it starts/],
    [['alignment', 'AZE', '--years', '19x5'], /--years must look like/],
    [['alignment', 'AZE', '--issue', 'trade'], /--issue must be one of/],
    [['alignment', 'AZE', '--poles', 'USA'], /at least two poles/],
    [['alignment', 'AZE', '--issue', 'hr', '--source', 'bsv'], /BSV publish ideal points of all votes only/],
    [['idealpoints', '--issue', 'xx'], /--issue must be one of/],
    [['idealpoints', '--source', 'mine'], /--source must be own or bsv/],
    [['idealpoints', '--source', 'bsv', '--issue', 'me'], /all votes only/],
  ];
  for (const [args, message] of cases) {
    const r = await runCli(['--store', store, ...args]);
    assert.equal(r.code, 1, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, message);
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
  }
});

test('a store without UNGA data says what to pull (exit 1)', async () => {
  const r = await runCli(['--store', bare, 'alignment', 'AZE']);
  assert.equal(r.code, 1);
  assert.match(r.err, /data pull unga_votes/);
  const b = await runCli(['--store', bare, 'idealpoints', '--source', 'bsv']);
  assert.equal(b.code, 1);
  assert.match(b.err, /data pull unga_idealpoints/);
});

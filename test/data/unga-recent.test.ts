import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DataError } from '../../src/data/errors.ts';
import { importDataset } from '../../src/data/importer.ts';
import { sessionOnDate } from '../../src/data/importers/unga_votes_recent.ts';
import { loadStoreVotes } from '../../src/framework/alignment/store.ts';
import { Store } from '../../src/store/store.ts';
import { fixtures, registry, snapshot, tmp, write } from './helpers.ts';

const reg = registry();
const undlFixture = join(fixtures, 'unga_votes_recent', '2026_02_06_ga_voting.csv');
const undlText = readFileSync(undlFixture, 'utf8');

/** A small unvotes record (Voeten's layout) ending with A/RES/74/267 on 14 Jan 2020, as the real one does. */
function unvotesFolder(): string {
  const dir = tmp('ic-unvotes-');
  write(
    join(dir, 'un_roll_calls.csv'),
    [
      '"rcid","session","importantvote","date","unres","amend","para","short","descr"',
      '2001,45,0,"1990-12-04","R/45/10",0,0,"Fixture","Fixture roll call of 1990"',
      '9079,74,,"2020-01-14","A/RES/74/267",,,"ACABQ","Enlargement of the Advisory Committee"',
    ].join('\n') + '\n',
  );
  write(
    join(dir, 'un_roll_call_issues.csv'),
    '"rcid","short_name","issue"\n2001,"ec","Economic development"\n',
  );
  const votes = [
    [2001, 'United States', 'US', 'yes'],
    [2001, 'Russia', 'RU', 'no'],
    [2001, 'China', 'CN', 'abstain'],
    [9079, 'United States', 'US', 'no'],
    [9079, 'Russia', 'RU', 'yes'],
    [9079, 'China', 'CN', 'yes'],
    [9079, 'Azerbaijan', 'AZ', 'yes'],
    [9079, 'Armenia', 'AM', 'yes'],
    [9079, 'Ukraine', 'UA', 'yes'], // the fixture's UN Digital Library row says N: one disagreement
    [9079, 'Belarus', 'BY', 'yes'],
  ];
  write(
    join(dir, 'un_votes.csv'),
    '"rcid","country","country_code","vote"\n' +
      votes.map(([r, c, i, v]) => `${r},"${c}","${i}","${v}"`).join('\n') +
      '\n',
  );
  return dir;
}

test('UN Digital Library long layout: roll calls, sessions, non-voting out, old codes mapped', async () => {
  const store = await Store.open(':memory:');
  const [out] = await importDataset(store, 'unga_votes_recent', undlFixture, { registry: reg });
  assert.equal(out?.part, 'undl');
  assert.equal(out?.rows, 27);
  assert.equal(out?.version, 'undl-2026-02-06'); // from the file name: the catalog holds no checksum
  assert.match(out?.warnings[0] ?? '', /no checksum on record/);
  assert.deepEqual([out?.yearMin, out?.yearMax], [1990, 2025]);
  const rc = await store.query<{ rcid: number; session: number; year: number }>(
    'SELECT rcid, session, year FROM unga_recent_rollcalls ORDER BY rcid',
  );
  // ES-11/1 of 2 March 2022 belongs to the 76th session, the regular session then in progress
  assert.deepEqual(
    rc.map((r) => [r.rcid, r.session, r.year]),
    [
      [1234567, 45, 1990],
      [3846846, 74, 2020],
      [3959039, 76, 2022],
      [4090001, 80, 2025],
    ],
  );
  const [n] = await store.query<{ votes: number; x: number; sun: number }>(
    `SELECT count(*)::INTEGER AS votes,
       (SELECT count(*) FROM unga_recent_votes WHERE rcid = 3959039 AND ccode = 373)::INTEGER AS x,
       (SELECT count(*) FROM unga_recent_votes WHERE ccode = 365 AND rcid = 1234567)::INTEGER AS sun
     FROM unga_recent_votes`,
  );
  // 27 rows, 3 of them X (Georgia 74/267, Azerbaijan ES-11/1) or absent: 25 votes; AZE's X is no row
  assert.deepEqual(n, { votes: 25, x: 0, sun: 1 });
  store.close();
});

test('regular sessions open in mid-September', () => {
  assert.equal(sessionOnDate('2022-03-02'), 76);
  assert.equal(sessionOnDate('2022-09-14'), 76);
  assert.equal(sessionOnDate('2022-10-12'), 77);
  assert.equal(sessionOnDate('2025-02-24'), 79);
});

test("joined record: Voeten's roll calls first, duplicates by symbol and older ones left out", async () => {
  const store = await Store.open(':memory:');
  await importDataset(store, 'unga_votes', unvotesFolder(), { registry: reg });
  await importDataset(store, 'unga_votes_recent', undlFixture, { registry: reg });
  const votes = (await loadStoreVotes(store))!;
  assert.deepEqual(votes.reconciliation, {
    rollcalls: { kept: 2, duplicateOfVoeten: 1, beforeVoetenEnd: 1, duplicateRecent: 0 },
    voetenEnds: '2020-01-14',
    overlapVotes: 7,
    overlapSame: 6,
    years: [2022, 2025],
  });
  const rcs = votes.data.rollcalls.map((r) => [r.rcid, r.session, r.source, r.issues.join(',')]);
  assert.deepEqual(rcs, [
    [2001, 45, 'voeten', 'ec'],
    [9079, 74, 'voeten', ''],
    [3959039, 76, 'undl', ''],
    [4090001, 80, 'undl', ''],
  ]);
  // 3 + 7 of Voeten's votes, 7 + 8 of the kept UN Digital Library roll calls (AZE did not vote on ES-11/1)
  assert.equal(votes.data.vote.length, 3 + 7 + 7 + 8);
  const aze = votes.data.states.indexOf('373');
  const azeVotes = [...votes.data.voteState.keys()].filter((k) => votes.data.voteState[k] === aze);
  assert.deepEqual(
    azeVotes.map((k) => votes.data.rollcalls[votes.data.voteRollcall[k]!]!.rcid),
    [9079, 4090001],
  );
  store.close();
});

test('one symbol in both UN Digital Library layouts enters once (the mirror layout first)', async () => {
  const dir = tmp('ic-undl-mirror-');
  write(
    join(dir, 'un_roll_calls_2020_2025.csv'),
    '"rcid","session","importantvote","date","unres","amend","para","short","descr"\n' +
      '3959039,76,,"2022-03-02","A/RES/ES-11/1",,,' +
      '"Aggression against Ukraine","Aggression against Ukraine"\n',
  );
  write(
    join(dir, 'un_votes_2020_2025.csv'),
    '"rcid","country","country_code","vote"\n' +
      '3959039,"United States","US","yes"\n3959039,"Russia","RU","no"\n',
  );
  const store = await Store.open(':memory:');
  const out = await importDataset(store, 'unga_votes_recent', dir, { registry: reg });
  assert.deepEqual(
    out.map((o) => [o.part, o.rows, o.yearMin, o.yearMax]),
    [
      ['rollcalls', 1, 2022, 2022],
      ['votes', 2, 2022, 2022],
    ],
  );
  await importDataset(store, 'unga_votes_recent', undlFixture, { registry: reg });
  const votes = (await loadStoreVotes(store))!;
  assert.deepEqual(votes.reconciliation?.rollcalls, {
    kept: 1 + 4 - 1,
    duplicateOfVoeten: 0,
    beforeVoetenEnd: 0,
    duplicateRecent: 1,
  });
  const es = votes.data.rollcalls.findIndex((r) => r.rcid === 3959039);
  assert.equal(
    [...votes.data.voteRollcall].filter((r) => r === es).length,
    2,
    'the mirror layout’s two votes',
  );
  store.close();
});

/** Each case breaks one thing in a copy of the fixture: the import fails at the spot, store unchanged. */
const bad: Array<[string, (t: string) => string, RegExp]> = [
  [
    'unknown vote code',
    (t) => t.replace(',UNITED STATES,Y,1990', ',UNITED STATES,Q,1990'),
    /:2:\d+: ms_vote: expected Y, N, A, X or NV, got 'Q'/,
  ],
  [
    'bad member code',
    (t) => t.replace('1234567,CHN,', '1234567,C1,'),
    /:4:\d+: ms_code: expected a three-letter code/,
  ],
  [
    'member twice on one resolution',
    (t) => t.replace('1234567,CHN,CHINA', '1234567,SUN,CHINA'),
    /:4:\d+: ms_code: duplicate vote of SUN, 1234567 \(first on line 3\)/,
  ],
  [
    'date differs within a resolution',
    (t) => t.replace('1234567,CHN,CHINA,A,1990-12-04', '1234567,CHN,CHINA,A,1990-12-05'),
    /:4:\d+: date: 1990-12-05 differs from 1990-12-04/,
  ],
  [
    'bad date',
    (t) => t.replace('4090001,USA,UNITED STATES,Y,2025-10-15', '4090001,USA,UNITED STATES,Y,15/10/2025'),
    /:21:\d+: date: expected a date YYYY-MM-DD/,
  ],
  [
    'session neither a number nor a symbol',
    (t) => t.replace(/,ES-11,A\/RES\/ES-11\/1,/g, ',ES-11,DEC/76/1,'),
    /:13:\d+: session: expected a session number or an A\/RES\/ symbol/,
  ],
];
for (const [name, breakIt, message] of bad) {
  test(`a malformed UN Digital Library file is refused at file:line:col (${name})`, async () => {
    const store = await Store.open(':memory:');
    await importDataset(store, 'unga_votes', unvotesFolder(), { registry: reg });
    await importDataset(store, 'unga_votes_recent', undlFixture, { registry: reg });
    const before = await snapshot(store);
    const file = write(join(tmp(), '2026_02_06_ga_voting.csv'), breakIt(undlText));
    assert.notEqual(readFileSync(file, 'utf8'), undlText, 'the case changes the file');
    await assert.rejects(
      importDataset(store, 'unga_votes_recent', file, { registry: reg }),
      (e: unknown) =>
        e instanceof DataError &&
        /2026_02_06_ga_voting\.csv:\d+:\d+:/.test(e.message) &&
        message.test(e.message),
    );
    assert.deepEqual(await snapshot(store), before);
    store.close();
  });
}

test('a vote of the mirror layout whose roll call is missing is refused, store unchanged', async () => {
  const dir = tmp('ic-undl-mirror-');
  write(
    join(dir, 'un_roll_calls_2020_2025.csv'),
    '"rcid","session","importantvote","date","unres","amend","para","short","descr"\n' +
      '3959039,76,,"2022-03-02","A/RES/ES-11/1",,,' +
      '"Aggression against Ukraine","Aggression against Ukraine"\n',
  );
  write(
    join(dir, 'un_votes_2020_2025.csv'),
    '"rcid","country","country_code","vote"\n3959040,"Russia","RU","no"\n',
  );
  const store = await Store.open(':memory:');
  const before = await snapshot(store);
  await assert.rejects(
    importDataset(store, 'unga_votes_recent', dir, { registry: reg }),
    /un_votes_2020_2025\.csv:0:0: roll call 3959040 is not in the roll-call file/,
  );
  assert.deepEqual(await snapshot(store), before);
  store.close();
});

import { join } from 'node:path';
import { Store } from '../../src/store/store.ts';
import { tempDir } from '../helpers/paths.ts';

/**
 * A tiny UNGA record written straight into the store's dataset tables, small enough to compute
 * every agreement by hand (see the expected values in the tests):
 *
 * session 70 (2015): rc1 ec, rc2 hr, rc3 me + important, rc4 unanimous (dropped by agreement)
 *   rc1: USA no,  RUS yes, CHN yes, AZE yes,     ARM abstain
 *   rc2: USA yes, RUS no,  CHN no,  AZE abstain, ARM yes
 *   rc3: USA no,  RUS yes, CHN abs, AZE yes,     ARM yes
 *   rc4: everyone yes
 * session 71 (2016): AZE absent (a gap, not a zero)
 *   rc5: USA yes, RUS no, CHN no, ARM yes;   rc6: USA no, RUS yes, CHN yes, ARM abstain
 * session 72 (2017): rc9 ec
 *   rc7: USA yes, RUS yes, CHN yes, AZE no,  ARM yes
 *   rc8: USA no,  RUS yes, CHN yes, AZE yes, ARM no
 *   rc9: USA abs, RUS yes, CHN yes, AZE abs, ARM yes
 *
 * Published-style ideal points for sessions 70–72 (AZE missing in 71), q5/q95 = θ ∓ 0.1.
 */
export const USA = 2,
  RUS = 365,
  CHN = 710,
  AZE = 373,
  ARM = 371;

const rollcalls: [number, number, string, boolean, string[]][] = [
  [1, 70, '2015-10-01', false, ['ec']],
  [2, 70, '2015-10-02', false, ['hr']],
  [3, 70, '2015-10-03', true, ['me']],
  [4, 70, '2015-10-04', false, []],
  [5, 71, '2016-10-01', false, []],
  [6, 71, '2016-10-02', false, []],
  [7, 72, '2017-10-01', false, []],
  [8, 72, '2017-10-02', false, []],
  [9, 72, '2017-10-03', false, ['ec']],
];
const votes: Record<number, Partial<Record<number, 1 | 2 | 3>>> = {
  1: { [USA]: 3, [RUS]: 1, [CHN]: 1, [AZE]: 1, [ARM]: 2 },
  2: { [USA]: 1, [RUS]: 3, [CHN]: 3, [AZE]: 2, [ARM]: 1 },
  3: { [USA]: 3, [RUS]: 1, [CHN]: 2, [AZE]: 1, [ARM]: 1 },
  4: { [USA]: 1, [RUS]: 1, [CHN]: 1, [AZE]: 1, [ARM]: 1 },
  5: { [USA]: 1, [RUS]: 3, [CHN]: 3, [ARM]: 1 },
  6: { [USA]: 3, [RUS]: 1, [CHN]: 1, [ARM]: 2 },
  7: { [USA]: 1, [RUS]: 1, [CHN]: 1, [AZE]: 3, [ARM]: 1 },
  8: { [USA]: 3, [RUS]: 1, [CHN]: 1, [AZE]: 1, [ARM]: 3 },
  9: { [USA]: 2, [RUS]: 1, [CHN]: 1, [AZE]: 2, [ARM]: 1 },
};
/** ccode → session → θ */
export const theta: Record<number, Record<number, number>> = {
  [USA]: { 70: 2.0, 71: 2.1, 72: 2.2 },
  [RUS]: { 70: -1.0, 71: -1.1, 72: -0.9 },
  [CHN]: { 70: -0.5, 71: -0.6, 72: -0.4 },
  [AZE]: { 70: -0.2, 72: 0.5 },
  [ARM]: { 70: 0.1, 71: 0.2, 72: 0.3 },
};

async function load(
  store: Store,
  dataset: string,
  part: string,
  file: string,
  rows: number,
): Promise<number> {
  const [r] = await store.query<{ load_id: number }>(
    'INSERT INTO loads (dataset, version, file, sha256, rows, year_min, ' +
      `year_max) VALUES ($1, 'fixture-1', $2, $3, $4, 2015, 2017) RETURNING load_id`,
    [dataset, file, `${'f'.repeat(56)}${part.padEnd(8, '0').slice(0, 8)}`, rows],
  );
  const id = Number(r!.load_id);
  await store.run('INSERT INTO data_load_parts (load_id, dataset, part) VALUES ($1, $2, $3)', [
    id,
    dataset,
    part,
  ]);
  return id;
}

/** Creates a store file with the fixture record; `idealpoints: false` leaves the published file out. */
export async function fixtureStore(opts: { idealpoints?: boolean; votes?: boolean } = {}): Promise<string> {
  const path = join(tempDir('ic-align-'), 'store.duckdb');
  const store = await Store.open(path);
  try {
    if (opts.votes !== false) {
      const rcId = await load(store, 'unga_votes', 'rollcalls', 'un_roll_calls.csv', rollcalls.length);
      const isId = await load(store, 'unga_votes', 'issues', 'un_roll_call_issues.csv', 4);
      const vId = await load(store, 'unga_votes', 'votes', 'un_votes.csv', 41);
      for (const [rcid, session, date, important, issues] of rollcalls) {
        await store.run(
          'INSERT INTO unga_rollcalls (load_id, rcid, session, date, year, important, ' +
            'amend, para) VALUES ($1, $2, $3, $4::DATE, $5, $6, false, false)',
          [rcId, rcid, session, date, Number(date.slice(0, 4)), important],
        );
        for (const issue of issues)
          await store.run('INSERT INTO unga_rollcall_issues VALUES ($1, $2, $3, $4)', [
            isId,
            rcid,
            issue,
            issue,
          ]);
        for (const [cc, v] of Object.entries(votes[rcid]!))
          await store.run('INSERT INTO unga_votes VALUES ($1, $2, $3, $4, $5)', [
            vId,
            rcid,
            Number(cc),
            `state ${cc}`,
            v!,
          ]);
      }
    }
    if (opts.idealpoints !== false) {
      const ipId = await load(
        store,
        'unga_idealpoints',
        'idealpoints',
        'IdealpointestimatesAll_fixture.csv',
        14,
      );
      for (const [cc, bySession] of Object.entries(theta)) {
        for (const [session, t] of Object.entries(bySession)) {
          await store.run(
            'INSERT INTO unga_idealpoints (load_id, ccode, session, year, ' +
              'nvotes, idealpoint, q5, q95) VALUES ($1, $2, $3, $4, 3, $5, $6, $7)',
            [ipId, Number(cc), Number(session), 1945 + Number(session), t, t - 0.1, t + 0.1],
          );
        }
      }
    }
  } finally {
    store.close();
  }
  return path;
}

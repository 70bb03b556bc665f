import assert from 'node:assert/strict';
import { test } from 'node:test';
import { agreementAll, agreementPair, agreementWith } from '../../src/framework/alignment/agreement.ts';
import { bridgingKey, selectVotes, BSV_FILTER } from '../../src/framework/alignment/subset.ts';
import { rc, voteData } from './fixtures.ts';

// Session 1: r1 A yes B yes C no (hr) · r2 A yes B abstain C yes (me, important) · r3 all yes (unanimous)
// · r4 A no C yes, B absent (hr; voted in January of the next year). Session 2: r5 A yes B no.
const data = voteData(
  ['A', 'B', 'C'],
  [
    rc(1, 1, 1946, ['hr']),
    rc(2, 1, 1946, ['me'], true),
    rc(3, 1, 1946),
    rc(4, 1, 1947, ['hr']),
    rc(5, 2, 1947),
  ],
  [
    ['A', 1, 1],
    ['B', 1, 1],
    ['C', 1, 3],
    ['A', 2, 1],
    ['B', 2, 2],
    ['C', 2, 1],
    ['A', 3, 1],
    ['B', 3, 1],
    ['C', 3, 1],
    ['A', 4, 3],
    ['C', 4, 1],
    ['A', 5, 1],
    ['B', 5, 3],
  ],
);
const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);

test('agreement: 1 − |v1 − v2| / 2 over joint votes, unanimous votes dropped', () => {
  const ab = agreementPair(data, 'A', 'B');
  assert.deepEqual(
    ab.map((r) => r.period),
    [1, 2],
  );
  close(ab[0]!.agree, 0.75);
  close(ab[0]!.identical, 0.5);
  assert.equal(ab[0]!.n, 2);
  close(ab[1]!.agree, 0);
  assert.equal(ab[1]!.n, 1);
  const ac = agreementPair(data, 'A', 'C');
  close(ac[0]!.agree, 1 / 3);
  close(ac[0]!.identical, 1 / 3);
  assert.equal(ac[0]!.n, 3);
  const bc = agreementPair(data, 'B', 'C');
  close(bc[0]!.agree, 0.25);
  close(bc[0]!.identical, 0);
  assert.equal(bc[0]!.n, 2);
});

test('agreement: keeping unanimous votes when asked', () => {
  const ab = agreementPair(data, 'A', 'B', { dropUnanimous: false });
  close(ab[0]!.agree, (1 + 0.5 + 1) / 3);
  close(ab[0]!.identical, 2 / 3);
  assert.equal(ab[0]!.n, 3);
});

test('agreement: all dyads equals the pairwise answers', () => {
  const all = agreementAll(data);
  assert.equal(all.n.length, 4); // three dyads in session 1, A–B in session 2
  for (let k = 0; k < all.n.length; k++) {
    const pair = agreementPair(data, data.states[all.a[k]!]!, data.states[all.b[k]!]!).find(
      (r) => r.period === all.period[k],
    );
    close(all.agree[k]!, pair!.agree);
    assert.equal(all.n[k], pair!.n);
  }
});

test('agreement: issue areas and important votes', () => {
  const hr = agreementPair(data, 'A', 'C', { filter: { issues: ['hr'] } });
  close(hr[0]!.agree, 0);
  assert.equal(hr[0]!.n, 2);
  const imp = agreementPair(data, 'A', 'C', { filter: { issues: ['important'] } });
  close(imp[0]!.agree, 1);
  assert.equal(imp[0]!.n, 1);
});

test('agreement: by calendar year', () => {
  const ac = agreementPair(data, 'A', 'C', { by: 'year' });
  assert.deepEqual(
    ac.map((r) => [r.period, r.n]),
    [
      [1946, 2],
      [1947, 1],
    ],
  );
  close(ac[0]!.agree, 0.5);
  close(ac[1]!.agree, 0);
});

test('agreementWith: every state against one reference, itself included', () => {
  const rows = agreementWith(data, 'A');
  const self = rows.filter((r) => r.state === 0);
  assert.ok(self.every((r) => r.agree === 1 && r.identical === 1));
  assert.throws(() => agreementWith(data, 'Z'), /unknown state/);
});

test('filters: BSV drop amendment and paragraph votes after 1989 only', () => {
  const d = voteData(
    ['A', 'B'],
    [
      rc(1, 40, 1985, [], false, { amend: true }),
      rc(2, 50, 1995, [], false, { para: true }),
      rc(3, 50, 1995),
      rc(4, 19, 1964),
    ],
    [
      ['A', 1, 1],
      ['B', 1, 3],
      ['A', 2, 1],
      ['B', 2, 3],
      ['A', 3, 1],
      ['B', 3, 3],
      ['A', 4, 1],
      ['B', 4, 3],
    ],
  );
  assert.deepEqual(
    selectVotes(d, BSV_FILTER).rollcalls.map((r) => r.rcid),
    [1, 3],
  );
});

test('bridging key: titles across the eras of the unvotes text fields', () => {
  const a = bridgingKey(
    'Necessity of ending the economic, commercial and financial embargo imposed by the ' +
      'United States of America against Cuba : resolution / adopted by the General Assembly',
    'A/72/251 42 - Necessity ... - CUBA--UNITED STATES',
  );
  const b = bridgingKey(
    'CUBA--UNITED STATES',
    'Necessity of ending the economic, commercial and financial embargo imposed by the ' +
      'United States of America against Cuba : resolution / adopted by the General Assembly',
  );
  assert.equal(a, b);
  assert.equal(
    bridgingKey(
      'CHINA REPRESENTATION',
      'TO ADOPT A GENERAL COMM. DRAFT RESOLUTION (A/3350) ON CHINA REPRESENTATION.',
    ),
    'china representation',
  );
  assert.equal(bridgingKey('X', 'Some title', true, false), null);
});

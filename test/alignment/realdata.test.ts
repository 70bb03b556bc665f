import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { agreementWith } from '../../src/framework/alignment/agreement.ts';
import { estimateIdealPoints, idealPointRows } from '../../src/framework/alignment/idealpoints.ts';
import { loadBsvIdealPoints, loadUnvotes } from '../../src/framework/alignment/load.ts';
import { BSV_FILTER } from '../../src/framework/alignment/subset.ts';
import { pearson } from './fixtures.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const votesDir = `${root}../shared/data/unga_votes`;
const bsvFile = `${root}../shared/data/unga_idealpoints/IdealpointestimatesAll_Jun2024.csv`;
const skip = !existsSync(votesDir) || !existsSync(bsvFile) ? 'shared UNGA data absent' : false;

test('real data: agreement with the US tracks BSV USAgree (1991–2019)', { skip }, async () => {
  const data = (await loadUnvotes(votesDir))!;
  const bsv = (await loadBsvIdealPoints(bsvFile))!;
  assert.equal(data.vote.length, 870109);
  const ref = new Map(
    bsv.filter((r) => r.usAgree !== null).map((r) => [`${r.name}|${r.session}`, r.usAgree!]),
  );
  const ours: number[] = [],
    theirs: number[] = [];
  for (const r of agreementWith(data, 'United States', { filter: { ...BSV_FILTER, sessions: [46, 74] } })) {
    const b = ref.get(`${data.states[r.state]}|${r.period}`);
    if (b !== undefined) {
      ours.push(r.identical);
      theirs.push(b);
    }
  }
  assert.ok(ours.length > 4000);
  assert.ok(pearson(ours, theirs) > 0.95, `r = ${pearson(ours, theirs)}`);
});

test(
  'real data: our ideal points of all sessions reproduce BSV (pooled r ' +
    '≥ 0.97, median within-session r ≥ 0.95 from session 46), US positive',
  { skip },
  async () => {
    const data = (await loadUnvotes(votesDir))!;
    const bsv = (await loadBsvIdealPoints(bsvFile))!;
    const rows = idealPointRows(estimateIdealPoints(data));
    assert.ok(rows.filter((r) => r.state === 'United States').every((r) => r.theta > 0));
    const ref = new Map(bsv.map((r) => [`${r.name}|${r.session}`, r.theta]));
    const matched = rows.filter((r) => ref.has(`${r.state}|${r.session}`));
    assert.ok(matched.length > 10000, `${matched.length} state-sessions matched`);
    const pooled = pearson(
      matched.map((r) => r.theta),
      matched.map((r) => ref.get(`${r.state}|${r.session}`)!),
    );
    assert.ok(pooled >= 0.97, `pooled r = ${pooled}`);
    const within: number[] = [];
    for (let s = 46; s <= 74; s++) {
      const here = matched.filter((r) => r.session === s);
      within.push(
        pearson(
          here.map((r) => r.theta),
          here.map((r) => ref.get(`${r.state}|${s}`)!),
        ),
      );
    }
    within.sort((x, y) => x - y);
    assert.ok(within[Math.floor(within.length / 2)]! >= 0.95, `within-session r ${within.join(', ')}`);
  },
);

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
  const ref = new Map(bsv.filter((r) => r.usAgree !== null).map((r) => [`${r.name}|${r.session}`, r.usAgree!]));
  const ours: number[] = [], theirs: number[] = [];
  for (const r of agreementWith(data, 'United States', { filter: { ...BSV_FILTER, sessions: [46, 74] } })) {
    const b = ref.get(`${data.states[r.state]}|${r.period}`);
    if (b !== undefined) { ours.push(r.identical); theirs.push(b); }
  }
  assert.ok(ours.length > 4000);
  assert.ok(pearson(ours, theirs) > 0.95, `r = ${pearson(ours, theirs)}`);
});

test('real data: ideal points of sessions 66–74 match BSV within sessions, US positive', { skip }, async () => {
  const data = (await loadUnvotes(votesDir))!;
  const bsv = (await loadBsvIdealPoints(bsvFile))!;
  const fit = estimateIdealPoints(data, { filter: { ...BSV_FILTER, sessions: [66, 74] } });
  const rows = idealPointRows(fit);
  assert.ok(rows.filter((r) => r.state === 'United States').every((r) => r.theta > 1));
  const ref = new Map(bsv.map((r) => [`${r.name}|${r.session}`, r.theta]));
  const rs: number[] = [];
  for (let s = 66; s <= 74; s++) {
    const a: number[] = [], b: number[] = [];
    for (const r of rows) if (r.session === s && ref.has(`${r.state}|${s}`)) { a.push(r.theta); b.push(ref.get(`${r.state}|${s}`)!); }
    rs.push(pearson(a, b));
  }
  rs.sort((x, y) => x - y);
  assert.ok(rs[Math.floor(rs.length / 2)]! > 0.95, `within-session r ${rs.join(', ')}`);
});

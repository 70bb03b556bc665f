import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ownIdealPoints } from '../../src/framework/alignment/cache.ts';
import { alignmentComponent } from '../../src/framework/alignment/component.ts';
import { idealPointTable } from '../../src/framework/alignment/report.ts';
import { loadStoreBsv, loadStoreVotes, type StoreVotes } from '../../src/framework/alignment/store.ts';
import { loadFrameworkInputs, type FrameworkInputs } from '../../src/framework/inputs.ts';
import type { StateRegistry } from '../../src/states/registry.ts';
import type { Store } from '../../src/store/store.ts';
import { hasSharedData } from '../helpers/paths.ts';
import { realDataStore } from '../helpers/store.ts';
import { pearson } from './fixtures.ts';

// The UN Digital Library votes of 2020–2025 joined to Voeten's, the fit over sessions 1–80 and the
// index's alignment to 2025, on the real data; skipped when ../shared/data is absent.
const skip = hasSharedData ? false : 'no ../shared/data';
let store: Store, registry: StateRegistry, votes: StoreVotes;

before(async () => {
  if (skip) return;
  ({ store, registry } = await realDataStore());
  votes = (await loadStoreVotes(store))!;
});
after(() => store?.close());

test(
  'recent votes: rows, sessions 74–80 as the README counts them, joined after Voeten without overlap',
  { skip },
  async () => {
    const loads = await store.query<{ file: string; rows: number }>(
      `SELECT l.file, l.rows FROM loads l JOIN data_load_parts p USING (load_id)
       WHERE p.dataset = 'unga_votes_recent' ORDER BY l.file`,
    );
    assert.deepEqual(
      loads.map((l) => [l.file, Number(l.rows)]),
      [
        ['un_roll_calls_2020_2025.csv', 649],
        ['un_votes_2020_2025.csv', 113917],
      ],
    );
    const perSession = new Map<number, number>();
    for (const rc of votes.data.rollcalls)
      if (rc.source === 'undl') perSession.set(rc.session, (perSession.get(rc.session) ?? 0) + 1);
    // README: 74 (resumed) 6 with A/RES/74/267, which unvotes already holds and the mirror leaves out
    assert.deepEqual(Object.fromEntries(perSession), {
      74: 5,
      75: 103,
      76: 83,
      77: 91,
      78: 88,
      79: 119,
      80: 160,
    });
    assert.deepEqual(votes.reconciliation, {
      rollcalls: { kept: 649, duplicateOfVoeten: 0, beforeVoetenEnd: 0, duplicateRecent: 0 },
      voetenEnds: '2020-01-14',
      overlapVotes: 0,
      overlapSame: 0,
      years: [2020, 2025],
    });
    // Session 74 is in both sources: Voeten's roll calls plus the five of 2020 that his record lacks
    const [v74] = await store.query<{ n: number }>(
      'SELECT count(*)::INTEGER AS n FROM unga_rollcalls WHERE session = 74',
    );
    assert.equal(votes.data.rollcalls.filter((r) => r.session === 74).length, v74!.n + 5);
    assert.equal(votes.data.vote.length, 870109 + 113917 - votes.unmappedVotes);
  },
);

test('an issue selection names the sessions whose roll calls carry no issue codes', { skip }, async () => {
  const t = await idealPointTable(store, registry, { issue: 'important', years: [2015, 2015] });
  const note = t.provenance.notes.find((n) => /no State Department "important" flags/.test(n));
  assert.ok(note, t.provenance.notes.join(' | '));
  assert.match(note, /sessions 75–80 \(years 2020–2025\)/);
  assert.match(note, /5 of \d+ roll calls of session 74/);
  assert.equal(t.provenance.votes?.issue_codes_missing, note);
});

test(
  'fit over sessions 1–80: BSV reproduced where both exist, 2025 for ≥ 95% of the 193 members',
  { skip },
  async () => {
    const fit = await ownIdealPoints(store, votes, 'all');
    const bsv = (await loadStoreBsv(store, registry))!;
    const sessions = new Set(fit.points.map((p) => p.session));
    assert.equal(Math.min(...sessions), 1);
    assert.equal(Math.max(...sessions), 80);
    const ref = new Map(bsv.rows.map((r) => [`${r.ccode}|${r.session}`, r.theta]));
    const pairs = fit.points.filter((p) => ref.has(`${p.ccode}|${p.session}`));
    const pooled = pearson(
      pairs.map((p) => p.theta),
      pairs.map((p) => ref.get(`${p.ccode}|${p.session}`)!),
    );
    assert.ok(pooled >= 0.97, `pooled r = ${pooled}`);
    for (let s = 46; s <= 78; s++) {
      const here = pairs.filter((p) => p.session === s);
      const r = pearson(
        here.map((p) => p.theta),
        here.map((p) => ref.get(`${p.ccode}|${s}`)!),
      );
      assert.ok(r >= 0.95, `session ${s}: within-session r = ${r}`);
    }
    assert.ok(fit.points.filter((p) => p.session === 80).length >= 0.95 * 193);
    assert.ok(
      fit.points.filter((p) => p.ccode === 2).every((p) => p.theta > 0),
      'US positive',
    );
  },
);

test(
  "the index's alignment reaches 2025 on BSV's scale, with the source of each year labelled",
  { skip },
  async () => {
    const { loadKnowledgeBase } = await import('../../src/kb/knowledge-base.ts');
    const inputs: FrameworkInputs = await loadFrameworkInputs(store, loadKnowledgeBase(), registry);
    assert.deepEqual(inputs.ideal.covers, [1946, 2025]);
    assert.match(inputs.ideal.provenance.note ?? '', /to 2023; 2024–2025: our ideal points .* BSV's scale/);
    const years = [2023, 2024, 2025].map((y) => alignmentComponent(inputs, 373, y));
    assert.deepEqual(
      years.map((c) => c.detail.source),
      ['bsv', 'own-mapped', 'own-mapped'],
    );
    assert.ok(years.every((c) => c.value !== null && c.value >= 0 && c.value <= 1));
    assert.equal(years[0]!.provenance[0]?.dataset, 'unga_idealpoints');
    assert.match(years[2]!.provenance[0]?.dataset ?? '', /unga_votes \+ unga_votes_recent/);
    assert.match(years[2]!.provenance[0]?.note ?? '', /fitted on sessions 69–78/);
    // 2025: every state with votes that year, and at least 95% of the 193 members
    const with2025 = [...inputs.ideal.data.values()].filter((m) => m.has(2025)).length;
    assert.ok(with2025 >= 0.95 * 193, `${with2025} states with a 2025 ideal point`);
    for (const y of [2024, 2025]) {
      const usa = inputs.ideal.data.get(2)!.get(y)!,
        rus = inputs.ideal.data.get(365)!.get(y)!;
      assert.ok(usa.ip > rus.ip + 1, `${y}: the US stays well to the west of Russia on BSV's scale`);
    }
  },
);

test(
  'the alignment profile: agreement, ideal points and blocs to 2025, the years after BSV labelled',
  { skip },
  async () => {
    const { alignmentProfile } = await import('../../src/framework/alignment/report.ts');
    const p = await alignmentProfile(store, registry, { state: 'AZE', years: [2023, 2025] });
    assert.equal(p.selection.source, 'bsv');
    const last = p.rows.find((r) => r.year === 2025)!;
    for (const col of ['agree_USA', 'agree_RUS', 'ideal_point', 'lo', 'hi', 'dist_USA', 'bloc', 'hedging'])
      assert.notEqual(last[col], null, `2025 ${col}`);
    assert.ok((last.votes as number) > 100, 'Azerbaijan voted on more than 100 roll calls in session 80');
    assert.ok(
      p.provenance.notes.some((n) =>
        /sessions 79–80 \(years 2024–2025\) are ours, mapped to BSV's scale/.test(n),
      ),
    );
    assert.deepEqual((p.provenance.idealpoints?.continued as { sessions: number[] }).sessions, [79, 80]);
    assert.match(String(p.provenance.votes?.dataset), /unga_votes \+ unga_votes_recent/);
  },
);

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hostilePairs, isHostile, type ConflictData } from '../../src/framework/interconnector/index.ts';
import { loadKnowledgeBase } from '../../src/kb/knowledge-base.ts';
import { StateRegistry } from '../../src/states/registry.ts';
import { emptyInputs } from '../helpers/framework.ts';

const kb = loadKnowledgeBase();
const registry = StateRegistry.fromKnowledgeBase(kb);
const cc = (iso3: string): number => registry.resolve(iso3).ccode;

// UCDP-shaped rows written for the test: conflict 1 has a primary party on each side; conflict 2 only
// secondary supporters on opposite sides (a proxy war, not counted); conflict 3 is active in 2021 only.
const ucdp: ConflictData = {
  rows: [
    { conflictId: 1, year: 2023, side: 'A', primary: true, ccode: cc('RUS') },
    { conflictId: 1, year: 2023, side: 'B', primary: true, ccode: cc('UKR') },
    { conflictId: 2, year: 2023, side: 'A', primary: false, ccode: cc('RUS') },
    { conflictId: 2, year: 2023, side: 'B', primary: false, ccode: cc('TUR') },
    { conflictId: 3, year: 2021, side: 'A', primary: true, ccode: cc('CHN') },
    { conflictId: 3, year: 2021, side: 'B', primary: true, ccode: cc('IND') },
  ],
  covers: [2021, 2023],
  provenance: { dataset: 'ucdp_acd', note: 'test' },
};

test('UCDP: a primary party on a side counts, two secondary supporters do not, active years only', () => {
  const inp = emptyInputs(kb, registry);
  const h = hostilePairs(inp, ucdp, 2023);
  assert.equal(h.source, 'ucdp');
  assert.deepEqual(isHostile(h, 'UKR', 'RUS')?.evidence, ['UCDP 1']);
  assert.equal(isHostile(h, 'TUR', 'RUS'), undefined, 'proxy sides are not a war between the two');
  assert.equal(isHostile(h, 'IND', 'CHN'), undefined, 'conflict 3 is not active in 2023');
  assert.ok(isHostile(hostilePairs(inp, ucdp, 2021), 'CHN', 'IND'));
});

test('without UCDP the knowledge-base wars stand in (Russia–Ukraine), weaker kinds left out', () => {
  const inp = emptyInputs(kb, registry);
  const h = hostilePairs(inp, null, 2023);
  assert.equal(h.source, 'kb');
  assert.ok(isHostile(h, 'RUS', 'UKR'));
  assert.equal(isHostile(h, 'CHN', 'IND'), undefined, 'an armed-conflict fact without active years');
});

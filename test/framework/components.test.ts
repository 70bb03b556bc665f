import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classify, defaultRules, type StructuralFacts } from '../../src/framework/autonomy/posture.ts';
import { runAutonomy } from '../../src/framework/autonomy/run.ts';
import { commitments } from '../../src/framework/commitments/index.ts';
import { dependence, hhi } from '../../src/framework/dependence/index.ts';
import { mediation } from '../../src/framework/mediation/index.ts';
import { voice } from '../../src/framework/voice/index.ts';
import { gatekeeper } from '../../src/framework/gatekeeper/index.ts';
import { loadKnowledgeBase } from '../../src/kb/knowledge-base.ts';
import { StateRegistry } from '../../src/states/registry.ts';
import { emptyInputs } from '../helpers/framework.ts';
import { scratchKb } from '../helpers/kb.ts';

const AZE = 373,
  ARM = 371,
  GEO = 372;
const src = 'sources: [un-member-states]';
const facts = `facts:
  - { id: r1, kind: negotiation, conflict: x, date: "2022-03-01", parties: [ARM, AZE], format: direct,
      venue: Baku, level: leaders, outcome: talks held, ${src} }
  - { id: r2, kind: negotiation, conflict: x, date: "2022-05-01", parties: [ARM, AZE], format: mediated,
      mediators: [USA], venue: Washington, level: leaders, outcome: talks held, ${src} }
  - { id: r3, kind: negotiation, conflict: x, date: "2023-01-01", parties: [ARM], declined: [AZE],
      format: mediated, mediators: [FRA], venue: Paris, level: leaders, outcome: talks held, ${src} }
  - { id: r4, kind: negotiation, conflict: x, date: "2015-01-01", parties: [ARM, AZE], format: facilitated,
      venue: Almaty, level: leaders, outcome: talks held, ${src} }
  - { id: m1, kind: membership, state: AZE, org: OTS, role: member, from: "2010", ${src} }
  - { id: m2, kind: membership, state: AZE, org: SCO, role: dialogue-partner, from: "2015", ${src} }
  - { id: m3, kind: membership, state: ARM, org: CSTO, role: member, from: "1994", to: "2024-02-22", ${src} }
  - { id: s1, kind: security, subtype: mutual-assistance, provider: TUR, recipient: AZE, obligation: defence,
      from: "2021", summary: pact with a regional ally, ${src} }
  - { id: s2, kind: security, subtype: foreign-base, provider: RUS, recipient: GEO, obligation: basing,
      host_consent: false, from: "2009", summary: presence without consent, ${src} }
  - { id: h1, kind: hosting, host: AZE, parties: [USA, RUS], date: "2018-04-01", subtype: talks,
      summary: military chiefs met, ${src} }
  - { id: d1, kind: doctrine, state: GEO, date: "2008", title: membership goal, summary: declared goal,
      stance: integration, target: NATO, ${src} }
`;
const kb = loadKnowledgeBase(scratchKb({ 'facts/test.yaml': facts }, true));
const registry = StateRegistry.fromKnowledgeBase(kb);

test('HHI is the sum of squared shares', () => {
  assert.equal(hhi([1, 1]), 0.5);
  assert.equal(hhi([5]), 1);
  assert.ok(Math.abs(hhi([1, 1, 2]) - (0.0625 + 0.0625 + 0.25)) < 1e-12);
  assert.equal(hhi([]), 0);
});

test(
  'mediation scores rounds in the window: direct 1, ' + 'outside-mediated 0, a declined mediated round 1',
  () => {
    const inp = emptyInputs(kb, registry);
    const r = mediation(inp, AZE, 2023);
    assert.equal(r.value, (1 + 0 + 1) / 3);
    assert.match(
      r.explanation[0]!,
      /1 direct, 0 facilitated, 1 mediated \(by USA\), 1 mediated round\(s\) declined of 3 rounds/,
    );
    assert.deepEqual(r.provenance[0]?.facts?.sort(), ['r1', 'r2', 'r3']);
    assert.equal(mediation(inp, AZE, 2015).value, 0.75);
    assert.equal(mediation(inp, AZE, 2019).value, null, 'no rounds in the window: missing, not zero');
  },
);

test(
  'voice: full member of a consensus body is a ' +
    'rule-maker, a dialogue partner a taker, weighted by ' +
    'scope',
  () => {
    const inp = emptyInputs(kb, registry);
    assert.equal(voice(inp, AZE, 2012).value, 1);
    const v = voice(inp, AZE, 2016);
    const ots = kb.orgById.get('OTS')!,
      sco = kb.orgById.get('SCO')!;
    const w = inp.config.scopeWeights;
    assert.equal(v.value, w[ots.scope] / (w[ots.scope] + w[sco.scope]));
    assert.equal(voice(inp, AZE, 2005).value, null);
  },
);

test(
  'commitments keep a regional ally apart from a pole; a pole ' +
    'alliance is a guarantee; presence without consent is not',
  () => {
    const inp = emptyInputs(kb, registry);
    const aze = commitments(inp, AZE, 2022);
    assert.equal(aze.value, 1);
    assert.deepEqual(
      aze.detail.regional.map((c) => c.provider),
      ['TUR'],
    );
    const arm = commitments(inp, ARM, 2020);
    assert.equal(arm.value, 0);
    assert.equal(arm.detail.strongestPole, 'russia');
    assert.equal(commitments(inp, ARM, 2025).value, 1, 'membership frozen in 2024 ends the guarantee');
    assert.equal(commitments(inp, GEO, 2015).value, 1);
  },
);

test(
  'gatekeeper counts hosting across poles, capped, and ' + 'corridor transit relative to the busiest country',
  () => {
    const inp = emptyInputs(kb, registry);
    assert.equal(gatekeeper(inp, AZE, 2019, null).value, 0.5);
    assert.equal(gatekeeper(inp, AZE, 2022, null).value, 0);
    const transit = {
      byCountry: new Map([
        ['KAZ', 10],
        ['AZE', 4],
      ]),
      provenance: { dataset: 'corridor model' },
      from: 2017,
    };
    assert.equal(gatekeeper(inp, AZE, 2019, transit).value, (0.5 + 0.4) / 2);
  },
);

test('dependence is missing outside SIPRI coverage and 1 − (HHI + largest pole share)/2 inside', () => {
  const inp = emptyInputs(kb, registry);
  assert.equal(dependence(inp, AZE, 2020).value, null);
  const arms = new Map([
    [
      AZE,
      new Map([
        [
          2020,
          new Map([
            [365, 30],
            [666, 10],
          ]),
        ],
      ]),
    ],
  ]);
  const withArms = {
    ...inp,
    arms: { data: arms, covers: [1950, 2025] as [number, number], provenance: { dataset: 'sipri_arms' } },
  };
  const r = dependence(withArms, AZE, 2020);
  const h = 0.75 ** 2 + 0.25 ** 2;
  assert.ok(Math.abs(r.value! - (1 - (h + 0.75) / 2)) < 1e-12);
});

test('the classifier applies its rules in order and names the evidence', () => {
  const base: StructuralFacts = { poleLeader: null, guarantee: null, integration: [], neutrality: [] };
  const strong = { index: 0.7, voice: 0.9, mediation: 0.8, capability: 0.7, gatekeeper: 0.5 };
  assert.equal(classify({ ...base, poleLeader: 'west' }, strong).posture, 'great-power');
  assert.equal(
    classify({ ...base, guarantee: { pole: 'russia', weight: 1, provider: 'RUS' } }, strong).posture,
    'aligned',
  );
  assert.equal(
    classify({ ...base, guarantee: { pole: 'russia', weight: 0.5, provider: 'RUS' } }, strong).posture,
    'strategic-autonomy',
    'a half-weight tie does not align',
  );
  assert.equal(
    classify({ ...base, integration: [{ target: 'EU', pole: 'west', how: 'candidate', fact: 'f' }] }, strong)
      .posture,
    'integration-seeking',
  );
  assert.equal(
    classify({ ...base, neutrality: [{ fact: 'n', title: 'neutrality' }] }, strong).posture,
    'neutral',
  );
  const weak = classify(base, { ...strong, mediation: 0.2 });
  assert.equal(weak.posture, 'balanced');
  assert.match(weak.reasons.join(' '), /direct\/regional handling of conflicts 0\.20 < 0\.5/);
  assert.equal(
    classify(base, { ...strong, mediation: null, capability: null }).posture,
    'strategic-autonomy',
    'missing mediation or capability does not block',
  );
  assert.equal(classify(base, { ...strong, voice: null }).posture, 'balanced', 'a say must be shown');
  assert.equal(defaultRules.alignedObligation, 0.75);
});

test(
  'the composite is reproducible with its seed, its interval ' +
    'holds the index, and missing components are reported',
  () => {
    const inp = emptyInputs(kb, registry);
    const a = runAutonomy(inp, { years: [2022, 2023], draws: 100, seed: 7 });
    const b = runAutonomy(inp, { years: [2022, 2023], draws: 100, seed: 7 });
    assert.deepEqual(
      a.results.map((r) => r.interval),
      b.results.map((r) => r.interval),
    );
    const aze = a.results.find((r) => r.state === 'AZE' && r.year === 2023)!;
    assert.ok(aze.index !== null && aze.interval !== null);
    assert.ok(aze.interval[0] <= aze.index + 1e-12 && aze.index <= aze.interval[1] + 1e-12);
    assert.ok(aze.missing.includes('capability') && aze.missing.includes('alignment'));
    assert.match(aze.explanation.join('\n'), /capability: missing/);
    const manual =
      (['commitments', 'voice', 'mediation', 'gatekeeper'] as const).reduce(
        (s, c) => s + aze.components[c].value! * a.settings.weights[c],
        0,
      ) /
      (['commitments', 'voice', 'mediation', 'gatekeeper'] as const).reduce(
        (s, c) => s + a.settings.weights[c],
        0,
      );
    assert.ok(Math.abs(aze.index - manual) < 1e-12, 'index = weighted mean of the available components');
    const geo = a.results.find((r) => r.state === 'GEO' && r.year === 2023)!;
    assert.equal(geo.posture, 'integration-seeking');
    const arm = a.results.find((r) => r.state === 'ARM' && r.year === 2023)!;
    assert.equal(arm.posture, 'aligned');
    assert.equal(arm.confidence, 1);
  },
);

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { coverageReport } from '../../src/kb/coverage.ts';
import { readKnowledgeBase } from '../../src/kb/knowledge-base.ts';
import { linkFor } from '../../src/kb/links.ts';
import { timeline } from '../../src/kb/timeline.ts';
import { scratchKb } from '../helpers/kb.ts';

const goodFact = `facts:
  - id: ok-fact
    kind: doctrine
    state: AZE
    date: "2007-05-23"
    title: National Security Concept
    summary: A test fact.
    sources: [un-member-states]
`;

test('the committed knowledge base is valid', () => {
  const { issues } = readKnowledgeBase();
  assert.deepEqual(issues.map(String), []);
});

test('the committed knowledge base holds at least 150 sourced facts over the case states', () => {
  const { kb } = readKnowledgeBase();
  const report = coverageReport(kb);
  const caseStates = ['AZE', 'ARM', 'GEO', 'MDA', 'UKR'];
  const overCase = kb.facts.filter((f) => caseStates.some((s) => JSON.stringify(f).includes(`"${s}"`)));
  assert.ok(overCase.length >= 150, `only ${overCase.length} facts involve the case states`);
  assert.equal(report.totals.facts, kb.facts.length);
  for (const f of kb.facts)
    assert.ok(
      f.sources.every((s) => kb.sourceById.has(s)),
      f.id,
    );
});

test('a valid scratch fact loads and appears on the timeline with its source', () => {
  const { kb, issues } = readKnowledgeBase(scratchKb({ 'facts/a.yaml': goodFact }));
  assert.deepEqual(issues.map(String), []);
  const entries = timeline(kb, { state: 'AZE' });
  assert.equal(entries.length, 1);
  assert.equal(entries[0]?.sources[0]?.id, 'un-member-states');
  assert.match(entries[0]!.where, /facts\/a\.yaml:2$/);
});

test('malformed YAML is reported with file and line', () => {
  const { issues } = readKnowledgeBase(
    scratchKb({ 'facts/bad.yaml': 'facts:\n  - id: x\n    kind: [unclosed\n' }),
  );
  assert.equal(issues.length > 0, true);
  assert.match(String(issues[0]), /facts\/bad\.yaml:\d+: malformed YAML/);
});

test('a fact citing a missing source names the fact, file and line', () => {
  const { issues } = readKnowledgeBase(
    scratchKb({ 'facts/a.yaml': goodFact.replace('[un-member-states]', '[no-such-source]') }),
  );
  assert.equal(issues.length, 1);
  assert.match(String(issues[0]), /facts\/a\.yaml:2: 'ok-fact' cites unknown source 'no-such-source'/);
});

test('an unknown state, a bad date and a duplicate id are each reported', () => {
  const text =
    goodFact +
    goodFact.replace('facts:\n', '').replace('state: AZE', 'state: XYZ') +
    goodFact
      .replace('facts:\n', '')
      .replace('id: ok-fact', 'id: other')
      .replace('"2007-05-23"', '"2007-13-40"');
  const { issues } = readKnowledgeBase(scratchKb({ 'facts/a.yaml': text }));
  const all = issues.map(String).join('\n');
  assert.match(all, /facts\/a\.yaml:9: duplicate id 'ok-fact' \(first defined at .*facts\/a\.yaml:2\)/);
  assert.match(all, /'ok-fact': unknown state or organisation 'XYZ'/);
  assert.match(all, /facts\/a\.yaml:19: date: expected a date/);
});

test('a wrong field type points at the field line', () => {
  const { issues } = readKnowledgeBase(
    scratchKb({ 'facts/a.yaml': goodFact.replace('state: AZE', 'state: azerbaijan') }),
  );
  assert.match(String(issues[0]), /facts\/a\.yaml:4: state: expected an ISO 3166 alpha-3 code/);
});

const membership = (id: string, role: string, from: string, extra = '') => `  - id: ${id}
    kind: membership
    state: AZE
    org: NAM
    role: ${role}
    from: "${from}"${extra}
    sources: [un-member-states]
`;

test('kb check lists open facts not reviewed for 12 months and open facts a later one supersedes', () => {
  const facts =
    'facts:\n' +
    membership('aze-nam-observer', 'observer', '2005') +
    membership('aze-nam-member', 'member', '2011', '\n    reviewed: "2026-06-01"');
  const { kb, issues } = readKnowledgeBase(scratchKb({ 'facts/a.yaml': facts }, true));
  assert.deepEqual(issues.map(String), []);
  const report = coverageReport(kb, [], new Date('2026-12-07'));
  assert.deepEqual(
    report.stale.map((s) => s.id),
    ['aze-nam-observer'],
  );
  assert.deepEqual(
    report.superseded.map((s) => [s.id, s.by]),
    [['aze-nam-observer', 'aze-nam-member']],
  );
  const later = coverageReport(kb, [], new Date('2027-07-01'));
  assert.deepEqual(later.stale.map((s) => s.id).sort(), ['aze-nam-member', 'aze-nam-observer']);
  assert.equal(report.by_state_kind.AZE?.membership, 2);
});

test('conflict and sanctions facts validate, and rounds must cite a defined conflict once conflicts exist', () => {
  const facts = `facts:
  - id: c-test
    kind: conflict
    conflict: test-conflict
    subtype: war
    side_a: [ARM]
    side_b: [AZE]
    from: "2020-09-27"
    to: "2020-11-10"
    negotiations: none-found
    searched: "2026-12-07"
    summary: A test conflict.
    sources: [un-member-states]
  - id: s-test
    kind: sanctions
    subtype: arms-embargo
    imposer: OSCE
    target: ARM
    from: "1992"
    summary: A test embargo.
    sources: [un-member-states]
  - id: n-test
    kind: negotiation
    conflict: other-conflict
    date: "2021-01-11"
    parties: [ARM, AZE]
    format: direct
    venue: Moscow
    level: leaders
    outcome: A test round.
    sources: [un-member-states]
`;
  const { issues } = readKnowledgeBase(scratchKb({ 'facts/a.yaml': facts }, true));
  const messages = issues.map(String);
  assert.equal(messages.length, 1, messages.join('\n'));
  assert.match(messages[0]!, /'n-test': cites conflict 'other-conflict', which no conflict fact defines/);
  const unsearched = readKnowledgeBase(
    scratchKb({ 'facts/a.yaml': facts.replace('    searched: "2026-12-07"\n', '') }, true),
  );
  assert.match(String(unsearched.issues[0]), /'negotiations: none-found' needs the date of the search/);
});

test('a YAML syntax error deep in a knowledge-base file is reported at its own line', () => {
  const lines = goodFact.replace('title: National Security Concept', 'title: [unclosed');
  const { issues } = readKnowledgeBase(scratchKb({ 'facts/a.yaml': lines }));
  assert.ok(issues.length > 0);
  for (const issue of issues) assert.match(String(issue), /facts\/a\.yaml:(6|7|8|9): malformed YAML/);
});

test('a source URL must be http, https or doi: javascript: and data: are refused, and never become links', () => {
  const sources = (url: string) => `sources:
  - id: hostile
    type: web
    author: Someone
    title: A page
    accessed: "2026-12-07"
    url: "${url}"
`;
  for (const url of [
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'data:text/html,<b>x</b>',
    'file:///etc/passwd',
  ]) {
    const { issues } = readKnowledgeBase(scratchKb({ 'sources/hostile.yaml': sources(url) }, true));
    assert.ok(
      issues.some((i) => /url: a source URL must be http, https or doi/.test(String(i))),
      `${url}: ${issues.map(String).join('; ')}`,
    );
  }
  assert.equal(linkFor('javascript:alert(1)'), undefined);
  assert.equal(linkFor(' javascript:alert(1)'), undefined);
  assert.equal(linkFor('doi:10.1177/0022002715595700'), 'https://doi.org/10.1177/0022002715595700');
  assert.equal(
    linkFor('https://www.un.org/en/about-us/member-states'),
    'https://www.un.org/en/about-us/member-states',
  );
});

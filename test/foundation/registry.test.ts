import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadKnowledgeBase } from '../../src/kb/knowledge-base.ts';
import { nameIn, StateRegistry, UnknownStateError } from '../../src/states/registry.ts';

const registry = StateRegistry.fromKnowledgeBase(loadKnowledgeBase());

test('resolves ISO3, COW code, COW abbreviation and names in any case', () => {
  for (const input of ['AZE', 'aze', '373', 373, 'Azerbaijan', 'AZERBAIJAN', ' azerbaijan '])
    assert.equal(registry.resolve(input).ccode, 373, String(input));
  assert.equal(registry.resolve('GRG').iso3, 'GEO');
  assert.equal(registry.resolve('Georgia').ccode, 372);
});

test('accepts alternative names (Türkiye/Turkey, Republic of Moldova, Russian Federation)', () => {
  assert.equal(registry.resolve('Türkiye').iso3, 'TUR');
  assert.equal(registry.resolve('turkiye').iso3, 'TUR');
  assert.equal(registry.resolve('Turkey').iso3, 'TUR');
  assert.equal(registry.resolve('Republic of Moldova').iso3, 'MDA');
  assert.equal(registry.resolve('Russian Federation').ccode, 365);
  assert.equal(registry.resolve("Côte d'Ivoire").ccode, 437);
  assert.equal(registry.resolve('St. Lucia').iso3, 'LCA');
});

test('ISO3 wins where it collides with a COW abbreviation', () => {
  assert.equal(registry.resolve('AUS').name, 'Australia');
  assert.equal(registry.resolve('AUL').name, 'Australia');
  assert.equal(registry.resolve('KOR').name, 'South Korea');
});

test('an unknown state fails with the closest matches', () => {
  assert.throws(
    () => registry.resolve('Azerbajan'),
    (err: unknown) => {
      assert.ok(err instanceof UnknownStateError);
      assert.equal(err.suggestions[0]?.iso3, 'AZE');
      assert.match(err.message, /unknown state 'Azerbajan'; closest: Azerbaijan \(AZE, 373\)/);
      return true;
    },
  );
  assert.throws(() => registry.resolve('999'), UnknownStateError);
  assert.throws(() => registry.resolve('Atlantis'), /unknown state 'Atlantis'/);
});

test('every COW code and ISO3 code is unique in the crosswalk', () => {
  const iso = registry.states.flatMap((s) => (s.iso3 ? [s.iso3] : []));
  assert.equal(new Set(iso).size, iso.length);
  assert.equal(new Set(registry.states.map((s) => s.ccode)).size, registry.states.length);
  assert.ok(registry.states.length >= 217);
});

test('current names by year: Serbia after 2006, Yugoslavia before, the old names still resolve', () => {
  const reg = registry;
  const srb = reg.resolve('SRB');
  assert.equal(srb.name, 'Serbia');
  assert.equal(nameIn(srb, 2023), 'Serbia');
  assert.equal(nameIn(srb, 2004), 'Serbia and Montenegro');
  assert.equal(nameIn(srb, 1995), 'Yugoslavia');
  assert.equal(reg.nameOf(345, 1999), 'Yugoslavia');
  assert.equal(reg.resolve('Yugoslavia').iso3, 'SRB');
  assert.equal(reg.resolve('Macedonia').iso3, 'MKD');
  assert.equal(reg.nameOf('MKD', 2024), 'North Macedonia');
  // A state without later names keeps its one name in every year.
  assert.equal(reg.nameOf('AZE', 1995), reg.resolve('AZE').name);
});

import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { codeFiles, longLines, MAX_WIDTH } from '../../scripts/check-line-length.ts';
import { tempDir } from '../helpers/paths.ts';

test('a line over the width is reported with its file, line and width; one at the width is not', () => {
  const text = ['short', 'x'.repeat(MAX_WIDTH), `${'y'.repeat(MAX_WIDTH)}z`].join('\n');
  assert.deepEqual(longLines(text, 'a.ts'), [{ file: 'a.ts', line: 3, width: MAX_WIDTH + 1 }]);
});

test('width counts characters, not bytes: a line of 110 en dashes fits', () => {
  assert.deepEqual(longLines('–'.repeat(MAX_WIDTH), 'a.ts'), []);
  assert.equal(longLines('–'.repeat(MAX_WIDTH + 1), 'a.ts').length, 1);
});

test('a line long only because of a URL is allowed; other long text next to a URL is not', () => {
  const url = `https://example.org/${'p'.repeat(120)}`;
  assert.deepEqual(longLines(`// see ${url}`, 'a.ts'), []);
  assert.equal(longLines(`// ${'w '.repeat(60)}${url}`, 'a.ts').length, 1);
});

test('data files and dependencies are not code: kb/, test/fixtures/, CSV, YAML, JSON, Markdown', () => {
  const root = tempDir();
  const long = 'x'.repeat(MAX_WIDTH + 5);
  for (const path of [
    'src/a.ts',
    'scripts/b.py',
    'kb/c.ts',
    'test/fixtures/d.ts',
    'node_modules/e/f.js',
    'src/g.csv',
    'src/h.yaml',
    'README.md',
    'package.json',
  ]) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), long);
  }
  assert.deepEqual(codeFiles(root).sort(), ['scripts/b.py', 'src/a.ts']);
});

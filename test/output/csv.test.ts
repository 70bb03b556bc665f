import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { csvCell, toCsv } from '../../src/output/csv.ts';
import { runCli } from '../helpers/cli.ts';

test('CSV cells that a spreadsheet would run as formulas are neutralised; numbers are not', () => {
  for (const hostile of ['=HYPERLINK("http://x","y")', '+cmd|x', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])
    assert.match(csvCell(hostile), /^"?'/, hostile);
  assert.equal(csvCell(-0.25), '-0.25');
  assert.equal(csvCell('-0.25'), '-0.25');
  assert.equal(csvCell('+3'), '+3');
  assert.equal(csvCell('Azerbaijan'), 'Azerbaijan');
  assert.equal(csvCell('a, "b"'), '"a, ""b"""');
  assert.equal(toCsv([{ name: '=1+1', v: 2 }], ['name', 'v']), "name,v\n'=1+1,2\n");
});

test('the CLI neutralises hostile node names read from a user file (brokerage --edges)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ic-csv-'));
  writeFileSync(join(dir, 'e.csv'), 'source,target,weight\n=cmd|x,B1,1\nB1,@SUM(A1),1\n');
  writeFileSync(join(dir, 'g.csv'), 'node,group\n=cmd|x,A\nB1,B\n@SUM(A1),A\n');
  const run = await runCli([
    '--format',
    'csv',
    'brokerage',
    '--edges',
    join(dir, 'e.csv'),
    '--groups',
    join(dir, 'g.csv'),
  ]);
  assert.equal(run.code, 0, run.err);
  const firstCells = run.out
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[0]);
  assert.deepEqual(firstCells.sort(), ["'=cmd|x", "'@SUM(A1)", 'B1'].sort());
});

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { readCsv } from '../../src/data/csv.ts';
import { DataError } from '../../src/data/errors.ts';
import { tmp, write } from './helpers.ts';

async function parse(
  content: string | Buffer,
  opts: { encoding?: 'utf-8' | 'latin1'; gzip?: boolean; skipLines?: number } = {},
) {
  const path = write(join(tmp(), 'f.csv'), content);
  const rows: Array<{ fields: string[]; line: number; cols: number[] }> = [];
  let header: string[] = [];
  await readCsv(path, {
    ...opts,
    onHeader: (h) => {
      header = h;
    },
    onRecord: (fields, line, cols) => rows.push({ fields: [...fields], line, cols: [...cols] }),
  });
  return { header, rows };
}

test('quoted fields with commas, doubled quotes and newlines; line and column numbers', async () => {
  const { header, rows } = await parse('a,b,c\n1,"x, ""y""",3\n2,"multi\nline",4\n5,,\n');
  assert.deepEqual(header, ['a', 'b', 'c']);
  assert.deepEqual(
    rows.map((r) => r.fields),
    [
      ['1', 'x, "y"', '3'],
      ['2', 'multi\nline', '4'],
      ['5', '', ''],
    ],
  );
  assert.deepEqual(
    rows.map((r) => r.line),
    [2, 3, 5],
  );
  assert.deepEqual(rows[0]!.cols, [1, 3, 14]);
});

test('CRLF, bare CR (classic Mac) and a missing final newline read the same', async () => {
  for (const nl of ['\r\n', '\r', '\n']) {
    const { rows } = await parse(['h1,h2', '1,2', '3,4'].join(nl));
    assert.deepEqual(
      rows.map((r) => r.fields),
      [
        ['1', '2'],
        ['3', '4'],
      ],
      JSON.stringify(nl),
    );
    assert.deepEqual(
      rows.map((r) => r.line),
      [2, 3],
    );
  }
});

test('Latin-1, gzip, a BOM and a preamble', async () => {
  const latin = Buffer.from('note line\n\nname,n\nT\xfcrkiye,1\n', 'latin1');
  assert.deepEqual((await parse(latin, { encoding: 'latin1', skipLines: 2 })).rows[0]!.fields, [
    'Türkiye',
    '1',
  ]);
  assert.deepEqual((await parse(gzipSync('a,b\n1,2\n'), { gzip: true })).rows[0]!.fields, ['1', '2']);
  assert.deepEqual((await parse('\ufeffa,b\n1,2\n')).header, ['a', 'b']);
});

test('errors point at the file, line and column', async () => {
  const cases: Array<[string | Buffer, RegExp]> = [
    ['a,b\n1,"open\n', /f\.csv:2:3: unterminated quoted field/],
    ['a,b,c\n1,2\n', /f\.csv:2:3: expected 3 fields .* found 2/],
    ['a,b\n1,"x"y\n', /f\.csv:2:6: unexpected character after a closing quote/],
    [Buffer.from('a,b\n1,caf\xe9\n', 'latin1'), /f\.csv:2:6: invalid UTF-8/],
  ];
  for (const [content, re] of cases) {
    await assert.rejects(
      parse(content),
      (e: unknown) => e instanceof DataError && re.test(e.message) && !e.message.includes('\n'),
      String(re),
    );
  }
});

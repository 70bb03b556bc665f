import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { FrameworkSession } from '../../src/framework/session.ts';
import { htmlToPdf } from '../../src/report/pdf.ts';
import { buildReport } from '../../src/report/report.ts';
import type { Store } from '../../src/store/store.ts';
import { browserSkip } from '../helpers/browser.ts';
import { runCli } from '../helpers/cli.ts';
import { hasSharedData, tempDir } from '../helpers/paths.ts';
import { realDataStore } from '../helpers/store.ts';

const skip = hasSharedData ? false : 'no ../shared/data';
let store: Store | undefined;
let session: FrameworkSession;
let html: string;

before(async () => {
  if (skip) return;
  const data = await realDataStore();
  store = data.store;
  session = await FrameworkSession.open(data.store, data.kb, data.registry);
  html = buildReport(session, data.registry.resolve('AZE'), { years: [2015, 2025], draws: 50, seed: 1 });
});
after(() => store?.close());

test('the brief is one self-contained HTML file: no scripts, no external assets', { skip }, () => {
  assert.match(html, /^<!doctype html>/);
  assert.doesNotMatch(html, /<script|<link |src="http/);
  for (const section of [
    'Summary',
    'Posture and index over time',
    'The three principles and the wherewithal',
    'Risks: corridor disruptions',
    'Evidence cited',
    'Methodology appendix',
  ]) {
    assert.ok(html.includes(section), section);
  }
  assert.ok((html.match(/<svg /g) ?? []).length >= 2, 'charts are inline SVG');
});

test("its numbers are the framework's, and every cited fact is listed with its sources", { skip }, () => {
  const run = session.autonomy({ years: [2015, 2025], draws: 50, seed: 1 });
  const latest = run.results.filter((r) => r.state === 'AZE').at(-1)!;
  assert.ok(html.includes(`>${latest.posture}</span>`));
  assert.ok(html.includes(`an index of ${latest.index!.toFixed(2)}`));
  const cited = Object.values(latest.components).flatMap((c) => c.provenance.flatMap((p) => p.facts ?? []));
  assert.ok(cited.length > 0);
  for (const id of cited) assert.ok(html.includes(`id="fact-${id}"`), id);
});

test('report writes HTML, refuses other extensions (exit 1)', { skip }, async () => {
  const out = join(tempDir(), 'brief.html');
  const ok = await runCli([
    '--store',
    store!.path,
    'report',
    'ARM',
    '--years',
    '2018-2020',
    '--draws',
    '20',
    '--out',
    out,
  ]);
  assert.equal(ok.code, 0, ok.err);
  assert.match(readFileSync(out, 'utf8'), /Armenia: strategic autonomy, 2018–2020/);
  const bad = await runCli(['--store', store!.path, 'report', 'ARM', '--out', join(tempDir(), 'brief.docx')]);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /--out must end in \.html or \.pdf/);
});

test('the PDF renders through Chromium', { skip: skip || browserSkip }, async () => {
  const out = join(tempDir(), 'brief.pdf');
  await htmlToPdf(html, out);
  const bytes = readFileSync(out);
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
  assert.ok(bytes.length > 20_000);
});

import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { pullMissing } from '../../src/data/pull.ts';
import { FrameworkSession } from '../../src/framework/session.ts';
import { loadKnowledgeBase } from '../../src/kb/knowledge-base.ts';
import { webDist } from '../../src/server/app.ts';
import { serve } from '../../src/server/serve.ts';
import { StateRegistry } from '../../src/states/registry.ts';
import { attachSystemSpans } from '../../src/states/spans.ts';
import { Store } from '../../src/store/store.ts';
import { browserSkip, launch, screenshot, watchErrors } from '../helpers/browser.ts';
import { hasSharedData, sharedData, tempDir } from '../helpers/paths.ts';

const skip = browserSkip || (existsSync(webDist) ? false : 'dashboard not built (npm run build:web)') || (hasSharedData ? false : 'no ../shared/data');
const YEAR = 2022;
const DRAWS = 50;
const STATES = ['AZE', 'GEO', 'ARM', 'MDA', 'UKR'];
let server: { url: string; close: () => Promise<void> } | undefined;
let browser: Browser | undefined;
let store: Store | undefined;
let dir: string | undefined;

before(async () => {
  if (skip) return;
  // The project's own `data pull` from the shared mirror into a store of this file's own.
  dir = tempDir('ic-compare-');
  store = await Store.open(join(dir, 'store.duckdb'));
  const kb = loadKnowledgeBase();
  const registry = StateRegistry.fromKnowledgeBase(kb);
  const statuses = await pullMissing(store, { mirror: sharedData, quiet: true, registry });
  const failed = statuses.filter((s) => s.status === 'failed' || s.status === 'unavailable');
  assert.deepEqual(failed, [], 'every shared dataset imports');
  await attachSystemSpans(registry, store, kb);
  const framework = await FrameworkSession.open(store, kb, registry);
  server = await serve(kb, registry, { host: '127.0.0.1', port: 0 }, { store, framework });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Doc { state: string; name: string; index: number | null; posture: string; components: Record<string, { value: number | null }> }

test('compare shows the requested states over the years and their components side by side, without console errors', { skip }, async () => {
  const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = watchErrors(page);
  await page.goto(`${server!.url}#/compare?states=${STATES.join(',')}&year=${YEAR}&draws=${DRAWS}`);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="compare-panel"] svg[role="img"]').length === n, STATES.length, { timeout: 120_000 });
  const panels = await page.getByTestId('compare-panel').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
  assert.deepEqual(panels, STATES);
  await page.getByTestId('compare-table').waitFor();
  const res = await fetch(`${server!.url}api/compare?states=${STATES.join(',')}&year=${YEAR}&draws=${DRAWS}`);
  const expected = (await res.json()) as { results: Doc[] };
  const heads = await page.locator('[data-testid="compare-table"] thead th[data-state]').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
  assert.deepEqual(heads, STATES);
  for (const r of expected.results) {
    assert.equal(await page.getByTestId(`compare-index-${r.state}`).textContent(), r.index === null ? 'missing' : r.index.toFixed(3), r.state);
  }
  // each panel's posture band has one cell a year and starts with the API's first year
  const cells = await page.getByTestId('compare-panel').first().getByTestId('posture-cell').count();
  assert.ok(cells > 20, `a cell a year (${cells})`);
  await screenshot(page, 'compare');
  assert.deepEqual(errors, []);
});

test('a state can be removed and added with labelled controls, and the year changes the table', { skip }, async () => {
  const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = watchErrors(page);
  await page.goto(`${server!.url}#/compare?states=AZE,GEO&year=${YEAR}&draws=${DRAWS}`);
  await page.getByTestId('compare-table').waitFor({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Remove Georgia' }).click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="compare-table"] thead th[data-state]').length === 1, null, { timeout: 60_000 });
  await page.getByLabel('Add a state').selectOption('TUR');
  await page.waitForFunction(() => Array.from(document.querySelectorAll('[data-testid="compare-table"] thead th[data-state]'), (e) => e.getAttribute('data-state')).join() === 'AZE,TUR', null, { timeout: 60_000 });
  await page.getByLabel('Year of the table').selectOption(String(YEAR - 5));
  await page.waitForFunction((y) => document.querySelector('[data-testid="compare-table"] caption')?.textContent?.includes(`in ${y}`), YEAR - 5, { timeout: 60_000 });
  assert.deepEqual(errors, []);
});

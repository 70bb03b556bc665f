import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { loadKnowledgeBase } from '../../src/kb/knowledge-base.ts';
import { webDist } from '../../src/server/app.ts';
import { serve } from '../../src/server/serve.ts';
import { StateRegistry } from '../../src/states/registry.ts';
import { Store } from '../../src/store/store.ts';
import { fixtureStore } from '../alignment-face/fixture.ts';
import { realSkip, realStore } from '../alignment-face/real.ts';
import { browserSkip, launch, screenshot, watchErrors } from '../helpers/browser.ts';

const skip = browserSkip || (existsSync(webDist) ? false : 'dashboard not built (npm run build:web)');
let server: { url: string; close: () => Promise<void> } | undefined;
let browser: Browser | undefined;
let store: Store | undefined;

before(async () => {
  if (skip) return;
  // Real UNGA data when the shared folder is there; the hand-made fixture otherwise, so the page is always
  // exercised.
  store = await Store.open(realSkip ? await fixtureStore() : await realStore());
  const kb = loadKnowledgeBase();
  server = await serve(kb, StateRegistry.fromKnowledgeBase(kb), { host: '127.0.0.1', port: 0 }, { store });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  store?.close();
});

test(
  "the alignment page draws Azerbaijan's ideal points, " +
    'agreement and heatmap with provenance, without console errors',
  { skip },
  async () => {
    const page = await browser!.newPage({ viewport: { width: 1200, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(`${server!.url}#/alignment?state=AZE`);
    await page.getByTestId('idealpoint-chart').locator('svg g[data-mark="line"] path').first().waitFor();
    await page.getByTestId('heatmap').locator('svg g[data-mark="cell"] rect').first().waitFor();
    assert.equal(await page.getByTestId('state-name').textContent(), 'Azerbaijan');
    // real numbers: the ideal-point line has as many vertices as years with a position, the heatmap has cells
    const chart = page.getByTestId('idealpoint-chart');
    const lines = await chart.locator('svg g[data-mark="line"] path').count();
    assert.ok(lines >= 4, `the state's line and three poles drawn (${lines} lines)`);
    assert.equal(await chart.locator('svg g[data-mark="area"] path').count(), 1, 'the interval band');
    // the state's line passes through one vertex per year with a position: real numbers, not an empty frame
    assert.ok((await chart.locator('svg g[data-mark="dot"] circle').count()) >= (realSkip ? 2 : 25));
    assert.ok(
      (await page.getByTestId('agreement-chart').locator('svg g[data-mark="line"] path').count()) >= 3,
    );
    const cells = await page.getByTestId('heatmap').locator('svg g[data-mark="cell"] rect').count();
    // The fixture has five states over three sessions; the real data far more.
    assert.ok(cells > (realSkip ? 3 : 10), `heatmap cells (${cells})`);
    const usa = Number(await page.getByTestId('agree-mean-USA').textContent());
    // A share; the hand-made fixture (no ../shared) has Azerbaijan disagree with the USA on every
    // counted vote, so only the real data can show it strictly between 0 and 1.
    assert.ok(
      realSkip ? usa >= 0 && usa <= 1 : usa > 0 && usa < 1,
      `mean agreement with the USA is a share (${usa})`,
    );
    assert.match((await page.getByTestId('bloc').textContent()) ?? '', /west|china-russia|non-aligned/);
    // provenance on demand, by keyboard
    await page.getByTestId('provenance').locator('summary').focus();
    await page.keyboard.press('Enter');
    assert.match(
      (await page.getByTestId('provenance').textContent()) ?? '',
      /unga_votes.*unga_idealpoints|unga_idealpoints/s,
    );
    assert.ok(Number((await page.getByTestId('votes-used').textContent())?.replace(/,/g, '')) > 0);
    await screenshot(page, 'alignment');
    assert.deepEqual(errors, []);
  },
);

test(
  'the state, vote selection and pole are labelled controls usable from the keyboard',
  { skip },
  async () => {
    const page = await browser!.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server!.url}#/alignment?state=AZE`);
    await page.getByTestId('summary').waitFor();
    await page.getByLabel('State', { exact: true }).selectOption('ARM');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="state-name"]')?.textContent === 'Armenia',
    );
    await page.getByLabel('Agreement with pole', { exact: true }).selectOption('RUS');
    await page.getByTestId('heatmap').locator('svg').first().waitFor();
    assert.ok(await page.getByLabel('Published (BSV)').isChecked());
    assert.deepEqual(errors, []);
  },
);

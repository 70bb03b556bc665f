import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { corridorNetwork, corridorRoute } from '../../src/framework/corridors/index.ts';
import { transitUnder } from '../../src/framework/corridors/queries.ts';
import { loadKnowledgeBase } from '../../src/kb/knowledge-base.ts';
import { webDist } from '../../src/server/app.ts';
import { serve } from '../../src/server/serve.ts';
import { StateRegistry } from '../../src/states/registry.ts';
import { browserSkip, launch, screenshot, watchErrors } from '../helpers/browser.ts';

const skip = browserSkip || (existsSync(webDist) ? false : 'dashboard not built (npm run build:web)');
let server: { url: string; close: () => Promise<void> } | undefined;
let browser: Browser | undefined;

before(async () => {
  if (skip) return;
  const kb = loadKnowledgeBase();
  server = await serve(kb, StateRegistry.fromKnowledgeBase(kb), { host: '127.0.0.1', port: 0 });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const text = async (page: Page, id: string): Promise<string> =>
  (await page.getByTestId(id).textContent())?.trim() ?? '';
const hoursShown = (h: number): string =>
  `${h.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} h`;

async function open(page: Page, hash = '#/corridors'): Promise<void> {
  await page.goto(`${server!.url}${hash}`);
  await page.getByTestId('route-hours').waitFor();
  await page.getByTestId('transit-row').first().waitFor();
  await page.locator('[data-testid="route-result"][aria-busy="false"]').waitFor();
}

test(
  'the corridors map draws the network, a route with real ' +
    'numbers and the transit table, without console errors',
  { skip },
  async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    await open(page);
    const map = page.getByTestId('corridor-map');
    assert.equal(await map.getAttribute('role'), 'img');
    assert.match((await map.locator('title').first().textContent()) ?? '', /corridor network/);
    const legs = map.getByTestId('leg');
    assert.equal(await legs.count(), corridorNetwork().legs.length);
    // Every leg has real geometry, and unbuilt legs are drawn dashed.
    const lengths = await legs.evaluateAll((els) => els.map((e) => (e as SVGPathElement).getTotalLength()));
    assert.ok(
      lengths.every((l) => l > 0),
      'all legs drawn',
    );
    const dashed = await map
      .locator('[data-leg="aghband--meghri-rail"]')
      .evaluate((e) => getComputedStyle(e).strokeDasharray);
    assert.notEqual(dashed, 'none');
    assert.ok(
      (await map.locator('path.land').getAttribute('d'))!.length > 1000,
      'countries drawn from the bundled atlas',
    );
    assert.ok(
      (await map.getByTestId('bottleneck-leg').count()) + (await map.locator('circle.node.cut').count()) > 0,
      'bottlenecks marked',
    );

    const lib = corridorRoute('shanghai', 'rotterdam');
    assert.equal(await text(page, 'route-hours'), hoursShown(lib.hours));
    assert.equal(await text(page, 'route-km'), `${Math.round(lib.km).toLocaleString('en-GB')} km`);
    assert.match(await text(page, 'route-cost'), /^USD \d+\.\d\d\/t$/);
    assert.equal(await map.getByTestId('route-leg').count(), lib.legs.length);
    assert.equal(await page.getByTestId('alternatives').locator('tbody tr').count(), lib.alternatives.length);

    const aze = transitUnder().assignment.transit.find((t) => t.country === 'AZE');
    assert.ok(aze);
    const azeRow = page.locator('[data-testid="transit-row"][data-country="AZE"] [data-testid="transit-mt"]');
    assert.equal(
      (await azeRow.textContent())?.trim(),
      aze.mt.toLocaleString('en-GB', { maximumFractionDigits: 2 }),
    );
    assert.match(
      (await page.getByTestId('transit-chart').locator('title').first().textContent()) ?? '',
      /AZE/,
    );
    const renderMs = Number(await map.getAttribute('data-render-ms'));
    assert.ok(renderMs < 100, `map render took ${renderMs} ms`);
    await screenshot(page, 'corridors');
    assert.deepEqual(errors, []);
  },
);

test(
  'toggling a scenario re-fetches and changes the route time and the transit shares',
  { skip },
  async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    // By cost the sea route wins (by time, rail from Chinese origins does), so the canal closure shows there.
    await open(page, '#/corridors?by=cost');
    const before = await text(page, 'route-hours');
    await page.getByLabel('Suez Canal blocked', { exact: false }).check();
    const blocked = corridorRoute('shanghai', 'rotterdam', { scenario: 'suez-blocked-2021', by: 'cost' });
    const after = hoursShown(blocked.hours);
    assert.notEqual(after, before);
    await page.waitForFunction(
      (h) => document.querySelector('[data-testid="route-hours"]')?.textContent?.trim() === h,
      after,
    );
    assert.match(await text(page, 'route-path'), /Cape of Good Hope/);
    assert.match(page.url(), /scenario=suez-blocked-2021/);
    await screenshot(page, 'corridors-suez-blocked');

    // Keyboard: tab to the Russia checkbox and tick it with the space bar.
    const azeCell = '[data-testid="transit-row"][data-country="AZE"] [data-testid="transit-mt"]';
    const azeBefore = (await page.locator(azeCell).textContent())?.trim();
    const russia = page.getByTestId('scenario-russia-avoided');
    await russia.focus();
    await page.keyboard.press('Space');
    assert.ok(await russia.isChecked());
    const expected = transitUnder({
      scenarios: ['russia-avoided', 'suez-blocked-2021'],
    }).assignment.transit.find((t) => t.country === 'AZE');
    assert.ok(expected);
    const want = expected.mt.toLocaleString('en-GB', { maximumFractionDigits: 2 });
    assert.notEqual(want, azeBefore);
    await page.waitForFunction(
      ([sel, v]) => document.querySelector(sel!)?.textContent?.trim() === v,
      [azeCell, want],
    );
    await page.waitForFunction(
      () => !document.querySelector('[data-testid="transit-row"][data-country="RUS"]'),
    );
    assert.ok(Number(await page.getByTestId('corridor-map').getAttribute('data-render-ms')) < 100);
    await screenshot(page, 'corridors-russia-avoided');
    assert.deepEqual(errors, []);
  },
);

test('the route finder is keyboard operable and re-routes by cost', { skip }, async () => {
  const page = await browser!.newPage();
  const errors = watchErrors(page);
  await open(page);
  const km = (x: number): string => `${Math.round(x).toLocaleString('en-GB')} km`;
  // By cost the sea route wins, a different path from the fastest (rail), so the change is visible.
  const lib = corridorRoute('shanghai', 'rotterdam', { by: 'cost' });
  assert.notEqual(km(lib.km), await text(page, 'route-km'));
  await page.getByLabel('Best by').focus();
  await page.getByLabel('Best by').selectOption('cost');
  await page.waitForFunction(
    (want) => document.querySelector('[data-testid="route-km"]')?.textContent?.trim() === want,
    km(lib.km),
  );
  await page.getByTestId('route-to').selectOption('moscow');
  await page.waitForFunction(() =>
    /Moscow$/.test(document.querySelector('[data-testid="route-path"]')?.textContent?.trim() ?? ''),
  );
  assert.match(page.url(), /to=moscow&by=cost/);
  // The regional view re-projects once and labels the Caucasus nodes.
  await page.getByLabel('Map view').selectOption('caspian');
  await page.locator('.corridor-map .labels text', { hasText: 'Baku' }).waitFor();
  await screenshot(page, 'corridors-caspian');
  assert.deepEqual(errors, []);
});

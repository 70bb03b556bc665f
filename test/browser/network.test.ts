import { dashboardSkip, useDashboard } from '../helpers/dashboard.ts';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { screenshot, watchErrors } from '../helpers/browser.ts';

const skip = dashboardSkip;
const dashboard = useDashboard();

test(
  'the network page ranks interconnectors with real numbers, shows ' +
    'roles and counterparts, draws the graph, without console errors',
  { skip },
  async () => {
    const page = await dashboard.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const errors = watchErrors(page);
    await page.goto(`${dashboard.url}#/network`);
    await page.getByTestId('rank-row').first().waitFor({ timeout: 60000 });
    await page.locator('[data-testid="network-page"][aria-busy="false"]').waitFor();
    const api = (await (await page.request.get(`${dashboard.url}api/brokerage`)).json()) as {
      year: number;
      results: Array<{ state: string; score: number | null; rank: number | null }>;
    };
    const first = api.results.find((r) => r.rank === 1)!;
    assert.equal(await page.getByTestId('rank-row').first().getAttribute('data-state'), first.state);
    assert.equal(
      (await page.getByTestId('rank-score').first().textContent())?.trim(),
      first.score!.toFixed(3),
    );
    assert.equal(await page.getByTestId('rank-row').count(), 20);
    // The default selection is the top state; its roles table has the six roles.
    assert.match((await page.getByTestId('detail-name').textContent()) ?? '', new RegExp(first.state));
    assert.equal(await page.getByTestId('roles').locator('tbody tr').count(), 6);
    // Graph: every state a node (WebGL may be missing in headless Chromium: then the fallback note shows).
    const graph = page.getByTestId('network-graph');
    assert.ok(Number(await graph.getAttribute('data-nodes')) >= 150);
    assert.ok(Number(await graph.getAttribute('data-edges')) > 500);
    assert.match((await graph.getAttribute('aria-label')) ?? '', /coloured by bloc/);
    // Keyboard: select the second state with Tab + Enter.
    const second = page.getByTestId('rank-row').nth(1);
    const secondState = await second.getAttribute('data-state');
    await second.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (s) => document.querySelector('[data-testid="detail-name"]')?.textContent?.includes(s!),
      secondState,
    );
    assert.equal(await second.getAttribute('aria-pressed'), 'true');
    // Text alternative: one row per state.
    assert.ok((await page.getByTestId('ranking-table').locator('tbody tr').count()) >= 150);
    await screenshot(page, 'network');
    assert.deepEqual(errors, []);
  },
);

test('toggling layers re-fetches and changes the network', { skip }, async () => {
  const page = await dashboard.browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const errors = watchErrors(page);
  await page.goto(`${dashboard.url}#/network`);
  await page.getByTestId('rank-row').first().waitFor({ timeout: 60000 });
  const edgesAll = Number(await page.getByTestId('network-graph').getAttribute('data-edges'));
  await page.getByTestId('layer-votes').uncheck();
  await page.waitForFunction(() => window.location.hash.includes('layers='));
  await page.locator('[data-testid="network-page"][aria-busy="false"]').waitFor();
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid="network-graph"]')?.getAttribute('data-edges')) !== n,
    edgesAll,
  );
  const edgesFewer = Number(await page.getByTestId('network-graph').getAttribute('data-edges'));
  assert.ok(edgesFewer < edgesAll, `${edgesFewer} < ${edgesAll}`);
  await page.getByTestId('year-select').selectOption('2014');
  await page.waitForFunction(() => window.location.hash.includes('year=2014'));
  await page.locator('[data-testid="network-page"][aria-busy="false"]').waitFor();
  await page.waitForFunction(() => document.querySelector('h3')?.textContent?.includes('2014'));
  assert.deepEqual(errors, []);
});

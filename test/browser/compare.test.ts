import { dashboardSkip, useDashboard } from '../helpers/dashboard.ts';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { screenshot, watchErrors } from '../helpers/browser.ts';

const skip = dashboardSkip;
const YEAR = 2022;
const DRAWS = 50;
const STATES = ['AZE', 'GEO', 'ARM', 'MDA', 'UKR'];
const dashboard = useDashboard();

interface Doc {
  state: string;
  name: string;
  index: number | null;
  posture: string;
  components: Record<string, { value: number | null }>;
}

test(
  'compare shows the requested states over the years and ' +
    'their components side by side, without console errors',
  { skip },
  async () => {
    const page = await dashboard.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(`${dashboard.url}#/compare?states=${STATES.join(',')}&year=${YEAR}&draws=${DRAWS}`);
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="compare-panel"] svg[role="img"]').length === n,
      STATES.length,
      { timeout: 120_000 },
    );
    const panels = await page
      .getByTestId('compare-panel')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
    assert.deepEqual(panels, STATES);
    await page.getByTestId('compare-table').waitFor();
    const res = await fetch(
      `${dashboard.url}api/compare?states=${STATES.join(',')}&year=${YEAR}&draws=${DRAWS}`,
    );
    const expected = (await res.json()) as { results: Doc[] };
    const heads = await page
      .locator('[data-testid="compare-table"] thead th[data-state]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
    assert.deepEqual(heads, STATES);
    for (const r of expected.results) {
      assert.equal(
        await page.getByTestId(`compare-index-${r.state}`).textContent(),
        r.index === null ? 'missing' : r.index.toFixed(3),
        r.state,
      );
    }
    // each panel's posture band has one cell a year and starts with the API's first year
    const cells = await page.getByTestId('compare-panel').first().getByTestId('posture-cell').count();
    assert.ok(cells > 20, `a cell a year (${cells})`);
    await screenshot(page, 'compare');
    assert.deepEqual(errors, []);
  },
);

test(
  'a state can be removed and added with labelled controls, and the year changes the table',
  { skip },
  async () => {
    const page = await dashboard.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(`${dashboard.url}#/compare?states=AZE,GEO&year=${YEAR}&draws=${DRAWS}`);
    await page.getByTestId('compare-table').waitFor({ timeout: 120_000 });
    await page.getByRole('button', { name: 'Remove Georgia' }).click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="compare-table"] thead th[data-state]').length === 1,
      null,
      { timeout: 60_000 },
    );
    await page.getByLabel('Add a state').selectOption('TUR');
    await page.waitForFunction(
      () =>
        Array.from(document.querySelectorAll('[data-testid="compare-table"] thead th[data-state]'), (e) =>
          e.getAttribute('data-state'),
        ).join() === 'AZE,TUR',
      null,
      { timeout: 60_000 },
    );
    await page.getByLabel('Year of the table').selectOption(String(YEAR - 5));
    await page.waitForFunction(
      (y) =>
        document.querySelector('[data-testid="compare-table"] caption')?.textContent?.includes(`in ${y}`),
      YEAR - 5,
      { timeout: 60_000 },
    );
    assert.deepEqual(errors, []);
  },
);

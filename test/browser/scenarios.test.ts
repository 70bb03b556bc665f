import { dashboardSkip, useDashboard } from '../helpers/dashboard.ts';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { screenshot, watchErrors } from '../helpers/browser.ts';

const skip = dashboardSkip;
const dashboard = useDashboard();

test(
  '#/scenarios shows the baseline and two scenarios side ' +
    'by side for Azerbaijan with real numbers and their edits',
  { skip },
  async () => {
    const page = await dashboard.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const errors = watchErrors(page);
    await page.goto(
      `${dashboard.url}` +
        '#/scenarios?ids=russia-prevails,peace-treaty-tripp%2Bthree-plus-three-operational&state=AZE',
    );
    await page
      .getByTestId('scenario-chart')
      .locator('svg g[data-mark="line"] path')
      .first()
      .waitFor({ timeout: 60000 });
    assert.equal(await page.getByTestId('scenario-state').textContent(), 'Azerbaijan');
    const results = page.getByTestId('scenario-result');
    assert.equal(await results.count(), 2);
    assert.equal(
      await results.nth(1).getAttribute('data-scenario'),
      'peace-treaty-tripp+three-plus-three-operational',
    );
    assert.equal(
      await page.getByTestId('scenario-chart').locator('svg g[data-mark="line"] path').count(),
      3,
      'baseline and two scenarios',
    );
    const cells = await page.getByTestId('scenario-index').allTextContents();
    assert.ok(cells.length >= 4);
    for (const c of cells) {
      const m = /^(\d\.\d{3}) → (\d\.\d{3})/.exec(c.trim());
      assert.ok(m, `index cell '${c}'`);
      assert.ok(Number(m[1]) > 0 && Number(m[1]) < 1 && Number(m[2]) > 0 && Number(m[2]) < 1);
    }
    const changes = await results.first().locator('.scenario-changes li').allTextContents();
    assert.ok(
      changes.some((t) => /mediation.*russia-prevails#1/.test(t)),
      changes.join('\n'),
    );
    assert.ok((await page.getByText('assumption:').count()) > 0, 'assumptions are marked');
    await screenshot(page, 'scenarios');
    assert.deepEqual(errors, []);
  },
);

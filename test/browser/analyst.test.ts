import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { dashboardSkip, useDashboard } from '../helpers/dashboard.ts';
import { screenshot, watchErrors } from '../helpers/browser.ts';
import { settledPage } from '../helpers/audit.ts';

// What an analyst checks before trusting a number (issue 17): its sources and method one click away,
// downloads of every table, rankings, URL state and clear errors. Real data only.
const skip = dashboardSkip;
const dashboard = useDashboard();

async function open(hash: string, width = 1280): Promise<{ page: Page; errors: string[] }> {
  const page = await dashboard.browser.newPage({ viewport: { width, height: 900 } });
  const errors = watchErrors(page);
  await page.goto(`${dashboard.url}${hash}`);
  return { page, errors };
}

async function fetchText(url: string): Promise<{ status: number; type: string; text: string }> {
  const res = await fetch(new URL(url, dashboard.url));
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

test(
  'rankings: sorted by a component, searchable, with movers and a CSV of the same rows',
  { skip },
  async () => {
    const { page, errors } = await open('#/rankings?year=2020');
    try {
      await page.getByTestId('rank-table').waitFor({ timeout: 120_000 });
      const all = await page.getByTestId('rank-row').count();
      assert.ok(all > 150, `${all} states ranked`);
      assert.match((await page.getByTestId('movers').textContent()) ?? '', /Up:.*\+0\.\d{3}/s);
      // sort by mediation, highest first: the column is non-increasing, missing values last
      await page.getByTestId('sort-mediation').click();
      await page.waitForFunction(() => location.hash.includes('sort=mediation'));
      const values = await page
        .locator('[data-testid="rank-row"] td[data-component="mediation"]')
        .evaluateAll((tds) => tds.map((td) => (td.textContent?.trim() ? Number(td.textContent) : null)));
      const present = values.filter((v): v is number => v !== null);
      assert.ok(present.length > 10);
      for (let i = 1; i < present.length; i++) assert.ok(present[i]! <= present[i - 1]!, `sorted at ${i}`);
      assert.ok(values.indexOf(null) === -1 || values.slice(values.indexOf(null)).every((v) => v === null));
      assert.equal(
        await page.locator('th[aria-sort="descending"] [data-testid="sort-mediation"]').count(),
        1,
        'the sorted column says so to assistive technology',
      );
      // search
      await page.getByTestId('rank-search').fill('azerb');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="rank-row"]').length === 1);
      assert.equal(await page.getByTestId('rank-row').getAttribute('data-state'), 'AZE');
      await screenshot(page, 'rankings-search');
      // the CSV link downloads the whole ranking the page shows
      const href = await page.locator('[data-testid="downloads"] a[data-format="csv"]').getAttribute('href');
      const csv = await fetchText(href!);
      assert.equal(csv.status, 200);
      assert.match(csv.type, /^text\/csv/);
      const lines = csv.text.trim().split('\n');
      assert.match(lines[0]!, /^rank,state,name,posture,confidence,index,index_lo,index_hi/);
      assert.equal(lines.length - 1, all);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  },
);

test('weights typed on the rankings page re-rank every state', { skip }, async () => {
  const weights = 'commitments=0,alignment=0,voice=0,mediation=0,gatekeeper=0,capability=1,dependence=0';
  const { page } = await open('#/rankings?year=2020');
  try {
    await page.getByTestId('rank-table').waitFor({ timeout: 120_000 });
    const order = () =>
      page
        .getByTestId('rank-row')
        .evaluateAll((rows) => rows.slice(0, 20).map((r) => r.getAttribute('data-state')));
    const before = await order();
    await page.getByTestId('rank-weights').fill(weights);
    await page.getByTestId('rank-weights').press('Enter');
    await page.getByTestId('rank-weights').blur();
    await page.waitForFunction(
      () => location.hash.includes('capability%3D1') || location.hash.includes('capability=1'),
    );
    await page.waitForFunction(
      (first) => document.querySelector('[data-testid="rank-row"]')?.getAttribute('data-state') !== first,
      before[0],
      { timeout: 180_000 },
    );
    const after = await order();
    const api = (await (
      await fetch(new URL(`api/rankings?year=2020&draws=100&weights=${weights}`, dashboard.url))
    ).json()) as { rows: Array<{ state: string }> };
    assert.deepEqual(
      after,
      api.rows.slice(0, 20).map((r) => r.state),
    );
    assert.notDeepEqual(after, before);
  } finally {
    await page.close();
  }
});

test('a bad year gives a clear error naming the parameter, not a spinner', { skip }, async () => {
  const { page } = await open('#/rankings?year=1850');
  try {
    const err = page.getByTestId('rank-error');
    await err.waitFor({ timeout: 60_000 });
    assert.match((await err.textContent()) ?? '', /invalid parameter 'year': must lie within 1992–\d{4}/);
    assert.equal(await page.locator('main [aria-busy="true"]').count(), 0);
  } finally {
    await page.close();
  }
});

test('profile: a fact, a dataset and the method are one click from a component', { skip }, async () => {
  const { page, errors } = await open('#/profile?state=AZE&year=2020&draws=50');
  try {
    const row = page.getByTestId('component-row-commitments');
    await row.waitFor({ timeout: 120_000 });
    await row.locator('summary').click();
    // the fact link opens that fact, opened and marked, in the timeline
    const fact = row.getByTestId('fact-link').first();
    const id = (await fact.textContent())!.trim();
    await fact.click();
    const target = page.locator(`[data-fact="${id}"].targeted`);
    await target.waitFor({ timeout: 60_000 });
    assert.equal(await target.locator('details').getAttribute('open'), '');
    assert.ok(await target.evaluate((el) => el === document.activeElement));
    await screenshot(page, 'fact-deep-link');
    await page.goBack();
    // the dataset link opens its entry on the datasets page
    const alignment = page.getByTestId('component-row-alignment');
    await alignment.waitFor({ timeout: 120_000 });
    await alignment.locator('summary').click();
    const dataset = alignment.getByTestId('dataset-link').first();
    const name = (await dataset.textContent())!.trim();
    await dataset.click();
    await page.locator(`#dataset-${name}.targeted`).waitFor({ timeout: 30_000 });
    assert.match((await page.locator(`#dataset-${name}`).textContent()) ?? '', /Publisher's page/);
    await page.goBack();
    // the method link opens the component's section of the methodology
    const mediation = page.getByTestId('component-row-mediation');
    await mediation.waitFor({ timeout: 120_000 });
    await mediation.locator('summary').click();
    await mediation.getByTestId('method-link').click();
    await page.waitForFunction(() => document.activeElement?.id?.startsWith('34-mediation'), null, {
      timeout: 30_000,
    });
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

test(
  'profile: divergences from the article, a report, downloads, and a new year in the URL',
  { skip },
  async () => {
    const { page, errors } = await open('#/profile?state=AZE&year=2020&draws=50');
    try {
      await page.locator('[data-testid="headline"][data-fresh="true"]').waitFor({ timeout: 120_000 });
      const div = page.getByTestId('divergences');
      await div.locator('summary').waitFor({ timeout: 30_000 });
      await div.locator('summary').click();
      assert.match((await div.textContent()) ?? '', /Where it differs, reported rather than tuned/);
      // the report button prints the profile without the navigation and controls
      assert.equal(await page.getByTestId('report-button').count(), 1);
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('header.top').isVisible(), false);
      assert.equal(await page.getByTestId('headline').isVisible(), true);
      await page.emulateMedia({ media: 'screen' });
      const series = await fetchText(
        (await page.locator('[data-testid="series-downloads"] a[data-format="csv"]').getAttribute('href'))!,
      );
      assert.equal(series.status, 200);
      assert.match(series.text.split('\n')[0]!, /^state,year,index,index_lo,index_hi,rank/);
      assert.ok(series.text.includes('\nAZE,2020,'));
      // a new year in the address moves the open page there
      await page.evaluate(() => {
        location.hash = location.hash.replace('year=2020', 'year=2015');
      });
      await page.waitForFunction(
        () =>
          /2015/.test(
            document.querySelector('[data-testid="headline"][data-fresh="true"]')?.textContent ?? '',
          ),
        null,
        { timeout: 120_000 },
      );
      await screenshot(page, 'profile-2015');
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  },
);

test('the methodology is served as a page, and an unknown document says so', { skip }, async () => {
  const { page } = await open('#/docs/METHODOLOGY?section=6');
  try {
    await page.getByTestId('doc-body').waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => document.activeElement?.id === '6-the-article-as-the-reference-table');
    assert.ok((await page.locator('.doc-body table').count()) >= 1);
    await page.evaluate(() => {
      location.hash = '#/docs/NOPE';
    });
    await page.getByText('Document not found').waitFor({ timeout: 30_000 });
    assert.match((await page.locator('main').textContent()) ?? '', /no document 'NOPE'/);
  } finally {
    await page.close();
  }
});

test('keyboard: the skip link is the first stop and moves the focus to the content', { skip }, async () => {
  const { page } = await open('#/rankings?year=2020');
  try {
    await settledPage(page);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to the content');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    await page.keyboard.press('Tab');
    // the next stop is inside the page, not the navigation
    assert.ok(await page.evaluate(() => !!document.activeElement?.closest('main')));
  } finally {
    await page.close();
  }
});

test('every table endpoint answers format=csv; an endpoint without a table says so', { skip }, async () => {
  for (const path of [
    'api/compare?states=AZE,GEO&year=2020&draws=20',
    'api/postures?year=2020',
    'api/kb/timeline?state=AZE',
    'api/kb/sources?ids=tr25ha',
    'api/datasets',
    'api/panel/codebook',
  ]) {
    const r = await fetchText(`${path}&format=csv`.replace(/^([^?]*)&/, '$1?'));
    assert.equal(r.status, 200, path);
    assert.match(r.type, /^text\/csv/, path);
    assert.ok(r.text.split('\n').length > 1, path);
  }
  const src = await fetchText('api/kb/sources?ids=tr25ha');
  assert.match(src.text, /Horadiz/);
  assert.match(src.text, /https:\/\//);
  const bad = await fetchText('api/health?format=csv');
  assert.equal(bad.status, 400);
  assert.match(bad.text, /invalid parameter 'format'/);
});

test('an unknown state gives a clear message and a way on, not a page busy for ever', { skip }, async () => {
  const { page } = await open('#/profile?state=XQZ');
  try {
    const box = page.getByTestId('profile-error');
    await box.waitFor({ timeout: 60_000 });
    assert.match((await box.textContent()) ?? '', /XQZ/);
    assert.equal(await page.locator('main [aria-busy="true"]').count(), 0);
  } finally {
    await page.close();
  }
});

test('compare overlays every state on one chart, and a chart saves as SVG and PNG', { skip }, async () => {
  const { page, errors } = await open('#/compare?states=AZE,GEO,ARM&year=2020&draws=50');
  try {
    const overlay = page.getByTestId('compare-overlay');
    await overlay.locator('svg[role="img"]').waitFor({ timeout: 180_000 });
    assert.match(
      (await overlay.locator('svg[role="img"]').getAttribute('aria-label')) ?? '',
      /Azerbaijan.*Georgia.*Armenia/,
    );
    for (const [button, ext] of [
      ['save-svg', 'svg'],
      ['save-png', 'png'],
    ] as const) {
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 30_000 }),
        overlay.getByTestId(button).click(),
      ]);
      assert.ok(download.suggestedFilename().endsWith(`.${ext}`), download.suggestedFilename());
    }
    await screenshot(page, 'compare-overlay');
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

import { dashboardSkip, useDashboard } from '../helpers/dashboard.ts';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { screenshot, watchErrors } from '../helpers/browser.ts';

// Real data only: the pages show the framework's numbers, so a fixture would test little.
const skip = dashboardSkip;
const YEAR = 2020;
// Fewer Monte Carlo draws than the default keep the suite quick; the page passes them through.
const DRAWS = 50;
interface Doc {
  year: number;
  index: number | null;
  posture: string;
  components: Record<string, { value: number | null }>;
}
interface Autonomy {
  state: { name: string };
  results: Doc[];
  transitions: Array<{ year: number }>;
}

const dashboard = useDashboard();

async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${dashboard.url}${path}`);
  assert.equal(res.status, 200, path);
  return (await res.json()) as T;
}

/** The page is settled when the headline is for the current inputs and the series chart is drawn. */
async function settled(page: Page): Promise<void> {
  await page.locator('[data-testid="headline"][data-fresh="true"]').waitFor({ timeout: 90_000 });
  await page.locator('[data-testid="index-chart"] svg').waitFor({ timeout: 90_000 });
  await page.waitForFunction(() => !document.querySelector('.profile-main .stale'), null, {
    timeout: 90_000,
  });
}

const label = (p: string) =>
  p.replace('strategic-autonomy', 'strategic autonomy').replace('great-power', 'great power (pole leader)');

test(
  "the profile shows Azerbaijan's real index, postures, " +
    'components and provenance from the API, without console errors',
  { skip },
  async () => {
    const page = await dashboard.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(`${dashboard.url}#/profile?state=AZE&year=${YEAR}&draws=${DRAWS}`);
    await settled(page);
    const expected = await api<Autonomy>(`api/autonomy?state=AZE&draws=${DRAWS}`);
    const doc = expected.results.find((r) => r.year === YEAR)!;
    assert.ok(doc && doc.index !== null);
    assert.equal(await page.getByTestId('state-name').textContent(), expected.state.name);
    assert.equal(await page.getByTestId('headline-index').textContent(), doc.index!.toFixed(3));
    assert.equal(await page.getByTestId('headline-posture').textContent(), label(doc.posture));
    // the posture band: one cell a year, each with the API's posture
    const cells = await page
      .getByTestId('posture-cell')
      .evaluateAll((els) =>
        els.map((e) => [Number(e.getAttribute('data-year')), e.getAttribute('data-posture')]),
      );
    assert.deepEqual(
      cells,
      expected.results.map((r) => [r.year, r.posture]),
    );
    assert.equal(await page.getByTestId('transition').count(), expected.transitions.length);
    // the year's components: the API's values, 'missing' (never 0) where there is none, and 'not
    // applicable' where the component does not apply
    for (const [c, v] of Object.entries(doc.components)) {
      assert.equal(
        await page.getByTestId(`component-row-${c}`).locator('td').first().textContent(),
        v.value === null
          ? (v as { applicable?: boolean }).applicable === false
            ? 'not applicable'
            : 'missing'
          : v.value.toFixed(2),
        c,
      );
    }
    assert.equal(
      await page.locator('[data-testid^="component-chart-"] svg').count(),
      Object.keys(doc.components).length,
    );
    // provenance on demand, from the keyboard
    const row = page.getByTestId('component-row-dependence');
    await row.locator('summary').focus();
    await page.keyboard.press('Enter');
    assert.match((await row.getByTestId('prov-dataset').first().textContent()) ?? '', /sipri_arms/);
    assert.ok(
      (await page.getByTestId('index-chart').locator('svg title').textContent())?.includes('interval'),
    );
    await screenshot(page, 'profile-AZE');
    assert.deepEqual(errors, []);
  },
);

test(
  "moving a weight slider re-computes and changes the displayed index (the API's number for those weights)",
  { skip },
  async () => {
    const page = await dashboard.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(`${dashboard.url}#/profile?state=AZE&year=${YEAR}&draws=${DRAWS}`);
    await settled(page);
    const before = await page.getByTestId('headline-index').textContent();
    // the component furthest from the index moves it most when its weight goes up
    const doc = (await api<Autonomy>(`api/autonomy?state=AZE&years=${YEAR}&draws=${DRAWS}`)).results[0]!;
    const [far] = Object.entries(doc.components)
      .filter(([, v]) => v.value !== null)
      .sort((a, b) => Math.abs(b[1].value! - doc.index!) - Math.abs(a[1].value! - doc.index!))[0]!;
    await page.getByTestId(`weight-${far}`).fill('1');
    await page.waitForFunction(
      (b) => {
        const h = document.querySelector('[data-testid="headline"]');
        return (
          h?.getAttribute('data-fresh') === 'true' &&
          h.querySelector('[data-testid="headline-index"]')?.textContent !== b
        );
      },
      before,
      { timeout: 30_000 },
    );
    const after = await page.getByTestId('headline-index').textContent();
    assert.notEqual(after, before);
    const weights = new URLSearchParams(new URL(page.url()).hash.split('?')[1]).get('weights');
    assert.match(weights ?? '', new RegExp(`${far}=1\\.00`));
    const reweighted = (
      await api<Autonomy>(`api/autonomy?state=AZE&years=${YEAR}&draws=${DRAWS}&weights=${weights}`)
    ).results[0]!;
    assert.equal(after, reweighted.index!.toFixed(3));
    await settled(page);
    // the series follows: the table of the index chart has the re-weighted index for the year
    assert.ok((await page.getByTestId('index-table').textContent())?.includes(reweighted.index!.toFixed(3)));
    assert.deepEqual(errors, []);
  },
);

test(
  "a weight change shows the server's index for those weights at once, " +
    'computed in the page, and says the interval is being recomputed',
  { skip },
  async () => {
    const page = await dashboard.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(`${dashboard.url}#/profile?state=AZE&year=${YEAR}&draws=${DRAWS}`);
    await settled(page);
    const defaults = await api<Autonomy & { settings: { weights: Record<string, number> } }>(
      `api/autonomy?state=AZE&years=${YEAR}&draws=${DRAWS}`,
    );
    const doc = defaults.results[0]!;
    const [far] = Object.entries(doc.components)
      .filter(([, v]) => v.value !== null)
      .sort((a, b) => Math.abs(b[1].value! - doc.index!) - Math.abs(a[1].value! - doc.index!))[0]!;
    const weights = Object.entries(defaults.settings.weights)
      .map(([c, w]) => `${c}=${(c === far ? 0.9 : w).toFixed(2)}`)
      .join(',');
    const expected = (
      await api<Autonomy>(`api/autonomy?state=AZE&years=${YEAR}&draws=${DRAWS}&weights=${weights}`)
    ).results[0]!;
    // Hold the server's answers back, so that what shows meanwhile can only come from the page.
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    await page.route(/\/api\/autonomy\?.*weights=/, async (route) => {
      await held;
      await route.continue();
    });
    await page.getByTestId(`weight-${far}`).fill('0.9');
    await page.locator('[data-testid="headline"][data-local="true"]').waitFor({ timeout: 5_000 });
    assert.equal(await page.getByTestId('headline-index').textContent(), expected.index!.toFixed(3));
    assert.equal(await page.getByTestId('headline').getAttribute('data-fresh'), 'false');
    assert.equal(await page.getByTestId('headline-interval').textContent(), 'recomputing…');
    assert.match((await page.getByTestId('index-note').textContent()) ?? '', /recomputed here/);
    release();
    await settled(page);
    assert.equal(await page.getByTestId('headline-index').textContent(), expected.index!.toFixed(3));
    assert.equal(await page.getByTestId('headline-posture').textContent(), label(expected.posture));
    assert.deepEqual(errors, []);
  },
);

test('the state and weights are labelled controls that work from the keyboard', { skip }, async () => {
  const page = await dashboard.browser.newPage();
  const errors = watchErrors(page);
  await page.goto(`${dashboard.url}#/profile?state=AZE&year=${YEAR}&draws=${DRAWS}`);
  await page.locator('[data-testid="headline"][data-fresh="true"]').waitFor({ timeout: 90_000 });
  const slider = page.getByRole('slider', { name: 'Voice (rule-maker, not rule-taker)' });
  const out = page.locator('#w-voice-out');
  const was = await out.textContent();
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  assert.notEqual(await out.textContent(), was);
  await page.getByRole('combobox', { name: /^State\b/ }).selectOption('ARM');
  await page.waitForFunction(
    () => document.querySelector('[data-testid="state-name"]')?.textContent === 'Armenia',
    null,
    { timeout: 90_000 },
  );
  await page.locator('[data-testid="headline"][data-fresh="true"]').waitFor({ timeout: 90_000 });
  assert.deepEqual(errors, []);
});

test(
  "the home page maps every scored state's posture for a year and opens a profile from the keyboard",
  { skip },
  async () => {
    const page = await dashboard.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(`${dashboard.url}#/?year=${YEAR}`);
    await page.locator('[data-testid="world-map"] a.country-link').first().waitFor();
    const postures = await api<{ year: number; states: Array<{ state: string; posture: string }> }>(
      `api/postures?year=${YEAR}`,
    );
    const aze = postures.states.find((s) => s.state === 'AZE')!;
    const link = page.locator('[data-testid="world-map"] a[data-state="AZE"]');
    assert.equal(await link.locator('path').getAttribute('class'), `country pc-${aze.posture}`);
    assert.ok((await page.locator('[data-testid="world-map"] a.country-link').count()) > 150);
    assert.match(
      (await page.getByTestId('home-summary').textContent()) ?? '',
      new RegExp(`\\(${postures.states.length} states scored\\)`),
    );
    await screenshot(page, 'home');
    // another year, by the labelled select
    await page.getByTestId('home-year').selectOption(String(YEAR - 10));
    await page.waitForFunction(
      (y) => document.querySelector('[data-testid="home-summary"]')?.textContent?.startsWith(`In ${y}:`),
      YEAR - 10,
    );
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="state-name"]')?.textContent === 'Azerbaijan',
    );
    assert.match(page.url(), /#\/profile\?state=AZE/);
    assert.deepEqual(errors, []);
  },
);

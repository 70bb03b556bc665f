import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { loadKnowledgeBase } from '../../src/kb/knowledge-base.ts';
import { timeline } from '../../src/kb/timeline.ts';
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

test(
  "the evidence timeline shows Azerbaijan's dated facts with their sources, without console errors",
  { skip },
  async () => {
    const page = await browser!.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server!.url}#/timeline?state=AZE`);
    await page.getByTestId('fact').first().waitFor();
    assert.equal(await page.getByTestId('state-name').textContent(), 'Azerbaijan');
    const expected = timeline(loadKnowledgeBase(), { state: 'AZE' }).length;
    assert.ok(expected > 0);
    assert.match(
      (await page.getByTestId('fact-count').textContent()) ?? '',
      new RegExp(`of ${expected} facts`),
    );
    const first = page.getByTestId('fact').first();
    assert.match((await first.locator('time').first().getAttribute('datetime')) ?? '', /^\d{4}/);
    await first.locator('summary').click();
    assert.ok((await first.locator('.sources li').count()) > 0);
    await screenshot(page, 'timeline-AZE');
    assert.deepEqual(errors, []);
  },
);

test("changing the state from the keyboard loads that state's facts", { skip }, async () => {
  const page = await browser!.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server!.url}#/timeline?state=AZE`);
  await page.getByTestId('fact').first().waitFor();
  await page.getByLabel('State', { exact: true }).selectOption('ARM');
  await page.waitForFunction(
    () => document.querySelector('[data-testid="state-name"]')?.textContent === 'Armenia',
  );
  assert.deepEqual(errors, []);
});

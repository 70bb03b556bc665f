import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dashboardSkip, useDashboard } from '../helpers/dashboard.ts';
import { screenshot, watchErrors } from '../helpers/browser.ts';
import { axeViolations, pageOverflow, settledPage } from '../helpers/audit.ts';

// Every page of the dashboard, audited as a phone (390×844) and a laptop (1440×900) see it: the WCAG 2.1
// A/AA rules axe-core can check automatically, and no sideways scrolling of the page itself.
const skip = dashboardSkip;
const dashboard = useDashboard();

const PAGES: Array<[string, string]> = [
  ['home', '#/'],
  ['profile', '#/profile?state=AZE&year=2020&draws=50'],
  ['compare', '#/compare?states=AZE,GEO,ARM&year=2020&draws=50'],
  ['rankings', '#/rankings?year=2020'],
  ['timeline', '#/timeline?state=AZE'],
  ['corridors', '#/corridors'],
  ['alignment', '#/alignment?state=AZE'],
  ['network', '#/network'],
  ['scenarios', '#/scenarios'],
  ['docs', '#/docs/METHODOLOGY?section=6'],
  ['datasets', '#/datasets?id=atop'],
];
const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'laptop', width: 1440, height: 900 },
];

for (const viewport of VIEWPORTS)
  for (const [name, hash] of PAGES)
    test(
      `${name} at ${viewport.width} px: no WCAG A/AA violation, no page-level horizontal overflow`,
      { skip },
      async () => {
        const page = await dashboard.browser.newPage({
          viewport: { width: viewport.width, height: viewport.height },
        });
        const errors = watchErrors(page);
        try {
          await page.goto(`${dashboard.url}${hash}`);
          await settledPage(page);
          await screenshot(page, `audit-${name}-${viewport.name}`);
          const violations = await axeViolations(page);
          const { overflow, widest } = await pageOverflow(page);
          assert.deepEqual(violations, [], `${name}: accessibility violations`);
          assert.ok(
            overflow <= 0,
            `${name}: the page scrolls sideways by ${overflow} px: ${widest.join(', ')}`,
          );
          assert.deepEqual(errors, []);
        } finally {
          await page.close();
        }
      },
    );

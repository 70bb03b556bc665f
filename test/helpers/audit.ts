import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe-core's WCAG 2.0/2.1 A and AA rules on the page as it stands and lists what fails. */
export async function axeViolations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> } })
      .axe;
    const result = (await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })) as {
      violations: Array<{
        id: string;
        impact: string | null;
        help: string;
        nodes: Array<{ target: unknown[] }>;
      }>;
    };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(' ')),
    }));
  });
}

/** How far the page itself scrolls sideways (0 when nothing sticks out of the viewport). */
export async function pageOverflow(page: Page): Promise<{ overflow: number; widest: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const overflow = document.documentElement.scrollWidth - width;
    // The elements whose right edge passes the viewport, for a useful failure message.
    const widest = Array.from(document.querySelectorAll('body *'))
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .filter((el) => !el.closest('.scroll-x'))
      .slice(0, 8)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}.${Array.from(el.classList).join('.')} ` +
          `${Math.round(el.getBoundingClientRect().width)}px`,
      );
    return { overflow, widest };
  });
}

/** Waits until the page has nothing marked busy and no "Loading…" line (pages mark what is pending). */
export async function settledPage(page: Page, timeout = 300_000): Promise<void> {
  // Pages mark what they wait for, so network quiet is only a hint (a slow chart chunk, say).
  await page.waitForLoadState('networkidle', { timeout: 20_000 }).catch(() => undefined);
  await page.waitForFunction(
    () => {
      const main = document.querySelector('main');
      if (!main || !main.textContent?.trim()) return false;
      return !main.querySelector('[aria-busy="true"]') && !/Loading/.test(main.textContent);
    },
    null,
    { timeout, polling: 250 },
  );
}

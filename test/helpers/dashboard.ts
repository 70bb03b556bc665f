import { existsSync } from 'node:fs';
import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { FrameworkSession } from '../../src/framework/session.ts';
import { webDist } from '../../src/server/app.ts';
import { serve } from '../../src/server/serve.ts';
import type { Store } from '../../src/store/store.ts';
import { browserSkip, launch } from './browser.ts';
import { hasSharedData } from './paths.ts';
import { realDataStore } from './store.ts';

/** Why a dashboard test on the real data cannot run here, or false when it can. */
export const dashboardSkip: string | false =
  browserSkip ||
  (existsSync(webDist) ? false : 'dashboard not built (npm run build:web)') ||
  (hasSharedData ? false : 'no ../shared/data');

export interface Dashboard {
  url: string;
  store: Store;
  browser: Browser;
  close: () => Promise<void>;
}

/** The dashboard served over the real datasets (imported once by `data pull`), with a browser. */
export async function dashboardOnRealData(): Promise<Dashboard> {
  const real = await realDataStore();
  const framework = await FrameworkSession.open(real.store, real.kb, real.registry);
  const server = await serve(
    real.kb,
    real.registry,
    { host: '127.0.0.1', port: 0 },
    { store: real.store, framework },
  );
  const browser = await launch();
  return {
    url: server.url,
    store: real.store,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
      real.store.close();
    },
  };
}

/**
 * Opens the dashboard before the file's tests and closes it after them (nothing is opened when
 * the tests are skipped). The fields throw if read while it is not open.
 */
export function useDashboard(): Pick<Dashboard, 'url' | 'store' | 'browser'> {
  let open: Dashboard | undefined;
  before(async () => {
    if (!dashboardSkip) open = await dashboardOnRealData();
  });
  after(() => open?.close());
  const need = (): Dashboard => {
    if (!open) throw new Error('the dashboard is not open (are these tests skipped?)');
    return open;
  };
  return {
    get url() {
      return need().url;
    },
    get store() {
      return need().store;
    },
    get browser() {
      return need().browser;
    },
  };
}

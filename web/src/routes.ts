import { useEffect, useState } from 'preact/hooks';
import { html } from './html.ts';

type Page = (props: { params: URLSearchParams }) => unknown;

/**
 * Each page is its own chunk, loaded when first visited: the first page a reader opens then carries
 * neither the other pages nor their libraries (Observable Plot, sigma, the corridor geometry).
 */
const loaders: Record<string, () => Promise<Page>> = {
  home: () => import('./pages/home.ts').then((m) => m.HomePage),
  profile: () => import('./pages/profile.ts').then((m) => m.ProfilePage),
  compare: () => import('./pages/compare.ts').then((m) => m.ComparePage),
  timeline: () => import('./pages/timeline.ts').then((m) => m.TimelinePage),
  corridors: () => import('./pages/corridors.ts').then((m) => m.CorridorsPage),
  alignment: () => import('./pages/alignment.ts').then((m) => m.AlignmentPage),
  network: () => import('./pages/network.ts').then((m) => m.NetworkPage),
  scenarios: () => import('./pages/scenarios.ts').then((m) => m.ScenariosPage),
  rankings: () => import('./pages/rankings.ts').then((m) => m.RankingsPage),
  docs: () => import('./pages/docs.ts').then((m) => m.DocsPage),
  datasets: () => import('./pages/datasets.ts').then((m) => m.DatasetsPage),
};

const pending = new Map<string, Promise<Page>>();
const ready = new Map<string, Page>();

/** Starts loading a page's chunk (also used to fetch it ahead, when a link is pointed at or focused). */
export function loadPage(id: string): Promise<Page> | null {
  const load = loaders[id];
  if (!load) return null;
  let p = pending.get(id);
  if (!p) {
    p = load().then((page) => {
      ready.set(id, page);
      return page;
    });
    // A failed chunk (a redeploy, a dropped connection) is tried afresh on the next visit.
    p.catch(() => pending.delete(id));
    pending.set(id, p);
  }
  return p;
}

/** The page of a route, rendered at once when its chunk is already here and after it arrives otherwise. */
export function RoutePage({ id, params }: { id: string; params: URLSearchParams }) {
  const [, setLoaded] = useState(0);
  const [failed, setFailed] = useState<string | null>(null);
  const page = ready.get(id);
  useEffect(() => {
    setFailed(null);
    if (ready.has(id)) return;
    let live = true;
    loadPage(id)?.then(
      () => live && setLoaded((n) => n + 1),
      (e: Error) => live && setFailed(e.message),
    );
    return () => {
      live = false;
    };
  }, [id]);
  if (!loaders[id]) return html`<p>Unknown page.</p>`;
  if (failed)
    return html`<p role="alert"
      class="error">This page could not be loaded (${failed}); reload to try again.</p>`;
  if (!page) return html`<p class="muted" aria-busy="true">Loading the page…</p>`;
  return html`<${page} params=${params} />`;
}

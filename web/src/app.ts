import { useEffect, useState } from 'preact/hooks';
import { html } from './html.ts';
import { TimelinePage } from './pages/timeline.ts';
import { CorridorsPage } from './pages/corridors.ts';
import { AlignmentPage } from './pages/alignment.ts';
import { NetworkPage } from './pages/network.ts';
import { HomePage } from './pages/home.ts';
import { ProfilePage } from './pages/profile.ts';
import { ComparePage } from './pages/compare.ts';
import { ScenariosPage } from './pages/scenarios.ts';

interface Route { page: string; params: URLSearchParams }

function currentRoute(): Route {
  const [page = 'home', query = ''] = window.location.hash.replace(/^#\/?/, '').split('?');
  return { page: page || 'home', params: new URLSearchParams(query) };
}

const pages: Array<{ id: string; label: string }> = [{ id: 'profile', label: 'State profile' }, { id: 'compare', label: 'Compare' }, { id: 'timeline', label: 'Evidence timeline' }, { id: 'corridors', label: 'Corridors' }, { id: 'alignment', label: 'Alignment' }, { id: 'network', label: 'Network' }, { id: 'scenarios', label: 'Scenarios' }];

/** Hash routing keeps every view linkable and works from the static build without server rewrites. */
export function App() {
  const [route, setRoute] = useState(currentRoute());
  useEffect(() => {
    const onHash = () => setRoute(currentRoute());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return html`
    <header class="top">
      <a class="brand" href="#/">Interconnector</a>
      <nav aria-label="Pages">
        ${pages.map((p) => html`<a href=${`#/${p.id}`} aria-current=${route.page === p.id ? 'page' : undefined}>${p.label}</a>`)}
      </nav>
    </header>
    <main id="main">
      ${route.page === 'home' ? html`<${HomePage} params=${route.params} />`
        : route.page === 'profile' ? html`<${ProfilePage} params=${route.params} />`
        : route.page === 'compare' ? html`<${ComparePage} params=${route.params} />`
        : route.page === 'timeline' ? html`<${TimelinePage} params=${route.params} />`
        : route.page === 'corridors' ? html`<${CorridorsPage} params=${route.params} />`
        : route.page === 'alignment' ? html`<${AlignmentPage} params=${route.params} />`
        : route.page === 'network' ? html`<${NetworkPage} params=${route.params} />`
        : route.page === 'scenarios' ? html`<${ScenariosPage} params=${route.params} />`
        : html`<p>Unknown page.</p>`}
    </main>
    <footer>Every figure links to its dataset or cited source. Methodology: docs/METHODOLOGY.md.</footer>`;
}

import { useEffect, useState } from 'preact/hooks';
import { html } from './html.ts';
import { loadPage, RoutePage } from './routes.ts';

interface Route {
  page: string;
  params: URLSearchParams;
}

function currentRoute(): Route {
  const [page = 'home', query = ''] = window.location.hash.replace(/^#\/?/, '').split('?');
  return { page: page || 'home', params: new URLSearchParams(query) };
}

const pages: Array<{ id: string; label: string }> = [
  { id: 'profile', label: 'State profile' },
  { id: 'compare', label: 'Compare' },
  { id: 'timeline', label: 'Evidence timeline' },
  { id: 'corridors', label: 'Corridors' },
  { id: 'alignment', label: 'Alignment' },
  { id: 'network', label: 'Network' },
  { id: 'scenarios', label: 'Scenarios' },
];

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
        ${pages.map(
          (p) => html`<a href=${`#/${p.id}`} aria-current=${route.page === p.id ? 'page' : undefined}
          onPointerEnter=${() => void loadPage(p.id)} onFocus=${() => void loadPage(p.id)}>${p.label}</a>`,
        )}
      </nav>
    </header>
    <main id="main">
      <${RoutePage} id=${route.page} params=${route.params} />
    </main>
    <footer>Every figure links to its dataset or cited source. Methodology: docs/METHODOLOGY.md.</footer>`;
}

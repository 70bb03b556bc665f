import { useEffect, useState } from 'preact/hooks';
import { html } from './html.ts';
import { loadPage, RoutePage } from './routes.ts';

interface Route {
  page: string;
  params: URLSearchParams;
}

function currentRoute(): Route {
  const [path = 'home', query = ''] = window.location.hash.replace(/^#\/?/, '').split('?');
  // #/docs/NAME is the document NAME; other pages take their state from the query.
  const [page = 'home', ...rest] = path.split('/');
  const params = new URLSearchParams(query);
  if (rest.length) params.set('doc', rest.join('/'));
  return { page: page || 'home', params };
}

/** The skip link moves the focus itself: with hash routing, following "#main" would change the page. */
function skipToMain(e: Event) {
  e.preventDefault();
  document.getElementById('main')?.focus();
}

const pages: Array<{ id: string; label: string }> = [
  { id: 'profile', label: 'State profile' },
  { id: 'compare', label: 'Compare' },
  { id: 'rankings', label: 'Rankings' },
  { id: 'timeline', label: 'Evidence timeline' },
  { id: 'corridors', label: 'Corridors' },
  { id: 'alignment', label: 'Alignment' },
  { id: 'network', label: 'Network' },
  { id: 'scenarios', label: 'Scenarios' },
  { id: 'docs', label: 'Methodology' },
];

/** Hash routing keeps every view linkable and works from the static build without server rewrites. */
export function App() {
  const [route, setRoute] = useState(currentRoute());
  useEffect(() => {
    const onHash = () => setRoute(currentRoute());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  // A new page's heading takes the focus from the link that opened it, so keyboard and screen-reader
  // users start reading the page rather than the navigation again.
  useEffect(() => {
    if (document.activeElement?.closest('nav')) document.getElementById('main')?.focus();
  }, [route.page]);
  return html`<a class="skip-link" href="#main" onClick=${skipToMain}>Skip to the content</a>
    <header class="top">
      <a class="brand" href="#/">Interconnector</a>
      <nav aria-label="Pages">
        ${pages.map(
          (p) => html`<a href=${`#/${p.id}`} aria-current=${route.page === p.id ? 'page' : undefined}
          onPointerEnter=${() => void loadPage(p.id)} onFocus=${() => void loadPage(p.id)}>${p.label}</a>`,
        )}
      </nav>
    </header>
    <main id="main" tabindex="-1">
      <${RoutePage} id=${route.page} params=${route.params} />
    </main>
    <footer>
      Every figure links to its dataset or cited source. How each number is made:
      <a href="#/docs/METHODOLOGY">the methodology</a>; where the measurements differ from the article:
      <a href="#/docs/METHODOLOGY?section=6">§6</a>; the API: <a href="/api/openapi.json">OpenAPI</a>.
    </footer>`;
}

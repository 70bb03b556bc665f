import { html } from './html.ts';

/** The API address of a table with its query, in the format asked for. */
export function apiUrl(
  path: string,
  params: Record<string, string | number | undefined>,
  format: 'csv' | 'json',
): string {
  const q = new URLSearchParams(
    Object.entries(params)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => [k, String(v)]),
  );
  if (format === 'csv') q.set('format', 'csv');
  return `${path}?${q}`;
}

/** Download links for the table a page shows: the same API query, as CSV or JSON. */
export function Downloads({
  path,
  params,
  what,
  testid = 'downloads',
}: {
  path: string;
  params: Record<string, string | number | undefined>;
  what: string;
  testid?: string;
}) {
  const base = path.replace(/^\/api\//, '').replace(/\W+/g, '-');
  return html`<p class="downloads" data-testid=${testid}>
    <span>Download ${what}:</span>
    <a href=${apiUrl(path, params, 'csv')} download=${`interconnector-${base}.csv`} data-format="csv">CSV</a>
    <a href=${apiUrl(path, params, 'json')} download=${`interconnector-${base}.json`} data-format="json"
      >JSON</a
    >
  </p>`;
}

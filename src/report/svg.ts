/** Small inline SVG charts for the self-contained report (no scripts, no external assets). */

export const POSTURE_COLOURS: Record<string, string> = {
  aligned: '#D55E00',
  'integration-seeking': '#56B4E9',
  balanced: '#E69F00',
  'strategic-autonomy': '#009E73',
  neutral: '#999999',
  'great-power': '#CC79A7',
};

export const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export interface SeriesPoint {
  year: number;
  value: number | null;
  lo?: number | null;
  hi?: number | null;
}

/** A line with its interval band over years; gaps where the value is missing. */
export function lineChart(
  points: SeriesPoint[],
  opts: { title: string; width?: number; height?: number; yLabel?: string },
): string {
  const width = opts.width ?? 640,
    height = opts.height ?? 220,
    m = { l: 40, r: 10, t: 10, b: 28 };
  const years = points.map((p) => p.year);
  const x0 = Math.min(...years),
    x1 = Math.max(...years);
  const sx = (y: number) => m.l + ((y - x0) / Math.max(1, x1 - x0)) * (width - m.l - m.r);
  const sy = (v: number) => height - m.b - v * (height - m.t - m.b);
  const segments: string[] = [];
  let current: string[] = [];
  for (const p of points) {
    if (p.value === null) {
      if (current.length) segments.push(current.join(' '));
      current = [];
      continue;
    }
    current.push(`${current.length ? 'L' : 'M'}${sx(p.year).toFixed(1)},${sy(p.value).toFixed(1)}`);
  }
  if (current.length) segments.push(current.join(' '));
  const band = points.filter((p) => p.lo != null && p.hi != null);
  const bandPath =
    band.length > 1
      ? `M${band.map((p) => `${sx(p.year).toFixed(1)},${sy(p.hi!).toFixed(1)}`).join(' L')} L${[...band]
          .reverse()
          .map((p) => `${sx(p.year).toFixed(1)},${sy(p.lo!).toFixed(1)}`)
          .join(' L')} Z`
      : '';
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map(
      (v) =>
        `<line x1="${m.l}" x2="${width - m.r}" y1="${sy(v)}" y2="${sy(v)}" stroke="#ddd"/><text ` +
        `x="${m.l - 6}" y="${sy(v) + 4}" text-anchor="end" font-size="10">${v}</text>`,
    )
    .join('');
  const step = Math.max(1, Math.ceil((x1 - x0) / 10));
  const xticks = years
    .filter((y) => (y - x0) % step === 0)
    .map((y) => `<text x="${sx(y)}" y="${height - 8}" text-anchor="middle" font-size="10">${y}</text>`)
    .join('');
  return (
    `<svg role="img" aria-label="${escapeHtml(opts.title)}" viewBox="0 0 ${width} ${height}" ` +
    `width="100%" style="max-width:${width}px"><title>${escapeHtml(opts.title)}</title>${ticks}` +
    `${xticks}${bandPath ? `<path d="${bandPath}" fill="#0072B2" fill-opacity="0.15"/>` : ''}` +
    `${segments.map((d) => `<path d="${d}" fill="none" stroke="#0072B2" stroke-width="2"/>`).join('')}` +
    '</svg>'
  );
}

/** One coloured cell per year, labelled, with a legend. */
export function postureBand(rows: Array<{ year: number; posture: string }>, title: string): string {
  const width = 640,
    cell = (width - 40) / Math.max(1, rows.length),
    height = 54;
  const cells = rows
    .map(
      (r, i) =>
        `<rect x="${40 + i * cell}" y="4" width="${Math.max(1, cell - 1)}" height="22" fill="` +
        `${POSTURE_COLOURS[r.posture] ?? '#ccc'}"><title>${r.year}: ${r.posture}</title></rect>`,
    )
    .join('');
  const step = Math.max(1, Math.ceil(rows.length / 10));
  const labels = rows
    .filter((_, i) => i % step === 0)
    .map(
      (r) =>
        `<text x="${40 + rows.indexOf(r) * cell + cell / 2}" y="42" ` +
        `text-anchor="middle" font-size="10">${r.year}</text>`,
    )
    .join('');
  const present = [...new Set(rows.map((r) => r.posture))];
  const legend = present
    .map((p) => `<span class="swatch" style="background:${POSTURE_COLOURS[p]}"></span>${escapeHtml(p)}`)
    .join(' ');
  return (
    `<svg role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ` +
    `${height}" width="100%" style="max-width:${width}px"><title>${escapeHtml(title)}` +
    `</title>${cells}${labels}</svg><p class="legend">${legend}</p>`
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';
import type * as PlotNs from '@observablehq/plot';
import { html } from '../html.ts';

export type PlotModule = typeof PlotNs;
let plotModule: Promise<PlotModule> | null = null;
/** Observable Plot is the largest dependency: loaded on first use, once, so pages paint before it arrives. */
export function loadPlot(): Promise<PlotModule> {
  plotModule ??= import('@observablehq/plot');
  return plotModule;
}

const SVG = 'http://www.w3.org/2000/svg';
const fmt2 = (x: number | null | undefined): string =>
  x === null || x === undefined || Number.isNaN(x) ? 'missing' : x.toFixed(2);
export const fmt = (x: number | null | undefined, d = 3): string =>
  x === null || x === undefined || Number.isNaN(x) ? 'missing' : x.toFixed(d);
export { fmt2 };

/**
 * One Observable Plot chart, rebuilt only when `deps` changes (a string key of its data), never on
 * other re-renders. The selected year is an overlay line moved in place, so selecting a year costs
 * an attribute update rather than a new chart.
 */
export function PlotFigure({
  build,
  deps,
  label,
  description,
  highlight,
  testid,
  className = 'plot',
}: {
  build: (Plot: PlotModule, width: number) => Element;
  deps: string;
  label: string;
  description?: string;
  highlight?: number | null;
  testid?: string;
  className?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<{
    svg: SVGSVGElement;
    x: ((v: number) => number) | null;
    y: [number, number];
    line: SVGLineElement;
  } | null>(null);
  const [built, setBuilt] = useState(0);

  useEffect(() => {
    let live = true;
    void loadPlot().then((Plot) => {
      const host = ref.current;
      if (!live || !host) return;
      const el = build(Plot, Math.max(240, host.clientWidth || 600));
      const svg = (el.tagName.toLowerCase() === 'svg' ? el : el.querySelector('svg')) as SVGSVGElement | null;
      if (svg) {
        // Plot labels its mark groups (aria-label on <g>), which ARIA forbids on elements without a
        // role; the chart is one image with a text alternative, so the inner labels go.
        for (const g of Array.from(svg.querySelectorAll('[aria-label]'))) {
          g.setAttribute('data-mark', g.getAttribute('aria-label')!);
          g.removeAttribute('aria-label');
        }
        svg.setAttribute('role', 'img');
        svg.setAttribute('aria-label', label);
        const title = document.createElementNS(SVG, 'title');
        title.textContent = description ? `${label}. ${description}` : label;
        svg.insertBefore(title, svg.firstChild);
        const line = document.createElementNS(SVG, 'line');
        line.setAttribute('class', 'year-highlight');
        line.setAttribute('aria-hidden', 'true');
        svg.appendChild(line);
        const p = el as unknown as {
          scale?: (n: string) => { apply: (v: unknown) => number; range?: number[] } | undefined;
        };
        const xs = p.scale?.('x');
        const ys = p.scale?.('y');
        const yr = (ys?.range ?? [0, Number(svg.getAttribute('height') ?? 0)]) as number[];
        chart.current = {
          svg,
          x: xs ? (v: number) => xs.apply(v) : null,
          y: [Math.min(...yr), Math.max(...yr)],
          line,
        };
      }
      host.replaceChildren(el);
      setBuilt((n) => n + 1);
    });
    return () => {
      live = false;
    };
  }, [deps]);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const x = highlight !== null && highlight !== undefined && c.x ? c.x(highlight) : NaN;
    if (Number.isNaN(x)) {
      c.line.setAttribute('visibility', 'hidden');
      return;
    }
    c.line.setAttribute('visibility', 'visible');
    for (const [k, v] of [
      ['x1', x],
      ['x2', x],
      ['y1', c.y[0]],
      ['y2', c.y[1]],
    ] as const)
      c.line.setAttribute(k, String(v));
  }, [highlight, built]);

  const save = (format: 'svg' | 'png') => {
    const svg = chart.current?.svg;
    if (svg) void saveChart(svg, label, format);
  };
  // The inner div belongs to Plot alone: Preact never diffs its children.
  return html`<div class=${className} data-testid=${testid} aria-busy=${built === 0 ? 'true' : undefined}>
    <div class="plot-host" ref=${ref}></div>
    ${built === 0 ? html`<p class="muted">Drawing…</p>` : null}
    ${
      built > 0 && chart.current
        ? html`<p class="downloads chart-save">
            <span>Save chart:</span>
            <button type="button" data-testid="save-svg" onClick=${() => save('svg')}>SVG</button>
            <button type="button" data-testid="save-png" onClick=${() => save('png')}>PNG</button>
          </p>`
        : null
    }
  </div>`;
}

const fileName = (label: string, ext: string) =>
  `${label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80)}.${ext}`;

function download(blob: Blob, name: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/**
 * Saves a chart as SVG (the drawing itself, with Plot's embedded style) or as PNG at twice its size
 * on a white background, named after the chart's label.
 */
export async function saveChart(svg: SVGSVGElement, label: string, format: 'svg' | 'png'): Promise<void> {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', SVG);
  copy.querySelector('.year-highlight')?.remove();
  const text = new XMLSerializer().serializeToString(copy);
  const blob = new Blob([text], { type: 'image/svg+xml' });
  if (format === 'svg') return download(blob, fileName(label, 'svg'));
  const { width, height } = svg.getBoundingClientRect();
  const img = new Image();
  const url = URL.createObjectURL(blob);
  await new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = () => reject(new Error('the chart could not be drawn as an image'));
    img.src = url;
  });
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * 2);
  canvas.height = Math.round(height * 2);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  URL.revokeObjectURL(url);
  const png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (png) download(png, fileName(label, 'png'));
}

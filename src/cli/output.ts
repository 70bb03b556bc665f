import { cellText, toCsv } from '../output/csv.ts';
export type Format = 'table' | 'json' | 'csv';
export type Cell = string | number | boolean | null | undefined;

export interface PrintOptions {
  /** Column order for table and csv; defaults to the keys of the first row. */
  columns?: string[];
  /** Title line printed above a table (never in json or csv). */
  title?: string;
}

export function toTable(rows: Record<string, unknown>[], columns: string[]): string {
  const cells = rows.map((r) => columns.map((c) => cellText(r[c])));
  const widths = columns.map((c, i) =>
    Math.min(60, Math.max(c.length, ...cells.map((row) => row[i]!.length))),
  );
  const fit = (t: string, w: number) => (t.length > w ? `${t.slice(0, w - 1)}…` : t.padEnd(w));
  const line = (row: string[]) =>
    row
      .map((t, i) => fit(t, widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(columns), line(widths.map((w) => '─'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}

/**
 * Renders a result in the chosen format. `json` prints the document as given (one JSON document);
 * `table` and `csv` need rows, so a non-array document is printed as key/value rows.
 */
export function render(data: unknown, format: Format, options: PrintOptions = {}): string {
  if (format === 'json') return JSON.stringify(data, null, 2) + '\n';
  const rows: Record<string, unknown>[] = Array.isArray(data)
    ? (data as Record<string, unknown>[])
    : Object.entries(data as Record<string, unknown>).map(([key, value]) => ({ key, value }));
  const columns = options.columns ?? Object.keys(rows[0] ?? {});
  if (format === 'csv') return toCsv(rows, columns);
  if (rows.length === 0) return `${options.title ? `${options.title}\n` : ''}(no rows)\n`;
  return (options.title ? `${options.title}\n` : '') + toTable(rows, columns);
}

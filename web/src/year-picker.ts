import { html } from './html.ts';

/** A labelled select of years; `onChange` gets the chosen year as a number. */
export function YearPicker({
  label,
  value,
  years,
  onChange,
  testid,
}: {
  label: string;
  value: number | null;
  years: number[];
  onChange: (year: number) => void;
  testid: string;
}) {
  return html`<label>${label}
    <select value=${value ?? ''} data-testid=${testid}
      onChange=${(e: Event) => onChange(Number((e.target as HTMLSelectElement).value))}>
      ${years.map((y) => html`<option value=${y}>${y}</option>`)}
    </select>
  </label>`;
}

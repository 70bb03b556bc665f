import { getJson, type StateRow } from './api.ts';
import { html } from './html.ts';

export function StatePicker({
  value,
  onChange,
  states,
  label = 'State',
  testid,
  placeholder,
}: {
  value: string;
  onChange: (iso3: string) => void;
  states: StateRow[];
  label?: string;
  testid?: string;
  placeholder?: string;
}) {
  return html`<label>${label}
    <select value=${value} data-testid=${testid}
      onChange=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}>
      ${placeholder ? html`<option value="">${placeholder}</option>` : null}
      ${
        states.length === 0
          ? html`<option value=${value}>${value}</option>`
          : states.map(
              (s) => html`<option
        value=${s.iso3}>${s.name}</option>`,
            )
      }
    </select>
  </label>`;
}

let statesList: Promise<StateRow[]> | null = null;
/** The state list, fetched once per session; only states with an ISO3 code can be profiled. */
export function loadStates(): Promise<StateRow[]> {
  statesList ??= getJson<{ states: StateRow[] }>('/api/states').then((r) =>
    r.states.filter((s) => s.iso3).sort((a, b) => a.name.localeCompare(b.name)),
  );
  return statesList;
}

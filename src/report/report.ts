import { COMPONENTS, PRINCIPLE } from '../framework/autonomy/components.ts';
import type { AutonomyRun, StateYearResult, Transition } from '../framework/autonomy/run.ts';
import { coverageChanges } from '../framework/coverage/index.ts';
import { listScenarios, transitUnder } from '../framework/corridors/queries.ts';
import type { FrameworkSession } from '../framework/session.ts';
import type { Provenance } from '../framework/types.ts';
import { linkFor } from '../kb/links.ts';
import type { Source } from '../kb/schema.ts';
import type { StateRecord } from '../states/registry.ts';
import { version } from '../version.ts';
import { escapeHtml as h, lineChart, postureBand, POSTURE_COLOURS } from './svg.ts';

export interface ReportOptions {
  years: [number, number];
  draws: number;
  seed: number;
}

const fmt = (x: number | null | undefined, d = 2) => (x === null || x === undefined ? '—' : x.toFixed(d));

function provenanceText(p: Provenance): string {
  const parts = [
    p.dataset && `${p.dataset}${p.version ? ` ${p.version}` : ''}`,
    p.sha256 && `sha256 ${p.sha256}`,
    p.rows !== undefined && `${p.rows} rows`,
    p.covers && `covers ${p.covers.join('–')}`,
    p.note,
  ].filter(Boolean);
  const facts = p.facts?.length
    ? `facts ${p.facts.map((f) => `<a href="#fact-${h(f)}">${h(f)}</a>`).join(', ')}`
    : '';
  return [h(parts.join(', ')), facts].filter(Boolean).join('; ');
}

/**
 * Transit through the state under each corridor scenario, against the baseline (the article's disruptions).
 */
function corridorRisks(iso3: string): Array<{ id: string; name: string; mt: number; baseline: number }> {
  const baseline = transitUnder().assignment.transit.find((t) => t.country === iso3)?.mt ?? 0;
  return listScenarios().map((s) => ({
    id: s.id,
    name: s.name,
    mt: transitUnder({ scenarios: [s.id] }).assignment.transit.find((t) => t.country === iso3)?.mt ?? 0,
    baseline,
  }));
}

/**
 * A self-contained brief of the framework for one state: posture and index over time, the three
 * principles with their evidence, corridor risks, every number with its source, and a methodology
 * appendix. One HTML file with inline SVG and CSS, readable offline and printable to PDF.
 */
export function buildReport(session: FrameworkSession, state: StateRecord, opts: ReportOptions): string {
  const run = session.autonomy({
    years: opts.years,
    draws: opts.draws,
    seed: opts.seed,
    focus: [state.ccode],
  });
  const rows = run.results.filter((r) => r.ccode === state.ccode).sort((a, b) => a.year - b.year);
  if (rows.length === 0)
    throw new RangeError(`${state.name} was not in the international system in ${opts.years.join('–')}`);
  const latest = [...rows].reverse().find((r) => r.index !== null) ?? rows[rows.length - 1]!;
  const transitions = run.transitions.filter((t) => t.state === latest.state);
  const kb = session.inputs.kb;
  const cited = new Set(
    COMPONENTS.flatMap((c) => latest.components[c].provenance.flatMap((p) => p.facts ?? [])),
  );
  const facts = kb.facts.filter((f) => cited.has(f.id));
  const risks = state.iso3 ? corridorRisks(state.iso3) : [];

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${h(state.name)}: strategic autonomy brief</title>
<style>
${STYLE}
</style></head><body>
<header>
<h1>${h(state.name)}: strategic autonomy, ${rows[0]!.year}–${rows[rows.length - 1]!.year}</h1>
${generatedNote(run.settings)}
</header>
<section aria-labelledby="s-summary"><h2 id="s-summary">Summary</h2>
${summaryReading(latest)}
<ul>${latest.explanation
    .slice(0, 7)
    .map((e) => `<li>${h(e)}</li>`)
    .join('')}</ul>
<p>${transitionsText(transitions)}</p>
</section>
<section aria-labelledby="s-time"><h2 id="s-time">Posture and index over time</h2>
${postureBand(rows, `${state.name}: posture by year`)}
${lineChart(
  rows.map((r) => ({
    year: r.year,
    value: r.index,
    lo: r.interval?.[0] ?? null,
    hi: r.interval?.[1] ?? null,
  })),
  { title: `${state.name}: index with its 5–95% interval` },
)}
${seriesTable(rows)}
</section>
<section aria-labelledby="s-principles"><h2 id="s-principles">${principlesHeading(latest.year)}</h2>
${componentTable(latest)}
${missingNote(latest)}
</section>
<section aria-labelledby="s-risks"><h2 id="s-risks">Risks: corridor disruptions</h2>
${risks.length ? risksTable(state, risks) : '<p>The corridor model does not cover this state.</p>'}
${POLITICAL_RISKS_NOTE}
</section>
<section aria-labelledby="s-evidence"><h2 id="s-evidence">Evidence cited for ${latest.year}</h2>
${
  facts.length
    ? `<ol>${facts
        .map(
          (f) =>
            `<li id="fact-${h(f.id)}"><strong>${h(f.id)}</strong> (${h(f.kind)}) ${f.sources
              .map((sid) => {
                const s = kb.sourceById.get(sid);
                return s ? sourceCitation(s) : h(sid);
              })
              .join('; ')}</li>`,
        )
        .join('')}</ol>`
    : '<p>No knowledge-base facts were needed for this year.</p>'
}
</section>
<section aria-labelledby="s-method"><h2 id="s-method">Methodology appendix</h2>
${methodologyText(run.settings.rules)}
${weightsTable(run.settings.weights)}
<p>Data used: ${latest.provenance
    .filter((p) => p.dataset)
    .map((p) => h(`${p.dataset} ${p.version ?? ''}`.trim()))
    .join('; ')}. The full statement of every measure is docs/METHODOLOGY.md in the project.</p>
</section>
</body></html>
`;
}

// The pieces of the brief, each a small function so that no line of HTML runs past the code width.
// They are joined without separators: the brief's HTML is the same text as when it was one template.

const STYLE = [
  'body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;max-width:960px;' +
    'margin:2rem auto;padding:0 1rem;line-height:1.45}',
  'h1{margin-bottom:.2rem}h2{border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2rem}',
  'table{border-collapse:collapse;width:100%;font-size:.9rem}' +
    'th,td{border-bottom:1px solid #eee;padding:.35rem .4rem;text-align:left;vertical-align:top}',
  '.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}' +
    '.prov{color:#5b6470;font-size:.78rem;margin-top:.2rem}.muted{color:#5b6470}',
  '.swatch{display:inline-block;width:.8rem;height:.8rem;margin:0 .25rem 0 .6rem;vertical-align:-1px}' +
    '.legend{font-size:.85rem}',
  '.badge{display:inline-block;padding:.1rem .5rem;border-radius:.6rem;color:#fff;font-weight:600}',
  '@media print{body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}}',
].join('\n');

type RunSettings = AutonomyRun['settings'];

function generatedNote(settings: RunSettings): string {
  return (
    `<p class="muted">Interconnector ${h(version)}; ${settings.draws} Monte Carlo draws ` +
    `(seed ${settings.seed}); generated ${new Date().toISOString().slice(0, 10)}. ` +
    'Every number below names its dataset or knowledge-base facts.</p>'
  );
}

function summaryReading(latest: StateYearResult): string {
  const colour = POSTURE_COLOURS[latest.posture];
  const badge = `<span class="badge" style="background:${colour}">${h(latest.posture)}</span>`;
  const interval = `${fmt(latest.interval?.[0])}–${fmt(latest.interval?.[1])}`;
  const rankInterval = `${fmt(latest.rank_interval?.[0], 0)}–${fmt(latest.rank_interval?.[1], 0)}`;
  return (
    `<p>In ${latest.year} the classifier reads ${badge}\n` +
    `(confidence ${fmt(latest.confidence)}), with an index of ${fmt(latest.index)} (5–95%: ${interval}),\n` +
    `rank ${latest.rank ?? '—'} of ${latest.ranked} (rank interval ${rankInterval}),\n` +
    `resting on ${h(latest.coverage.label)}. ${h(latest.rank_basis)}.</p>`
  );
}

function transitionsText(transitions: Transition[]): string {
  if (!transitions.length) return 'No posture change in these years.';
  const changes = transitions.map(
    (t) => `${t.year}, ${h(t.from)} → ${h(t.to)}${t.lasting ? '' : ' (brief)'}`,
  );
  return `Posture changes: ${changes.join('; ')}.`;
}

function seriesTable(rows: StateYearResult[]): string {
  const head =
    '<thead><tr><th>year</th><th>posture</th><th class="num">index</th><th class="num">interval</th>' +
    '<th>coverage</th>' +
    `${COMPONENTS.map((c) => `<th class="num">${h(c)}</th>`).join('')}</tr></thead>`;
  const row = (r: StateYearResult) =>
    `<tr><td>${r.year}</td><td>${h(r.posture)}</td><td class="num">${fmt(r.index)}</td>` +
    `<td class="num">${fmt(r.interval?.[0])}–${fmt(r.interval?.[1])}</td>` +
    `<td>${h(r.coverage.label)}</td>` +
    COMPONENTS.map((c) => {
      const value = r.components[c].value;
      return `<td class="num">${value === null ? '' : fmt(value)}</td>`;
    }).join('') +
    '</tr>';
  return (
    '<table><caption class="muted">' +
    'The series as numbers (components 0–1; empty = missing, never zero)</caption>\n' +
    `${head}\n<tbody>${rows.map(row).join('')}</tbody></table>\n${coverageChangesText(rows)}`
  );
}

/** The years where the set of components behind the index changes, so a jump is not read as a finding. */
function coverageChangesText(rows: StateYearResult[]): string {
  const changes = coverageChanges(rows);
  if (!changes.length) return '';
  const text = changes.map(
    (c) => `${c.year} (${[...c.gained.map((g) => `+${h(g)}`), ...c.lost.map((l) => `−${h(l)}`)].join(' ')})`,
  );
  return `<p class="muted">Years where the components behind the index change: ${text.join('; ')}.</p>`;
}

function principlesHeading(year: number): string {
  return `The three principles and the wherewithal, ${year}`;
}

function componentTable(r: StateYearResult): string {
  const rows = COMPONENTS.map((c) => {
    const comp = r.components[c];
    return (
      `<tr><th scope="row">${h(c)}<br><small>${h(PRINCIPLE[c])}</small></th>` +
      `<td class="num">${fmt(comp.value)}</td><td class="num">${fmt(comp.weight)}</td>\n` +
      `      <td>${comp.explanation.map((e) => h(e)).join('<br>')}` +
      `<div class="prov">${comp.provenance.map(provenanceText).join('<br>')}</div></td></tr>`
    );
  }).join('');
  return (
    '<table><thead><tr><th>component</th><th class="num">value</th><th class="num">weight</th>' +
    `<th>evidence and source</th></tr></thead><tbody>${rows}</tbody></table>`
  );
}

function missingNote(latest: StateYearResult): string {
  if (!latest.missing.length) return '';
  return (
    `<p class="muted">Missing in ${latest.year}: ${latest.missing.map(h).join(', ')}; ` +
    `filling them with the year's median would move the index by ${fmt(latest.missing_effect, 3)}.</p>`
  );
}

function risksTable(
  state: StateRecord,
  risks: Array<{ id: string; name: string; mt: number; baseline: number }>,
): string {
  const row = (r: (typeof risks)[number]) =>
    `<tr><td>${h(r.name)} <small class="muted">(${h(r.id)})</small></td>` +
    `<td class="num">${fmt(r.mt, 1)}</td>` +
    `<td class="num">${r.mt - r.baseline >= 0 ? '+' : ''}${fmt(r.mt - r.baseline, 1)}</td></tr>`;
  return (
    `<p>Freight transit through ${h(state.name)} in the corridor model's capacity-aware assignment, ` +
    `baseline ${fmt(risks[0]!.baseline, 1)} Mt, ` +
    'under each scenario of <code>kb/corridors/scenarios/</code>:</p>\n' +
    '<table><thead><tr><th>scenario</th><th class="num">transit, Mt</th><th class="num">change</th></tr>' +
    `</thead><tbody>${risks.map(row).join('')}</tbody></table>`
  );
}

const POLITICAL_RISKS_NOTE =
  '<p class="muted">The article\'s two political risks (the outcome of the war in Ukraine; divergence ' +
  'with the West) are modelled as scenario files: see <code>interconnector scenario list</code>.</p>';

function methodologyText(rules: RunSettings['rules']): string {
  return (
    '<p>Each component is on a 0–1 scale (1 = most autonomous) and missing where no input covers the ' +
    'year. The index is the weighted mean of the available components; the interval and the rank ' +
    'interval come from a Monte Carlo over weights, normalisation, missing-data treatment and the ideal ' +
    "points' uncertainty (OECD/JRC handbook). The posture follows documented rules in order: great " +
    'power; aligned (a backed defence guarantee from a pole); integration-seeking (candidate, ' +
    "applicant, association agreement or declared goal toward a pole's institutions); neutral " +
    '(declared neutrality); otherwise strategic autonomy when ' +
    `voice ≥ ${rules.minVoice}, mediation ≥ ${rules.minMediation} (or no conflict), ` +
    `capability ≥ ${rules.minCapability} (or no data), gatekeeper ≥ ${rules.minGatekeeper} ` +
    `and index ≥ ${rules.minIndex}; else balanced.</p>`
  );
}

function weightsTable(weights: RunSettings['weights']): string {
  const row = (c: (typeof COMPONENTS)[number]) =>
    `<tr><td>${h(c)}</td><td>${h(PRINCIPLE[c])}</td><td class="num">${fmt(weights[c])}</td></tr>`;
  return (
    '<table><thead><tr><th>component</th><th>measures</th><th class="num">weight</th></tr></thead>' +
    `<tbody>${COMPONENTS.map(row).join('')}</tbody></table>`
  );
}

/** A source as a citation: author, linked title (only for http, https or DOI addresses), container, date. */
function sourceCitation(s: Source): string {
  const link = linkFor(s.url);
  const title = link ? `<a href="${h(link)}">${h(s.title)}</a>` : `<cite>${h(s.title)}</cite>`;
  const container = s.container ? `, ${h(s.container)}` : '';
  return `${h(s.author)}, ${title}${container} (${h(s.date ?? `accessed ${s.accessed}`)})`;
}

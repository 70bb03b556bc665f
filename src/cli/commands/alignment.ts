import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type { Selection } from '../../framework/alignment/cache.ts';
import {
  alignmentProfile,
  idealPointTable,
  IDEALPOINT_COLUMNS,
  SELECTIONS,
  type IdealSource,
  type Provenance,
} from '../../framework/alignment/report.ts';
import { readMatches } from '../../framework/alignment/load.ts';
import type { IssueSelector } from '../../framework/alignment/types.ts';
import { parseYearRange } from '../../input/years.ts';
import type { CliContext } from '../context.ts';
import { UserError } from '../errors.ts';

/** `--issue`: one of the six Voeten issue codes or `important`; `all` means no issue filter. */
export function parseIssue(text: string | undefined): IssueSelector | undefined {
  if (text === undefined) return undefined;
  const t = text.trim().toLowerCase();
  if (!(SELECTIONS as readonly string[]).includes(t))
    throw new UserError(`--issue must be one of ${SELECTIONS.join(', ')}, got '${text}'`);
  return t === 'all' ? undefined : (t as IssueSelector);
}

export function parseSource(text: string | undefined): IdealSource | undefined {
  if (text === undefined) return undefined;
  if (text !== 'own' && text !== 'bsv') throw new UserError(`--source must be own or bsv, got '${text}'`);
  return text;
}

/** `--matches FILE`: pairs of identical roll calls; a missing or malformed file is a user error naming it. */
function readMatchesFile(file: string): [number, number][] {
  if (!existsSync(file)) throw new UserError(`--matches: no such file '${file}'`);
  try {
    return readMatches(file);
  } catch (e) {
    throw new UserError(`--matches: ${(e as Error).message}`);
  }
}

function describeProvenance(p: Provenance): string[] {
  const lines: string[] = [];
  if (p.votes)
    lines.push(
      `votes: ${p.votes.dataset} ${p.votes.version} (` +
        `${p.votes.files.map((f) => `${f.file} sha256 ${f.sha256.slice(0, 12)}…`).join(', ')}); ` +
        `${p.votes.votes_used} votes on ${p.votes.rollcalls_used} roll calls used (${p.votes.filter})`,
    );
  const ip = p.idealpoints;
  if (ip?.source === 'bsv') {
    const files = (ip.files as { file: string; sha256: string }[] | undefined) ?? [];
    lines.push(
      `ideal points: ${String(ip.dataset)} ${String(ip.version)} (` +
        `${files.map((f) => `${f.file} sha256 ${f.sha256.slice(0, 12)}…`).join(', ')})`,
    );
  } else if (ip) {
    lines.push(
      `ideal points: our estimator on ${String(ip.selection)} votes (${String(ip.votes_used)} votes), ` +
        (ip.cached
          ? `cached run ${String(ip.run)}`
          : `fitted in ${Number(ip.fit_seconds).toFixed(1)} s and cached`),
    );
  }
  return [...lines, ...p.notes];
}

export function registerAlignmentCommands(program: Command, ctx: CliContext): void {
  program
    .command('alignment')
    .description(
      'UNGA alignment of a state per year: agreement with ' +
        'poles, ideal point, distance to poles, bloc, hedging',
    )
    .argument('<state>', 'ISO3, COW code or name')
    .option('--years <A-B>', 'session years, e.g. 1992-2020')
    .option(
      '--poles <P,...>',
      'pole states (blocs and hedging sit between the first and the last)',
      'USA,RUS,CHN',
    )
    .option('--issue <code>', `vote selection: ${SELECTIONS.join(', ')}`)
    .option(
      '--source <own|bsv>',
      'ideal points: our estimator or the published BSV file (default bsv when imported and no issue)',
    )
    .option(
      '--sensitivity',
      'add the table of how results move with the vote selection (all / important / ec)',
    )
    .action(
      async (
        stateArg: string,
        opts: { years?: string; poles: string; issue?: string; source?: string; sensitivity?: boolean },
      ) => {
        const years = opts.years === undefined ? undefined : parseYearRange(opts.years, '--years');
        const issue = parseIssue(opts.issue),
          source = parseSource(opts.source);
        const poles = opts.poles
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean);
        const [store, registry] = [await ctx.store(), await ctx.registry()];
        if (source === 'own' || opts.sensitivity)
          ctx.info(
            'fitting ideal points where no cached fit exists (about 15 s on all votes with two threads)…',
          );
        const p = await alignmentProfile(store, registry, {
          state: stateArg,
          years,
          poles,
          issue,
          source,
          sensitivity: opts.sensitivity,
        });
        if (ctx.format === 'json') return ctx.print(p);
        if (ctx.format === 'csv') return ctx.print(p.rows, { columns: p.columns });
        const labels = p.poles.map((x) => x.label);
        const sel: Selection = p.selection.issue;
        ctx.print(p.rows, {
          columns: [
            'year',
            'votes',
            ...labels.map((l) => `agree_${l}`),
            'ideal_point',
            'lo',
            'hi',
            ...labels.map((l) => `dist_${l}`),
            'bloc',
            'hedging',
          ],
          title:
            `${p.state.name}: UNGA alignment ${p.selection.years.join('–')}, ` +
            `${sel === 'all' ? 'all votes' : `issue ${sel}`}, ideal points ` +
            `${p.selection.source} (${p.selection.interval} interval); blank = no data`,
        });
        const b = p.summary.bloc,
          t = p.summary.hedging_trend;
        ctx.print(
          [
            {
              measure: `bloc ${b ? b.window.join('–') : ''}`.trim(),
              value: b
                ? `${b.bloc} (relative position ${b.relative.toFixed(2)}` +
                  `, ${p.selection.bloc_poles.join('=1 … ')}=0)`
                : null,
            },
            {
              measure: `hedging trend ${p.selection.bloc_poles.join('–')}`,
              value: t
                ? `${t.slope_per_year.toFixed(4)} per year (SE ${t.se.toFixed(4)}), ${t.from}–${t.to}`
                : null,
            },
            ...labels.map((l) => ({
              measure: `mean agreement with ${l}`,
              value: p.summary.agreement_mean[l] ?? null,
            })),
          ],
          { title: '\nsummary' },
        );
        if (p.sensitivity)
          ctx.print(p.sensitivity.rows, {
            columns: p.sensitivity.columns,
            title: `\nsensitivity to the vote selection (${p.sensitivity.note})`,
          });
        for (const line of describeProvenance(p.provenance)) ctx.info(line);
      },
    );

  program
    .command('idealpoints')
    .description('UNGA ideal points of every state and session year, with intervals and votes')
    .option('--years <A-B>', 'session years, e.g. 1992-2020')
    .option('--issue <code>', `vote selection (own source only): ${SELECTIONS.join(', ')}`)
    .option(
      '--source <own|bsv>',
      "our estimator on the store's votes (cached after the first run) or the published BSV file",
      'own',
    )
    .option(
      '--method <gibbs|mode>',
      "own source: Gibbs sampler with BSV's dynamic prior (posterior " +
        'means and quantiles) or the random-walk posterior mode (faster)',
      'gibbs',
    )
    .option(
      '--matches <file>',
      'own source: bridge identical resolutions listed in a CSV with ' +
        "columns rcid1,rcid2 (the format of BSV's Data/Matches.csv)",
    )
    .option(
      '--bootstrap <B>',
      'own source, --method mode: B parametric-bootstrap replicates for sd/lo/hi ' +
        'instead of the Laplace approximation (each costs about one fit; cached)',
    )
    .action(
      async (opts: {
        years?: string;
        issue?: string;
        source: string;
        method: string;
        matches?: string;
        bootstrap?: string;
      }) => {
        const years = opts.years === undefined ? undefined : parseYearRange(opts.years, '--years');
        const issue = parseIssue(opts.issue),
          source = parseSource(opts.source);
        const bootstrap = opts.bootstrap === undefined ? 0 : Number(opts.bootstrap);
        if (!Number.isInteger(bootstrap) || bootstrap < 0 || bootstrap > 1000)
          throw new UserError(`--bootstrap must be a whole number 0–1000, got '${opts.bootstrap}'`);
        if (opts.method !== 'gibbs' && opts.method !== 'mode')
          throw new UserError(`--method must be gibbs or mode, got '${opts.method}'`);
        const method = opts.method;
        const matches = opts.matches === undefined ? undefined : readMatchesFile(opts.matches);
        const [store, registry] = [await ctx.store(), await ctx.registry()];
        if (source === 'own')
          ctx.info(
            bootstrap
              ? `using the cached fit, or fitting with ${bootstrap}` +
                  ' bootstrap replicates (minutes on all votes)…'
              : 'using the cached fit, or fitting (' +
                  (method === 'gibbs'
                    ? 'about 15 s on all votes with two threads'
                    : 'about 45 s on all votes') +
                  ')…',
          );
        const { rows, provenance } = await idealPointTable(store, registry, {
          years,
          issue,
          source,
          method,
          bootstrap,
          matches,
        });
        if (ctx.format === 'json')
          return ctx.print({ count: rows.length, columns: IDEALPOINT_COLUMNS, rows, provenance });
        ctx.print(rows, {
          columns: IDEALPOINT_COLUMNS,
          title: `${rows.length} state-years of ideal points (${source})`,
        });
        for (const line of describeProvenance(provenance)) ctx.info(line);
      },
    );
}

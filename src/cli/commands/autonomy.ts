import type { Command } from 'commander';
import { COMPONENTS, type ComponentId } from '../../framework/autonomy/components.ts';
import type { StateYearResult } from '../../framework/autonomy/run.ts';
import { coverageChanges } from '../../framework/coverage/index.ts';
import { FIRST_FRAMEWORK_YEAR, FrameworkSession } from '../../framework/session.ts';
import { parseYear, parseYearRange } from '../../input/years.ts';
import type { CliContext } from '../context.ts';
import { UserError } from '../errors.ts';

const round = (x: number | null | undefined, d = 3) =>
  x === null || x === undefined ? null : Number(x.toFixed(d));

export async function openSession(ctx: CliContext): Promise<FrameworkSession> {
  const store = await ctx.store();
  const loaded = await store.query<{ n: number }>('SELECT count(*) AS n FROM loads');
  if (!loaded[0]?.n)
    throw new UserError(
      'the store has no datasets: run `interconnector data pull` (or `data pull --mirror DIR`) first',
    );
  return FrameworkSession.open(store, ctx.kb(), await ctx.registry());
}

export function parseWeights(text: string | undefined): Partial<Record<ComponentId, number>> | undefined {
  if (!text) return undefined;
  const out: Partial<Record<ComponentId, number>> = {};
  for (const part of text.split(',')) {
    const [name, value] = part.split('=');
    if (!name || !(COMPONENTS as readonly string[]).includes(name))
      throw new UserError(`--weights: unknown component '${name}' (one of ${COMPONENTS.join(', ')})`);
    const w = Number(value);
    if (!(w >= 0)) throw new UserError(`--weights: ${name} needs a non-negative number, got '${value}'`);
    out[name as ComponentId] = w;
  }
  return out;
}

function parseDraws(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 100000)
    throw new UserError(`--draws must be a whole number 0–100000, got '${text}'`);
  return n;
}

/** The row a table or csv shows; json keeps the full state-year document. */
function flatRow(r: StateYearResult): Record<string, unknown> {
  return {
    state: r.state,
    year: r.year,
    posture: r.posture,
    confidence: round(r.confidence, 2),
    index: round(r.index),
    lo: round(r.interval?.[0]),
    hi: round(r.interval?.[1]),
    rank: r.rank,
    rank_lo: round(r.rank_interval?.[0], 0),
    rank_hi: round(r.rank_interval?.[1], 0),
    ...Object.fromEntries(COMPONENTS.map((c) => [c, round(r.components[c].value, 2)])),
    coverage: `${r.coverage.present}/${r.coverage.of} (${r.coverage.applicable} appl.)`,
  };
}

function jsonDoc(r: StateYearResult): object {
  return {
    state: r.state,
    ccode: r.ccode,
    name: r.name,
    year: r.year,
    index: round(r.index, 4),
    interval: r.interval ? [round(r.interval[0], 4), round(r.interval[1], 4)] : null,
    rank: r.rank,
    rank_interval: r.rank_interval,
    ranked: r.ranked,
    components: Object.fromEntries(
      COMPONENTS.map((c) => [
        c,
        {
          value: round(r.components[c].value, 4),
          weight: round(r.components[c].weight, 4),
          principle: r.components[c].principle,
          explanation: r.components[c].explanation,
          provenance: r.components[c].provenance,
          detail: r.components[c].detail,
        },
      ]),
    ),
    missing: r.missing,
    coverage: r.coverage,
    rank_basis: r.rank_basis,
    missing_effect: round(r.missing_effect, 4),
    posture: r.posture,
    confidence: round(r.confidence, 3),
    posture_probabilities: r.posture_probabilities,
    explanation: r.explanation,
    provenance: r.provenance,
  };
}

export function registerAutonomyCommands(program: Command, ctx: CliContext): void {
  program
    .command('autonomy')
    .description('strategic-autonomy index, components, posture and explanation of a state by year')
    .argument('<state>', 'ISO3, COW code or name')
    .option('--years <A-B>', 'years to report (default 1992 to the latest year with data)')
    .option('--draws <N>', 'Monte Carlo draws for intervals and confidence', '200')
    .option('--seed <S>', 'random seed', '1')
    .option('--weights <c=w,...>', `component weights (${COMPONENTS.join(', ')})`)
    .action(
      async (stateArg: string, opts: { years?: string; draws: string; seed: string; weights?: string }) => {
        const registry = await ctx.registry();
        const state = registry.resolve(stateArg);
        const session = await openSession(ctx);
        const years = opts.years
          ? parseYearRange(opts.years, '--years')
          : ([FIRST_FRAMEWORK_YEAR, session.latestYear()] as [number, number]);
        if (years[1] > session.latestYear())
          throw new UserError(
            `--years ends in ${years[1]}, after the latest year with data (${session.latestYear()})`,
          );
        const run = session.autonomy({
          years,
          draws: parseDraws(opts.draws),
          seed: Number(opts.seed) || 1,
          weights: parseWeights(opts.weights),
          focus: [state.ccode],
        });
        const rows = run.results.filter((r) => r.ccode === state.ccode);
        if (rows.length === 0)
          throw new UserError(`${state.name} was not in the international system in ${years[0]}–${years[1]}`);
        if (ctx.format === 'json') return ctx.print(rows.map(jsonDoc));
        ctx.print(rows.map(flatRow), {
          title:
            `${state.name}: strategic-autonomy index (${run.settings.draws}` +
            ' draws; interval 5–95%; components 0–1, 1 = most autonomous)',
        });
        const transitions = run.transitions.filter((t) => t.state === (state.iso3 ?? state.cowAbbrev));
        if (ctx.format === 'table') {
          const changes = coverageChanges(rows);
          if (changes.length)
            ctx.lines([
              '',
              'years where the components behind the index change:',
              ...changes.map(
                (c) =>
                  `  ${c.year}: ` +
                  [...c.gained.map((g) => `+${g}`), ...c.lost.map((l) => `−${l}`)].join(' ') +
                  ` → ${c.label}`,
              ),
            ]);
          if (transitions.length)
            ctx.print(
              transitions.map((t) => ({ year: t.year, from: t.from, to: t.to, lasting: t.lasting })),
              { title: '\nposture transitions' },
            );
          const last = rows[rows.length - 1]!;
          ctx.lines([
            '',
            `why ${last.posture} in ${last.year} (confidence ${round(last.confidence, 2)}):`,
            ...last.explanation.map((line) => `  - ${line}`),
          ]);
        }
      },
    );

  program
    .command('compare')
    .description('several states side by side for one year')
    .argument('<states>', 'comma-separated states (ISO3, COW code or name)')
    .option('--year <Y>', 'year (default: the latest year with data)')
    .option('--draws <N>', 'Monte Carlo draws', '200')
    .option('--seed <S>', 'random seed', '1')
    .option('--weights <c=w,...>', 'component weights')
    .action(
      async (statesArg: string, opts: { year?: string; draws: string; seed: string; weights?: string }) => {
        const registry = await ctx.registry();
        const states = statesArg
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
          .map((s) => registry.resolve(s));
        if (states.length === 0) throw new UserError('name at least one state');
        const session = await openSession(ctx);
        const year = opts.year ? parseYear(opts.year, '--year') : session.latestYear();
        if (year > session.latestYear() || year < FIRST_FRAMEWORK_YEAR)
          throw new UserError(
            `--year ${year} is outside the framework's years (` +
              `${FIRST_FRAMEWORK_YEAR}–${session.latestYear()})`,
          );
        const run = session.autonomy({
          years: [year, year],
          draws: parseDraws(opts.draws),
          seed: Number(opts.seed) || 1,
          weights: parseWeights(opts.weights),
          focus: states.map((s) => s.ccode),
        });
        const rows = states.map((s) => {
          const r = run.results.find((x) => x.ccode === s.ccode);
          if (!r) throw new UserError(`${s.name} was not in the international system in ${year}`);
          return r;
        });
        if (ctx.format === 'json') return ctx.print(rows.map(jsonDoc));
        ctx.print(rows.map(flatRow), { title: `${year}: strategic-autonomy index side by side` });
      },
    );
}

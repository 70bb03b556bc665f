import type { Command } from 'commander';
import { COMPONENTS } from '../../framework/autonomy/components.ts';
import { builtinScenarios } from '../../scenarios/load.ts';
import { runEnsemble } from '../../scenarios/ensemble.ts';
import { resolveFor, runScenario, type ScenarioResult } from '../../scenarios/run.ts';
import { parseYearRange } from '../../input/years.ts';
import type { CliContext } from '../context.ts';
import { UserError } from '../errors.ts';
import { openSession } from './autonomy.ts';

const round = (x: number | null | undefined, d = 3) =>
  x === null || x === undefined ? null : Number(x.toFixed(d));

function whole(text: string, name: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UserError(`${name} must be a whole number ${min}–${max}, got '${text}'`);
  return n;
}

/** One row per state-year: baseline and scenario side by side, with the deltas and the edits behind them. */
export function scenarioRows(r: ScenarioResult): Record<string, unknown>[] {
  return r.rows.map((row) => ({
    scenario: r.scenario.id,
    state: row.state,
    year: row.year,
    index_base: round(row.baseline.index),
    index: round(row.scenario.index),
    d_index: round(row.delta.index),
    lo: round(row.scenario.interval?.[0]),
    hi: round(row.scenario.interval?.[1]),
    posture_base: row.baseline.posture,
    posture: row.scenario.posture,
    confidence: round(row.scenario.confidence, 2),
    rank_base: row.baseline.rank,
    rank: row.scenario.rank,
    ...Object.fromEntries(COMPONENTS.map((c) => [`d_${c}`, round(row.delta.components[c])])),
    transit_mt: round(row.scenario.transit_mt, 2),
    interconnector_rank: row.scenario.interconnector_rank,
    edits: [...new Set(row.changes.flatMap((c) => c.edits))].join(' '),
  }));
}

export function registerScenarioCommands(program: Command, ctx: CliContext): void {
  const scenario = program
    .command('scenario')
    .description(
      'what-if analysis: apply a scenario as an overlay, re-run the framework and diff against the baseline',
    );

  scenario
    .command('list')
    .description('the built-in scenarios (kb/scenarios/)')
    .action(() => {
      const rows = builtinScenarios().map((d) => ({
        id: d.head.id,
        title: d.head.title,
        from: d.head.from,
        edits: d.head.edits.length,
        uncertain: Object.keys(d.head.uncertain).join(' '),
        compose: d.head.compose.join(' '),
        sources: d.head.sources.join(' '),
        file: d.file,
      }));
      if (ctx.format === 'json')
        return ctx.print(
          builtinScenarios().map((d) => ({
            id: d.head.id,
            title: d.head.title,
            summary: d.head.summary,
            from: d.head.from,
            compose: d.head.compose,
            sources: d.head.sources,
            uncertain: d.head.uncertain,
            edits: d.head.edits.length,
            file: d.file,
          })),
        );
      ctx.print(rows, {
        title: 'built-in scenarios (run one with `scenario run ID`, compose with `run A+B`)',
      });
    });

  scenario
    .command('run')
    .description('run a scenario (built-in id, YAML file, or A+B) and diff it against the baseline')
    .argument('<scenario>', 'built-in id, path to a scenario YAML file, or a composition A+B')
    .option('--states <S1,S2>', 'states to report (default: the states the edits name)')
    .option(
      '--years <A-B>',
      'years (default: the year before the scenario applies to the latest year with data)',
    )
    .option('--ensemble <N>', 'sample the uncertain parameters N times and report distributions')
    .option('--seed <S>', 'random seed', '1')
    .option('--threads <T>', 'worker threads for an ensemble', '2')
    .option('--draws <N>', 'Monte Carlo draws for intervals and confidence (single run)', '200')
    .action(
      async (
        spec: string,
        opts: {
          states?: string;
          years?: string;
          ensemble?: string;
          seed: string;
          threads: string;
          draws: string;
        },
      ) => {
        const session = await openSession(ctx);
        const registry = session.inputs.registry;
        const states = opts.states
          ? opts.states
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
              .map((s) => registry.resolve(s).iso3 ?? s)
          : undefined;
        const years = opts.years ? parseYearRange(opts.years, '--years') : undefined;
        const seed = whole(opts.seed, '--seed', 0, 2 ** 31);
        // Validate the whole scenario (every file, edit and reference) before running anything.
        resolveFor(session, spec);
        if (opts.ensemble !== undefined) {
          const members = whole(opts.ensemble, '--ensemble', 1, 1_000_000);
          const bar = ctx.progress(`ensemble ${spec}`, members);
          const t0 = performance.now();
          const res = await runEnsemble(session, spec, {
            members,
            seed,
            threads: whole(opts.threads, '--threads', 1, 64),
            ...(states ? { states } : {}),
            ...(years ? { years } : {}),
            onProgress: (d) => bar.update(d),
          });
          bar.stop();
          ctx.info(`${members} members in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
          if (ctx.format === 'json') return ctx.print(res);
          ctx.print(
            res.rows.map((r) => ({
              scenario: res.scenario.id,
              state: r.state,
              year: r.year,
              baseline: round(r.baseline_index),
              central: round(r.central_index),
              median: round(r.median),
              p5: round(r.p5),
              p95: round(r.p95),
              baseline_posture: r.baseline_posture,
              ...Object.fromEntries(
                Object.entries(r.posture_probabilities).map(([k, v]) => [`p_${k}`, round(v, 3)]),
              ),
            })),
            {
              title:
                `${res.scenario.title}: ensemble of ${members} (seed ${seed}); ` +
                'index median and 5–95% interval, probability of each posture',
            },
          );
          ctx.lines([
            '',
            'uncertain parameters:',
            ...res.parameters.map(
              (p) =>
                `  ${p.name} (${p.dist.dist}): ${Object.entries(p.summary)
                  .map(([k, v]) => `${k} ${round(v, 3)}`)
                  .join(', ')}`,
            ),
          ]);
          return;
        }
        const res = runScenario(session, spec, {
          ...(states ? { states } : {}),
          ...(years ? { years } : {}),
          seed,
          draws: whole(opts.draws, '--draws', 0, 100000),
        });
        if (ctx.format === 'json') return ctx.print(res);
        ctx.print(scenarioRows(res), {
          title:
            `${res.scenario.title} vs baseline (index, ` +
            'interval 5–95%, posture; d_ = scenario − baseline)',
        });
        ctx.lines([
          '',
          'edits:',
          ...res.edits.map(
            (e) =>
              `  ${e.label}  [${e.file}:${e.line}; touches ${e.touches.join(', ')}` +
              `]${e.rationale ? `\n      assumption: ${e.rationale}` : ''}` +
              `${e.sources.length ? `\n      sources: ${e.sources.join(', ')}` : ''}`,
          ),
          '',
          'changes and their causes:',
          ...res.rows.flatMap((row) =>
            row.changes.map(
              (c) =>
                `  ${row.state} ${row.year} ${c.what}: ` +
                `${typeof c.from === 'number' ? c.from.toFixed(3) : (c.from ?? '—')} → ` +
                `${typeof c.to === 'number' ? c.to.toFixed(3) : (c.to ?? '—')}  ← ` +
                `${c.edits.join(', ') || '(none)'}${c.interaction ? ' (together, not alone)' : ''}`,
            ),
          ),
        ]);
      },
    );
}

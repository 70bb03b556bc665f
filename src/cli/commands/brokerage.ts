import type { Command } from 'commander';
import { corridorNetwork } from '../../framework/corridors/index.ts';
import {
  BLOC_DEFINITIONS,
  type BlocDefinition,
  interconnectorRun,
  LAYER_IDS,
  loadInterconnectorData,
  type InterconnectorRun,
  type InterconnectorScore,
  type LayerId,
} from '../../framework/interconnector/index.ts';
import { CsvError, readBrokerageInput } from '../../graph/io.ts';
import { BROKERAGE_COLUMNS, brokerageTable } from '../../graph/table.ts';
import { parseYear } from '../../input/years.ts';
import type { CliContext } from '../context.ts';
import { UserError } from '../errors.ts';
import { toCsv } from '../../output/csv.ts';
import { openSession } from './autonomy.ts';

const round = (x: number | null | undefined, d = 3): number | null =>
  x === null || x === undefined || !Number.isFinite(x) ? null : Number(x.toFixed(d));

export function parseLayers(text: string | undefined): LayerId[] | undefined {
  if (!text) return undefined;
  const out = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const l of out)
    if (!(LAYER_IDS as readonly string[]).includes(l))
      throw new UserError(`--layers: unknown layer '${l}' (one of ${LAYER_IDS.join(', ')})`);
  if (out.length === 0) throw new UserError('--layers: name at least one layer');
  return out as LayerId[];
}

export function parseLayerWeights(text: string | undefined): Partial<Record<LayerId, number>> | undefined {
  if (!text) return undefined;
  const out: Partial<Record<LayerId, number>> = {};
  for (const part of text.split(',')) {
    const [name, value] = part.split('=');
    if (!name || !(LAYER_IDS as readonly string[]).includes(name))
      throw new UserError(`--weights: unknown layer '${name}' (one of ${LAYER_IDS.join(', ')})`);
    const w = Number(value);
    if (!(w >= 0) || value === undefined || value === '')
      throw new UserError(`--weights: ${name} needs a non-negative number, got '${value}'`);
    out[name as LayerId] = w;
  }
  return out;
}

/** Why a state ranks where it does: its strongest layers (by single-layer score) and roles. */
export function topLayers(s: InterconnectorScore, n = 3): string[] {
  return Object.entries(s.layers)
    .filter(([, c]) => (c.score ?? 0) > 0)
    .sort((a, b) => (b[1].score ?? 0) - (a[1].score ?? 0))
    .slice(0, n)
    .map(([id]) => id);
}

function rankRow(s: InterconnectorScore): Record<string, unknown> {
  const r = s.roles.raw;
  return {
    rank: s.rank,
    state: s.state,
    name: s.name,
    bloc: s.bloc,
    score: round(s.score),
    alignment: round(s.parts.alignment, 2),
    gate: s.parts.gate ? `${s.parts.gate.rule} ${s.parts.gate.pole}` : '',
    bridging: round(s.parts.bridging, 2),
    brokerage: round(s.parts.brokerage, 2),
    opposing_paths: s.parts.opposingPaths,
    liaison: r.liaison,
    gatekeeper: r.gatekeeper,
    representative: r.representative,
    z_total_degree: round(s.roles.zDegree?.total, 2),
    connectedness: round(s.connectedness?.connectedness, 3),
    layers: topLayers(s).join(' '),
    counterparts: [...s.counterparts.west.slice(0, 2), ...s.counterparts.east.slice(0, 2)]
      .map((c) => (c.carried ? `${c.state}*` : c.state))
      .join(' '),
  };
}

export function rankingDoc(run: InterconnectorRun, rows: InterconnectorScore[]): object {
  return {
    year: run.year,
    settings: {
      layers: run.layers.map((l) => ({
        id: l.id,
        available: l.available,
        edges: l.edges.length,
        weight: run.weights[l.id],
        dataYear: l.dataYear,
        note: l.note,
      })),
      blocs: { window: run.blocs.window, carried: run.blocs.carried, note: run.blocs.provenance.note },
      ...run.settings,
    },
    results: rows.map((s) => ({ ...s, score: round(s.score, 4) })),
  };
}

/**
 * Why a state ranks where it does: its gate, the two factors of its score, the layers and the
 * counterparts that carry its bridging, the ties war cut, and what would move it (the rank it would
 * take with the alignment factor at 1, everything else equal).
 */
export function explainScore(
  run: InterconnectorRun,
  s: InterconnectorScore,
): { lines: string[]; ifAligned: { score: number; rank: number } | null } {
  const p = s.parts;
  const rankedCount = [...run.scores.values()].filter((x) => x.rank !== null).length;
  const votes = round(p.alignmentVotes, 2) ?? '–';
  const lines = [
    `${s.name} (${s.state}), ${run.year}: rank ${s.rank ?? '–'} of ${rankedCount}, ` +
      `score ${round(s.score) ?? 'missing'}, bloc ${s.bloc}`,
    `  alignment factor a = ${round(p.alignment, 2) ?? 'missing'} (votes ${votes}, ` +
      `strongest pole guarantee ${p.guarantee ? `${p.guarantee.from} ${p.guarantee.weight}` : 'none'})`,
  ];
  if (p.gate)
    lines.push(
      `  gate: ${p.gate.rule === 'conflict-with-pole' ? 'in armed conflict with' : 'guaranteed by'} ` +
        `${p.gate.pole} (${p.gate.evidence.join('; ')}): a = 0, so it cannot rank as a bridge`,
    );
  lines.push(
    `  bridging b = ${round(p.bridging, 2)} ` +
      `(share of west–china-russia shortest paths ${round(p.crossShare, 4)}), ` +
      `brokerage r = ${round(p.brokerage, 2)} (${p.opposingPaths} open west–v–east two-paths)`,
    '  layers (tie strength to west / china-russia / others; index on the layer alone):',
  );
  const layers = Object.entries(s.layers).sort((a, b) => (b[1].score ?? 0) - (a[1].score ?? 0));
  for (const [id, c] of layers)
    lines.push(
      `    ${id.padEnd(9)} ${c.west.toFixed(2)} / ${c.east.toFixed(2)} / ${c.other.toFixed(2)}; ` +
        `alone ${round(c.score) ?? '–'}`,
    );
  const cp = (list: InterconnectorScore['counterparts']['west']) =>
    list
      .map(
        (c) =>
          `${c.state} ${c.weight.toFixed(2)} [${Object.keys(c.layers).join('+')}]` +
          (c.carried ? ` (carried: ${Object.keys(c.carried).join(', ')})` : ''),
      )
      .join(', ') || 'none';
  lines.push(`  west counterparts: ${cp(s.counterparts.west)}`);
  lines.push(`  china-russia counterparts: ${cp(s.counterparts.east)}`);
  if (s.cut.length)
    lines.push(
      '  ties cut by war: ' +
        s.cut.map((h) => `${h.a === s.state ? h.b : h.a} (${h.evidence.join(', ')})`).join(', '),
    );
  // What would move it: the same bridging with the alignment factor at 1.
  let ifAligned: { score: number; rank: number } | null = null;
  const bridge = 0.5 * (p.bridging + p.brokerage);
  if (s.score !== null && (p.alignment ?? 0) < 1) {
    const score = bridge;
    const rank = 1 + [...run.scores.values()].filter((x) => x !== s && (x.score ?? -1) > score).length;
    ifAligned = { score, rank };
    lines.push(
      '  what would move it: aligned with neither pole (a = 1) it would score ' +
        `${score.toFixed(3)}, rank ${rank}` +
        (p.gate ? ' — which the gate rules out while it lasts' : ''),
    );
  }
  if (bridge === 0)
    lines.push('  what would move it: ties to both blocs (it has no cross-bloc path or open two-path)');
  return { lines, ifAligned };
}

export function registerBrokerageCommands(program: Command, ctx: CliContext): void {
  program
    .command('brokerage')
    .description(
      'interconnectors between rival blocs by year, or ' +
        'Gould–Fernandez brokerage on any network (--edges/--groups)',
    )
    .option('--year <Y>', 'year (default: the last year with ideal points)')
    .option('--layers <L1,L2>', `layers to combine (${LAYER_IDS.join(', ')}; default all)`)
    .option(
      '--weights <l=w,...>',
      'layer weights in the multiplex (default alliances=1,igo=1,arms=1,votes=0.5,hosting=0.5,transport=0.5)',
    )
    .option('--top <N>', 'rows to show in the ranking (default all)')
    .option(
      '--state <S>',
      'explain one state: the layers and counterparts that place it, and what would move it',
    )
    .option(
      '--no-face-validity',
      'keep ties between states at war and let states at war with a pole bridge it',
    )
    .option('--no-carry-alliances', 'drop ATOP ties carried forward past its last year (2018)')
    .option(
      '--blocs <DEF>',
      'bloc definition: ideal-points (default), ukraine-votes (ES-11/1 and later Ukraine votes), great-power',
    )
    .option('--samples <N>', 'samples of the degree-preserving null', '200')
    .option('--seed <S>', 'random seed of the nulls', '1')
    .option('--edges <E.csv>', 'edge list: source,target[,weight]')
    .option('--groups <G.csv>', 'groups: node,group')
    .option('--directed', 'edges are directed (with --edges)')
    .option('--weighted', 'use the weight column (with --edges)')
    .action(
      async (opts: {
        year?: string;
        layers?: string;
        weights?: string;
        top?: string;
        state?: string;
        faceValidity: boolean;
        carryAlliances: boolean;
        blocs?: string;
        samples: string;
        seed: string;
        edges?: string;
        groups?: string;
        directed?: boolean;
        weighted?: boolean;
      }) => {
        const samples = Number(opts.samples);
        if (!Number.isInteger(samples) || samples < 0 || samples > 100000)
          throw new UserError(`--samples must be a whole number 0–100000, got '${opts.samples}'`);
        const seed = Number(opts.seed);
        if (!Number.isInteger(seed)) throw new UserError(`--seed must be a whole number, got '${opts.seed}'`);
        if (opts.edges || opts.groups) {
          if (!opts.edges || !opts.groups) throw new UserError('--edges and --groups go together');
          let input;
          try {
            input = readBrokerageInput(opts.edges, opts.groups, { weighted: Boolean(opts.weighted) });
          } catch (e) {
            if (e instanceof CsvError) throw new UserError(e.message);
            throw e;
          }
          let rows;
          try {
            rows = await brokerageTable(input.edges, input.groups, {
              directed: Boolean(opts.directed),
              weighted: Boolean(opts.weighted),
              samples: samples || 1000,
              seed,
            });
          } catch (e) {
            throw new UserError((e as Error).message);
          }
          if (ctx.format === 'json')
            return ctx.print(
              rows.map((r) =>
                Object.fromEntries(
                  BROKERAGE_COLUMNS.map((c) => [
                    c,
                    typeof r[c] === 'number' && !Number.isFinite(r[c]) ? null : r[c],
                  ]),
                ),
              ),
            );
          // The contract: CSV with exactly these columns (also for the default table format); NaN z → NA as
          // in R.
          const printable = rows.map((r) =>
            Object.fromEntries(
              BROKERAGE_COLUMNS.map((c) => [
                c,
                typeof r[c] === 'number' && !Number.isFinite(r[c]) ? 'NA' : r[c],
              ]),
            ),
          );
          if (ctx.format === 'csv') return ctx.print(printable, { columns: [...BROKERAGE_COLUMNS] });
          return ctx.lines(
            toCsv(printable, [...BROKERAGE_COLUMNS])
              .trimEnd()
              .split('\n'),
          );
        }
        if (opts.directed || opts.weighted)
          throw new UserError('--directed and --weighted apply to --edges/--groups networks');
        const layers = parseLayers(opts.layers);
        if (opts.blocs && !(BLOC_DEFINITIONS as readonly string[]).includes(opts.blocs))
          throw new UserError(
            `--blocs: unknown definition '${opts.blocs}' (one of ${BLOC_DEFINITIONS.join(', ')})`,
          );
        const weights = parseLayerWeights(opts.weights);
        const session = await openSession(ctx);
        const inputs = session.inputs;
        const lastIdeal = inputs.ideal.covers?.[1];
        if (!lastIdeal)
          throw new UserError(
            'no UNGA ideal points in the store: blocs cannot be assigned (run `interconnector data pull`)',
          );
        const year = opts.year ? parseYear(opts.year, '--year') : Math.min(lastIdeal, session.latestYear());
        if (year < 1992 || year > session.latestYear())
          throw new UserError(`--year ${year} is outside the years with data (1992–${session.latestYear()})`);
        const data = await loadInterconnectorData(await ctx.store(), {
          years: [year],
          corridors: corridorNetwork(),
          corridorFrom: inputs.config.corridorFrom,
        });
        const run = interconnectorRun(inputs, year, {
          ...(layers ? { layers } : {}),
          ...(weights ? { weights } : {}),
          data,
          nullSamples: samples,
          seed,
          faceValidity: opts.faceValidity,
          carryAlliances: opts.carryAlliances,
          ...(opts.blocs ? { blocs: { definition: opts.blocs as BlocDefinition } } : {}),
        });
        const ranked = [...run.scores.values()]
          .filter((s) => s.rank !== null)
          .sort((a, b) => (a.rank as number) - (b.rank as number));
        if (opts.state) {
          let rec;
          try {
            rec = (await ctx.registry()).resolve(opts.state);
          } catch (e) {
            throw new UserError(`--state: ${(e as Error).message}`);
          }
          const sc = rec.iso3 ? run.scores.get(rec.iso3) : undefined;
          if (!sc) throw new UserError(`--state: ${opts.state} is not in the ${year} network`);
          const ex = explainScore(run, sc);
          if (ctx.format === 'json') return ctx.print({ year, state: sc, explanation: ex });
          return ctx.lines(ex.lines);
        }
        const top = opts.top ? Number(opts.top) : ranked.length;
        if (!Number.isInteger(top) || top < 1)
          throw new UserError(`--top must be a positive whole number, got '${opts.top}'`);
        const shown = ranked.slice(0, top);
        if (ctx.format === 'json') return ctx.print(rankingDoc(run, shown));
        ctx.print(shown.map(rankRow), {
          title:
            `${year}: interconnector index (bridging west ↔ ` +
            'china-russia while aligned with neither; 0–1)',
        });
        ctx.lines([
          '',
          ...run.layers.map(
            (l) =>
              `  ${l.id.padEnd(9)} ` +
              (l.available
                ? `${String(l.edges.length).padStart(5)} ties, weight ${run.weights[l.id]}`
                : 'missing') +
              ` — ${l.note}`,
          ),
          `  blocs: ${run.blocs.provenance.note}`,
          (() => {
            const src =
              run.hostility.source === 'ucdp'
                ? 'UCDP'
                : run.hostility.source === 'kb'
                  ? 'knowledge-base wars; UCDP not imported'
                  : 'no conflict data';
            return run.settings.faceValidity
              ? `  face validity: ${run.hostility.pairs.size} pairs in armed conflict cut (${src}); ` +
                  'gate = alignment set to 0 (at war with a pole leader, or under its full guarantee)'
              : '  face validity: off';
          })(),
          '  * = tie carried forward from an earlier year (ATOP 2018)',
          '  alignment = ½ (1 if non-aligned bloc else UNGA equidistance + 1 − ' +
            'strongest pole guarantee); bridging = cross-bloc betweenness share ' +
            '/ max; brokerage = ln(1+opposing two-paths, weighted) / ln(1+max)',
        ]);
      },
    );
}

// Benchmarks the alignment kernels on the real UNGA record and compares them with BSV's published
// estimates and with R's pscl::ideal. Skips cleanly when ../shared/data is absent.
// Run: node --import tsx bench/idealpoints.bench.ts   (PSCL=0 to skip the R peer; VARIANTS=0 to skip the
// bridged and mode runs). The machine is shared: `uptime` is printed beside the numbers, and ratios use
// CPU time (process.cpuUsage, which counts worker threads; R's user + system time for pscl).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { agreementAll, agreementWith } from '../src/framework/alignment/agreement.ts';
import {
  estimateIdealPoints,
  estimateIdealPointsThreaded,
  idealPointRows,
  type IdealPointFit,
  type IdealPointOptions,
} from '../src/framework/alignment/idealpoints.ts';
import {
  loadBsvIdealPoints,
  loadUnvotes,
  loadUnvotesWithRecent,
  readMatches,
  type BsvRow,
} from '../src/framework/alignment/load.ts';
import { BSV_FILTER, selectVotes, type VoteFilter } from '../src/framework/alignment/subset.ts';
import { pearson } from '../src/framework/stats.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const votesDir = join(root, '../shared/data/unga_votes');
const recentDir = join(root, '../shared/data/unga_votes_recent');
const bsvFile = join(root, '../shared/data/unga_idealpoints/IdealpointestimatesAll_Jun2024.csv');

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const secs = (t0: number): string => ((performance.now() - t0) / 1000).toFixed(2);
const cpuSecs = (c0: NodeJS.CpuUsage): number => {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
};
const load = (): string =>
  `load ${spawnSync('uptime', { encoding: 'utf8' }).stdout.split('load average:')[1]?.trim()}`;

const data = await loadUnvotes(votesDir);
const bsv = await loadBsvIdealPoints(bsvFile);
if (!data || !bsv) {
  console.log('idealpoints bench: skipped (../shared/data/unga_votes or unga_idealpoints absent)');
  process.exit(0);
}
// Sessions 1–80: Voeten's record and the UN Digital Library votes of 2020–2025 (when present).
const full = (await loadUnvotesWithRecent(votesDir, recentDir)) ?? data;
const lastSession = Math.max(...full.rollcalls.map((r) => r.session));
console.log(`${load()}; record: sessions 1–${lastSession}, ${full.vote.length} votes`);

// ---- 1. Agreement: all dyads × all sessions ----
let t0 = performance.now();
const all = agreementAll(data);
console.log(
  `agreement: ${all.n.length} dyad-sessions (all dyads × ${new Set(all.period).size} sessions)` +
    ` in ${secs(t0)} s`,
);
t0 = performance.now();
const allYear = agreementAll(data, { by: 'year' });
console.log(`agreement by calendar year: ${allYear.n.length} dyad-years in ${secs(t0)} s`);

// ---- 2. Agreement vs BSV's USAgree … IsraelAgree, state-sessions 1991–2019 (sessions 46–74) ----
const refs: [keyof BsvRow, string][] = [
  ['usAgree', 'United States'],
  ['russiaAgree', 'Russia'],
  ['brazilAgree', 'Brazil'],
  ['chinaAgree', 'China'],
  ['indiaAgree', 'India'],
  ['israelAgree', 'Israel'],
];
const variants: { name: string; filter: VoteFilter; dropUnanimous: boolean }[] = [
  { name: 'identical share, all recorded votes', filter: { sessions: [46, 74] }, dropUnanimous: false },
  { name: 'identical share, unanimous dropped', filter: { sessions: [46, 74] }, dropUnanimous: true },
  {
    name: 'identical share, BSV filters (amend/para>1989 out, unanimous out)',
    filter: { ...BSV_FILTER, sessions: [46, 74] },
    dropUnanimous: true,
  },
];
const bsvKey = new Map(bsv.map((r) => [`${r.name}|${r.session}`, r]));
for (const v of variants) {
  const pooledA: number[] = [],
    pooledB: number[] = [],
    per: string[] = [];
  for (const [col, name] of refs) {
    const a: number[] = [],
      b: number[] = [];
    for (const r of agreementWith(data, name, { filter: v.filter, dropUnanimous: v.dropUnanimous })) {
      const row = bsvKey.get(`${data.states[r.state]}|${r.period}`);
      const x = row?.[col];
      if (typeof x === 'number') {
        a.push(r.identical);
        b.push(x);
      }
    }
    per.push(`${String(col).replace('Agree', '')} ${pearson(a, b).toFixed(3)}`);
    pooledA.push(...a);
    pooledB.push(...b);
  }
  console.log(
    `agreement vs BSV, ${v.name}: pooled r = ${pearson(pooledA, pooledB).toFixed(4)}` +
      ` (n = ${pooledA.length});` +
      ` ${per.join(', ')}`,
  );
}

// ---- 3. Ideal points, all sessions, both estimators against BSV's IdealPointAll ----
/** Pooled and within-session agreement of a fit with BSV, printed under `label`; returns the fit's rows. */
function compareWithBsv(
  label: string,
  opts: IdealPointOptions,
): { fit: IdealPointFit; seconds: number; cpu: number } {
  const t = performance.now(),
    c0 = process.cpuUsage();
  const fit = estimateIdealPoints(full, opts);
  const fitSecs = (performance.now() - t) / 1000,
    cpu = cpuSecs(c0);
  const rows = idealPointRows(fit);
  const ours: number[] = [],
    theirs: number[] = [],
    sess: number[] = [];
  for (const r of rows) {
    const b = bsvKey.get(`${r.state}|${r.session}`);
    if (b) {
      ours.push(r.theta);
      theirs.push(b.theta);
      sess.push(r.session);
    }
  }
  const within = new Map<number, number>();
  for (const s of new Set(sess)) {
    const a: number[] = [],
      b: number[] = [];
    sess.forEach((x, i) => {
      if (x === s) {
        a.push(ours[i]!);
        b.push(theirs[i]!);
      }
    });
    if (a.length > 5) within.set(s, pearson(a, b));
  }
  const late = [...within].filter(([s]) => s >= 46).map(([, r]) => r);
  const worst = [...within].filter(([s]) => s >= 46).sort((a, b) => a[1] - b[1])[0];
  const era = (lo: number, hi: number) =>
    median([...within].filter(([s]) => s >= lo && s <= hi).map(([, r]) => r)).toFixed(3);
  const post = ours.map((_, i) => i).filter((i) => sess[i]! >= 46);
  const usa = rows.filter((r) => r.state === 'United States');
  console.log(
    `ideal points, ${label}: ${fit.theta.length} state-sessions,` +
      ` ${fit.provenance.votes} votes, ${String(fit.provenance.options.items)} items;` +
      ` ${fit.iterations} sweeps, converged ${fit.converged};` +
      ` ${fitSecs.toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU, one thread (${load()})`,
  );
  const o = fit.provenance.options;
  if (o.method === 'gibbs')
    console.log(
      `  chain: split-half r ${Number(o.splitHalfR).toFixed(4)},` +
        ` effective sample size of the ${String(o.draws)} kept draws:` +
        ` median ${Number(o.essMedian).toFixed(0)},` +
        ` min ${Number(o.essMin).toFixed(1)}`,
    );
  console.log(
    `  vs BSV IdealPointAll: pooled r = ${pearson(ours, theirs).toFixed(4)} over ${ours.length}` +
      ` state-sessions (target ≥ 0.97); sessions 46+ only ${pearson(
        post.map((i) => ours[i]!),
        post.map((i) => theirs[i]!),
      ).toFixed(4)}`,
  );
  console.log(
    `  median within-session r, sessions 46+: ${median(late).toFixed(4)}` +
      ` (min ${Math.min(...late).toFixed(3)} in session ${worst?.[0]};` +
      ` target ≥ 0.95 in every session); by era: 1–20 ${era(1, 20)},` +
      ` 21–45 ${era(21, 45)}, 46–74 ${era(46, 74)}, 75–${Math.max(...within.keys())} ${era(75, 99)}`,
  );
  console.log(
    `  United States mean θ = ${(usa.reduce((a, r) => a + r.theta, 0) / usa.length).toFixed(2)};` +
      ` median interval SD ${median(Array.from(fit.sd)).toFixed(3)}`,
  );
  return { fit, seconds: fitSecs, cpu };
}
const oneThread = compareWithBsv("gibbs (default: BSV's dynamic prior, posterior means), no bridging", {});
t0 = performance.now();
const c2 = process.cpuUsage();
const twoThreads = await estimateIdealPointsThreaded(full, {}, { threads: 2 });
const twoSecs = (performance.now() - t0) / 1000,
  twoCpu = cpuSecs(c2);
console.log(
  `  the same on 2 threads: ${twoSecs.toFixed(1)} s wall` +
    ` (${(oneThread.seconds / twoSecs).toFixed(2)}× one thread),` +
    ` ${twoCpu.toFixed(1)} s CPU over both threads (target < 20 s wall on an idle 2-core machine` +
    ` ≈ CPU/2 = ${(twoCpu / 2).toFixed(1)} s;` +
    ` ${load()}); identical estimates: ${twoThreads.theta.every((x, u) => x === oneThread.fit.theta[u])}`,
);
if (process.env.VARIANTS !== '0') {
  compareWithBsv('gibbs, bridged by text-derived titles', { bridge: true });
  const matchesFile = process.env.BSV_MATCHES;
  if (matchesFile) compareWithBsv(`gibbs, bridged by ${matchesFile}`, { matches: readMatches(matchesFile) });
  else
    console.log(
      "ideal points, gibbs bridged by BSV's Matches.csv: skipped (set BSV_MATCHES=path/to/Matches.csv)",
    );
  compareWithBsv('mode (random-walk prior ω = 0.05, posterior mode)', { method: 'mode' });
}

// ---- 4. Issue-specific runs ----
for (const issue of ['me', 'hr', 'important'] as const) {
  t0 = performance.now();
  const f = estimateIdealPoints(full, { filter: { ...BSV_FILTER, issues: [issue] } });
  console.log(
    `issue ${issue}: ${f.theta.length} state-sessions, ${f.provenance.rollcalls} roll calls,` +
      ` ${f.iterations} sweeps, ${secs(t0)} s`,
  );
}

// ---- 5. One session against R pscl::ideal ----
const session = 70;
const one = selectVotes(data, { ...BSV_FILTER, sessions: [session, session] });
const reps = 9;
const timeSingle = (
  method: 'gibbs' | 'mode',
): { secs: number; fit: ReturnType<typeof estimateIdealPoints> } => {
  let fit = estimateIdealPoints(one, { method });
  const times: number[] = [],
    cpus: number[] = [];
  for (let i = 0; i < reps; i++) {
    t0 = performance.now();
    const c0 = process.cpuUsage();
    fit = estimateIdealPoints(one, { method });
    times.push((performance.now() - t0) / 1000);
    cpus.push(cpuSecs(c0));
  }
  console.log(
    `single session ${session}, ${method}: ${(median(times) * 1000).toFixed(1)} ms wall,` +
      ` ${(median(cpus) * 1000).toFixed(1)} ms CPU (medians of ${reps}),` +
      ` ${fit.iterations} sweeps (${load()})`,
  );
  return { secs: median(cpus), fit };
};
const singles = { mode: timeSingle('mode'), gibbs: timeSingle('gibbs') };
const rscript = spawnSync('Rscript', ['-e', 'cat(requireNamespace("pscl", quietly=TRUE))'], {
  encoding: 'utf8',
});
if (process.env.PSCL === '0' || rscript.status !== 0 || !rscript.stdout.includes('TRUE')) {
  console.log('pscl::ideal: skipped (R or pscl not available, or PSCL=0)');
} else {
  const dir = mkdtempSync(join(tmpdir(), 'pscl-'));
  try {
    const lines = ['state,rcid,vote'];
    for (let k = 0; k < one.vote.length; k++)
      lines.push(
        `"${one.states[one.voteState[k]!]}",${one.rollcalls[one.voteRollcall[k]!]!.rcid},${one.vote[k]}`,
      );
    writeFileSync(join(dir, 'votes.csv'), lines.join('\n'));
    const r = spawnSync(
      'Rscript',
      [join(root, 'bench/peers/pscl_ideal.R'), join(dir, 'votes.csv'), join(dir, 'out.csv')],
      { encoding: 'utf8' },
    );
    const m = /CPU ([\d.]+)/.exec(r.stdout);
    if (!m) console.log(`pscl::ideal failed: ${r.stderr.slice(0, 300)}`);
    else {
      const psclSecs = Number(m[1]);
      const px = new Map(
        readFileSync(join(dir, 'out.csv'), 'utf8')
          .trim()
          .split('\n')
          .slice(1)
          .map((l) => {
            const [s, x] = l.split(/,(?=[^,]*$)/);
            return [s!.replace(/"/g, ''), Number(x)];
          }),
      );
      for (const [method, { secs, fit }] of Object.entries(singles)) {
        const a: number[] = [],
          b: number[] = [];
        for (const row of idealPointRows(fit))
          if (px.has(row.state)) {
            a.push(row.theta);
            b.push(px.get(row.state)!);
          }
        console.log(
          `pscl::ideal (binary, maxiter 10000, burnin 5000, thin 100) on session ${session}:` +
            ` ${psclSecs.toFixed(2)} s CPU;` +
            ` CPU ratio pscl/ours (${method}) = ${(psclSecs / secs).toFixed(1)}× (target ≥ 20×);` +
            ` |r| with ours = ${Math.abs(pearson(a, b)).toFixed(4)}`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

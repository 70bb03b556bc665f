// The API under load: 50 concurrent clients for 30 s on loopback against profile requests
// (/api/autonomy for rotating states). The server runs in its own process (`interconnector serve`)
// so that the load generator does not share its event loop; its memory is read from /proc before
// and after. Target: p99 < 100 ms, no errors, flat memory.
// Run: node --import tsx bench/api-load.bench.ts [seconds]
import autocannon from 'autocannon';
import { startBenchServer } from './helpers/server.ts';

const seconds = Number(process.argv[2] ?? 30);
const server = await startBenchServer({ portBase: 18000 });
try {
  const base = server.url.replace(/\/$/, '');
  const states = ['AZE', 'GEO', 'ARM', 'MDA', 'UKR', 'TUR', 'KAZ', 'IND', 'BRA', 'EGY'];
  // What the profile page asks for: the series (numbers only) and one year's evidence.
  const paths = states.flatMap((s) => [
    `/api/autonomy?state=${s}&detail=summary`,
    `/api/autonomy?state=${s}&years=2022`,
  ]);
  let t = performance.now();
  for (const p of paths) await (await fetch(base + p)).arrayBuffer();
  console.log(
    `first (uncached) profile requests for ${states.length} states (` +
      `${paths.length} requests): ${(performance.now() - t).toFixed(0)} ms in all`,
  );

  const run = (duration: number) => {
    let i = 0;
    return autocannon({
      url: base,
      connections: 50,
      duration,
      requests: [
        { method: 'GET', setupRequest: (req: object) => ({ ...req, path: paths[i++ % paths.length]! }) },
      ],
    });
  };
  await run(3); // warm-up: JIT and the server's caches
  const before = server.rssMiB();
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, server.rssMiB());
  }, 1000);
  t = performance.now();
  let result: Awaited<ReturnType<typeof run>>;
  try {
    result = await run(seconds);
  } finally {
    clearInterval(sampler);
  }
  const after = server.rssMiB();
  const bytes = result.throughput.total;
  console.log(
    `${result.requests.total} requests in ${((performance.now() - t) / 1000).toFixed(1)}` +
      ` s, ${result.requests.average.toFixed(0)} req/s, ` +
      `${(bytes / result.requests.total / 1024).toFixed(0)} kB per response`,
  );
  console.log(
    `latency ms: p50 ${result.latency.p50}, p90 ${result.latency.p90}` +
      `, p99 ${result.latency.p99}, max ${result.latency.max}`,
  );
  console.log(`errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}`);
  console.log(
    `server RSS before ${before.toFixed(0)} MiB, peak ${peak.toFixed(0)} MiB, after ${after.toFixed(0)} MiB`,
  );
  console.log(
    'target p99 < 100 ms with no errors: ' +
      `${result.latency.p99 < 100 && result.errors === 0 && result.non2xx === 0 ? 'met' : 'NOT met'}`,
  );
} finally {
  await server.close();
}

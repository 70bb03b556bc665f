// What else the machine is doing while a bench runs: ratios taken on a busy 2-core box mean little
// without it, so every bench prints this line beside its numbers.
import { availableParallelism, loadavg } from 'node:os';

/** "load 1.52 0.98 0.61 on 2 cores" — the 1, 5 and 15 minute load averages, as `uptime` prints them. */
export function machineLoad(): string {
  const [a, b, c] = loadavg().map((x) => x.toFixed(2));
  return `load ${a} ${b} ${c} on ${availableParallelism()} cores`;
}

/** CPU seconds (user + system) this process has used since `from` (a process.cpuUsage() reading). */
export function cpuSeconds(from?: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1e6;
}

/** Times `work` in wall and CPU seconds of this process (worker threads' CPU included). */
export async function timed<T>(work: () => Promise<T> | T): Promise<{ value: T; wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await work();
  return { value, wall: (performance.now() - t0) / 1000, cpu: cpuSeconds(c0) };
}

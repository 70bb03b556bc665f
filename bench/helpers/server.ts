// `interconnector serve` in its own process over a private copy of the shared test store, for the
// benches that measure the server from outside. The copy matters: DuckDB lets one process hold a
// file, and a bench server holding the shared store once made CI's tests wait on its lock and fail.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { realDataStore } from '../../test/helpers/store.ts';

export interface BenchServer {
  /** Base URL with a trailing slash. */
  url: string;
  pid: number;
  /** Resident memory of the server process, from /proc. */
  rssMiB: () => number;
  close: () => Promise<void>;
}

const bin = fileURLToPath(new URL('../../bin/interconnector.js', import.meta.url));

/** Copies the shared store (imported once by the tests' own `data pull`) to a private temp folder. */
async function privateStoreCopy(): Promise<{ path: string; dir: string }> {
  const { store } = await realDataStore();
  const shared = store.path;
  // Closing checkpoints the file, so the copy is complete without the WAL; copy it anyway if one is left.
  store.close();
  const dir = mkdtempSync(join(tmpdir(), 'interconnector-bench-'));
  const path = join(dir, 'store.duckdb');
  copyFileSync(shared, path);
  if (existsSync(`${shared}.wal`)) copyFileSync(`${shared}.wal`, `${path}.wal`);
  return { path, dir };
}

async function waitUntilUp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const start = Date.now();
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`bench server exited early (${child.exitCode ?? child.signalCode})`);
    try {
      if ((await fetch(`${url}api/health`)).ok) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() - start > timeoutMs)
      throw new Error(`bench server did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Starts the server on a free-ish port and returns once /api/health answers. The process and the
 * store copy are removed by close(), and also when the bench exits some other way (an error, a
 * signal), so that no server outlives its bench.
 */
export async function startBenchServer(
  opts: { portBase?: number; timeoutMs?: number } = {},
): Promise<BenchServer> {
  const { path, dir } = await privateStoreCopy();
  const port = (opts.portBase ?? 18000) + Math.floor(Math.random() * 1000);
  const child = spawn(process.execPath, [bin, '--store', path, '--quiet', 'serve', '--port', String(port)], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  let closed = false;
  const killNow = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    closed = true;
    rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (sig: NodeJS.Signals) => {
    killNow();
    process.exit(sig === 'SIGINT' ? 130 : 143);
  };
  process.once('exit', killNow);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const close = async () => {
    if (closed) return;
    closed = true;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      // A server stuck in a long computation may not see SIGTERM soon: do not wait on it for ever.
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
    process.off('exit', killNow);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };

  const url = `http://127.0.0.1:${port}/`;
  try {
    await waitUntilUp(url, child, opts.timeoutMs ?? 60_000);
  } catch (err) {
    await close();
    throw err;
  }
  const pid = child.pid!;
  const rssMiB = () =>
    Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  return { url, pid, rssMiB, close };
}

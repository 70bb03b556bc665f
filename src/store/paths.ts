import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the store lives unless `--store` or INTERCONNECTOR_STORE say otherwise (XDG data dir). */
export function defaultStorePath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.INTERCONNECTOR_STORE) return env.INTERCONNECTOR_STORE;
  const base = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'interconnector', 'store.duckdb');
}

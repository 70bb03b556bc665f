import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { StateRegistry } from '../../src/states/registry.ts';
import type { Store } from '../../src/store/store.ts';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const fixtures = join(repoRoot, 'test', 'fixtures', 'data');

/** The registry straight from kb/states.yaml, so these tests do not depend on the rest of the KB. */
export function registry(): StateRegistry {
  const doc = parse(readFileSync(join(repoRoot, 'kb', 'states.yaml'), 'utf8')) as {
    states: Array<{ ccode: number; cow: string; iso3: string | null; name: string; alt?: string[] }>;
  };
  return new StateRegistry(
    doc.states.map((s) => ({
      ccode: s.ccode,
      cowAbbrev: s.cow,
      iso3: s.iso3,
      name: s.name,
      altNames: s.alt ?? [],
    })),
  );
}

export function tmp(prefix = 'ic-data-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function write(path: string, content: string | Buffer): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}

/**
 * Row counts and a content checksum of every data table and loads: equal snapshots mean an unchanged store.
 */
export async function snapshot(store: Store): Promise<Record<string, string>> {
  const tables = await store.query<{ table_name: string }>(
    'SELECT table_name FROM information_schema.tables WHERE table_schema ' +
      `= 'main' AND table_name <> 'schema_migrations' ORDER BY 1`,
  );
  const out: Record<string, string> = {};
  for (const { table_name: t } of tables) {
    const [r] = await store.query<{ n: number; h: string }>(
      `SELECT count(*) AS n, coalesce(sum(hash(t)), 0)::VARCHAR AS h FROM ${t} t`,
    );
    out[t] = `${r?.n}:${r?.h}`;
  }
  return out;
}

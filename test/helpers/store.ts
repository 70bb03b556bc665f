import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pullMissing } from '../../src/data/pull.ts';
import { loadKnowledgeBase, type KnowledgeBase } from '../../src/kb/knowledge-base.ts';
import { StateRegistry } from '../../src/states/registry.ts';
import { attachSystemSpans } from '../../src/states/spans.ts';
import { Store } from '../../src/store/store.ts';
import { hasSharedData, sharedData } from './paths.ts';

/**
 * A store holding every dataset of ../shared/data, imported once by the project's own `data pull`
 * and reused by the test files that need real data (they run one after another). Keyed by the
 * datasets' READMEs and the schema, so a changed dataset or migration gets a fresh import.
 */
export async function realDataStore(): Promise<{ store: Store; kb: KnowledgeBase; registry: StateRegistry }> {
  if (!hasSharedData) throw new Error('no ../shared/data: guard the test with hasSharedData');
  const hash = createHash('sha256');
  for (const dir of readdirSync(sharedData).sort()) {
    const readme = join(sharedData, dir, 'README.md');
    if (existsSync(readme)) hash.update(readFileSync(readme));
  }
  hash.update(readFileSync(new URL('../../src/store/migrations-data.ts', import.meta.url)));
  // Core migrations too (e.g. the rollback archive): a store of another schema is another file.
  hash.update(readFileSync(new URL('../../src/store/migrations.ts', import.meta.url)));
  hash.update(readFileSync(new URL('../../src/store/migrations-data-recent.ts', import.meta.url)));
  const path = join(tmpdir(), `interconnector-test-${hash.digest('hex').slice(0, 16)}.duckdb`);
  const kb = loadKnowledgeBase();
  const registry = StateRegistry.fromKnowledgeBase(kb);
  const store = await openWhenFree(path);
  const statuses = await pullMissing(store, { mirror: sharedData, quiet: true, registry });
  const failed = statuses.filter((s) => s.status === 'failed' || s.status === 'unavailable');
  if (failed.length)
    throw new Error(
      `importing the shared data failed: ${failed.map((f) => `${f.id}: ${f.message}`).join('; ')}`,
    );
  await attachSystemSpans(registry, store, kb);
  return { store, kb, registry };
}

/** Another test process may hold the file's lock for a while (DuckDB allows one writer): wait for it. */
async function openWhenFree(path: string, timeoutMs = 300_000): Promise<Store> {
  const start = Date.now();
  for (;;) {
    try {
      return await Store.open(path);
    } catch (err) {
      if (!/lock/i.test((err as Error).message) || Date.now() - start > timeoutMs) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

import { join } from 'node:path';
import { importDataset } from '../../src/data/importer.ts';
import { loadKnowledgeBase } from '../../src/kb/knowledge-base.ts';
import { StateRegistry } from '../../src/states/registry.ts';
import { Store } from '../../src/store/store.ts';
import { hasSharedData, sharedData, tempDir } from '../helpers/paths.ts';

/** Real-data tests skip cleanly without ../shared/data (or without its UNGA folders). */
export const realSkip = hasSharedData ? false : `no ${sharedData}`;

/**
 * A store file holding the real UNGA votes and BSV's published ideal points, imported through the
 * data module exactly as `data import` does (about 10 s).
 */
export async function realStore(): Promise<string> {
  const path = join(tempDir('ic-align-real-'), 'store.duckdb');
  const store = await Store.open(path);
  try {
    const registry = StateRegistry.fromKnowledgeBase(loadKnowledgeBase());
    await importDataset(
      store,
      'unga_votes',
      ['un_roll_calls.csv', 'un_roll_call_issues.csv', 'un_votes.csv'].map((f) =>
        join(sharedData, 'unga_votes', f),
      ),
      { registry },
    );
    await importDataset(
      store,
      'unga_idealpoints',
      join(sharedData, 'unga_idealpoints', 'IdealpointestimatesAll_Jun2024.csv'),
      { registry },
    );
  } finally {
    store.close();
  }
  return path;
}

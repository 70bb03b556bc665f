import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
/** The shared real datasets beside the project; tests that need them skip when absent. */
export const sharedData = join(repoRoot, '..', 'shared', 'data');
export const hasSharedData = existsSync(sharedData);

export function tempDir(prefix = 'ic-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

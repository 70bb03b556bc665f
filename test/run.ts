// Runs every test file under test/ with node:test and ends with the one summary line CI reads:
// "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function findTests(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'fixtures' ? [] : findTests(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

const filter = process.argv.slice(2);
const files = findTests(join(root, 'test'))
  .filter((f) => filter.length === 0 || filter.some((p) => f.includes(p)))
  .sort()
  .map((f) => relative(root, f));

const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=1',
    '--test-reporter',
    './test/reporter.mjs',
    '--test-reporter-destination',
    'stdout',
    ...files,
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, INTERCONNECTOR_TEST: '1' } },
);
process.exit(result.status ?? 2);

// Child process for kill.test.ts: imports a new version of cow_nmc and stops inside the transaction
// (after the old rows are deleted, before the new ones are appended) so that the parent can SIGKILL it there.
import { importDataset } from '../../src/data/importer.ts';
import { Store } from '../../src/store/store.ts';
import { registry } from './helpers.ts';

const [storePath, file] = process.argv.slice(2);
const store = await Store.open(storePath!);
const create = store.conn.createAppender.bind(store.conn);
store.conn.createAppender = async (...args: Parameters<typeof create>) => {
  process.stdout.write('APPENDING\n');
  await new Promise((r) => setTimeout(r, 10_000));
  return create(...args);
};
await importDataset(store, 'cow_nmc', file!, { registry: registry() });
process.stdout.write('DONE\n');

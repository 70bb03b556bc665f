import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import type { StateRegistry } from '../states/registry.ts';
import type { Store } from '../store/store.ts';
import { catalog, catalogEntry, mirrorPath, type CatalogEntry, type CatalogFile } from './catalog.ts';
import { DatasetError } from './errors.ts';
import { importDataset, sha256File, type ImportOptions, type PartOutcome } from './importer.ts';
import { importers } from './importers/index.ts';
import { unzipEntry } from './zip.ts';

export type ProgressFactory = NonNullable<ImportOptions['progress']>;

export interface PullOptions {
  registry: StateRegistry;
  /** A folder laid out like ../shared/data: files are copied from there instead of downloaded. */
  mirror?: string;
  cacheDir?: string;
  progress?: ProgressFactory;
  fetch?: typeof fetch;
}

/** Where downloads are kept (and resumed from): XDG cache dir. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'interconnector', 'downloads');
}

/** The files a pull takes for each importer part: the first catalog file per part that can be had. */
function wanted(
  entry: CatalogEntry,
  available: (f: CatalogFile) => boolean,
): { files: CatalogFile[]; missing: CatalogFile[] } {
  const files: CatalogFile[] = [];
  const missing: CatalogFile[] = [];
  for (const part of importers[entry.id].parts) {
    const candidates = entry.files.filter((f) => f.part === part.part);
    const hit = candidates.find(available);
    if (hit) files.push(hit);
    else if (candidates.some((f) => !f.optional)) missing.push(candidates[0]!);
  }
  return { files, missing };
}

async function verify(path: string, file: CatalogFile, origin: string): Promise<void> {
  const sha = await sha256File(path);
  if (sha !== file.sha256)
    throw new DatasetError(
      `${origin}: checksum mismatch for ${file.name}: expected ` +
        `${file.sha256.slice(0, 16)}…, got ${sha.slice(0, 16)}…`,
    );
}

/**
 * Downloads `url` into `dest`, resuming a previous `.part` with an HTTP Range request. One-line
 * errors for the usual failures (offline, DNS, HTTP status).
 */
export async function download(
  url: string,
  dest: string,
  opts: { progress?: ProgressFactory; fetch?: typeof fetch } = {},
): Promise<void> {
  const part = `${dest}.part`;
  const have = existsSync(part) ? statSync(part).size : 0;
  const doFetch = opts.fetch ?? fetch;
  let res: Response;
  try {
    res = await doFetch(url, { headers: have ? { Range: `bytes=${have}-` } : {}, redirect: 'follow' });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new DatasetError(
      `cannot reach ${new URL(url).host} (offline or unreachable: ` +
        `${cause?.code ?? cause?.message ?? (err as Error).message}); use --mirror DIR or data import`,
    );
  }
  if (res.status === 416 && have) {
    renameSync(part, dest);
    return;
  } // the .part was already complete
  if (!res.ok || !res.body) throw new DatasetError(`${url}: HTTP ${res.status} ${res.statusText}`);
  const resumed = res.status === 206 && have > 0;
  const length = Number(res.headers.get('content-length') ?? 0);
  const total = (resumed ? have : 0) + length;
  const bar = total > 1_000_000 && opts.progress ? opts.progress(basename(dest), total) : undefined;
  const out = createWriteStream(part, { flags: resumed ? 'a' : 'w' });
  let done = resumed ? have : 0;
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      done += chunk.length;
      bar?.update(done);
    }
  } catch (err) {
    throw new DatasetError(
      `${url}: download interrupted after ${done} bytes (` +
        `${(err as Error).message}); run the pull again to resume`,
    );
  } finally {
    await new Promise<void>((r) => out.end(r));
    bar?.stop();
  }
  renameSync(part, dest);
}

/** Fetches one catalog file from its publisher into the cache (unzipping as needed) and returns its path. */
async function fetchFile(entry: CatalogEntry, file: CatalogFile, opts: PullOptions): Promise<string> {
  const dl = file.download!;
  const dir = join(opts.cacheDir ?? defaultCacheDir(), entry.id);
  mkdirSync(dir, { recursive: true });
  const target = join(dir, file.name);
  if (existsSync(target) && (await sha256File(target)) === file.sha256) return target;
  const fetched = join(dir, basename(new URL(dl.url).pathname) || file.name);
  if (!existsSync(fetched)) await download(dl.url, fetched, { progress: opts.progress, fetch: opts.fetch });
  if (dl.archivePath?.length) {
    let buf: Buffer = readFileSync(fetched);
    for (const member of dl.archivePath) buf = unzipEntry(buf, member, basename(fetched));
    writeFileSync(target, buf);
  } else if (fetched !== target) renameSync(fetched, target);
  await verify(target, file, dl.url);
  return target;
}

/**
 * `data pull`: takes each dataset's files from the mirror or the publisher, checks every
 * checksum, then imports. A dataset without a direct download says where to get it by hand.
 */
export async function pullDataset(store: Store, id: string, opts: PullOptions): Promise<PartOutcome[]> {
  const entry = catalogEntry(id);
  if (!entry)
    throw new DatasetError(`unknown dataset '${id}'; known: ${catalog.map((d) => d.id).join(', ')}`);
  let paths: string[];
  if (opts.mirror) {
    const at = (f: CatalogFile) => join(opts.mirror!, mirrorPath(entry, f));
    const { files, missing } = wanted(entry, (f) => existsSync(at(f)));
    if (missing.length)
      throw new DatasetError(
        `${opts.mirror}: ${entry.id} lacks ${missing.map((f) => mirrorPath(entry, f)).join(', ')}`,
      );
    for (const f of files) await verify(at(f), f, opts.mirror);
    paths = files.map(at);
  } else {
    const { files, missing } = wanted(entry, (f) => Boolean(f.download));
    if (missing.length) {
      throw new DatasetError(
        `${entry.id}: ${missing.map((f) => f.name).join(', ')} cannot be ` +
          `downloaded directly; get ${missing.length > 1 ? 'them' : 'it'} from ` +
          `${entry.page} and run \`interconnector data import ${entry.id} FILE\``,
      );
    }
    paths = [];
    for (const f of files) paths.push(await fetchFile(entry, f, opts));
  }
  return importDataset(store, entry.id, paths, { registry: opts.registry, progress: opts.progress });
}

export interface PullStatus {
  id: string;
  status: 'present' | 'imported' | 'unavailable' | 'failed';
  message?: string;
}

/** For `npm start`: pulls the datasets not yet in the store and carries on with what it has. */
export async function pullMissing(
  store: Store,
  opts: { mirror?: string; quiet?: boolean; registry: StateRegistry; progress?: ProgressFactory },
): Promise<PullStatus[]> {
  const loaded = new Set(
    (await store.query<{ dataset: string }>('SELECT DISTINCT dataset FROM data_load_parts')).map(
      (r) => r.dataset,
    ),
  );
  const out: PullStatus[] = [];
  for (const entry of catalog) {
    if (loaded.has(entry.id)) {
      out.push({ id: entry.id, status: 'present' });
      continue;
    }
    try {
      await pullDataset(store, entry.id, {
        registry: opts.registry,
        ...(opts.mirror ? { mirror: opts.mirror } : {}),
        ...(opts.quiet ? {} : { progress: opts.progress }),
      });
      out.push({ id: entry.id, status: 'imported' });
    } catch (err) {
      const message = (err as Error).message.split('\n')[0] ?? '';
      out.push({ id: entry.id, status: err instanceof DatasetError ? 'unavailable' : 'failed', message });
    }
  }
  return out;
}

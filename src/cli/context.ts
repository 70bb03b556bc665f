import { SingleBar, Presets } from 'cli-progress';
import { loadKnowledgeBase, type KnowledgeBase } from '../kb/knowledge-base.ts';
import { StateRegistry } from '../states/registry.ts';
import { attachSystemSpans } from '../states/spans.ts';
import { Store } from '../store/store.ts';
import { render, type Format, type PrintOptions } from './output.ts';

export interface Progress {
  update(done: number): void;
  stop(): void;
}

/** What every command gets: the global options, lazily opened resources and the output channel. */
export class CliContext {
  private storePromise: Promise<Store> | null = null;
  private kbCache: KnowledgeBase | null = null;
  private registryPromise: Promise<StateRegistry> | null = null;
  /** The file format `export` writes (`--format csv`, the default, or `--format parquet`). */
  dataFormat: 'csv' | 'parquet' = 'csv';

  constructor(
    readonly storePath: string,
    readonly format: Format,
    readonly quiet: boolean,
    private readonly out: (text: string) => void = (t) => process.stdout.write(t),
    private readonly err: (text: string) => void = (t) => process.stderr.write(t),
  ) {}

  store(): Promise<Store> {
    this.storePromise ??= Store.open(this.storePath);
    return this.storePromise;
  }

  kb(): KnowledgeBase {
    this.kbCache ??= loadKnowledgeBase();
    return this.kbCache;
  }

  /** The state registry with its years in the system when the COW state list is in the store. */
  registry(): Promise<StateRegistry> {
    this.registryPromise ??= (async () => {
      const registry = StateRegistry.fromKnowledgeBase(this.kb());
      await attachSystemSpans(registry, await this.store(), this.kb());
      return registry;
    })();
    return this.registryPromise;
  }

  /** Drops the cached registry, after an import changed the state list. */
  refreshRegistry(): void {
    this.registryPromise = null;
  }

  print(data: unknown, options: PrintOptions = {}): void {
    this.out(render(data, this.format, options));
  }

  /** Plain lines for people reading a table (explanations are too long for table cells). */
  lines(lines: string[]): void {
    if (this.format === 'table') this.out(lines.map((l) => `${l}\n`).join(''));
  }

  /** Messages for people (not for scripts): stderr, and silent with --quiet. */
  info(message: string): void {
    if (!this.quiet) this.err(`${message}\n`);
  }

  /** A progress bar on stderr when a person is watching; a no-op for scripts and --quiet. */
  progress(label: string, total: number): Progress {
    if (this.quiet || !process.stderr.isTTY) return { update() {}, stop() {} };
    const bar = new SingleBar(
      { format: `${label} [{bar}] {percentage}% {value}/{total}`, stream: process.stderr, hideCursor: true },
      Presets.shades_classic,
    );
    bar.start(total, 0);
    return { update: (done) => bar.update(done), stop: () => bar.stop() };
  }

  async close(): Promise<void> {
    if (this.storePromise) (await this.storePromise).close();
  }
}

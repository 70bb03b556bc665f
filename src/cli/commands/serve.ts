import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { pullMissing } from '../../data/pull.ts';
import { serve } from '../../server/serve.ts';
import { FrameworkSession } from '../../framework/session.ts';
import type { CliContext } from '../context.ts';
import { UserError } from '../errors.ts';

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 0 || port > 65535)
    throw new UserError(`--port must be 0–65535, got '${text}'`);
  return port;
}

/** The mirror `npm start` uses: INTERCONNECTOR_MIRROR, else a ../shared/data folder beside the project. */
export function defaultMirror(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.INTERCONNECTOR_MIRROR) return env.INTERCONNECTOR_MIRROR;
  const beside = fileURLToPath(new URL('../../../../shared/data', import.meta.url));
  return existsSync(beside) ? beside : undefined;
}

async function runServer(ctx: CliContext, host: string, port: number): Promise<void> {
  const registry = await ctx.registry();
  const store = await ctx.store();
  const loaded = (await store.query<{ n: number }>('SELECT count(*) AS n FROM loads'))[0]?.n ?? 0;
  const framework = loaded > 0 ? await FrameworkSession.open(store, ctx.kb(), registry) : null;
  if (!framework)
    ctx.info(
      'no datasets in the store: only the knowledge base and ' +
        'corridor model are served (run `interconnector data pull`)',
    );
  const server = await serve(ctx.kb(), registry, { host, port }, { store, framework });
  ctx.info(
    `Interconnector ${server.url} (API at ${server.url}api/, ` +
      `OpenAPI at ${server.url}api/openapi.json); Ctrl-C to stop`,
  );
  // The store stays open while serving; the process ends on a signal.
  await new Promise<void>((resolve) => {
    const stop = () => void server.close().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

export function registerServeCommands(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('serve the HTTP API and the dashboard')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--port <port>', 'port to listen on', '8080')
    .action(async (opts: { host: string; port: string }) => runServer(ctx, opts.host, parsePort(opts.port)));

  program
    .command('start')
    .description(
      'the main job: pull the datasets that are missing (from INTERCONNECTOR_MIRROR when set), then serve',
    )
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--port <port>', 'port to listen on', process.env.PORT ?? '8080')
    .action(async (opts: { host: string; port: string }) => {
      const mirror = defaultMirror();
      const statuses = await pullMissing(await ctx.store(), {
        mirror,
        quiet: ctx.quiet,
        registry: await ctx.registry(),
      });
      ctx.refreshRegistry();
      for (const s of statuses)
        if (s.status !== 'present' && s.status !== 'imported')
          ctx.info(`${s.id}: ${s.status}${s.message ? ` (${s.message})` : ''}`);
      await runServer(ctx, opts.host, parsePort(opts.port));
    });
}

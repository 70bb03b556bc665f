import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import type { StateRegistry } from '../states/registry.ts';
import { version } from '../version.ts';
import { buildServer, type ServerDeps } from './app.ts';

export interface ServeOptions {
  host: string;
  port: number;
}

/** Starts the API and dashboard; loopback unless the caller asks for another address. */
export async function serve(
  kb: KnowledgeBase,
  registry: StateRegistry,
  options: ServeOptions,
  data: Pick<ServerDeps, 'store' | 'framework'> = {},
): Promise<{ url: string; close: () => Promise<void> }> {
  const app = buildServer({ kb, registry, version, ...data });
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}/`,
    close: () => app.close(),
  };
}

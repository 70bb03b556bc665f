#!/usr/bin/env node
// Thin launcher: runs the TypeScript CLI through tsx so that a clone works without a build step.
import { register } from 'tsx/esm/api';
register();
// A reader that stops early (`interconnector kb check | head`) closes the pipe: that is not an error.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));

#!/usr/bin/env node
// Thin launcher: runs the TypeScript CLI through tsx so that a clone works without a build step.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));

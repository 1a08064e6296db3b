#!/usr/bin/env node
// Definitions and vigil itself are TypeScript: tsx compiles them on the fly (cached),
// so `npx vigil` works right after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
// Definitions import from 'vigil': imported from here, under this same loader, they share the
// modules already running instead of loading vigil a second time.
globalThis[Symbol.for('vigil.cli-import')] = (url) => import(url);
const { capHeapGrowth } = await import('../src/cli/heap-growth.ts');
capHeapGrowth();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
// A definition module may leave a timer, a socket or a child process running, which would keep
// the process (and the CI job waiting on it) alive for ever: the command is done, so it ends
// once what it printed has been handed over.
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write('', resolve))));
process.exit();

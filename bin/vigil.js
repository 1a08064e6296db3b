#!/usr/bin/env node
// Definitions and vigil itself are TypeScript: tsx compiles them on the fly (cached),
// so `npx vigil` works right after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));

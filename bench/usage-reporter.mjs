import { writeFileSync } from 'node:fs';

// Preloaded into a CLI run by the benchmark: records the process's peak memory when it exits.
const target = process.env.VIGIL_BENCH_USAGE;
if (target) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS / 1024)));

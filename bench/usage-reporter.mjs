import { writeFileSync } from 'node:fs';

// Preloaded into a CLI run by the benchmark: records the process's peak memory and cpu time when it exits.
const target = process.env.VIGIL_BENCH_USAGE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(target, JSON.stringify({ peakMiB: usage.maxRSS / 1024, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }));
  });
}

import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { selector } from '../../src/promql/selector.ts';
import { runToolInBackground } from '../../src/promtool/tools.ts';
import { mapInParallel } from '../../src/util/in-parallel.ts';
import type { Series } from './series.ts';

/**
 * The blocks promtool writes: 54 hours, the largest block a Prometheus keeping 60 days or more
 * compacts to. One OpenMetrics file per aligned window makes one block each, none overlapping,
 * so the measured Prometheus has nothing to compact.
 */
const BLOCK_SECONDS = 54 * 3600;

/** A series and the times of its history: every `everySeconds` from `from`, up to and including `until`. */
export interface History {
  readonly series: readonly Series[];
  readonly from: number;
  readonly everySeconds: number;
}

/**
 * Writes the histories into a Prometheus data directory `tsdb` (through OpenMetrics files in
 * `scratch`, removed after) and returns the number of samples.
 */
export async function backfill(histories: readonly History[], until: number, scratch: string, tsdb: string): Promise<number> {
  mkdirSync(scratch, { recursive: true });
  mkdirSync(tsdb, { recursive: true });
  const earliest = Math.min(...histories.map((h) => h.from));
  const windows: number[] = [];
  for (let start = earliest - (earliest % BLOCK_SECONDS); start <= until; start += BLOCK_SECONDS) windows.push(start);
  let samples = 0;
  const files: string[] = [];
  for (const start of windows) {
    const file = join(scratch, `${start}.om`);
    const written = writeWindow(file, histories, start, Math.min(start + BLOCK_SECONDS - 1, until));
    if (written > 0) files.push(file);
    else rmSync(file);
    samples += written;
  }
  // Two at a time: the windows are independent, and this machine has two cores.
  await mapInParallel(files, 2, async (file) => {
    const args = ['tsdb', 'create-blocks-from', 'openmetrics', '--max-block-duration=72h', file, tsdb];
    const run = await runToolInBackground('promtool', args, { timeoutMs: 30 * 60_000 });
    if (run.status !== 0) throw new Error(`promtool ${args.join(' ')} failed${'stopped' in run ? ` (${run.stopped})` : ''}:\n${run.stderr.slice(-4000)}`);
    rmSync(file);
  });
  rmSync(scratch, { recursive: true, force: true });
  return samples;
}

/** One window's samples as OpenMetrics, each metric's series together as the format requires. */
function writeWindow(file: string, histories: readonly History[], from: number, to: number): number {
  const fd = openSync(file, 'w');
  let buffered: string[] = [];
  let bufferedLength = 0;
  const put = (text: string) => {
    buffered.push(text);
    bufferedLength += text.length;
    if (bufferedLength > 1 << 22) flush();
  };
  const flush = () => {
    writeSync(fd, buffered.join(''));
    buffered = [];
    bufferedLength = 0;
  };
  let samples = 0;
  try {
    const byMetric = new Map<string, { series: Series; history: History }[]>();
    for (const history of histories) {
      for (const series of history.series) {
        const same = byMetric.get(series.name) ?? [];
        same.push({ series, history });
        byMetric.set(series.name, same);
      }
    }
    for (const [metric, all] of byMetric) {
      put(`# TYPE ${metric} gauge\n`);
      for (const { series, history } of all) {
        const step = history.everySeconds;
        const first = from <= history.from ? history.from : history.from + Math.ceil((from - history.from) / step) * step;
        const name = `${selector(metric, series.labels)} `;
        for (let t = first; t <= to; t += step) {
          put(`${name}${series.value(t)} ${t}\n`);
          samples++;
        }
      }
    }
    put('# EOF\n');
    flush();
  } finally {
    closeSync(fd);
  }
  return samples;
}

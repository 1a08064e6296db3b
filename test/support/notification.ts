import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTool } from '../../src/promtool/tools.ts';
import { tempDir, tool } from './tools.ts';

export interface NotifiedAlert {
  readonly status: 'firing' | 'resolved';
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/** The data Alertmanager gives a receiver's templates for one notification of a group (its `.`). */
export function notificationData(receiver: string, groupBy: readonly string[], alerts: readonly NotifiedAlert[]) {
  const common = (pick: (alert: NotifiedAlert) => Readonly<Record<string, string>>) =>
    Object.fromEntries(Object.entries(pick(alerts[0]!)).filter(([key, value]) => alerts.every((alert) => pick(alert)[key] === value)));
  const commonLabels = common((alert) => alert.labels);
  return {
    receiver,
    status: alerts.some((alert) => alert.status === 'firing') ? 'firing' : 'resolved',
    alerts: alerts.map((alert, index) => ({
      ...alert,
      startsAt: '2026-01-01T00:00:00Z',
      endsAt: alert.status === 'firing' ? '0001-01-01T00:00:00Z' : '2026-01-01T00:10:00Z',
      generatorURL: 'http://prometheus:9090/graph',
      fingerprint: String(index),
    })),
    groupLabels: Object.fromEntries(groupBy.map((label) => [label, commonLabels[label] ?? ''])),
    commonLabels,
    commonAnnotations: common((alert) => alert.annotations),
    externalURL: 'http://alertmanager:9093',
  };
}

/** What Alertmanager's template engine makes of `text` for `data` (`amtool template render`). */
export function renderNotificationTemplate(text: string, data: ReturnType<typeof notificationData>): string {
  const { dir, cleanup } = tempDir('vigil-template-');
  try {
    writeFileSync(join(dir, 'data.json'), JSON.stringify(data));
    writeFileSync(join(dir, 'none.tmpl'), '');
    const run = runTool(tool('amtool'), [
      'template',
      'render',
      `--template.glob=${join(dir, 'none.tmpl')}`,
      `--template.data=${join(dir, 'data.json')}`,
      `--template.text=${text}`,
    ]);
    if (run.status !== 0) throw new Error(`amtool template render failed: ${run.stderr}`);
    return run.stdout;
  } finally {
    cleanup();
  }
}

import { DashboardBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { dashboard } from '../../src/authoring/dashboard.ts';
import { defineConfig } from '../../src/authoring/config.ts';
import { compile } from '../../src/compile.ts';
import { statPanel, timeSeriesPanel, vigilDashboard } from '../../src/grafana/panels.ts';
import { panelsOf } from '../../src/grafana/panels-of.ts';
import type { GrafanaDashboardModel } from '../../src/ir.ts';
import { paths, serviceDashboardUid } from '../../src/naming.ts';
import { checkPromql } from '../../src/promql/check.ts';
import { renderBundle } from '../../src/render/render.ts';
import { compileDefinitions, testAlert, testService } from '../support/definitions.ts';
import { compiledExample } from '../support/example.ts';

const dashboardCodes = ['dashboard-layout', 'dashboard-promql', 'dashboard-unknown-metric', 'duplicate-dashboard'];

describe("the example system's dashboards", () => {
  it('holds a dashboard per service, Kafka, dead letters, the overview and the custom saga dashboard, each as JSON and a sidecar ConfigMap', async () => {
    const { result, rendered } = await compiledExample();
    const uids = result.ir.dashboards.map((d) => d.uid);
    expect(uids).toEqual(
      expect.arrayContaining([...result.ir.services.map(serviceDashboardUid), 'vigil-kafka', 'vigil-dead-letters', 'vigil-overview', 'dsrs-household-saga']),
    );
    for (const uid of uids) {
      const json = rendered.get(paths.dashboard(uid));
      expect(json, uid).toBeDefined();
      const configMap = parse(rendered.get(paths.dashboardConfigMap(uid))!) as { kind: string; metadata: { labels: Record<string, string> }; data: Record<string, string> };
      expect(configMap.kind).toBe('ConfigMap');
      expect(configMap.metadata.labels.grafana_dashboard).toBe('1');
      expect(configMap.data[`${uid}.json`]).toBe(json);
      expect((JSON.parse(json!) as GrafanaDashboardModel).uid).toBe(uid);
    }
    expect(result.diagnostics.filter((d) => dashboardCodes.includes(d.code))).toEqual([]);
  });

  it('shows the legend of every time series, and one tooltip for all its lines', async () => {
    const { result } = await compiledExample();
    const timeSeries = result.ir.dashboards.flatMap((d) => panelsOf(d).filter((p) => p.type === 'timeseries').map((p) => [`${d.uid}: ${p.title}`, p] as const));
    expect(timeSeries.length).toBeGreaterThan(10);
    for (const [name, panel] of timeSeries) {
      expect((panel as { options?: unknown }).options, name).toMatchObject({ legend: { showLegend: true }, tooltip: { mode: 'multi' } });
    }
  });

  it("points every SLO alert's dashboard_url at a dashboard and panel of the bundle", async () => {
    const { result, rendered } = await compiledExample();
    const sloAlerts = result.ir.ruleGroups.flatMap((g) => g.rules).filter((r) => r.type === 'alert' && r.annotations.dashboard_url);
    expect(sloAlerts.length).toBeGreaterThan(0);
    for (const alert of sloAlerts) {
      if (alert.type !== 'alert') continue;
      const url = new URL(alert.annotations.dashboard_url!);
      const uid = /\/d\/([^/?]+)/.exec(url.pathname)![1]!;
      const panelId = Number(url.searchParams.get('viewPanel'));
      const model = JSON.parse(rendered.get(paths.dashboard(uid)) ?? 'null') as GrafanaDashboardModel | null;
      expect(model, `${alert.name} ${alert.labels.service}: dashboard ${uid}`).not.toBeNull();
      const panel = (model!.panels ?? []).find((p) => p.id === panelId);
      expect(panel?.title, `${alert.name} ${alert.labels.service}: panel ${panelId}`).toContain(alert.labels.slo);
    }
  });

  it('has only panel queries that parse, and a query on every data panel', async () => {
    const { result } = await compiledExample();
    let queries = 0;
    for (const d of result.ir.dashboards) {
      for (const panel of panelsOf(d).filter((p) => p.type !== 'row')) {
        expect(panel.targets?.length, `${d.uid} ${panel.title}`).toBeGreaterThan(0);
        for (const target of panel.targets ?? []) {
          queries++;
          expect(checkPromql(target.expr!), `${d.uid} ${panel.title}: ${target.expr}`).toEqual([]);
        }
      }
    }
    expect(queries).toBeGreaterThan(50);
  });

  it('links each dashboard to the runbooks of the alerts it shows', async () => {
    const { result, rendered } = await compiledExample();
    const kafka = result.ir.dashboards.find((d) => d.uid === 'vigil-kafka')!;
    const links = (kafka.model.links ?? []) as { title: string; url: string }[];
    expect(links.map((l) => l.title)).toContain('Runbook: KafkaConsumerGroupStalled');
    for (const link of links.filter((l) => l.title.startsWith('Runbook: '))) {
      const page = `runbooks/${link.url.split('/').pop()}`;
      expect(rendered.has(page), page).toBe(true);
    }
  });
});

describe('dashboard checks', () => {
  const svc = testService();
  const alert = testAlert(svc);
  const custom = (build: (b: DashboardBuilder) => DashboardBuilder) => dashboard(build(vigilDashboard({ uid: 'custom', title: 'Custom' })));

  it('reports a panel query that does not parse, at the definition, with the position of the problem', () => {
    const bad = custom((b) => b.withPanel(timeSeriesPanel({ id: 1, title: 'Broken', queries: [{ expr: 'sum(rate(up[5m])' }] })));
    const result = compileDefinitions([svc, alert, bad]);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: 'dashboard-promql',
        severity: 'error',
        location: { ...bad.location, path: 'dashboard "custom" > panel 1 "Broken"' },
        excerpt: { text: 'sum(rate(up[5m])', from: 16, to: 16 },
      }),
    ]);
    expect(result.bundle.size, 'nothing is written').toBe(0);
  });

  it('accepts Grafana interval variables in ranges', () => {
    const ok = custom((b) => b.withPanel(timeSeriesPanel({ id: 1, title: 'Up', queries: [{ expr: 'avg_over_time(up{job="checkout"}[$__rate_interval])' }] })));
    expect(compileDefinitions([svc, alert, ok]).diagnostics).toEqual([]);
    const braced = custom((b) => b.withPanel(timeSeriesPanel({ id: 1, title: 'Up', queries: [{ expr: 'max_over_time(up{job="checkout"}[${__interval}])' }] })));
    expect(compileDefinitions([svc, alert, braced]).diagnostics).toEqual([]);
  });

  it('warns about a metric nothing in the bundle produces, naming the panel', () => {
    const typo = custom((b) => b.withPanel(timeSeriesPanel({ id: 1, title: 'Requests', queries: [{ expr: 'sum(rate(http_requets_total[5m]))' }] })));
    const result = compileDefinitions([svc, alert, typo]);
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'dashboard-unknown-metric', severity: 'warning', message: expect.stringContaining('`http_requets_total`') })]);
  });

  it("warns once per panel, naming each of its unknown metrics once whichever query reads them, in every dashboard holding it", () => {
    const shared = timeSeriesPanel({ id: 3, title: 'Shared', queries: [{ expr: 'rate(shared_typo_total[5m])' }] });
    const first = custom((b) =>
      b
        .withPanel(timeSeriesPanel({ id: 1, title: 'Two', queries: [{ expr: 'rate(a_typo_total[5m])' }, { expr: 'rate(b_typo_total[5m]) / rate(a_typo_total[5m])' }] }))
        .withPanel(timeSeriesPanel({ id: 2, title: 'Known', queries: [{ expr: 'up' }] }))
        .withPanel(shared),
    );
    const second = dashboard(vigilDashboard({ uid: 'second', title: 'Second' }).withPanel(shared));
    const warnings = compileDefinitions([svc, alert, first, second]).diagnostics.filter((d) => d.code === 'dashboard-unknown-metric');
    expect(warnings.map((d) => [d.location.path, d.message.replace(/, which .*/, '')])).toEqual([
      ['dashboard "custom" > panel 1 "Two"', 'panel "Two" queries `a_typo_total`, `b_typo_total`'],
      ['dashboard "custom" > panel 3 "Shared"', 'panel "Shared" queries `shared_typo_total`'],
      ['dashboard "second" > panel 3 "Shared"', 'panel "Shared" queries `shared_typo_total`'],
    ]);
  });

  it('reports duplicate panel ids, overlapping panels, a panel without a query and a panel past the grid', () => {
    const messy = dashboard({
      uid: 'messy',
      title: 'Messy',
      panels: [
        { id: 1, type: 'timeseries', title: 'A', gridPos: { x: 0, y: 0, w: 12, h: 8 }, targets: [{ expr: 'up', refId: 'A' }] },
        { id: 1, type: 'timeseries', title: 'B', gridPos: { x: 6, y: 4, w: 12, h: 8 }, targets: [{ expr: 'up', refId: 'A' }] },
        { id: 3, type: 'stat', title: 'C', gridPos: { x: 18, y: 20, w: 12, h: 8 }, targets: [] },
      ],
    } as never);
    const messages = compileDefinitions([svc, alert, messy]).diagnostics.filter((d) => d.code === 'dashboard-layout').map((d) => d.message);
    expect(messages.sort()).toEqual([
      'panel "B" overlaps "A" on the grid',
      'panel "C" ends at column 30, past the grid\'s 24',
      'panel "C" has no query',
      'panels "A" and "B" share the id 1',
    ]);
  });

  it('refuses a custom dashboard whose model contains itself, naming where', () => {
    const model = { uid: 'loop', title: 'Loop', panels: [{ id: 1, type: 'row', title: 'Rows', panels: [] as object[] }] };
    model.panels[0]!.panels.push({ id: 2, type: 'timeseries', title: 'Up', targets: [{ expr: 'up', refId: 'A' }], dashboard: model });
    const loop = dashboard(model as never);
    const result = compileDefinitions([svc, alert, loop]);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'dashboard-model', severity: 'error', message: expect.stringContaining('at `panels[0].panels[0].dashboard`'), location: { ...loop.location, path: 'dashboard "Loop"' } }),
    ]);
    // A panel object held twice, side by side, is no loop.
    const panel = { id: 1, type: 'timeseries', title: 'Up', gridPos: { x: 0, y: 0, w: 12, h: 8 }, targets: [{ expr: 'up', refId: 'A' }] };
    const twice = dashboard({ uid: 'twice', title: 'Twice', panels: [panel, { ...panel, id: 2, gridPos: { x: 12, y: 0, w: 12, h: 8 } }], links: [panel] } as never);
    expect(compileDefinitions([svc, alert, twice]).diagnostics.filter((d) => d.code === 'dashboard-model')).toEqual([]);
  });

  it('refuses a custom dashboard that takes the uid of a generated one', () => {
    const clash = dashboard(new DashboardBuilder('Mine').uid(serviceDashboardUid(svc)));
    const result = compileDefinitions([svc, alert, clash]);
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'duplicate-dashboard', location: { ...clash.location, path: 'dashboard "Mine"' } })]);
  });

  it('gives services whose namespace and name join alike dashboards of their own', () => {
    const a = testService({ name: 'checkout', namespace: 'shop-eu' });
    const b = testService({ name: 'eu-checkout', namespace: 'shop' });
    const result = compileDefinitions([a, b, testAlert(a), testAlert(b)]);
    expect(result.diagnostics.filter((d) => d.code === 'duplicate-dashboard')).toEqual([]);
    expect(result.ir.dashboards.map((d) => d.uid)).toEqual(expect.arrayContaining(['shop-eu_checkout', 'shop-eu-checkout']));
  });

  it('refuses a uid Grafana would refuse, before it becomes a path', () => {
    const outside = dashboard(new DashboardBuilder('Outside').uid('../../../escape'));
    const long = dashboard(new DashboardBuilder('Long').uid('a'.repeat(41)));
    const result = compileDefinitions([svc, alert, outside, long]);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'invalid-name', message: 'dashboard uid `../../../escape` must be letters, digits, `-` and `_`: Grafana refuses it', location: { ...outside.location, path: 'dashboard "Outside" > uid' } }),
      expect.objectContaining({ code: 'invalid-name', message: `dashboard uid \`${'a'.repeat(41)}\` must be 1 to 40 characters: Grafana refuses it`, location: { ...long.location, path: 'dashboard "Long" > uid' } }),
    ]);
    expect(result.ir.dashboards.map((d) => d.title)).not.toContain('Outside');
  });

  it('gives uids that differ only in case or `_` ConfigMaps of their own', () => {
    const upper = custom((b) => b.uid('Team_A').title('Upper'));
    const lower = custom((b) => b.uid('team-a').title('Lower'));
    const rendered = renderBundle(compile({ definitions: [svc, alert, upper, lower], config: defineConfig({}) }).bundle);
    const names = ['Team_A', 'team-a'].map((uid) => (parse(rendered.get(paths.dashboardConfigMap(uid))!) as { metadata: { name: string } }).metadata.name);
    expect(names[1]).toBe('dashboard-team-a');
    expect(names[0]).toMatch(/^dashboard-team-a-[0-9a-f]{8}$/);
  });

  it('refuses a dashboard too large for a ConfigMap, and warns of one too large for client-side apply', () => {
    const sized = (uid: string, bytes: number) =>
      dashboard({ uid, title: uid, panels: [{ id: 1, type: 'text', title: 'Notes', gridPos: { x: 0, y: 0, w: 24, h: 8 }, options: { content: 'x'.repeat(bytes) } }] } as never);
    const [small, large, huge] = [sized('small', 200_000), sized('large', 300_000), sized('huge', 1_100_000)];
    const found = compileDefinitions([svc, alert, small, large, huge]).diagnostics.filter((d) => d.code === 'dashboard-size');
    expect(found).toEqual([
      expect.objectContaining({ severity: 'error', message: expect.stringContaining('dashboard "huge" is 1075 KiB of JSON: a ConfigMap holds at most 1 MiB'), location: { ...huge.location, path: 'dashboard "huge"' } }),
      expect.objectContaining({ severity: 'warning', message: expect.stringContaining('dashboard "large" makes a ConfigMap of about 296 KiB'), location: { ...large.location, path: 'dashboard "large"' } }),
    ]);
  });

  it('writes GrafanaDashboard objects for grafana-operator when configured', () => {
    const config = defineConfig({ grafana: { delivery: 'grafana-operator', instanceSelector: { dashboards: 'grafana' }, namespace: 'grafana' } });
    const stats = custom((b) => b.withPanel(statPanel({ id: 1, title: 'Up', queries: [{ expr: 'up{job="checkout"}' }] })));
    const rendered = renderBundle(compile({ definitions: [svc, alert, stats], config }).bundle);
    expect([...rendered.keys()].filter((p) => p.startsWith('grafana/configmaps/'))).toEqual([]);
    const object = parse(rendered.get(paths.grafanaDashboard('custom'))!) as { apiVersion: string; kind: string; metadata: { namespace: string }; spec: { instanceSelector: unknown; json: string } };
    expect(object).toMatchObject({ apiVersion: 'grafana.integreatly.org/v1beta1', kind: 'GrafanaDashboard', metadata: { namespace: 'grafana' } });
    expect(object.spec.instanceSelector).toEqual({ matchLabels: { dashboards: 'grafana' } });
    expect(object.spec.json).toBe(rendered.get(paths.dashboard('custom')));
    expect(rendered.get('kustomization.yaml')).toContain(paths.grafanaDashboard('custom'));
  });
});

/**
 * Bad projects vigil must refuse with a diagnostic (a code and a file:line), never a crash, and
 * without touching out/. Each case replaces files of a small valid project (see `baseProject`).
 */
export interface HostileCase {
  readonly name: string;
  /** Files replacing or adding to the base project. */
  readonly files: Readonly<Record<string, string>>;
  /** The diagnostic code it must yield. */
  readonly code: string;
  /** Where: `file:line` prefix of the diagnostic (the file, when the line is unknown). */
  readonly at: string;
  /** Extra CLI arguments. */
  readonly args?: readonly string[];
}

export const baseConfig = `import { defineConfig } from 'vigil';
export default defineConfig({ runbooks: { baseUrl: 'https://git.example.com/runbooks' } });
`;

const shop = (body: string) => `import { alert, dashboard, deadLetterQueue, discard, errorRate, errorRatio, kafkaConsumerLag, latency, record, routing, service, slo, slack, timeSeriesPanel, vigilDashboard } from 'vigil';
${body}
`;

export const baseShop = shop(`export const checkout = service({ name: 'checkout', namespace: 'shop', team: 'payments' });
alert({ name: 'CheckoutDown', service: checkout, severity: 'warning', expr: 'up{job="checkout"} == 0', for: '5m', summary: 'checkout is down', description: 'Prometheus cannot scrape checkout.' });
`);

const svc = `const checkout = service({ name: 'checkout', namespace: 'shop', team: 'payments' });`;
const withAlert = (fields: string) =>
  shop(`${svc}
alert({ name: 'CheckoutDown', service: checkout, severity: 'warning', expr: 'up{job="checkout"} == 0', for: '5m', summary: 's', description: 'd', ${fields} });`);
const withService = (fields: string) => shop(`service({ namespace: 'shop', team: 'payments', ${fields} });`);
const withSlo = (fields: string) =>
  shop(`${svc}
slo({ service: checkout, name: 'availability', objective: 99.9, sli: errorRatio({ errors: 'http_requests_total{job="checkout",code=~"5.."}', total: 'http_requests_total{job="checkout"}' }), ${fields} });`);
const withLag = (fields: string) => shop(`${svc}\nkafkaConsumerLag({ service: checkout, group: 'checkout', topics: ['orders'], ${fields} });`);

const file = 'alerts/shop.ts';

export const hostileCases: readonly HostileCase[] = [
  { name: 'a quote in a service name', files: { [file]: withService(`name: 'check"out'`) }, code: 'invalid-name', at: `${file}:2` },
  { name: 'a newline in an alert name', files: { [file]: withAlert(`name: 'Checkout\\nDown'`) }, code: 'invalid-name', at: `${file}:3` },
  { name: 'unicode in a service name', files: { [file]: withService(`name: 'chéckout'`) }, code: 'invalid-name', at: `${file}:2` },
  { name: 'an emoji in an alert name', files: { [file]: withAlert(`name: 'Checkout🔥Down'`) }, code: 'invalid-name', at: `${file}:3` },
  { name: 'an empty service name', files: { [file]: withService(`name: ''`) }, code: 'invalid-name', at: `${file}:2` },
  { name: 'an empty alert name', files: { [file]: withAlert(`name: ''`) }, code: 'invalid-name', at: `${file}:3` },
  { name: 'a 300-character service name', files: { [file]: withService(`name: '${'a'.repeat(300)}'`) }, code: 'invalid-name', at: `${file}:2` },
  { name: 'a 300-character alert name (its runbook page would be no file name)', files: { [file]: withAlert(`name: 'A${'b'.repeat(299)}'`) }, code: 'invalid-name', at: `${file}:3` },
  { name: 'PromQL injection through the namespace', files: { [file]: withService(`name: 'checkout', namespace: 'shop"} or vector(1) #'`) }, code: 'invalid-name', at: `${file}:2` },
  {
    name: 'two services of one name',
    files: { [file]: shop(`${svc}\nservice({ name: 'checkout', namespace: 'shop', team: 'other' });`) },
    code: 'duplicate-service',
    at: `${file}:3`,
  },
  { name: 'an empty ServiceMonitor selector', files: { [file]: withService(`name: 'checkout-worker', selector: {}`) }, code: 'service-selector', at: `${file}:2` },
  {
    name: 'two services selecting the same Kubernetes Service',
    files: { [file]: shop(`${svc}\nservice({ name: 'checkout-canary', namespace: 'shop', team: 'payments', selector: { 'app.kubernetes.io/name': 'checkout' } });`) },
    code: 'service-selector',
    at: `${file}:3`,
  },
  {
    name: 'the same alert twice',
    files: { [file]: shop(`${svc}\nfor (const i of [1, 2]) alert({ name: 'CheckoutDown', service: checkout, severity: 'warning', expr: 'up == 0', for: '5m', summary: 's', description: 'd' });`) },
    code: 'duplicate-rule',
    at: `${file}:3`,
  },
  { name: 'objective 0', files: { [file]: withSlo(`objective: 0`) }, code: 'slo-objective', at: `${file}:3` },
  { name: 'objective 100', files: { [file]: withSlo(`objective: 100`) }, code: 'slo-objective', at: `${file}:3` },
  { name: 'objective 99.99999999', files: { [file]: withSlo(`objective: 99.99999999`) }, code: 'slo-objective', at: `${file}:3` },
  { name: 'objective 150', files: { [file]: withSlo(`objective: 150`) }, code: 'slo-objective', at: `${file}:3` },
  { name: 'objective NaN', files: { [file]: withSlo(`objective: NaN`) }, code: 'slo-objective', at: `${file}:3` },
  { name: 'window 0d', files: { [file]: withSlo(`window: '0d'`) }, code: 'slo-window', at: `${file}:3` },
  { name: 'window of hours', files: { [file]: withSlo(`window: '36h'`) }, code: 'slo-window', at: `${file}:3` },
  { name: 'a negative lag threshold', files: { [file]: withLag(`lag: { threshold: -5 }`) }, code: 'invalid-threshold', at: `${file}:3` },
  { name: 'a NaN error ratio', files: { [file]: shop(`${svc}\nerrorRate({ service: checkout, maxErrorRatio: NaN });`) }, code: 'invalid-options', at: `${file}:3` },
  { name: 'an infinite lag threshold', files: { [file]: withLag(`lag: { threshold: 1e400 }`) }, code: 'invalid-threshold', at: `${file}:3` },
  {
    name: 'a bad alert after a template call (placed at its own line, not the template\'s)',
    files: {
      [file]: shop(`${svc}
kafkaConsumerLag({ service: checkout, group: 'checkout', topics: ['orders'] });
alert({ name: '', service: checkout, severity: 'warning', expr: 'up == 0', for: '5m', summary: 's', description: 'd' });`),
    },
    code: 'invalid-name',
    at: `${file}:4`,
  },
  { name: 'a huge objective', files: { [file]: withSlo(`objective: 1e308`) }, code: 'slo-objective', at: `${file}:3` },
  { name: 'an alert label that is a number', files: { [file]: withAlert(`labels: { tier: 1 } as never`) }, code: 'invalid-definition', at: `${file}:3` },
  { name: 'service metrics that are not a list', files: { [file]: withService(`name: 'checkout', metrics: 5 as never`) }, code: 'invalid-definition', at: `${file}:2` },
  { name: 'an SLO tier given true', files: { [file]: withSlo(`alerting: { ticket: true } as never`) }, code: 'invalid-definition', at: `${file}:3` },
  { name: 'routes that are not a list', files: { [file]: shop(`routing({ receiver: discard('nobody'), routes: { matchers: {} } as never });`) }, code: 'invalid-definition', at: `${file}:2` },
  { name: 'a consumer group with no topics', files: { [file]: shop(`${svc}\nkafkaConsumerLag({ service: checkout, group: 'checkout', topics: [] });`) }, code: 'invalid-options', at: `${file}:3` },
  { name: 'a dead-letter topic that is not a name', files: { [file]: shop(`${svc}\ndeadLetterQueue({ service: checkout, sourceTopic: 'orders', dlqTopic: 5 as never });`) }, code: 'invalid-options', at: `${file}:3` },
  { name: 'an instrumentation that vigil does not know', files: { [file]: shop(`${svc}\nerrorRate({ service: checkout, maxErrorRatio: 0.05, instrumentation: 'http' as never });`) }, code: 'invalid-options', at: `${file}:3` },
  { name: 'labels to alert by that are not a list', files: { [file]: shop(`${svc}\nerrorRate({ service: checkout, maxErrorRatio: 0.05, by: 'route' as never });`) }, code: 'invalid-options', at: `${file}:3` },
  { name: 'a label matcher that is a number', files: { [file]: shop(`${svc}\nerrorRate({ service: checkout, maxErrorRatio: 0.05, matchers: { route: 5 as never } });`) }, code: 'invalid-options', at: `${file}:3` },
  { name: 'a Kafka exporter that vigil does not know', files: { [file]: withLag(`exporter: 'burrow' as never`) }, code: 'invalid-options', at: `${file}:3` },
  { name: 'a Kafka exporter scrape interval that is no duration', files: { [file]: withLag(`exporter: { profile: 'kafka_exporter', interval: 'often' }`) }, code: 'invalid-options', at: `${file}:3` },
  {
    name: "a project's own template that refuses its options",
    files: { [file]: `import { OptionsError } from 'vigil';\nexport function mine(topics: string[]) {\n  if (topics.length === 0) throw new OptionsError('mine: no topics');\n}\nmine([]);\n` },
    code: 'invalid-options',
    at: `${file}:3`,
  },
  { name: 'PromQL that does not parse', files: { [file]: withAlert(`expr: 'sum(rate(up[5m])'`) }, code: 'promql-syntax', at: `${file}:3` },
  { name: 'PromQL of the wrong type', files: { [file]: withAlert(`expr: 'rate(up) > 0'`) }, code: 'promql-syntax', at: `${file}:3` },
  { name: 'a selector whose only matcher matches every series', files: { [file]: withAlert(`expr: '{job=~".*"} > 0'`) }, code: 'promql-syntax', at: `${file}:3` },
  { name: 'a regex RE2 cannot compile', files: { [file]: withAlert(`expr: 'up{job=~"("} > 0'`) }, code: 'promql-syntax', at: `${file}:3` },
  { name: 'a range of zero', files: { [file]: withAlert(`expr: 'rate(up[0s]) > 0'`) }, code: 'promql-syntax', at: `${file}:3` },
  { name: 'a range longer than Prometheus can hold', files: { [file]: withAlert(`expr: 'rate(up[300y]) > 0'`) }, code: 'promql-syntax', at: `${file}:3` },
  { name: 'arithmetic in a range', files: { [file]: withAlert(`expr: 'rate(up[1m+1m]) > 0'`) }, code: 'promql-syntax', at: `${file}:3` },
  { name: 'a for longer than Prometheus can hold', files: { [file]: withAlert(`for: '300y'`) }, code: 'invalid-duration', at: `${file}:3` },
  { name: 'a for that is not a duration', files: { [file]: withAlert(`for: 'five minutes'`) }, code: 'invalid-duration', at: `${file}:3` },
  { name: 'a negative for', files: { [file]: withAlert(`for: '-5m'`) }, code: 'invalid-duration', at: `${file}:3` },
  { name: 'a severity that does not exist', files: { [file]: withAlert(`severity: 'page' as never`) }, code: 'invalid-label', at: `${file}:3` },
  { name: 'a label name with a dash', files: { [file]: withAlert(`labels: { 'cost-center': 'x' }`) }, code: 'invalid-label', at: `${file}:3` },
  { name: 'a recording rule that is no metric name', files: { [file]: shop(`${svc}\nrecord({ name: 'job:http-requests:rate5m', service: checkout, expr: 'sum(rate(http_requests_total[5m]))' });`) }, code: 'invalid-name', at: `${file}:3` },
  { name: 'an alert on a service never declared', files: { [file]: shop(`alert({ name: 'GhostDown', service: 'ghost', severity: 'warning', expr: 'up == 0', summary: 's', description: 'd' });`) }, code: 'unknown-service', at: `${file}:2` },
  {
    name: 'a literal Slack webhook URL',
    files: { 'alerts/routing.ts': shop(`routing({ receiver: slack({ name: 'team', channel: '#t', apiUrl: 'https://hooks.slack.com/services/T0/B0/XXXX' as never }) });`) },
    code: 'literal-secret',
    at: 'alerts/routing.ts:2',
  },
  { name: 'a latency threshold between buckets', files: { [file]: withSlo(`sli: latency({ histogram: 'http_request_duration_seconds', thresholdSeconds: 0.3, buckets: [0.1, 0.25, 0.5] })`) }, code: 'slo-sli', at: `${file}:3` },
  { name: 'a dashboard query that does not parse', files: { 'dashboards/shop.ts': shop(`dashboard(vigilDashboard({ uid: 'shop', title: 'Shop' }).withPanel(timeSeriesPanel({ id: 1, title: 'x', queries: [{ expr: 'rate(up[5m]' }] })));`) }, code: 'dashboard-promql', at: 'dashboards/shop.ts:2' },
  {
    name: 'a dashboard query whose selector matches every series',
    files: { 'dashboards/shop.ts': shop(`dashboard(vigilDashboard({ uid: 'shop', title: 'Shop' }).withPanel(timeSeriesPanel({ id: 1, title: 'x', queries: [{ expr: 'sum({job=~".*"})' }] })));`) },
    code: 'dashboard-promql',
    at: 'dashboards/shop.ts:2',
  },
  {
    name: 'a custom dashboard whose model contains itself',
    files: { 'dashboards/shop.ts': shop(`const model = { title: 'Shop', uid: 'shop', panels: [] as object[] };\nmodel.panels.push({ id: 1, type: 'row', title: 'Rows', parent: model });\ndashboard(model as never);`) },
    code: 'dashboard-model',
    at: 'dashboards/shop.ts:4',
  },
  { name: 'a dashboard of nothing', files: { 'dashboards/shop.ts': shop(`dashboard(undefined as never);`) }, code: 'dashboard-model', at: 'dashboards/shop.ts:2' },
  { name: 'a dashboard model whose title is a number', files: { 'dashboards/shop.ts': shop(`dashboard({ title: 5, panels: [] } as never);`) }, code: 'dashboard-model', at: 'dashboards/shop.ts:2' },
  { name: 'a service of nothing (options built from data that found none)', files: { [file]: shop(`service(undefined as never);`) }, code: 'invalid-definition', at: `${file}:2` },
  { name: 'a template given no options', files: { [file]: shop(`errorRate(undefined as never);`) }, code: 'invalid-options', at: `${file}:2` },
  {
    name: 'team routing without its Slack options',
    files: { 'alerts/routing.ts': `import { discard, teamRouting } from 'vigil';\nteamRouting({ pager: discard('nobody'), teams: {} } as never);\n` },
    code: 'invalid-options',
    at: 'alerts/routing.ts:2',
  },
  { name: 'a definition module that throws', files: { [file]: shop(`throw new Error('boom');`) }, code: 'module-threw', at: file },
  { name: 'a promise a module rejects and never awaits', files: { [file]: shop(`${svc}\nPromise.reject(new Error('later'));`) }, code: 'module-threw', at: `${file}:3` },
  {
    name: 'a promise a module awaits and nothing settles',
    files: { 'package.json': '{ "type": "module" }\n', [file]: shop(`${svc}\nawait new Promise(() => {});`) },
    code: 'module-never-settled',
    at: file,
  },
  { name: 'a module that ends the process with exit code 0', files: { [file]: shop(`${svc}\nprocess.exit(0);`) }, code: 'module-exited', at: `${file}:3` },
  { name: 'a timer that throws after the module loaded', files: { [file]: shop(`${svc}\nsetTimeout(() => { throw new Error('later'); }, 0);`) }, code: 'module-threw', at: `${file}:3` },
  { name: 'a TypeScript syntax error', files: { [file]: shop(`const = ;`) }, code: 'module-syntax', at: file },
  {
    name: 'an import cycle that reads a binding too early',
    files: { [file]: `import { other } from './other.ts';\nexport const mine = other + 1;\n`, 'alerts/other.ts': `import { mine } from './shop.ts';\nexport const other = mine + 1;\n` },
    code: 'module-threw',
    at: 'alerts/',
  },
  {
    name: 'an import of a name vigil does not export',
    files: { 'package.json': '{ "type": "module" }\n', [file]: `import { service, nothing } from 'vigil';\nservice({ name: 'checkout', namespace: 'shop', team: 'payments' });\nexport const used = nothing;\n` },
    code: 'missing-export',
    at: `${file}:1`,
  },
  { name: 'an import of a file that does not exist', files: { [file]: `import './missing.ts';\n` }, code: 'module-threw', at: file },
  { name: 'a missing config', files: {}, args: ['--config', 'nope.config.ts'], code: 'config-not-found', at: 'nope.config.ts' },
  { name: 'a config key that does not exist', files: { 'vigil.config.ts': `import { defineConfig } from 'vigil';\nexport default defineConfig({ outt: 'x' } as never);\n` }, code: 'config-invalid', at: 'vigil.config.ts' },
  { name: 'an include that matches no module (building would empty out/)', files: { 'vigil.config.ts': `import { defineConfig } from 'vigil';\nexport default defineConfig({ include: ['alert/**/*.ts'] });\n` }, code: 'include-matches-nothing', at: 'vigil.config.ts' },
  { name: 'modules that define no service (building would empty out/)', files: { [file]: `export const nothing = 1;\n` }, code: 'empty-output', at: 'vigil.config.ts' },
  { name: 'a config whose default export is null', files: { 'vigil.config.ts': `export default null;\n` }, code: 'config-invalid', at: 'vigil.config.ts' },
  { name: 'a config whose default export is a number', files: { 'vigil.config.ts': `export default 42;\n` }, code: 'config-invalid', at: 'vigil.config.ts' },
  { name: 'a runbooks folder inside the output', files: { 'vigil.config.ts': `import { defineConfig } from 'vigil';\nexport default defineConfig({ runbooks: { dir: 'out/runbooks' } });\n` }, code: 'config-invalid', at: 'vigil.config.ts' },
  { name: 'a Grafana namespace Kubernetes refuses', files: { 'vigil.config.ts': `import { defineConfig } from 'vigil';\nexport default defineConfig({ grafana: { namespace: 'Monitoring_NS' } });\n` }, code: 'config-invalid', at: 'vigil.config.ts' },
  { name: 'a dashboard uid that would leave out/', files: { [file]: shop(`${svc}\ndashboard(vigilDashboard({ uid: '../../escape', title: 'Escape' }));`) }, code: 'invalid-name', at: `${file}:3` },
  { name: 'a lint rule the config raises to an error', files: { 'vigil.config.ts': `import { defineConfig } from 'vigil';\nexport default defineConfig({ lint: { rules: { 'promql-rate-over-gauge': 'error' } } });\n`, [file]: withAlert(`expr: 'rate(queue_depth[5m]) > 0'`) }, code: 'promql-rate-over-gauge', at: `${file}:3` },
];

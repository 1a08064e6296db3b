import type { Receiver } from '../authoring/receivers.ts';
import type { InhibitRule, RouteOptions, RoutingDefinition } from '../authoring/routing.ts';
import { isSecretRef } from '../authoring/secret.ts';
import type { NumberRange, Period, TimeInterval } from '../authoring/time-interval.ts';
import { errorAt, formatLocation, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.ts';
import type {
  ConfigIR,
  InhibitRuleIR,
  MatcherIR,
  PeriodIR,
  ReceiverIR,
  RouteIR,
  RoutingIR,
  SecretIR,
  TimeIntervalIR,
} from '../ir.ts';
import { GROUP_BY_ALL, heartbeat as heartbeatNames, secretFilePath } from '../naming.ts';
import type { Matchers } from '../promql/selector.ts';
import { DEFAULT_HEARTBEAT_INTERVAL, heartbeatAlert, heartbeatRoute } from '../routing/heartbeat.ts';
import { defaultPagerDutyLinks } from '../routing/pagerduty-links.ts';
import { compareStrings } from '../util/compare.ts';
import { sortedRecord } from '../util/records.ts';
import { completeAlert, type PlacedRule } from './rules.ts';
import type { ServiceIndex } from './services.ts';

export interface NormalizedRouting {
  readonly routing?: RoutingIR;
  /** The heartbeat alert, placed in its owner's rules. */
  readonly rules: readonly PlacedRule[];
}

/** The project's routing definition (at most one) → routing IR and the heartbeat alert. */
export function normalizeRouting(
  definitions: readonly RoutingDefinition[],
  services: ServiceIndex,
  config: ConfigIR,
  diagnostics: Diagnostic[],
): NormalizedRouting {
  const [first, ...others] = [...definitions].sort(
    (a, b) => compareStrings(a.location.file, b.location.file) || (a.location.line ?? 0) - (b.location.line ?? 0),
  );
  if (!first) return { rules: [] };
  for (const other of others) {
    diagnostics.push(
      errorAt('duplicate-routing', other.location, 'a project has one routing, and this is a second', {
        path: 'routing',
        hint: `the first is at ${formatLocation(first.location)}; merge them into one route tree`,
      }),
    );
  }
  return new RoutingNormalizer(first, diagnostics).normalize(services, config);
}

class RoutingNormalizer {
  private readonly receivers = new Map<string, { ir: ReceiverIR; made: unknown }>();
  private readonly intervals = new Map<string, { ir: TimeIntervalIR; made: unknown }>();

  constructor(
    private readonly definition: RoutingDefinition,
    private readonly diagnostics: Diagnostic[],
  ) {}

  normalize(services: ServiceIndex, config: ConfigIR): NormalizedRouting {
    const { definition } = this;
    const root = this.route({ ...definition, matchers: {} }, '', true);
    const rules: PlacedRule[] = [];
    let heartbeat: RoutingIR['heartbeat'];
    let routes = root.routes;
    if (definition.heartbeat) {
      const owner = services.resolve(definition.heartbeat.service, definition.location, 'routing > heartbeat > service');
      const receiver = this.receiver(definition.heartbeat.receiver, 'routing > heartbeat > receiver');
      const interval = definition.heartbeat.interval ?? DEFAULT_HEARTBEAT_INTERVAL;
      if (owner && receiver) {
        heartbeat = { alertName: heartbeatNames.alertName, serviceId: owner.id, receiver, interval };
        routes = [heartbeatRoute(owner, receiver, interval), ...routes];
        rules.push({
          rule: completeAlert(heartbeatAlert(receiver, interval, definition.location), owner, config),
          service: owner,
          group: heartbeatNames.group,
        });
      }
    }
    const routing: RoutingIR = {
      route: { ...root, routes },
      receivers: [...this.receivers.values()].map((r) => r.ir).sort((a, b) => compareStrings(a.name, b.name)),
      inhibitRules: (definition.inhibitRules ?? []).map((rule, i) => this.inhibitRule(rule, `routing > inhibitRules[${i}]`)),
      timeIntervals: [...this.intervals.values()].map((t) => t.ir).sort((a, b) => compareStrings(a.name, b.name)),
      ...(heartbeat ? { heartbeat } : {}),
      location: definition.location,
    };
    return { routing, rules };
  }

  private route(options: RouteOptions, path: string, isRoot = false): RouteIR {
    const at = isRoot ? 'routing' : `routing > ${path}`;
    const receiver = options.receiver === undefined ? undefined : this.receiver(options.receiver, `${at} > receiver`);
    if (isRoot && options.receiver === undefined) {
      this.diagnostics.push(
        errorAt('invalid-route', this.definition.location, 'the routing has no receiver for the alerts no route claims', {
          path: `${at} > receiver`,
          hint: 'give `receiver`, e.g. the team-less Slack channel',
        }),
      );
    }
    const child = (prefix: string) => (prefix === '' ? '' : `${prefix} > `);
    return {
      path,
      matchers: this.matchers(options.matchers, `${at} > matchers`),
      ...(receiver === undefined ? {} : { receiver }),
      ...(options.groupBy === undefined ? {} : { groupBy: groupByLabels(options.groupBy) }),
      ...(options.groupWait === undefined ? {} : { groupWait: options.groupWait }),
      ...(options.groupInterval === undefined ? {} : { groupInterval: options.groupInterval }),
      ...(options.repeatInterval === undefined ? {} : { repeatInterval: options.repeatInterval }),
      continue: options.continue === true,
      activeTimeIntervals: this.intervalNames(options.activeTimeIntervals),
      muteTimeIntervals: this.intervalNames(options.muteTimeIntervals),
      routes: (options.routes ?? []).map((r, i) => this.route(r, `${child(path)}routes[${i}]`)),
    };
  }

  private matchers(matchers: Matchers | undefined, path: string): MatcherIR[] {
    const out: MatcherIR[] = [];
    for (const name of Object.keys(matchers ?? {}).sort(compareStrings)) {
      const condition: unknown = matchers![name];
      if (typeof condition === 'string') {
        out.push({ name, op: '=', value: condition });
      } else if (isCondition(condition)) {
        out.push({ name, op: condition.op, value: condition.value });
      } else {
        this.diagnostics.push(
          errorAt('invalid-matcher', this.definition.location, `the condition on \`${name}\` is neither a string nor re(), not() or notRe()`, { path }),
        );
      }
    }
    return out;
  }

  private inhibitRule(rule: InhibitRule, path: string): InhibitRuleIR {
    return {
      path,
      source: this.matchers(rule.source, `${path} > source`),
      target: this.matchers(rule.target, `${path} > target`),
      equal: [...new Set(rule.equal ?? [])].sort(compareStrings),
    };
  }

  /** The receiver's name, after recording it; undefined when it is not a receiver at all. */
  private receiver(made: Receiver, path: string): string | undefined {
    if (typeof made !== 'object' || made === null || typeof (made as { type?: unknown }).type !== 'string') {
      this.diagnostics.push(
        errorAt('invalid-route', this.definition.location, 'a receiver must be made with slack(), pagerduty(), email(), webhook(), msteams(), opsgenie() or discard()', {
          path,
        }),
      );
      return undefined;
    }
    const ir = receiverIR(made, this.definition.location);
    const known = this.receivers.get(ir.name);
    if (!known) {
      this.receivers.set(ir.name, { ir, made });
    } else if (known.made !== made && !sameContent(known.ir, ir)) {
      this.diagnostics.push(
        errorAt('duplicate-receiver', ir.location, `two different receivers are named \`${ir.name}\``, {
          path: `routing > receiver "${ir.name}"`,
          hint: `the other is made at ${formatLocation(known.ir.location)}; give one another name, or reuse the same receiver`,
        }),
      );
    }
    return ir.name;
  }

  private intervalNames(intervals: readonly TimeInterval[] | undefined): string[] {
    return (intervals ?? []).map((interval) => {
      const ir = timeIntervalIR(interval);
      const known = this.intervals.get(ir.name);
      if (!known) {
        this.intervals.set(ir.name, { ir, made: interval });
      } else if (known.made !== interval && !sameContent(known.ir, ir)) {
        this.diagnostics.push(
          errorAt('duplicate-time-interval', ir.location, `two different time intervals are named \`${ir.name}\``, {
            path: `routing > time interval "${ir.name}"`,
            hint: `the other is made at ${formatLocation(known.ir.location)}; give one another name, or reuse the same interval`,
          }),
        );
      }
      return ir.name;
    });
  }
}

function isCondition(value: unknown): value is { op: MatcherIR['op']; value: string } {
  if (typeof value !== 'object' || value === null) return false;
  const { op, value: v } = value as { op?: unknown; value?: unknown };
  return (op === '=' || op === '!=' || op === '=~' || op === '!~') && typeof v === 'string';
}

function groupByLabels(groupBy: readonly string[] | 'all'): string[] {
  return groupBy === 'all' ? [GROUP_BY_ALL] : [...new Set(groupBy)].sort(compareStrings);
}

/** Same receiver or interval apart from where it was made. */
function sameContent(a: { location: SourceLocation }, b: { location: SourceLocation }): boolean {
  const strip = ({ location: _location, ...rest }: { location: SourceLocation }) => JSON.stringify(rest);
  return strip(a) === strip(b);
}

function secretIR(value: unknown): SecretIR {
  if (value === undefined) return { kind: 'missing' };
  if (!isSecretRef(value)) return { kind: 'literal' };
  return { kind: 'secret', secret: value.secret, key: value.key, file: value.file ?? secretFilePath(value.secret, value.key) };
}

function optional<T>(key: string, value: T | undefined): Record<string, T> {
  return value === undefined ? {} : { [key]: value };
}

/** `fallback` locates a receiver that was not made by one of the receiver functions. */
export function receiverIR(made: Receiver, fallback: SourceLocation): ReceiverIR {
  const base = {
    name: made.name,
    ...optional('sendResolved', 'sendResolved' in made ? made.sendResolved : undefined),
    location: made.location ?? fallback,
  };
  switch (made.type) {
    case 'slack':
      return {
        ...base,
        type: 'slack',
        apiUrl: secretIR(made.apiUrl),
        channel: made.channel,
        ...optional('title', made.title),
        ...optional('text', made.text),
        ...optional('username', made.username),
        ...optional('iconEmoji', made.iconEmoji),
      };
    case 'pagerduty':
      return {
        ...base,
        type: 'pagerduty',
        routingKey: secretIR(made.routingKey),
        ...optional('severity', made.severity),
        ...optional('description', made.description),
        ...optional('client', made.client),
        ...optional('clientUrl', made.clientUrl),
        links: made.links ?? defaultPagerDutyLinks,
      };
    case 'email':
      return {
        ...base,
        type: 'email',
        to: made.to,
        from: made.from,
        smarthost: made.smarthost,
        ...optional('authUsername', made.authUsername),
        ...(made.authPassword === undefined ? {} : { authPassword: secretIR(made.authPassword) }),
        ...optional('requireTls', made.requireTls),
        ...(made.headers === undefined ? {} : { headers: sortedRecord(made.headers) }),
      };
    case 'webhook':
      return {
        ...base,
        type: 'webhook',
        url: made.publicUrl !== undefined ? { kind: 'public', url: made.publicUrl } : secretIR(made.url),
        ...(made.authorization === undefined
          ? {}
          : { authorization: { type: made.authorization.type ?? 'Bearer', credentials: secretIR(made.authorization.credentials) } }),
        ...optional('maxAlerts', made.maxAlerts),
      };
    case 'msteams':
      return {
        ...base,
        type: 'msteams',
        webhookUrl: secretIR(made.webhookUrl),
        ...optional('title', made.title),
        ...optional('text', made.text),
      };
    case 'opsgenie':
      return {
        ...base,
        type: 'opsgenie',
        apiKey: secretIR(made.apiKey),
        ...optional('apiUrl', made.apiUrl),
        ...optional('message', made.message),
        ...optional('description', made.description),
        ...optional('priority', made.priority),
        ...optional('tags', made.tags),
        responders: (made.responders ?? []).map((r) => ({
          type: r.type,
          ...optional('name', r.name),
          ...optional('id', r.id),
          ...optional('username', r.username),
        })),
      };
    case 'discard':
      return { ...base, type: 'discard' };
  }
}

function timeIntervalIR(interval: TimeInterval): TimeIntervalIR {
  return { name: interval.name, periods: interval.periods.map(periodIR), location: interval.location };
}

function periodIR(period: Period): PeriodIR {
  const range = (r: NumberRange): [number, number] => (typeof r === 'number' ? [r, r] : [r[0], r[1]]);
  return {
    times: (period.times ?? []).map((t) => ({ start: t.start, end: t.end })),
    weekdays: [...(period.weekdays ?? [])],
    daysOfMonth: (period.daysOfMonth ?? []).map(range),
    months: [...(period.months ?? [])],
    years: (period.years ?? []).map(range),
  };
}

import { makeDiagnostic, type Diagnostic, type DiagnosticSeverity, type SourceLocation } from '../diagnostics/diagnostic.ts';
import type { AlertRuleIR, DashboardIR, GrafanaPanelModel, ProjectIR, RuleGroupIR, RuleIR, ServiceIR } from '../ir.ts';
import { checkableExpr, panelsOf } from '../grafana/panels-of.ts';
import { PromqlAst } from '../promql/ast.ts';

/** One validation rule: one file, one id (also its diagnostic code). */
export interface ValidationRule {
  readonly id: string;
  /** What it checks, one sentence. */
  readonly description: string;
  check(ir: ProjectIR): Diagnostic[];
}

/**
 * A case of a lint rule's table: an alert of service `shop/checkout` (job `checkout`, scraped every 30s) with
 * this expression, or a recording rule when `record` names one. The table is the rule's
 * documentation and its test.
 */
export interface LintCase {
  readonly expr: string;
  readonly for?: string;
  /** Makes the case a recording rule of this name. */
  readonly record?: string;
  /** A second alert of the same name and service, differing as given. */
  readonly twin?: { readonly severity: 'critical' | 'warning' | 'info'; readonly expr?: string; readonly for?: string };
  /** Makes the case an SLO whose SLI is `expr` as an error ratio's errors, kept per these labels. */
  readonly sloBy?: readonly string[];
  /** The metrics the service declares it exposes. */
  readonly declaredMetrics?: readonly string[];
  /** How often the service is scraped, when not every 30s. */
  readonly interval?: string;
  /** Leaves the alert's description out. */
  readonly noDescription?: true;
}

/** A rule in the style of pint: a default severity the config may change, and its table of cases. */
export interface LintRule extends ValidationRule {
  readonly severity: Exclude<DiagnosticSeverity, 'info'>;
  /** Why it matters, for its documentation page. */
  readonly why: string;
  readonly valid: readonly LintCase[];
  readonly invalid: readonly LintCase[];
}

export function isLintRule(rule: ValidationRule): rule is LintRule {
  return 'valid' in rule && 'invalid' in rule;
}

type LintExtras = Parameters<typeof makeDiagnostic>[4];

/** A diagnostic of a lint rule, at its default severity. */
export function lintAt(rule: LintRule, location: SourceLocation, message: string, extras?: LintExtras): Diagnostic {
  return makeDiagnostic(rule.severity, rule.id, location, message, extras);
}

/** `alert "X"` or `record "x:y:z"`: the diagnostic path prefix naming a rule. */
export function rulePath(rule: RuleIR): string {
  return rule.type === 'alert' ? `alert "${rule.name}"` : `record "${rule.name}"`;
}

export function servicePath(service: ServiceIR): string {
  return `service "${service.name}"`;
}

const rulesOf = new WeakMap<readonly RuleGroupIR[], { readonly rules: readonly RuleIR[]; readonly alerts: readonly AlertRuleIR[] }>();

/** Every rule of every group, and the alerts among them, listed once per IR for every lint that reads them. */
function rulesAndAlerts(ir: ProjectIR): { readonly rules: readonly RuleIR[]; readonly alerts: readonly AlertRuleIR[] } {
  let listed = rulesOf.get(ir.ruleGroups);
  if (!listed) {
    const rules = ir.ruleGroups.flatMap((group) => group.rules);
    listed = { rules, alerts: rules.filter((rule): rule is AlertRuleIR => rule.type === 'alert') };
    rulesOf.set(ir.ruleGroups, listed);
  }
  return listed;
}

export function allRules(ir: ProjectIR): readonly RuleIR[] {
  return rulesAndAlerts(ir).rules;
}

export function allAlerts(ir: ProjectIR): readonly AlertRuleIR[] {
  return rulesAndAlerts(ir).alerts;
}

/** A rule with its expression parsed. */
export interface ParsedRule<R extends RuleIR = RuleIR> {
  readonly rule: R;
  readonly ast: PromqlAst;
}

let parsed = new WeakMap<readonly RuleGroupIR[], { readonly rules: readonly ParsedRule[]; readonly alerts: readonly ParsedRule<AlertRuleIR>[] }>();

/**
 * Every rule with its expression parsed, and the alerts among them, once for all the lint rules
 * that read them: walking these lists costs a tenth of looking each rule's parse up again.
 */
function parsedRulesAndAlerts(ir: ProjectIR): { readonly rules: readonly ParsedRule[]; readonly alerts: readonly ParsedRule<AlertRuleIR>[] } {
  let listed = parsed.get(ir.ruleGroups);
  if (!listed) {
    const rules = allRules(ir).map((rule) => ({ rule, ast: new PromqlAst(rule.expr) }));
    listed = { rules, alerts: rules.filter((r): r is ParsedRule<AlertRuleIR> => r.rule.type === 'alert') };
    parsed.set(ir.ruleGroups, listed);
  }
  return listed;
}

export function parsedRules(ir: ProjectIR): readonly ParsedRule[] {
  return parsedRulesAndAlerts(ir).rules;
}

export function parsedAlerts(ir: ProjectIR): readonly ParsedRule<AlertRuleIR>[] {
  return parsedRulesAndAlerts(ir).alerts;
}

/** A dashboard query with its expression parsed, Grafana's interval variables read as `5m`. */
export interface ParsedQuery {
  readonly dashboard: DashboardIR;
  readonly panel: GrafanaPanelModel;
  readonly target: NonNullable<GrafanaPanelModel['targets']>[number];
  readonly ast: PromqlAst;
}

let parsedQueryLists = new WeakMap<readonly DashboardIR[], readonly ParsedQuery[]>();

/** Every query of every panel (in dashboard and panel order) with its parse, made once for the rules that read them. */
export function parsedQueries(ir: ProjectIR): readonly ParsedQuery[] {
  let listed = parsedQueryLists.get(ir.dashboards);
  if (!listed) {
    const queries: ParsedQuery[] = [];
    for (const dashboard of ir.dashboards) {
      for (const panel of panelsOf(dashboard)) {
        for (const target of panel.targets ?? []) {
          if (target.expr !== undefined) queries.push({ dashboard, panel, target, ast: new PromqlAst(checkableExpr(target.expr)) });
        }
      }
    }
    parsedQueryLists.set(ir.dashboards, (listed = queries));
  }
  return listed;
}

/** Lets the parses go once every rule has read them: the rules and queries live on, into emitting. */
export function forgetParses(): void {
  parsed = new WeakMap();
  parsedQueryLists = new WeakMap();
}

import type { SyntaxNode } from '@lezer/common';
import type { ProjectIR } from '../ir.ts';
import type { PromqlAst } from '../promql/ast.ts';
import { unquote } from '../promql/literals.ts';
import { parseDuration } from '../util/duration.ts';

/** A range should hold this many scrapes, so that rate() and friends survive a missed one. */
export const minScrapes = 4;

/** Functions that need one sample in the range, not two: for them two scrapes ride out a missed one. */
const oneSampleFunctions = new Set(['last_over_time', 'absent_over_time', 'present_over_time']);

/** How many scrapes the range of this selector should hold. */
export function scrapesWanted(selector: RangeSelector): number {
  return oneSampleFunctions.has(selector.fn) ? 2 : minScrapes;
}

/** Functions that compare two samples of the range: over one sample they return nothing. */
const twoSampleFunctions = new Set(['rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'predict_linear', 'holt_winters', 'double_exponential_smoothing']);

/** A range selector of an expression, with the literals of its `job` and `namespace` equality matchers. */
export interface RangeSelector {
  readonly matrix: SyntaxNode;
  /** The range as written, and in milliseconds. */
  readonly text: string;
  readonly range: number | undefined;
  /** The function it is the argument of, lower-case as written (`rate`), or ''. */
  readonly fn: string;
  readonly job?: SyntaxNode;
  readonly namespace?: SyntaxNode;
}

/** Every range selector of an expression; found once per shape, since literals change none of it. */
export function rangeSelectors(ast: PromqlAst): readonly RangeSelector[] {
  return ast.perShape('range selectors', findRangeSelectors);
}

function findRangeSelectors(ast: PromqlAst): RangeSelector[] {
  return ast.nodes('MatrixSelector').map((matrix) => {
    const duration = matrix.getChild('DurationExpr');
    const text = duration ? ast.text(duration) : '';
    const call = enclosingCall(matrix);
    const job = equalityLiteral(ast, matrix, 'job');
    const namespace = equalityLiteral(ast, matrix, 'namespace');
    return { matrix, text, range: parseDuration(text), fn: call ? ast.functionName(call) : '', ...(job ? { job } : {}), ...(namespace ? { namespace } : {}) };
  });
}

/** The function call a range selector is an argument of, through an `offset` or `@`. */
function enclosingCall(matrix: SyntaxNode): SyntaxNode | undefined {
  let node = matrix.parent;
  while (node && (node.name === 'OffsetExpr' || node.name === 'StepInvariantExpr')) node = node.parent;
  return node?.name === 'FunctionCallBody' && node.parent?.name === 'FunctionCall' ? node.parent : undefined;
}

function equalityLiteral(ast: PromqlAst, matrix: SyntaxNode, label: string): SyntaxNode | undefined {
  const matchers = matrix.getChild('VectorSelector')?.getChild('LabelMatchers')?.getChildren('UnquotedLabelMatcher') ?? [];
  const matcher = matchers.find((m) => {
    const name = m.getChild('LabelName');
    return name && ast.text(name) === label && m.getChild('MatchOp')?.firstChild?.name === 'EqlSingle';
  });
  return matcher?.getChild('StringLiteral') ?? undefined;
}

/** Whether the selector's function compares two samples of its range. */
export function needsTwoSamples(selector: RangeSelector): boolean {
  return twoSampleFunctions.has(selector.fn);
}

/** The job a range selector reads, and how often it is scraped. */
export interface ScrapedJob {
  readonly job: string;
  readonly interval: number;
}

interface ScrapeIntervals {
  readonly byJob: ReadonlyMap<string, readonly { readonly namespace: string; readonly interval: number }[]>;
  /** The longest interval of any service: a range that holds `n` of it holds `n` of every job's. */
  readonly longest: number;
}

const intervalsOf = new WeakMap<ProjectIR['services'], ScrapeIntervals>();

/**
 * The job a range selector reads, when its range holds fewer than `scrapes` of that job's scrape
 * intervals; undefined when it holds enough, or when it names no job or one vigil does not scrape
 * (an exporter configured elsewhere): how often its series arrive is unknown. The job is the
 * selector's `job`, and `namespace` when given, matched against the project's scraped services,
 * whose job is their name; its interval the longest when services of several namespaces share the
 * job, since the range must suit them all.
 */
export function shortRangeOf(ir: ProjectIR, ast: PromqlAst, selector: RangeSelector, scrapes: number): ScrapedJob | undefined {
  const intervals = scrapeIntervals(ir);
  // Most ranges are long enough for any service: they need no lookup.
  if (selector.range === undefined || selector.range >= scrapes * intervals.longest) return undefined;
  const job = selector.job && unquote(ast.text(selector.job));
  const namespace = selector.namespace && unquote(ast.text(selector.namespace));
  const services = (job !== undefined && intervals.byJob.get(job)) || [];
  const matching = services.filter((s) => namespace === undefined || s.namespace === namespace).map((s) => s.interval);
  if (job === undefined || matching.length === 0) return undefined;
  const interval = Math.max(...matching);
  return selector.range < scrapes * interval ? { job, interval } : undefined;
}

function scrapeIntervals(ir: ProjectIR): ScrapeIntervals {
  let intervals = intervalsOf.get(ir.services);
  if (!intervals) {
    const byJob = new Map<string, { namespace: string; interval: number }[]>();
    let longest = 0;
    for (const service of ir.services) {
      const interval = parseDuration(service.interval);
      if (!service.scrape || !interval) continue;
      const list = byJob.get(service.name) ?? [];
      list.push({ namespace: service.namespace, interval });
      byJob.set(service.name, list);
      longest = Math.max(longest, interval);
    }
    intervalsOf.set(ir.services, (intervals = { byJob, longest }));
  }
  return intervals;
}

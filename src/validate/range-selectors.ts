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

/**
 * Whether the selector's function needs two samples in a range that can hold fewer than two
 * scrapes: up to one interval it (practically) never holds two, below two only at some evaluations.
 */
export function missesSecondSample(selector: RangeSelector, interval: number): boolean {
  return twoSampleFunctions.has(selector.fn) && selector.range !== undefined && selector.range < 2 * interval;
}

/** The job a range selector reads, and how often it is scraped. */
export interface ScrapedJob {
  readonly job: string;
  readonly interval: number;
}

type JobIntervals = ReadonlyMap<string, readonly { readonly namespace: string; readonly interval: number }[]>;

const intervalsByJob = new WeakMap<ProjectIR['services'], JobIntervals>();

/**
 * The job a range selector names (its `job`, and `namespace` when given, matched against the
 * project's scraped services, whose job is the Service's name) and that job's scrape interval;
 * the longest when services of several namespaces share the job, since the range must suit them
 * all. Undefined when it names no job or one vigil does not scrape (an exporter configured
 * elsewhere): how often its series arrive is unknown.
 */
export function scrapedJobOf(ir: ProjectIR, ast: PromqlAst, selector: RangeSelector): ScrapedJob | undefined {
  const job = selector.job && unquote(ast.text(selector.job));
  const namespace = selector.namespace && unquote(ast.text(selector.namespace));
  const services = (job !== undefined && jobIntervals(ir).get(job)) || [];
  const intervals = services.filter((s) => namespace === undefined || s.namespace === namespace).map((s) => s.interval);
  return job !== undefined && intervals.length > 0 ? { job, interval: Math.max(...intervals) } : undefined;
}

function jobIntervals(ir: ProjectIR): JobIntervals {
  let byJob = intervalsByJob.get(ir.services);
  if (!byJob) {
    const map = new Map<string, { namespace: string; interval: number }[]>();
    for (const service of ir.services) {
      const interval = parseDuration(service.interval);
      if (!service.scrape || !interval) continue;
      const list = map.get(service.name) ?? [];
      list.push({ namespace: service.namespace, interval });
      map.set(service.name, list);
    }
    intervalsByJob.set(ir.services, (byJob = map));
  }
  return byJob;
}

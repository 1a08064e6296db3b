import type { SyntaxNode, Tree } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';
import { splitLiterals, type RewrittenLiterals } from './literals.ts';

/** A parse shared by every expression of one shape, with its nodes by kind as they are asked for. */
interface SharedParse {
  readonly shape: string;
  readonly tree: Tree;
  readonly broken: boolean;
  readonly nodesByName: Map<string, SyntaxNode[]>;
  /** Metric names are identifiers, never inside a literal: the same for every expression of the shape. */
  metricNames?: readonly string[];
  /** What lint rules found in the shape, by rule (see PromqlAst.perShape). */
  readonly findings: Map<string, unknown>;
}

const parses = new Map<string, SharedParse>();
const maxParses = 10_000;

/**
 * Expressions that differ only inside string literals (one rule template over many services)
 * parse to the same tree but for the literals' lengths, so one parse of the expression with
 * every literal emptied serves them all; node positions are mapped back to the expression.
 */
function sharedParse(shape: string): SharedParse {
  let parse = parses.get(shape);
  if (!parse) {
    const tree = parser.parse(shape);
    let broken = false;
    tree.iterate({ enter: (node) => void (node.type.isError && (broken = true)) });
    if (parses.size >= maxParses) parses.clear();
    parse = { shape, tree, broken, nodesByName: new Map(), findings: new Map() };
    parses.set(shape, parse);
  }
  return parse;
}

/**
 * A parsed expression for lint rules to walk: lezer-promql's syntax tree and the text it was
 * parsed from. `nodes(name)` lists every node of that kind; `span` and `text` give a node's place
 * and text in the expression.
 */
export class PromqlAst {
  readonly tree: Tree;
  readonly broken: boolean;
  private readonly parse: SharedParse;
  private readonly literals: RewrittenLiterals;

  constructor(readonly expr: string) {
    const split = splitLiterals(expr, () => '');
    this.literals = split?.literals ?? [];
    this.parse = sharedParse(split?.rewritten ?? expr);
    this.tree = this.parse.tree;
    this.broken = this.parse.broken;
  }

  nodes(name: string): readonly SyntaxNode[] {
    let found = this.parse.nodesByName.get(name);
    if (!found) {
      const nodes: SyntaxNode[] = [];
      this.tree.iterate({ enter: (ref) => void (ref.name === name && nodes.push(ref.node)) });
      this.parse.nodesByName.set(name, (found = nodes));
    }
    return found;
  }

  /** Which string literals are empty, a digit each: all a type checker sees of literals besides the shape. */
  literalEmptiness(): string {
    let mask = '';
    for (let i = 1; i < this.literals.length; i += 2) mask += this.literals[i] === 0 ? '0' : '1';
    return mask;
  }

  /** The node's place in the expression. */
  span(node: SyntaxNode): { from: number; to: number } {
    return { from: this.position(node.from), to: this.position(node.to) };
  }

  text(node: SyntaxNode): string {
    const { from, to } = this.span(node);
    return this.expr.slice(from, to);
  }

  /** A position in the shared tree, in the expression. */
  private position(treePosition: number): number {
    let position = treePosition;
    for (let i = 0; i < this.literals.length && this.literals[i]! <= treePosition; i += 2) position += this.literals[i + 1]!;
    return position;
  }

  /**
   * What `find` finds in this expression, computed once for every expression of its shape:
   * only for findings no literal can change (function and metric names, ranges, operators),
   * keeping nodes of the shared tree that `span` places in each expression.
   */
  perShape<T>(key: string, find: (ast: PromqlAst) => T): T {
    const findings = this.parse.findings;
    if (!findings.has(key)) findings.set(key, find(this));
    return findings.get(key) as T;
  }

  /** The metric names it selects by name (`foo{...}`), in order of appearance, without repeats. */
  metricNames(): readonly string[] {
    const parse = this.parse;
    parse.metricNames ??= [...new Set(this.nodes('Identifier').filter((node) => node.parent?.name === 'VectorSelector').map((node) => parse.shape.slice(node.from, node.to)))];
    return parse.metricNames;
  }

  /** The function a FunctionCall calls, lower-case as written (`rate`). */
  functionName(call: SyntaxNode): string {
    const identifier = call.getChild('FunctionIdentifier');
    return identifier ? this.text(identifier) : '';
  }

  /** The arguments of a FunctionCall or the body of an AggregateExpr: the children of its FunctionCallBody. */
  arguments(node: SyntaxNode): SyntaxNode[] {
    const body = node.getChild('FunctionCallBody');
    const out: SyntaxNode[] = [];
    for (let child = body?.firstChild; child; child = child.nextSibling) if (!child.type.isSkipped && child.name !== '(' && child.name !== ')') out.push(child);
    return out;
  }

  /**
   * The node under any of the given wrappers (`ParenExpr`, `OffsetExpr`, ...), each unwrapped to
   * its first child that is no comment: the selector of `(x_total offset 1h)`.
   */
  unwrap(node: SyntaxNode, wrappers: ReadonlySet<string>): SyntaxNode {
    let inner = node;
    while (wrappers.has(inner.name)) {
      let child = inner.firstChild;
      while (child?.type.isSkipped) child = child.nextSibling;
      if (!child) break;
      inner = child;
    }
    return inner;
  }

  /** The metric name of a VectorSelector (or of the selector inside a MatrixSelector), if written. */
  metricOf(node: SyntaxNode): string | undefined {
    const selector = node.name === 'VectorSelector' ? node : node.getChild('VectorSelector');
    const identifier = selector?.getChild('Identifier');
    return identifier ? this.text(identifier) : undefined;
  }
}

/** Counters by Prometheus naming conventions: `_total`, and a histogram's or summary's `_count`, `_sum`, `_bucket`. */
export function isCounterName(metric: string): boolean {
  return /_(total|count|sum|bucket)$/.test(metric);
}

/**
 * Named like a gauge by Prometheus conventions: a unit or a state with no `_total`. Names that say
 * neither (many JMX and older exporters' counters lack `_total`) get the benefit of the doubt.
 */
export function isGaugeName(metric: string): boolean {
  if (isCounterName(metric)) return false;
  return metric === 'up' || /_(bytes|ratio|percent|celsius|info|depth|size|length|lag|current|up|seconds|in_flight|inflight|active|open|used|free|available|limit|capacity|members|gauge)$/.test(metric);
}

export const comparisonNodes = new Set(['Gtr', 'Lss', 'Gte', 'Lte', 'Eql', 'Neq']);

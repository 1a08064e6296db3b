import type { SyntaxNode, Tree } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';

/**
 * A parsed expression for lint rules to walk: lezer-promql's syntax tree and the text it was
 * parsed from. `nodes(name)` lists every node of that kind.
 */
export class PromqlAst {
  readonly tree: Tree;
  readonly broken: boolean;

  constructor(readonly expr: string) {
    this.tree = parser.parse(expr);
    let broken = false;
    this.tree.iterate({ enter: (node) => void (node.type.isError && (broken = true)) });
    this.broken = broken;
  }

  nodes(name: string): SyntaxNode[] {
    const found: SyntaxNode[] = [];
    this.tree.iterate({ enter: (ref) => void (ref.name === name && found.push(ref.node)) });
    return found;
  }

  text(node: SyntaxNode): string {
    return this.expr.slice(node.from, node.to);
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

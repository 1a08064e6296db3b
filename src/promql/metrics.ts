import { parser } from '@prometheus-io/lezer-promql';

/** The metric names an expression selects by name (`foo{...}`), in order of appearance, without repeats. */
export function metricNames(expr: string): string[] {
  const names = new Set<string>();
  parser.parse(expr).iterate({
    enter(node) {
      if (node.name === 'Identifier' && node.node.parent?.name === 'VectorSelector') names.add(expr.slice(node.from, node.to));
    },
  });
  return [...names];
}

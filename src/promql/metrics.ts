import { PromqlAst } from './ast.ts';

/** The metric names an expression selects by name (`foo{...}`), in order of appearance, without repeats. */
export function metricNames(expr: string): string[] {
  const ast = new PromqlAst(expr);
  return [...new Set(ast.nodes('Identifier').filter((node) => node.parent?.name === 'VectorSelector').map((node) => ast.text(node)))];
}

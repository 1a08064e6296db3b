import { PromqlAst } from './ast.ts';

/** The metric names an expression selects by name (`foo{...}`), in order of appearance, without repeats. */
export function metricNames(expr: string): readonly string[] {
  return new PromqlAst(expr).metricNames();
}

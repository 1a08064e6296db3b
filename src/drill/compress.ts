import { parser } from '@prometheus-io/lezer-promql';
import { durationMs, formatDuration } from '../util/duration.ts';

/**
 * Time compression for the drill: every duration of a rule (ranges, subquery steps, offsets,
 * `for`, `keep_firing_for`, group intervals) and of the routing's timings is divided by
 * `factor`, so an hour of alert logic plays out in `1h / factor`. Rates per second are not
 * scaled: the simulator keeps real per-second rates, so thresholds keep their meaning.
 */
export function compressDuration(text: string, factor: number): string {
  return formatDuration(Math.max(1, Math.round(durationMs(text) / factor)));
}

/** The expression with every duration literal compressed; nothing else changes. */
export function compressExpr(expr: string, factor: number): string {
  const edits: { from: number; to: number; text: string }[] = [];
  parser.parse(expr).iterate({
    enter(node) {
      if (node.name === 'NumberDurationLiteralInDurationContext') {
        edits.push({ from: node.from, to: node.to, text: compressDuration(expr.slice(node.from, node.to), factor) });
      }
    },
  });
  let result = expr;
  for (const edit of edits.reverse()) result = result.slice(0, edit.from) + edit.text + result.slice(edit.to);
  return result;
}

interface RuleFile {
  groups: { interval?: string; rules: Record<string, unknown>[] }[];
}

/** A Prometheus rule file (as parsed YAML) with every duration compressed. */
export function compressRuleFile(file: RuleFile, factor: number): RuleFile {
  return {
    groups: file.groups.map((group) => ({
      ...group,
      ...(group.interval ? { interval: compressDuration(group.interval, factor) } : {}),
      rules: group.rules.map((rule) => {
        const compressed: Record<string, unknown> = { ...rule, expr: compressExpr(String(rule.expr), factor) };
        for (const key of ['for', 'keep_firing_for']) {
          if (typeof rule[key] === 'string') compressed[key] = compressDuration(rule[key], factor);
        }
        return compressed;
      }),
    })),
  };
}

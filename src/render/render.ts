import type { Bundle, BundleFile, RenderedBundle } from '../bundle.ts';
import { GENERATED_HEADER } from '../naming.ts';
import { compareStrings } from '../util/compare.ts';
import { canonicalize } from './canonical.ts';
import { SharedLayout, yamlDocument } from './yaml.ts';

/** Serializes every document of the bundle; the result is sorted by path and identical on every run. */
export function renderBundle(bundle: Bundle): RenderedBundle {
  const paths = [...bundle.keys()].sort(compareStrings);
  const layout = new SharedLayout([...bundle.values()].filter((f) => f.format === 'yaml').map((f) => f.value));
  return new Map(paths.map((path) => [path, renderFile(bundle.get(path)!, layout)]));
}

export function renderFile(file: BundleFile, layout?: SharedLayout): string {
  switch (file.format) {
    case 'yaml':
      return `# ${GENERATED_HEADER}\n${yamlDocument(file.value, layout)}`;
    case 'json':
      return renderJson(file.value);
    case 'markdown':
      return `<!-- ${GENERATED_HEADER} -->\n${ensureTrailingNewline(file.value)}`;
    case 'text':
      return `# ${GENERATED_HEADER}\n${ensureTrailingNewline(file.value)}`;
  }
}

/**
 * YAML that YAML 1.1 readers (Go's yaml.v2 in Prometheus and Kubernetes) read back the same:
 * `yes`, `on`, `0755` stay strings. Multi-line strings become literal blocks; no line folding,
 * no anchors.
 */
export function renderYaml(value: unknown): string {
  return yamlDocument(value);
}

/** JSON with sorted keys, two-space indented, ending in a newline. */
export function renderJson(value: unknown): string {
  return `${JSON.stringify(canonicalize(value), null, 2)}\n`;
}

/** True when a file's text starts with vigil's generated-file header. */
export function hasGeneratedHeader(text: string): boolean {
  const end = text.indexOf('\n');
  return (end === -1 ? text : text.slice(0, end)).includes(GENERATED_HEADER);
}

function ensureTrailingNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

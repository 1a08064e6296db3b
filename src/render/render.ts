import type { Bundle, BundleFile, RenderedBundle } from '../bundle.ts';
import { GENERATED_HEADER } from '../naming.ts';
import { compareStrings } from '../util/compare.ts';
import { canonicalize } from './canonical.ts';
import { SharedLayout, yamlDocument } from './yaml.ts';

/** Every document of the bundle serialized, identical on every run, each file rendered when it is read; `keys()` sorted by path. */
export function renderBundle(bundle: Bundle): RenderedBundle {
  return new RenderedOnRead(bundle);
}

/**
 * Iterates in the order the files were emitted, where files sharing content sit together (a
 * PrometheusRule and its plain rule file): what one lays out, the next reuses, and it is freed.
 */
class RenderedOnRead implements RenderedBundle {
  private readonly paths: readonly string[];
  private readonly layout: SharedLayout;

  constructor(private readonly bundle: Bundle) {
    this.paths = [...bundle.keys()].sort(compareStrings);
    this.layout = new SharedLayout([...bundle.values()].filter((f) => f.format === 'yaml').map((f) => f.value));
  }

  get size(): number {
    return this.paths.length;
  }

  has(path: string): boolean {
    return this.bundle.has(path);
  }

  get(path: string): string | undefined {
    const file = this.bundle.get(path);
    return file && renderFile(file, this.layout);
  }

  keys(): Iterable<string> {
    return this.paths;
  }

  *[Symbol.iterator](): Iterator<readonly [string, string]> {
    for (const [path, file] of this.bundle) yield [path, renderFile(file, this.layout)];
  }
}

export function renderFile(file: BundleFile, layout?: SharedLayout): string {
  switch (file.format) {
    case 'yaml':
      return yamlDocument(file.value, layout, GENERATED_HEADER);
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

const renderedJson = new WeakMap<object, string>();

/**
 * JSON with sorted keys, two-space indented, ending in a newline. An object's text is kept
 * while the object lives: a dashboard is written both as JSON and inside its ConfigMap.
 */
export function renderJson(value: unknown): string {
  if (typeof value !== 'object' || value === null) return `${JSON.stringify(value)}\n`;
  let text = renderedJson.get(value);
  if (text === undefined) {
    text = `${JSON.stringify(canonicalize(value), null, 2)}\n`;
    renderedJson.set(value, text);
  }
  return text;
}

/** True when a file's text starts with vigil's generated-file header. */
export function hasGeneratedHeader(text: string): boolean {
  const end = text.indexOf('\n');
  return (end === -1 ? text : text.slice(0, end)).includes(GENERATED_HEADER);
}

function ensureTrailingNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

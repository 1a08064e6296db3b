/** The compiled bundle: output path (relative to `out/`) → document, before serialization. */
export type BundleFile =
  | { readonly format: 'yaml'; readonly value: unknown }
  | { readonly format: 'json'; readonly value: unknown }
  | { readonly format: 'markdown'; readonly value: string }
  | { readonly format: 'text'; readonly value: string };

export type Bundle = ReadonlyMap<string, BundleFile>;

/**
 * Serialized bundle: path → exact file content. `keys()` lists the paths sorted; iteration may
 * follow another order. `renderBundle` renders each file when it is read and keeps none, so a
 * large bundle never sits in memory as text; a plain `Map` is one too.
 */
export interface RenderedBundle extends Iterable<readonly [path: string, text: string]> {
  readonly size: number;
  has(path: string): boolean;
  get(path: string): string | undefined;
  keys(): Iterable<string>;
}

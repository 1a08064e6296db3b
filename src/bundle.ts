/** The compiled bundle: output path (relative to `out/`) → document, before serialization. */
export type BundleFile =
  | { readonly format: 'yaml'; readonly value: unknown }
  | { readonly format: 'json'; readonly value: unknown }
  | { readonly format: 'markdown'; readonly value: string }
  | { readonly format: 'text'; readonly value: string };

export type Bundle = ReadonlyMap<string, BundleFile>;

/** Serialized bundle: path → exact file content. Sorted by path. */
export type RenderedBundle = ReadonlyMap<string, string>;

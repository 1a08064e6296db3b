import { findSourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { SourceLocation } from '../diagnostics/diagnostic.ts';
import { isOptionsError, placeOptionsError } from './options-error.ts';

/** vigil's own sources: frames inside them are skipped, so a template's definitions point at its caller. */
const vigilSourceDir = fileURLToPath(new URL('..', import.meta.url));

interface RawFrame {
  /** The name the module was loaded under (a URL, maybe with a loader's query): the source-map key. */
  source: string;
  file: string;
  line: number;
  column: number;
}

/** Set while a built-in template runs: where the user called it. */
let templateCaller: SourceLocation | undefined;

/**
 * How the loader wants captured files written (relative to the project root), while it loads.
 * Global, like the definitions' collector: the modules it loads may run another copy of vigil.
 */
const LOCATION_FILE = Symbol.for('vigil.location-file');
type FileMapping = (file: string) => string;

/**
 * The file and line of the first caller outside vigil: where the user wrote `service(...)`,
 * `alert(...)` or called a built-in template. Uses structured call sites (cheap) and maps
 * them through the module's source map when the file was transpiled (TypeScript).
 */
export function captureLocation(): SourceLocation {
  if (templateCaller) return templateCaller;
  // Most definitions are two or three frames deep; look deeper only when needed.
  const frame = firstUserFrame(4) ?? firstUserFrame(100);
  if (!frame) return { file: '<unknown>' };
  const mapFile = ((globalThis as Record<symbol, unknown>)[LOCATION_FILE] as FileMapping | undefined) ?? unchanged;
  return mapThroughSourceMap(frame, mapFile);
}

const unchanged: FileMapping = (file) => file;

/** Runs `body` with every location captured meanwhile naming its file through `mapFile`. */
export async function withLocationFiles<T>(mapFile: FileMapping, body: () => Promise<T>): Promise<T> {
  const global = globalThis as Record<symbol, unknown>;
  const previous = global[LOCATION_FILE];
  global[LOCATION_FILE] = mapFile;
  try {
    return await body();
  } finally {
    global[LOCATION_FILE] = previous;
  }
}

/**
 * A template: every definition it makes, and an `OptionsError` it throws, is placed where the
 * user called it, found by one stack walk for all of them.
 */
export function template<Args extends unknown[], Result>(body: (...args: Args) => Result): (...args: Args) => Result {
  return (...args) => {
    if (templateCaller) return body(...args);
    const caller = captureLocation();
    templateCaller = caller;
    try {
      return body(...args);
    } catch (error) {
      if (isOptionsError(error)) placeOptionsError(error, caller);
      throw error;
    } finally {
      templateCaller = undefined;
    }
  };
}

function firstUserFrame(depth: number): RawFrame | undefined {
  const savedPrepare = Error.prepareStackTrace;
  const savedLimit = Error.stackTraceLimit;
  const holder: { stack?: NodeJS.CallSite[] } = {};
  try {
    Error.prepareStackTrace = (_error, sites) => sites;
    Error.stackTraceLimit = depth;
    Error.captureStackTrace(holder, captureLocation);
    for (const site of holder.stack ?? []) {
      const name = site.getFileName() ?? site.getScriptNameOrSourceURL();
      if (!name || name.startsWith('node:')) continue;
      const file = toPath(name);
      if (file.startsWith(vigilSourceDir)) continue;
      return { source: name, file, line: site.getLineNumber() ?? 0, column: site.getColumnNumber() ?? 0 };
    }
    return undefined;
  } finally {
    Error.prepareStackTrace = savedPrepare;
    Error.stackTraceLimit = savedLimit;
  }
}

function mapThroughSourceMap(frame: RawFrame, mapFile: FileMapping): SourceLocation {
  const map = safeFindSourceMap(frame.source);
  const entry = map?.findEntry(frame.line - 1, frame.column - 1);
  if (entry && 'originalLine' in entry && typeof entry.originalLine === 'number') {
    const file = entry.originalSource ? toPath(entry.originalSource) : frame.file;
    return { file: mapFile(file), line: entry.originalLine + 1, column: entry.originalColumn + 1 };
  }
  return { file: mapFile(frame.file), line: frame.line, column: frame.column };
}

function safeFindSourceMap(file: string) {
  try {
    return findSourceMap(file);
  } catch {
    return undefined;
  }
}

const paths = new Map<string, string>();

/** A file URL or path (possibly with a loader's query string) as a plain path. */
export function toPath(name: string): string {
  let path = paths.get(name);
  if (path === undefined) {
    const withoutQuery = name.replace(/\?.*$/, '');
    path = withoutQuery.startsWith('file://') ? fileURLToPath(withoutQuery) : withoutQuery;
    paths.set(name, path);
  }
  return path;
}

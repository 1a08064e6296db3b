import type { SourceLocation } from '../diagnostics/diagnostic.ts';

function isLocation(value: unknown): value is SourceLocation {
  return typeof value === 'object' && value !== null && typeof (value as { file?: unknown }).file === 'string';
}

/**
 * A copy of a definition whose source locations, also nested ones (a routing's receivers and
 * time intervals), pass through `relocate`. Plain objects and arrays are copied, an object
 * shared by several definitions stays shared (the memo), anything else is kept as it is.
 */
export function relocateLocations<T>(value: T, relocate: (location: SourceLocation) => SourceLocation, memo = new Map<object, unknown>()): T {
  if (typeof value !== 'object' || value === null) return value;
  if (memo.has(value)) return memo.get(value) as T;
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    memo.set(value, copy);
    for (const item of value) copy.push(relocateLocations(item, relocate, memo));
    return (Object.isFrozen(value) ? Object.freeze(copy) : copy) as T;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return value;
  const copy: Record<PropertyKey, unknown> = {};
  memo.set(value, copy);
  for (const key of Reflect.ownKeys(value)) {
    const child = (value as Record<PropertyKey, unknown>)[key];
    copy[key] = key === 'location' && isLocation(child) ? relocatedLocation(child, relocate, memo) : relocateLocations(child, relocate, memo);
  }
  return (Object.isFrozen(value) ? Object.freeze(copy) : copy) as T;
}

/** A location shared by several definitions (a template's) is relocated once. */
function relocatedLocation(location: SourceLocation, relocate: (location: SourceLocation) => SourceLocation, memo: Map<object, unknown>): SourceLocation {
  let relocated = memo.get(location) as SourceLocation | undefined;
  if (!relocated) memo.set(location, (relocated = relocate(location)));
  return relocated;
}

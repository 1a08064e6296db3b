/** Caches a pure function's results by a string key (for work thousands of definitions share). */
export function memoize<Args extends unknown[], Result>(fn: (...args: Args) => Result, keyOf: (...args: Args) => string): (...args: Args) => Result {
  const cache = new Map<string, Result>();
  return (...args: Args) => {
    const key = keyOf(...args);
    if (cache.has(key)) return cache.get(key)!;
    const result = fn(...args);
    cache.set(key, result);
    return result;
  };
}

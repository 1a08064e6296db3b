/** What the benchmarks share: their options and their tables. */

export function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
}

export function wholeNumber(name: string, otherwise: number): number {
  const value = Number(option(name) ?? otherwise);
  if (Number.isInteger(value) && value >= 1) return value;
  console.error(`${name} takes a whole number, at least 1 (got ${option(name)})`);
  process.exit(2);
}

/** Columns aligned: the first `textColumns` to the left, the figures to the right. */
export function printTable(header: readonly string[], rows: readonly (readonly string[])[], textColumns = 0): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i < textColumns ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

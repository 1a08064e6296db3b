import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const flatModule = new URL('../../src/util/flat.ts', import.meta.url).href;

/**
 * Makes 20,000 records of concatenated strings (in the record, a nested record and an array),
 * runs `flattenStrings` on them unless told not to, and counts the concatenations the heap still
 * holds. In a child process: the heap snapshot must not see the test runner's own strings.
 */
const program = `
import { writeHeapSnapshot } from 'node:v8';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const { flattenStrings } = await import(${JSON.stringify(flatModule)});
const concat = (...parts) => parts.reduce((whole, part) => whole + part);
const piece = (i) => concat('service-', String(i).padStart(6, '0'));
const records = [];
for (let i = 0; i < 20000; i++) {
  const record = { expr: concat(piece(i), ' > ', i), labels: { team: concat(piece(i), '-team') }, panels: [{ title: concat(piece(i), ': lag') }] };
  const frozen = Object.freeze({ expr: concat(piece(i), ' < ', i) });
  if (process.argv[1] === 'flatten') flattenStrings({ record, frozen });
  records.push(record, frozen);
}
globalThis.records = records; // alive through the snapshot
const dir = mkdtempSync(join(tmpdir(), 'vigil-flat-'));
const snapshot = JSON.parse(readFileSync(writeHeapSnapshot(join(dir, 'heap.heapsnapshot')), 'utf8'));
rmSync(dir, { recursive: true });
const { node_fields: fields, node_types: [types] } = snapshot.snapshot.meta;
let concatenations = 0;
for (let i = 0; i < snapshot.nodes.length; i += fields.length) if (types[snapshot.nodes[i + fields.indexOf('type')]] === 'concatenated string') concatenations++;
process.stdout.write(String(concatenations));
`;

function concatenationsLeft(mode: 'flatten' | 'keep'): number {
  const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', program, mode], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    encoding: 'utf8',
  });
  return Number(output);
}

describe('flattenStrings', () => {
  it('joins the pieces of strings through records and arrays, and leaves frozen objects alone', () => {
    // Ten concatenations a round: three in each `expr`, two in each other string.
    const kept = concatenationsLeft('keep');
    expect(kept).toBeGreaterThanOrEqual(20_000 * 10);
    // The frozen records' three each are left; of the others, only the shells of joined strings
    // the collector has not passed over yet (the last records made).
    const flattened = concatenationsLeft('flatten');
    expect(flattened).toBeGreaterThanOrEqual(20_000 * 3);
    expect(flattened).toBeLessThan(20_000 * 3 + 30_000);
  });

  it('does not walk an object inside itself', () => {
    // Six ways back to itself at every level: walked blindly to the default depth, 6^32 visits.
    const cycle = `
      const { flattenStrings } = await import(${JSON.stringify(flatModule)});
      const model = { title: 'a'.repeat(20) + '!', panels: [] };
      model.self = model;
      model.panels.push(model, model, { parent: model, root: model, title: 'b'.repeat(20) + '?' }, model);
      flattenStrings(model);
      process.stdout.write('done');
    `;
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', cycle], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(output).toBe('done');
  });
});

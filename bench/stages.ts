/**
 * One benchmark measurement in a fresh process (so peak memory is this size's alone): loads the
 * project at argv[2], runs every stage of the pipeline, writes the bundle to argv[3], and
 * prints the figures as JSON. The `write` stage renders and writes file by file, as the build
 * does; `render` times a rendering pass alone and is not part of the build's total. Also times
 * the YAML library serializing the same objects.
 */
import { rmSync } from 'node:fs';
import { stringify } from 'yaml';
import { capHeapGrowth } from '../src/cli/heap-growth.ts';
import { emit } from '../src/emit/index.ts';
import { loadProject } from '../src/load/load-project.ts';
import { normalize } from '../src/normalize/index.ts';
import { renderBundle } from '../src/render/render.ts';
import { validate } from '../src/validate/index.ts';
import { writeBundle } from '../src/write/write-bundle.ts';

// Measured as the vigil executable runs.
capHeapGrowth();
const [projectDir, outDir] = process.argv.slice(2) as [string, string];
const stages: Record<string, number> = {};
let last = performance.now();
const lap = (stage: string) => {
  const now = performance.now();
  stages[stage] = now - last;
  last = now;
};

const project = await loadProject({ cwd: projectDir });
lap('load');
const { ir } = normalize(project.definitions, project.config);
lap('normalize');
const diagnostics = validate(ir);
lap('validate');
const bundle = emit(ir);
lap('emit');
// Rendering alone, one pass that keeps nothing: the build never holds the rendered bundle, it
// renders each file as it writes it, so the write stage below renders again.
const rendered = renderBundle(bundle);
let bytes = 0;
for (const [, text] of rendered) bytes += Buffer.byteLength(text);
lap('render');
rmSync(outDir, { recursive: true, force: true });
await writeBundle(outDir, rendered);
lap('write');
const peakMiB = process.resourceUsage().maxRSS / 1024;

// The floor: the yaml library alone, writing the same objects (no compiler work at all).
const floorStart = performance.now();
for (const file of bundle.values()) {
  if (file.format === 'yaml') stringify(file.value, { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false });
}
const floorMs = performance.now() - floorStart;

const rules = ir.ruleGroups.reduce((n, g) => n + g.rules.length, 0);
process.stdout.write(
  `${JSON.stringify({ stages, peakMiB, floorMs, slos: ir.slos.length, rules, files: rendered.size, bytes, errors: diagnostics.filter((d) => d.severity === 'error').length })}\n`,
);

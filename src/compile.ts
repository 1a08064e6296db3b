import type { Definition } from './authoring/index.ts';
import type { ConfigDefinition } from './authoring/config.ts';
import type { Bundle } from './bundle.ts';
import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics/diagnostic.ts';
import { emit } from './emit/index.ts';
import type { ProjectIR } from './ir.ts';
import { checkDefinitionShapes } from './normalize/definition-shape.ts';
import { normalize } from './normalize/index.ts';
import type { RunbookSource } from './normalize/runbooks.ts';
import { validate } from './validate/index.ts';

export interface CompileInput {
  readonly definitions: readonly Definition[];
  readonly config?: ConfigDefinition;
  /** The runbooks people wrote, as read by the loader: their sections go into the generated pages. */
  readonly runbooks?: readonly RunbookSource[];
}

export interface CompileResult {
  /** Empty when any diagnostic is an error: nothing half-built is ever written. */
  readonly bundle: Bundle;
  /** Sorted. */
  readonly diagnostics: readonly Diagnostic[];
  readonly ir: ProjectIR;
}

/** The pure core: definitions (and written runbooks) → bundle and diagnostics. No file, clock, environment or randomness. */
export function compile(input: CompileInput): CompileResult {
  const shapeProblems = checkDefinitionShapes(input.definitions);
  if (hasErrors(shapeProblems)) {
    // Nothing else is checked until every definition has the shape its type states.
    return { bundle: new Map(), diagnostics: sortDiagnostics(shapeProblems), ir: normalize([], input.config, input.runbooks).ir };
  }
  const { ir, diagnostics: normalizeDiagnostics } = normalize(input.definitions, input.config, input.runbooks);
  const diagnostics = sortDiagnostics([...normalizeDiagnostics, ...validate(ir)]);
  const bundle = hasErrors(diagnostics) ? new Map() : emit(ir);
  return { bundle, diagnostics, ir };
}

/** A drill that cannot run or was stopped: reported as a diagnostic, not as a bug in vigil. */
export class DrillError extends Error {}

/** A generated worksheet as plain data: what the renderers (HTML, LaTeX) and a builder page consume. */
import type { Instance } from '../template/template.types.js';
import type { Spread } from './balance.std.js';
import type { DifficultyMetrics } from './difficulty.std.js';
import type { WorksheetSpec } from './worksheet-spec.std.js';

export interface WorksheetProblem {
  /** 1-based number on the printed sheet. */
  number: number;
  itemIndex: number;
  instance: Instance;
  metrics: DifficultyMetrics;
}

export interface WorksheetVersion {
  index: number;
  /** A, B, C, … */
  label: string;
  problems: WorksheetProblem[];
}

/** How evenly an item is spread over the versions (shown to the teacher). */
export interface ItemBalance {
  itemIndex: number;
  templateId: string;
  locked: boolean;
  /** Per version (in version order), the mean of each metric over the item's problems. */
  perVersion: DifficultyMetrics[];
  /** Max − min across versions, per metric. */
  spread: Spread;
}

export interface GeneratedWorksheet {
  spec: WorksheetSpec;
  versions: WorksheetVersion[];
  balance: ItemBalance[];
  /** Seeds per item and version: what `lockItem` needs to freeze an item. */
  seeds: number[][][];
}

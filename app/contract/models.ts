// The models the workbench solves, and what each stores: the registry the app, the run store and
// the viewers consult instead of assuming field names. A run names its own fields (fields.zarr's
// consolidated metadata: every array whose first dimension is time); a model's declaration says
// which of them its views need and how to label them. A second model (ARZ traffic: per-segment
// arrays) adds an entry here, its spec to the `model` union, and its views in the renderer
// (docs/architecture.md).

import { z } from 'zod';
import { describeReceived } from './received.js';
import { MODELS } from './spec-fields.js';

export type ModelId = (typeof MODELS)[number];

/**
 * A field's name: an array path inside fields.zarr ("m", or "segments/3/rho_c"). Letters, digits,
 * '_' and '-', segments joined by '/': never '.', '..', an absolute path or a backslash, so a name
 * received over RPC can be joined into a run directory only where it names a real array.
 */
export const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}(?:\/[A-Za-z0-9][A-Za-z0-9_-]{0,63}){0,3}$/;

export const FieldNameSchema = z.string().refine((name) => FIELD_NAME.test(name), {
  error: (issue) => `expected a field name (letters, digits, '_' and '-', segments joined by '/', as fields.zarr names its arrays), received ${describeReceived(issue.input)}`,
});

export interface ModelField {
  /** The array in fields.zarr. */
  readonly name: string;
  /** How figures and legends name it: "m", "u". */
  readonly symbol: string;
  /** CF long_name: "density m(t, x)". */
  readonly longName: string;
}

export interface ModelDefinition {
  readonly id: ModelId;
  readonly title: string;
  /** The fields every run of this model stores, dims [t, ...space], in the order views list them. */
  readonly fields: readonly ModelField[];
}

export const MODEL_REGISTRY: Readonly<Record<ModelId, ModelDefinition>> = {
  mfg: {
    id: 'mfg',
    title: 'Mean field game (HJB + Fokker-Planck)',
    fields: [
      { name: 'm', symbol: 'm', longName: 'density m(t, x)' },
      { name: 'u', symbol: 'u', longName: 'value function u(t, x)' },
    ],
  },
};

/** The fields of the MFG model, by name: what its views (maps, volumes, slices) draw. */
export type MfgFieldName = 'u' | 'm';

/** The declaration of a model, or undefined for an id this version does not know. */
export function modelDefinition(id: string): ModelDefinition | undefined {
  return Object.hasOwn(MODEL_REGISTRY, id) ? MODEL_REGISTRY[id as ModelId] : undefined;
}

/** What a run says it stores: one time-dependent array of its fields.zarr. */
export const FieldInfoSchema = z.object({
  name: FieldNameSchema,
  /** Dimension names, time first (`_ARRAY_DIMENSIONS`). */
  dims: z.array(z.string()),
  shape: z.array(z.int().nonnegative()),
  longName: z.string().optional(),
  units: z.string().optional(),
});
export type FieldInfo = z.output<typeof FieldInfoSchema>;

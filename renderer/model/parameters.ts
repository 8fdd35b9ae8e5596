// The parameter state the model panel edits: the spec the solver gets (always the last valid
// values), the preset it came from (for "reset to preset"), drafts of fields whose text is not
// valid yet (the text stays on screen with its error; the spec keeps the last valid value), and
// the undo/redo history. Pure: commands call these and write the result to the store.

import {
  defaultSpec, formulaVariables, NUMERIC_FIELDS, parseFormula,
  type Dimension, type FormulaField, type MfgSpec, type NumericFieldPath,
} from '../../app/contract/index.js';
import { createHistory, record, redo, seal, undo, type History } from './history.js';
import { parseNumericInput } from './numeric-input.js';
import { addressKey, formulaPath, getValue, jsonEqual, setValue, type FieldAddress } from './spec-path.js';

/** Text on screen that is not (yet) a valid value. */
export interface Draft {
  readonly text: string;
  readonly message: string;
  /** For formulas: 0-based position of the error in `text`. */
  readonly position?: number;
}

export interface Parameters {
  readonly spec: MfgSpec;
  /** What "reset to preset" returns to. */
  readonly baseline: MfgSpec;
  readonly presetId: string | null;
  /** Keyed by addressKey. */
  readonly drafts: Readonly<Record<string, Draft>>;
  readonly history: History<MfgSpec>;
}

export function createParameters(spec: MfgSpec = defaultSpec(), presetId: string | null = null): Parameters {
  return { spec, baseline: spec, presetId, drafts: {}, history: createHistory<MfgSpec>() };
}

export interface EditOptions {
  /** Shown in the undo button's tooltip: "Undo Viscosity". */
  readonly label: string;
  /** Changes with the same key merge into one undo step until the gesture is sealed. */
  readonly coalesce?: boolean;
}

function withoutDraft(drafts: Readonly<Record<string, Draft>>, key: string): Readonly<Record<string, Draft>> {
  if (!(key in drafts)) return drafts;
  const next = { ...drafts };
  delete next[key];
  return next;
}

function commit(params: Parameters, spec: MfgSpec, label: string, coalesceKey: string | undefined): Parameters {
  if (spec === params.spec) return params;
  const history = record(params.history, { label, before: params.spec, after: spec, coalesceKey }, jsonEqual);
  return { ...params, spec, history };
}

/** Sets one field to a value already known to be valid (sliders, selects, checkboxes). */
export function editField(params: Parameters, address: FieldAddress, value: unknown, options: EditOptions): Parameters {
  const key = addressKey(address);
  const next = commit(params, setValue(params.spec, address, value), options.label, options.coalesce === true ? key : undefined);
  return { ...next, drafts: withoutDraft(params.drafts, key) };
}

/** Typed text for a number field: a valid number is applied, anything else becomes a draft. */
export function editNumberText(params: Parameters, address: FieldAddress & { path: NumericFieldPath }, text: string, options: EditOptions): Parameters {
  const parsed = parseNumericInput(text, NUMERIC_FIELDS[address.path]);
  if (!parsed.ok) return { ...params, drafts: { ...params.drafts, [addressKey(address)]: { text, message: parsed.message } } };
  return editField(params, address, parsed.value, options);
}

export function dimensionOf(spec: MfgSpec): Dimension {
  const n = spec.domain.lower.length;
  return n === 2 || n === 3 ? n : 1;
}

/** The error of a formula text for this spec's dimension, or undefined when it parses. */
export function formulaError(spec: MfgSpec, field: FormulaField, text: string): Draft | undefined {
  const parsed = parseFormula(text, formulaVariables(field, dimensionOf(spec)));
  return parsed.ok ? undefined : { text, message: parsed.error.message, position: parsed.error.position };
}

/**
 * Typed text for a formula: a formula that parses replaces the spec's value (typing merges into one
 * undo step); one that does not stays on screen with its error, and the last valid formula is kept
 * and used.
 */
export function editFormulaText(params: Parameters, field: FormulaField, text: string, options: EditOptions): Parameters {
  const address = { path: formulaPath(field) } as const;
  const error = formulaError(params.spec, field, text);
  if (error !== undefined) return { ...params, drafts: { ...params.drafts, [addressKey(address)]: error } };
  return editField(params, address, text, { ...options, coalesce: options.coalesce ?? true });
}

/** The text a field shows: its draft when there is one, else the spec's value. */
export function fieldText(params: Parameters, address: FieldAddress): Draft | undefined {
  return params.drafts[addressKey(address)];
}

export function fieldValue(params: Parameters, address: FieldAddress): unknown {
  return getValue(params.spec, address);
}

/** Replaces the whole spec (a preset, or a saved run's parameters) as one undoable step. */
export function loadSpec(params: Parameters, spec: MfgSpec, presetId: string | null, label: string): Parameters {
  const next = commit({ ...params, history: seal(params.history) }, spec, label, undefined);
  return { ...next, baseline: spec, presetId, drafts: {}, history: seal(next.history) };
}

export function resetToBaseline(params: Parameters): Parameters {
  const next = commit({ ...params, history: seal(params.history) }, params.baseline, 'Reset to preset', undefined);
  return { ...next, drafts: {}, history: seal(next.history) };
}

/** Ends a gesture (slider released, field left): the next change is a new undo step. */
export function sealGesture(params: Parameters): Parameters {
  const history = seal(params.history);
  return history === params.history ? params : { ...params, history };
}

/** Undo and redo restore a spec exactly; drafts are dropped (they belong to the text replaced). */
export function undoEdit(params: Parameters): Parameters {
  const step = undo(params.history);
  return step === undefined ? params : { ...params, spec: step.state, history: step.history, drafts: {} };
}

export function redoEdit(params: Parameters): Parameters {
  const step = redo(params.history);
  return step === undefined ? params : { ...params, spec: step.state, history: step.history, drafts: {} };
}

export const isModified = (params: Parameters): boolean => !jsonEqual(params.spec, params.baseline);

// Builders that turn the field tables into zod schemas with house-style messages: every problem
// with a field reads "expected <what the field accepts>, received <what was there>", whatever
// check failed (type, range, integrality), so the user sees the whole rule at once.

import { z } from 'zod';
import type { FormulaField } from './formula-ast.js';
import { describeReceived, expectedMessage, oneOf } from './received.js';
import {
  BOOLEAN_FIELDS, ENUM_FIELDS, FORMULA_FIELDS, MAX_DIMENSION, NUMERIC_FIELDS, PATH_FIELDS, TEXT_FIELDS,
  type BooleanFieldPath, type EnumFieldPath, type NumericFieldInfo, type NumericFieldPath,
} from './spec-fields.js';
import { didYouMean } from './suggest.js';

type IssueInput = { readonly input?: unknown };

/** What a numeric field accepts, in words: "a number >= 0", "an integer from 1 to 100000". */
export function describeNumericRule(info: NumericFieldInfo): string {
  const { min, max, integer } = info;
  let rule: string;
  if (min !== null && max !== null) {
    rule = integer && !info.minExclusive && !info.maxExclusive
      ? `an integer from ${min} to ${max}`
      : `${integer ? 'an integer' : 'a number'} in ${info.minExclusive ? '(' : '['}${min}, ${max}${info.maxExclusive ? ')' : ']'}`;
  } else if (min !== null) {
    rule = `${integer ? 'an integer' : 'a number'} ${info.minExclusive ? '>' : '>='} ${min}`;
  } else if (max !== null) {
    rule = `${integer ? 'an integer' : 'a number'} ${info.maxExclusive ? '<' : '<='} ${max}`;
  } else {
    rule = integer ? 'an integer' : 'a finite number';
  }
  return info.nullable ? `${rule} or null` : rule;
}

/** A single value obeying a numeric field's rule (zod numbers are always finite). */
function numericValue(info: NumericFieldInfo) {
  const error = expectedMessage(describeNumericRule(info));
  let schema = info.integer ? z.int({ error }) : z.number({ error });
  if (info.min !== null) schema = info.minExclusive ? schema.gt(info.min, { error }) : schema.gte(info.min, { error });
  if (info.max !== null) schema = info.maxExclusive ? schema.lt(info.max, { error }) : schema.lte(info.max, { error });
  return schema;
}

const meta = (info: { label: string; description: string }) => ({ title: info.label, description: info.description });

/** An optional scalar numeric field with its default. */
export function numberField(path: NumericFieldPath) {
  const info = NUMERIC_FIELDS[path];
  return numericValue(info).default(info.defaultValue as number).meta(meta(info));
}

/** The nullable numeric field (speed_cap): null means "off" and is the default. */
export function nullableNumberField(path: NumericFieldPath) {
  const info = NUMERIC_FIELDS[path];
  return numericValue(info).nullable().default(null).meta(meta(info));
}

/** One value per axis: 1 to MAX_DIMENSION entries; equal lengths are checked on the domain. */
export function axisArray<T extends z.ZodType>(element: T, what: string) {
  const error = (issue: IssueInput): string => Array.isArray(issue.input)
    ? `expected 1 to ${MAX_DIMENSION} entries (one per axis), received ${issue.input.length}`
    : `expected an array of 1 to ${MAX_DIMENSION} ${what} (one per axis), received ${describeReceived(issue.input)}`;
  return z.array(element, { error }).min(1, { error }).max(MAX_DIMENSION, { error });
}

export function axisNumbers(path: NumericFieldPath) {
  const info = NUMERIC_FIELDS[path];
  return axisArray(numericValue(info), info.integer ? 'integers' : 'numbers').meta(meta(info));
}

/** A string enum; pass the `as const` tuple from spec-fields.ts so the output type stays literal. */
export function enumValue<const T extends readonly [string, ...string[]]>(path: EnumFieldPath, values: T) {
  const error = (issue: IssueInput): string => {
    const hint = typeof issue.input === 'string' ? didYouMean(issue.input, values) : '';
    return `expected ${oneOf(values)}, received ${describeReceived(issue.input)}${hint}`;
  };
  return z.enum(values, { error }).meta(meta(ENUM_FIELDS[path]));
}

export function enumField<const T extends readonly [string, ...string[]]>(path: EnumFieldPath, values: T) {
  // The table's default is one of `values` by construction (a test checks it).
  return enumValue(path, values).default(ENUM_FIELDS[path].defaultValue as T[number]);
}

/** A file path field (see PATH_FIELDS). */
export function pathField(path: keyof typeof PATH_FIELDS) {
  const info = PATH_FIELDS[path];
  return z.string({ error: expectedMessage(`a file path of at most ${info.maxLength} characters, or ""`) })
    .max(info.maxLength, { error: expectedMessage(`a file path of at most ${info.maxLength} characters`) })
    .default(info.defaultValue)
    .meta(meta(info));
}

/** A boolean switch with its default. */
export function booleanField(path: BooleanFieldPath) {
  const info = BOOLEAN_FIELDS[path];
  return z.boolean({ error: expectedMessage('true or false') }).default(info.defaultValue).meta(meta(info));
}

/** name and description: limits count Unicode code points, as JSON Schema and the native side do. */
export function textField(key: 'name' | 'description') {
  const info = TEXT_FIELDS[key];
  const rule = info.minLength === 0
    ? `a string of at most ${info.maxLength} characters`
    : `a string of ${info.minLength} to ${info.maxLength} characters`;
  return z.string({ error: expectedMessage(rule) })
    .superRefine((value, ctx) => {
      const length = [...value].length;
      if (length < info.minLength || length > info.maxLength) {
        ctx.addIssue({ code: 'custom', input: value, message: expectedMessage(rule)({ input: value }) });
      }
    })
    .default(info.defaultValue)
    .meta({ ...meta(info), minLength: info.minLength, maxLength: info.maxLength });
}

/**
 * A formula string. Its syntax and names are checked on the whole spec (spec-refine.ts), because
 * which variables it may use depends on the domain's dimension; checking once, with the exact
 * variables, reports the same first error as the native parser.
 */
export function formulaField(kind: FormulaField) {
  const info = FORMULA_FIELDS[kind];
  return z.string({ error: expectedMessage('a formula string such as "0" or "exp(-50*(x-0.3)^2)"') })
    .default(info.defaultValue)
    .meta(meta(info));
}

const sectionKeys = new Map<string, readonly string[]>();

/**
 * The keys a strict section accepts, for "did you mean" on unknown keys. `pattern` is the section's
 * dotted path with array indices written as '*' ('' for the whole spec).
 */
export function knownKeys(pattern: string): readonly string[] {
  return sectionKeys.get(pattern) ?? [];
}

/** A strict object (unknown keys are errors) whose keys are registered for suggestions. */
export function section<Shape extends z.ZodRawShape>(pattern: string, shape: Shape, what: string) {
  sectionKeys.set(pattern, Object.keys(shape));
  // Unknown keys get one message per key, built in spec-issues.ts where the path is known.
  const error = (issue: IssueInput & { code?: string }): string | undefined =>
    issue.code === 'unrecognized_keys' ? undefined : expectedMessage(what)(issue);
  return z.strictObject(shape, { error });
}

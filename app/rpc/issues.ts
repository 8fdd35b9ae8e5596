// Turns zod issues on call parameters into the house-style message ("expected ..., received ...")
// with the path of the offending value. Schemas that word their own errors (the contract's do) keep
// their wording: a per-parse error map only fills in where the schema said nothing.

import type { z } from 'zod';
import { describeValue } from './typed-arrays.js';

export interface ParamIssue {
  /** Where the value is: [0, "physics", "viscosity"] = first argument, .physics.viscosity. */
  path: (string | number)[];
  message: string;
}

type RawIssue = z.core.$ZodRawIssue;

const TYPE_NAMES: Record<string, string> = {
  string: 'a string', number: 'a number', int: 'an integer', boolean: 'a boolean', bigint: 'a bigint',
  object: 'an object', array: 'an array', tuple: 'an array of arguments', null: 'null',
  undefined: 'nothing', date: 'a date', map: 'a map', set: 'a set', nan: 'NaN', symbol: 'a symbol',
};

const withArticle = (noun: string): string => `${/^[aeio]/i.test(noun) ? 'an' : 'a'} ${noun}`;

function typeName(expected: string): string {
  return TYPE_NAMES[expected] ?? withArticle(expected);
}

function sizeRule(issue: { origin?: string; inclusive?: boolean }, bound: unknown, direction: 'min' | 'max'): string {
  const inclusive = issue.inclusive !== false;
  const comparison = direction === 'min' ? (inclusive ? '>=' : '>') : (inclusive ? '<=' : '<');
  const atLeastOrMost = direction === 'min' ? 'at least' : 'at most';
  switch (issue.origin) {
    case 'array': return `${atLeastOrMost} ${String(bound)} ${bound === 1 ? 'entry' : 'entries'}`;
    case 'string': return `${atLeastOrMost} ${String(bound)} characters`;
    default: return `a number ${comparison} ${String(bound)}`;
  }
}

/** The error map passed to safeParse at the RPC boundary; undefined = zod's own wording. */
export function describeParamIssue(issue: RawIssue): string | undefined {
  const received = `received ${describeValue(issue.input)}`;
  switch (issue.code) {
    case 'invalid_type': return `expected ${typeName(issue.expected)}, ${received}`;
    case 'too_small': return `expected ${sizeRule(issue, issue.minimum, 'min')}, ${received}`;
    case 'too_big': return `expected ${sizeRule(issue, issue.maximum, 'max')}, ${received}`;
    case 'invalid_value': return `expected ${issue.values.map((v) => JSON.stringify(v) ?? String(v)).join(' or ')}, ${received}`;
    case 'invalid_format': return `expected ${issue.format === 'regex' ? 'text matching the pattern' : withArticle(issue.format)}, ${received}`;
    case 'not_multiple_of': return `expected a multiple of ${String(issue.divisor)}, ${received}`;
    case 'unrecognized_keys': return `unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
    case 'invalid_union': return `expected one of the accepted shapes, ${received}`;
    default: return undefined;
  }
}

export function toParamIssues(error: z.ZodError): ParamIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((step) => (typeof step === 'number' ? step : String(step))),
    message: issue.message,
  }));
}

/** "0.physics.viscosity: expected a number >= 0, received -1" (no prefix for the whole argument list). */
export function formatParamIssue(issue: ParamIssue): string {
  return issue.path.length === 0 ? issue.message : `${issue.path.join('.')}: ${issue.message}`;
}

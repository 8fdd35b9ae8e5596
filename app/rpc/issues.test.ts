import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeParamIssue, formatParamIssue, toParamIssues } from './issues.js';

function messages(schema: z.ZodType, value: unknown): string[] {
  const parsed = schema.safeParse(value, { error: describeParamIssue });
  return parsed.success ? [] : toParamIssues(parsed.error).map(formatParamIssue);
}

describe('parameter issues', () => {
  it('say what was expected and what was received, with the path', () => {
    expect(messages(z.tuple([z.string()]), [7])).toEqual(['0: expected a string, received 7']);
    expect(messages(z.tuple([z.int()]), [1.5])).toEqual(['0: expected an integer, received 1.5']);
    expect(messages(z.tuple([z.number().min(0)]), [-2])).toEqual(['0: expected a number >= 0, received -2']);
    expect(messages(z.tuple([z.number().lt(1)]), [1])).toEqual(['0: expected a number < 1, received 1']);
    expect(messages(z.tuple([z.string().min(2)]), ['a'])).toEqual(['0: expected at least 2 characters, received "a"']);
    expect(messages(z.tuple([z.array(z.number()).max(1)]), [[1, 2]])).toEqual(['0: expected at most 1 entry, received an array of 2 entries']);
    expect(messages(z.tuple([z.enum(['a', 'b'])]), ['c'])).toEqual(['0: expected "a" or "b", received "c"']);
    expect(messages(z.tuple([z.email()]), ['nope'])).toEqual(['0: expected an email, received "nope"']);
    expect(messages(z.tuple([z.number().multipleOf(3)]), [4])).toEqual(['0: expected a multiple of 3, received 4']);
    expect(messages(z.tuple([z.strictObject({ a: z.number() })]), [{ a: 1, b: 2, c: 3 }])).toEqual(["0: unknown keys 'b', 'c'"]);
    expect(messages(z.tuple([z.union([z.string(), z.number()])]), [true])).toEqual(['0: expected one of the accepted shapes, received true']);
    expect(messages(z.tuple([]), 'x')).toEqual(['expected an array of arguments, received "x"']);
  });

  it('leave a schema\'s own wording alone', () => {
    expect(messages(z.tuple([z.number({ error: 'the viscosity must be a number' })]), ['x'])).toEqual(['0: the viscosity must be a number']);
  });
});

import { describe, expect, it } from 'vitest';
import { appError, err, ERROR_CODES, isErrorCode, ok, type Result } from './result.js';
import { closestMatch, editDistance } from './suggest.js';
import { describeReceived } from './received.js';

describe('Result', () => {
  it('wraps values and errors so callers branch on ok', () => {
    const parse = (text: string): Result<number> =>
      Number.isNaN(Number(text)) ? err(appError('bad_input', `expected a number, received "${text}"`)) : ok(Number(text));
    expect(parse('2')).toEqual({ ok: true, value: 2 });
    expect(parse('x')).toEqual({ ok: false, error: { code: 'bad_input', message: 'expected a number, received "x"' } });
  });

  it('keeps details only when given', () => {
    expect(appError('io', 'disk full', { path: '/tmp' })).toEqual({ code: 'io', message: 'disk full', details: { path: '/tmp' } });
    expect('details' in appError('io', 'disk full')).toBe(false);
  });

  it('knows its error codes', () => {
    expect(ERROR_CODES).toHaveLength(8);
    expect(isErrorCode('solver_failed')).toBe(true);
    expect(isErrorCode('oops')).toBe(false);
    expect(isErrorCode(3)).toBe(false);
  });
});

describe('suggestions', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('visocsity', 'viscosity')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('suggests only plausible typos, preferring earlier candidates on ties', () => {
    expect(closestMatch('sinn', ['sin', 'sqrt'])).toBe('sin');
    expect(closestMatch('colour', ['version', 'domain'])).toBeUndefined();
    expect(closestMatch('mn', ['min', 'max'])).toBe('min');
  });
});

describe('describeReceived', () => {
  it.each([
    [undefined, 'nothing'], [null, 'null'], [-0, '0'], [1e-16, '1e-16'], [true, 'true'], ['a', '"a"'],
    [[1, 2], 'an array of 2 entries'], [[1], 'an array of 1 entry'], [{}, 'an object'],
    ['x'.repeat(50), `"${'x'.repeat(40)}"... (50 characters)`],
  ])('%j -> %s', (value, text) => {
    expect(describeReceived(value)).toBe(text);
  });
});

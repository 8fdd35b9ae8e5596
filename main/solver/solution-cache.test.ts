import { describe, expect, it } from 'vitest';
import { SolutionCache } from './solution-cache.js';

const solution = (handle: string) => ({ u: new Float64Array(1), m: new Float64Array(1), shape: [1, 1], handle });

describe('SolutionCache', () => {
  it('keeps the last N solutions, oldest out first', () => {
    const cache = new SolutionCache<string>(2);
    expect(cache.add('a', solution('a'))).toEqual([]);
    expect(cache.add('b', solution('b'))).toEqual([]);
    cache.get('a'); // reading does not keep a solution longer: the limit is on solves
    expect(cache.add('c', solution('c'))).toEqual(['a']);
    expect(cache.ids()).toEqual(['b', 'c']);
    expect(cache.release('b')).toBe(true);
    expect(cache.release('b')).toBe(false);
    expect(() => new SolutionCache(0)).toThrow(/capacity >= 1/);
  });
});

import { describe, expect, it } from 'vitest';
import { SizedLru } from './lru.js';

describe('SizedLru', () => {
  it('evicts the least recently used entries beyond its capacity', () => {
    const cache = new SizedLru<string, number>(10);
    cache.set('a', 1, 4);
    cache.set('b', 2, 4);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3, 4);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.size).toBe(8);
    cache.set('huge', 4, 11);
    expect(cache.get('huge')).toBeUndefined();
    cache.deleteWhere((key) => key === 'a');
    expect(cache.count).toBe(1);
    expect(cache.size).toBe(4);
  });
});

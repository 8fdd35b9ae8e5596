import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusWithMarker } from './injection-corpus.js';
import { shellAnd, shellCommand, shellQuote } from './quote.js';

const scratch = mkdtempSync(join(tmpdir(), 'mfgw-quote-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** What a real shell hands to a program: printf prints each argument NUL-terminated. */
function argvSeenBy(shell: string, args: readonly string[]): string[] {
  const command = shellCommand(['printf', '%s\\0', ...args]);
  const result = spawnSync(shell, ['-c', command], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout.split('\0').slice(0, -1);
}

describe('shellQuote', () => {
  const marker = join(scratch, 'pwned');
  const corpus = corpusWithMarker(marker);

  it.each(['sh', 'bash'])('every corpus entry reaches %s as one argument, unchanged, and runs nothing', (shell) => {
    expect(argvSeenBy(shell, corpus)).toEqual(corpus);
    expect(existsSync(marker)).toBe(false);
  });

  it('leaves plain words bare and quotes everything else', () => {
    expect(shellQuote('abc/d.e-f_1')).toBe('abc/d.e-f_1');
    expect(shellQuote('')).toBe("''");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('$(x)')).toBe("'$(x)'");
  });

  it('refuses NUL, which no shell argument can hold', () => {
    expect(() => shellQuote('a\0b')).toThrow(/NUL/);
  });

  it('chains commands with && so a failure stops the rest', () => {
    const result = spawnSync('sh', ['-c', shellAnd([['false'], ['touch', marker]])]);
    expect(result.status).not.toBe(0);
    expect(existsSync(marker)).toBe(false);
  });
});

import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitTemporary, prepareFolder, temporaryPathFor, writeAtomically } from './atomic-file.js';

let scratch: string;
beforeEach(() => { scratch = mkdtempSync(path.join(tmpdir(), 'mfgw-atomic-')); });
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

const destination = (folder: string, fileName: string) => ({ folder, fileName, path: path.join(folder, fileName) });

describe('writing exports atomically', () => {
  it('creates the folder, writes under a hidden temporary name and renames it', async () => {
    const target = destination(path.join(scratch, 'a', 'b'), 'figure.svg');
    const temporary = temporaryPathFor(target);
    expect(path.dirname(temporary)).toBe(target.folder);
    expect(path.basename(temporary)).toMatch(/^\.figure\.svg\.[0-9a-f]{8}\.partial$/);
    expect(await writeAtomically(target, '<svg/>')).toEqual({ ok: true, value: { path: target.path, bytes: 6 } });
    expect(readdirSync(target.folder)).toEqual(['figure.svg']);
    expect(await writeAtomically(target, '<svg></svg>')).toMatchObject({ ok: true, value: { bytes: 11 } });
    expect(readFileSync(target.path, 'utf8')).toBe('<svg></svg>');
  });

  it('removes the temporary file when the rename fails', async () => {
    const target = destination(scratch, 'taken');
    mkdirSync(path.join(scratch, 'taken', 'inside'), { recursive: true });
    const result = await writeAtomically(target, 'x');
    expect(result).toMatchObject({ ok: false, error: { code: 'io', message: expect.stringContaining(`could not write ${target.path}`) } });
    expect(readdirSync(scratch)).toEqual(['taken']);
  });

  it('says why a folder cannot be used', async () => {
    const file = path.join(scratch, 'file');
    writeFileSync(file, 'x');
    expect(await prepareFolder(file)).toMatchObject({ ok: false, error: { message: expect.stringContaining('it is a file, not a folder') } });
    expect(await prepareFolder('relative')).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    if (process.getuid?.() !== 0) {
      // Root writes anywhere; for other users a read-only folder is refused at the write.
      const locked = path.join(scratch, 'locked');
      mkdirSync(locked);
      chmodSync(locked, 0o500);
      expect(await writeAtomically(destination(locked, 'x.svg'), 'x')).toMatchObject({ ok: false, error: { message: expect.stringContaining('choose a folder you can write to') } });
      chmodSync(locked, 0o700);
    }
  });

  it('commitTemporary reports a missing temporary file', async () => {
    const target = destination(scratch, 'never.png');
    expect(await commitTemporary(path.join(scratch, '.gone'), target)).toMatchObject({ ok: false, error: { code: 'io' } });
    expect(existsSync(target.path)).toBe(false);
  });
});

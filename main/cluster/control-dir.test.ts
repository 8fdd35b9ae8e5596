// The ControlMaster folder: whoever controls it can answer our ssh commands in the cluster's place.

import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, tempDir } from '../testing/fixtures.js';
import { privateControlDirectory } from './control-dir.js';

const scratch = tempDir('control-dir');
afterAll(() => removeDir(scratch));
const uid = process.getuid?.() ?? 0;
const mode = (path: string): number => lstatSync(path).mode & 0o777;

describe.skipIf(process.platform === 'win32')('the ssh control folder', () => {
  it('is made private (0700)', async () => {
    const dir = join(scratch, 'new');
    expect(await privateControlDirectory(dir)).toEqual({ ok: true, value: dir });
    expect(mode(dir)).toBe(0o700);
  });

  it('is made again, empty and private, when it is ours but open to others (a socket may have been planted)', async () => {
    const dir = join(scratch, 'open');
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    writeFileSync(join(dir, 'planted-socket'), '');
    expect((await privateControlDirectory(dir)).ok).toBe(true);
    expect([mode(dir), existsSync(join(dir, 'planted-socket'))]).toEqual([0o700, false]);
  });

  it('is made again when it is a link or a file of ours, never followed', async () => {
    const target = join(scratch, 'target');
    mkdirSync(target, { mode: 0o700 });
    const link = join(scratch, 'link');
    symlinkSync(target, link);
    expect((await privateControlDirectory(link)).ok).toBe(true);
    expect(lstatSync(link).isDirectory()).toBe(true);
    expect(existsSync(target)).toBe(true);
    const file = join(scratch, 'file');
    writeFileSync(file, '');
    expect((await privateControlDirectory(file)).ok).toBe(true);
    expect(lstatSync(file).isDirectory()).toBe(true);
  });

  it.runIf(uid === 0)('is refused when another user made it', async () => {
    const dir = join(scratch, 'theirs');
    mkdirSync(dir, { mode: 0o700 });
    chownSync(dir, 65534, 65534);
    const refused = await privateControlDirectory(dir);
    expect(!refused.ok && refused.error.message).toBe(`the ssh control folder ${dir} belongs to uid 65534, not to you (uid 0): another user could answer your ssh connections. Ask them or an admin to remove it, or set TMPDIR to a private folder`);
    expect(lstatSync(dir).uid).toBe(65534);
  });
});

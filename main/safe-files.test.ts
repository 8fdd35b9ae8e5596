// The one safe path check and the one safe reader, fed what a hostile run folder or remote holds:
// names that climb or hide, links (last component and folders above), FIFOs, devices, sockets,
// folders, files over the cap and of the wrong size.

import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, tempDir } from './testing/fixtures.js';
import { readJsonFile } from './files.js';
import { isInside, relativePathProblem, safeJoin } from './safe-path.js';
import { readRegularFile } from './safe-read.js';

const scratch = tempDir('safe-files');
afterAll(() => removeDir(scratch));

describe('relative names from outside (safe-path.ts)', () => {
  it('refuses every name that could climb out, hide what it is, or mean something else elsewhere', () => {
    const hostile = [
      '', '..', '../x', 'a/../../x', '../../../../elsewhere/x', 'a/./b', './a', 'a//b', 'a/', '/etc/passwd', '/', 'C:/Windows', 'c:x',
      'x\n../victim-run', 'x\r', 'tab\there', 'nul\u0000byte', 'esc\u001b[31m', 'del\u007f', 'c1\u0085', 'back\\slash', '..\\..\\x',
      'a'.repeat(256), `${'a/'.repeat(2100)}a`,
    ];
    for (const name of hostile) expect(relativePathProblem(name), JSON.stringify(name)).toBeDefined();
    for (const name of ['run.json', 'fields.zarr/u/0.0', 'a b/c d', 'ünïcode/ファイル', '.hidden', 'x..y', '...', 'a'.repeat(255)]) {
      expect(relativePathProblem(name), name).toBeUndefined();
    }
  });

  it('joins only below the root, and says which name was refused, escaped', () => {
    expect(safeJoin('/runs', 'job-1-task-0', 'job x')).toEqual({ ok: true, value: path.join('/runs', 'job-1-task-0') });
    const refused = safeJoin('/runs', 'x\n../victim-run', 'job x');
    expect(!refused.ok && refused.error.message).toBe('refused the name "x\\n../victim-run" from job x: it contains a control character (a newline, a tab, an escape...); nothing was written');
    expect(isInside('/runs', '/runs/a/b')).toBe(true);
    expect(isInside('/runs', '/runs-other/a')).toBe(false);
    expect(isInside('/runs', '/runs/../etc')).toBe(false);
  });
});

describe('the safe reader (safe-read.ts)', () => {
  const root = path.join(scratch, 'run');
  const outside = path.join(scratch, 'private');
  mkdirSync(path.join(root, 'fields.zarr'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(path.join(outside, 'id_ed25519'), 'PRIVATE KEY');
  writeFileSync(path.join(root, 'ok.json'), '{"a":1}');

  it('reads a regular file inside the folder', async () => {
    const read = await readRegularFile(path.join(root, 'ok.json'), { maxBytes: 100, within: root });
    expect(read.kind === 'ok' && read.bytes.toString()).toBe('{"a":1}');
  });

  it('never follows a link: not in the last component, not in a folder above', async () => {
    symlinkSync(path.join(outside, 'id_ed25519'), path.join(root, 'linked.json'));
    symlinkSync(outside, path.join(root, 'fields.zarr', 'u'));
    const last = await readRegularFile(path.join(root, 'linked.json'), { maxBytes: 100, within: root });
    expect(last).toEqual({ kind: 'refused', reason: 'it is a symbolic link, and links are never followed here' });
    const above = await readRegularFile(path.join(root, 'fields.zarr', 'u', 'id_ed25519'), { maxBytes: 100, within: root });
    expect(above.kind).toBe('refused');
    expect(above.kind === 'refused' && above.reason).toMatch(/^it is not inside .* \(a link on the way leads to .*private\/id_ed25519\)$/);
    // A file the user named themselves may be a link (a spec, a dotfile-managed settings file).
    expect((await readRegularFile(path.join(root, 'linked.json'), { maxBytes: 100, followLinks: true })).kind).toBe('ok');
  });

  it('answers at once for a FIFO (no writer ever comes), a device, a socket and a folder', async () => {
    const fifo = path.join(root, 'run.json');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const socketPath = path.join(root, 'sock');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    try {
      const reads = await Promise.all([
        // More FIFOs at once than Node has file I/O threads (4): none may hold one.
        ...Array.from({ length: 8 }, () => readRegularFile(fifo, { maxBytes: 100, within: root })),
        readRegularFile('/dev/zero', { maxBytes: 100 }), readRegularFile(socketPath, { maxBytes: 100 }), readRegularFile(root, { maxBytes: 100 }),
      ]);
      expect(reads.slice(0, 8).every((read) => read.kind === 'refused' && read.reason === 'it is a FIFO (named pipe), not a regular file')).toBe(true);
      expect(reads.slice(8)).toEqual([
        { kind: 'refused', reason: 'it is a character device, not a regular file' },
        { kind: 'refused', reason: 'it is a socket or a device, not a regular file' },
        { kind: 'refused', reason: 'it is a directory, not a regular file' },
      ]);
      const json = await readJsonFile(fifo);
      expect(json).toEqual({ kind: 'unreadable', reason: 'it is a FIFO (named pipe), not a regular file' });
    } finally {
      server.close();
    }
  });

  it('refuses a file over the cap or of the wrong size before reading it, and reports a missing one', async () => {
    const huge = path.join(root, 'huge.bin');
    writeFileSync(huge, '');
    truncateSync(huge, 8 * 1024 ** 3); // sparse: 8 GiB claimed, nothing allocated
    expect(await readRegularFile(huge, { maxBytes: 1024 })).toEqual({ kind: 'refused', reason: `it has ${8 * 1024 ** 3} bytes, more than the 1024 accepted here` });
    const chunk = path.join(root, 'chunk');
    writeFileSync(chunk, Buffer.alloc(799));
    expect(await readRegularFile(chunk, { maxBytes: 800, exactBytes: 800 })).toEqual({ kind: 'refused', reason: 'it has 799 bytes, expected exactly 800' });
    expect(await readRegularFile(path.join(root, 'absent'), { maxBytes: 1 })).toEqual({ kind: 'missing' });
    expect(await readRegularFile(path.join(root, 'ok.json', 'below'), { maxBytes: 1 })).toEqual({ kind: 'missing' });
  });
});

// The fetch of a run directory (fetch-run.ts) against a "remote" that is this machine (the real
// find, sha256sum and tar run by /bin/sh, as the cluster's would), with hostile names created for
// real, and against hostile answers no real tar would give (crafted tar streams, SFTP listings,
// connections cut or hanging mid-stream). Whatever the remote sends, nothing is written outside
// the run being fetched, and a half fetch never looks like a run.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import tarStream, { type Header } from 'tar-stream';
import { afterAll, describe, expect, it } from 'vitest';
import { err, ok } from '../../app/contract/index.js';
import { removeDir, tempDir } from '../testing/fixtures.js';
import { fetchRunDirectory } from './fetch-run.js';
import { cutStream, fakeExec, replacingStream, snapshot, writeRemoteRun } from './fetch-testing.js';
import { LocalTransport } from './local-transport.js';
import { parseFindRecords } from './remote-listing.js';
import { sftpListFiles, type SftpDirEntry } from './sftp.js';
import type { RemoteTransport } from './transport.js';

const scratch = tempDir('fetch');
afterAll(() => removeDir(scratch));
const local = new LocalTransport();
let cases = 0;

/** A remote run, a runs folder with a victim run beside the destination, and a folder "elsewhere". */
function fixture(chunks = 20) {
  const base = path.join(scratch, `case-${++cases}`);
  const remote = path.join(base, 'remote', 'runs', 'task-0');
  writeRemoteRun(remote, chunks);
  const runs = path.join(base, 'runs');
  writeRemoteRun(path.join(runs, 'victim-run'), 2);
  mkdirSync(path.join(base, 'elsewhere'));
  const untouched = { victim: snapshot(path.join(runs, 'victim-run')), elsewhere: snapshot(path.join(base, 'elsewhere')) };
  const unchanged = (): void => {
    expect(snapshot(path.join(runs, 'victim-run'))).toEqual(untouched.victim);
    expect(snapshot(path.join(base, 'elsewhere'))).toEqual(untouched.elsewhere);
    expect(readdirSync(runs).filter((name) => !name.startsWith('.')).sort()).toEqual(existsSync(dest) ? ['fetched', 'victim-run'] : ['victim-run']);
  };
  const dest = path.join(runs, 'fetched');
  return { base, remote, runs, dest, unchanged };
}

const withoutCheckpoint = (tree: Record<string, string>) => Object.fromEntries(Object.entries(tree).filter(([name]) => !name.startsWith('checkpoint')));

describe('fetching a run directory as one stream', () => {
  it('copies it with one tar stream, verified against the remote sha256 manifest; fetching again copies nothing', async () => {
    const { remote, dest, runs, unchanged } = fixture();
    const fetched = await fetchRunDirectory(local, remote, dest);
    expect(fetched).toEqual({ ok: true, value: { files: 46, bytes: expect.any(Number), skipped: 0, method: 'tar' } });
    const copy = snapshot(dest);
    expect(copy['.mfgw-fetch.json']).toBeDefined();
    delete copy['.mfgw-fetch.json'];
    expect(copy).toEqual(withoutCheckpoint(snapshot(remote)));
    expect(readdirSync(runs).sort()).toEqual(['fetched', 'victim-run']); // no stage or partial folder left
    unchanged();
    expect(await fetchRunDirectory(local, remote, dest)).toEqual({ ok: true, value: { files: 0, bytes: 0, skipped: 46, method: 'up to date' } });
    writeFileSync(path.join(remote, 'log.txt'), 'solved again\n');
    const changed = await fetchRunDirectory(local, remote, dest);
    expect(changed.ok && [changed.value.method, changed.value.files]).toEqual(['tar', 46]);
    expect(readFileSync(path.join(dest, 'log.txt'), 'utf8')).toBe('solved again\n');
  });

  it.each([
    ['a folder whose name holds a newline (the old line-split listing read it as ../victim-run)', (remote: string) => writeAt(remote, 'x\n..', 'victim-run', 'run.json'), /"x\\n\.\." listed by .*: it contains a control character/],
    ['a chunk that is a link to a private file', (remote: string) => linkAt(remote, 'fields.zarr/u/3.0', '/etc/passwd'), /"fields\.zarr\/u\/3\.0".*it is a symbolic link/],
    ['a field folder that is a link out of the run', (remote: string) => linkAt(remote, 'fields.zarr/v', '/etc'), /"fields\.zarr\/v".*it is a symbolic link/],
    ['a FIFO', (remote: string) => void spawnSync('mkfifo', [path.join(remote, 'fields.zarr', 'pipe')]), /"fields\.zarr\/pipe".*not a regular file or folder/],
    ['an escape sequence in a name', (remote: string) => writeAt(remote, 'evil\u001b[2J'), /"evil\\u001b\[2J".*control character/],
    ['a backslash in a name', (remote: string) => writeAt(remote, '..\\..\\x'), /"\.\.\\\\\.\.\\\\x".*backslash/],
  ])('refuses a remote run holding %s, and writes nothing anywhere', async (_what, plant, message) => {
    const { remote, dest, unchanged } = fixture(2);
    plant(remote);
    const fetched = await fetchRunDirectory(local, remote, dest);
    expect(!fetched.ok && fetched.error.message).toMatch(message);
    expect(!fetched.ok && fetched.error.message).toMatch(/nothing was fetched$/);
    expect(existsSync(dest)).toBe(false);
    unchanged();
  });

  it('refuses a name that is not UTF-8 (it could not be asked for by name)', async () => {
    const { remote, dest, unchanged } = fixture(2);
    writeFileSync(Buffer.concat([Buffer.from(`${remote}/bad-`), Buffer.from([0xff, 0xfe])]), 'x');
    const fetched = await fetchRunDirectory(local, remote, dest);
    expect(!fetched.ok && fetched.error.message).toMatch(/it is not valid UTF-8/);
    unchanged();
  });

  it('replaces a destination that someone made a link to another run, without writing through it', async () => {
    const { remote, dest, runs, unchanged } = fixture(2);
    symlinkSync(path.join(runs, 'victim-run'), dest);
    const fetched = await fetchRunDirectory(local, remote, dest);
    expect(fetched.ok).toBe(true);
    expect(snapshot(dest)['run.json']).toBe(snapshot(remote)['run.json']);
    unchanged();
  });
});

/** Plants a regular file at the path made of `segments` below `root`. */
function writeAt(root: string, ...segments: string[]): void {
  mkdirSync(path.join(root, ...segments.slice(0, -1)), { recursive: true });
  writeFileSync(path.join(root, ...segments), 'planted');
}

function linkAt(root: string, name: string, target: string): void {
  rmSync(path.join(root, name), { recursive: true, force: true });
  symlinkSync(target, path.join(root, name));
}

/** A tar stream with exactly these members (what a hostile remote could send instead of tar's). */
async function tarOf(members: readonly { header: Partial<Header> & { name: string }; body?: Buffer }[]): Promise<Buffer> {
  const pack = tarStream.pack();
  for (const member of members) pack.entry({ size: member.body?.length ?? 0, ...member.header }, member.body ?? Buffer.alloc(0));
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** The tar command (fetch-stream.ts names its shell 'mfgw-tar'; the manifest's is 'mfgw-manifest'). */
const isTar = (command: string): boolean => command.includes(' mfgw-tar ');

/** The real remote, except that the tar command answers `bytes` instead. */
function answeringTar(bytes: Buffer): RemoteTransport {
  return replacingStream(local, (command) => (isTar(command) ? Promise.resolve(ok(fakeExec(Readable.from([bytes])))) : undefined));
}

describe('hostile tar streams', () => {
  const cases: [string, (remote: string) => Promise<Buffer>, RegExp][] = [
    ['a member that climbs out', async () => tarOf([{ header: { name: '../../../../elsewhere/x' }, body: Buffer.from('pwned') }]), /"\.\.\/\.\.\/\.\.\/\.\.\/elsewhere\/x".*"\.\." segment/],
    ['an absolute member', async () => tarOf([{ header: { name: '/tmp/pwned' }, body: Buffer.from('x') }]), /"\/tmp\/pwned".*absolute path/],
    ['a newline in a member name', async () => tarOf([{ header: { name: 'x\n../victim-run/run.json' }, body: Buffer.from('x') }]), /control character/],
    ['a symlink member', async () => tarOf([{ header: { name: './run.json', type: 'symlink', linkname: '/etc/passwd' } }]), /it is a symlink, and only regular files are fetched/],
    ['a hard link member', async () => tarOf([{ header: { name: './run.json', type: 'link', linkname: '/etc/passwd' } }]), /it is a link, and only regular files/],
    ['a device member', async () => tarOf([{ header: { name: './run.json', type: 'character-device', devmajor: 1, devminor: 5 } }]), /it is a character-device/],
    ['a FIFO member', async () => tarOf([{ header: { name: './run.json', type: 'fifo' } }]), /it is a fifo/],
    ['a folder member', async () => tarOf([{ header: { name: './fields.zarr/', type: 'directory' } }]), /it is a directory/],
    ['a member nobody asked for', async () => tarOf([{ header: { name: './.bashrc' }, body: Buffer.from('x') }]), /it was not asked for/],
    ['the same member twice', async (remote) => {
      const body = readFileSync(path.join(remote, 'run.json'));
      return tarOf([{ header: { name: './run.json' }, body }, { header: { name: './run.json' }, body }]);
    }, /"\.\/run\.json".*sent twice/],
    ['a member of another size than listed', async () => tarOf([{ header: { name: './run.json' }, body: Buffer.from('{}') }]), /it has 2 bytes, the listing said \d+/],
    ['a member whose bytes are not the listed ones', async (remote) => {
      const body = Buffer.alloc(readFileSync(path.join(remote, 'run.json')).length, 0x20);
      return tarOf([{ header: { name: './run.json' }, body }]);
    }, /run\.json arrived with \d+ bytes and sha256 [0-9a-f]{64}; the cluster's manifest says/],
  ];

  it.each(cases)('refuses %s before writing any of it', async (_what, make, message) => {
    const { remote, dest, runs, unchanged } = fixture(2);
    const fetched = await fetchRunDirectory(answeringTar(await make(remote)), remote, dest);
    expect(!fetched.ok && fetched.error.message).toMatch(message);
    expect(existsSync(dest)).toBe(false);
    // The stage holds only files that arrived complete and verified before the hostile member.
    const stage = path.join(runs, '.fetched.fetching');
    const original = snapshot(remote);
    for (const [name, content] of Object.entries(existsSync(stage) ? snapshot(stage) : {})) expect(content, name).toBe(original[name]);
    expect(existsSync(path.join(runs, '.fetched.partial'))).toBe(false);
    expect(existsSync(path.join(runs, '..', 'elsewhere', 'x'))).toBe(false);
    unchanged();
  });

  it('resumes a stream cut halfway: verified files are kept, the rest comes, and the run appears only when complete', async () => {
    const { remote, dest, runs } = fixture(40);
    let cut = 0;
    const dropping = replacingStream(local, (command, stdin) => {
      if (!isTar(command)) return undefined;
      return local.execStream(command, stdin).then((started) => {
        if (!started.ok) return started;
        const half = cutAfter(started.value.stdout, 30_000, () => (cut += 1));
        return ok({ ...started.value, stdout: half });
      });
    });
    const broken = await fetchRunDirectory(dropping, remote, dest);
    expect(!broken.ok && broken.error.message).toMatch(/the stream from .* broke off after \d+ files: .*; fetch again to resume/);
    expect(cut).toBe(1);
    expect(existsSync(dest)).toBe(false); // no half run in the runs folder
    const kept = Object.values(snapshot(path.join(runs, '.fetched.fetching'))).filter((entry) => entry !== 'dir').length;
    expect(kept).toBeGreaterThan(10);
    const resumed = await fetchRunDirectory(local, remote, dest);
    expect(resumed).toEqual({ ok: true, value: { files: 86 - kept, bytes: expect.any(Number), skipped: kept, method: 'tar' } });
    const copy = snapshot(dest);
    delete copy['.mfgw-fetch.json'];
    expect(copy).toEqual(withoutCheckpoint(snapshot(remote)));
  });

  it('gives up on a remote that stops sending, with a message, instead of hanging', async () => {
    const { remote, dest } = fixture(2);
    const hanging = replacingStream(local, (command) => (isTar(command) ? Promise.resolve(ok(fakeExec(cutStream(Buffer.alloc(0), true)))) : undefined));
    const fetched = await fetchRunDirectory(hanging, remote, dest, { idleMs: 200 });
    expect(!fetched.ok && fetched.error.message).toMatch(/broke off after 0 files: nothing arrived for 0\.2 s \(the connection or the remote hangs\)/);
    expect(existsSync(dest)).toBe(false);
  });

  it('gives up on a command whose output ended but whose exit never comes (a connection gone without closing its channel)', async () => {
    const { remote, dest } = fixture(2);
    const never = replacingStream(local, (command) => (!isTar(command) ? undefined
      : Promise.resolve(ok({ stdout: Readable.from([]), done: new Promise<never>(() => undefined), abort: () => undefined }))));
    const fetched = await fetchRunDirectory(never, remote, dest, { idleMs: 200 });
    expect(!fetched.ok && fetched.error.message).toMatch(/^tar on .* sent its output but did not end within 0\.2 s; stopped$/);
  });
});

/** Passes the first `limit` bytes of `source`, then fails the stream as a reset connection would. */
function cutAfter(source: NodeJS.ReadableStream, limit: number, onCut: () => void) {
  let passed = 0;
  const out = new PassThrough();
  source.on('data', (chunk: Buffer) => {
    if (passed >= limit) return;
    const room = limit - passed;
    passed += chunk.length;
    out.write(chunk.subarray(0, room));
    if (passed >= limit) {
      onCut();
      (source as unknown as { destroy(): void }).destroy();
      out.end(); // the rest never comes: the archive ends mid-member
    }
  });
  source.on('end', () => out.end());
  return out;
}

describe('without tar or sha256sum on the remote', () => {
  /** A PATH with only these tools (the shell's builtins still work). */
  function pathWith(tools: readonly string[]): NodeJS.ProcessEnv {
    const bin = path.join(scratch, `bin-${++cases}`);
    mkdirSync(bin);
    for (const tool of ['sh', ...tools]) symlinkSync(spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim(), path.join(bin, tool));
    return { PATH: bin };
  }

  it('falls back to file-by-file copies, still checked against the remote hashes, when tar is missing', async () => {
    const { remote, dest } = fixture(2);
    const fetched = await fetchRunDirectory(new LocalTransport(pathWith(['find', 'xargs', 'sha256sum'])), remote, dest);
    expect(fetched).toEqual({ ok: true, value: { files: 10, bytes: expect.any(Number), skipped: 0, method: 'per-file' } });
    expect(JSON.parse(readFileSync(path.join(dest, '.mfgw-fetch.json'), 'utf8'))).toMatchObject({ hashed: true, method: 'per-file' });
  });

  it('falls back to the transport\'s own listing (sizes only) when the remote cannot hash, with the same refusals', async () => {
    const { remote, dest, unchanged } = fixture(2);
    const noHash = new LocalTransport(pathWith(['find', 'xargs', 'tar']));
    const fetched = await fetchRunDirectory(noHash, remote, dest);
    expect(fetched.ok && fetched.value.method).toBe('per-file');
    expect(JSON.parse(readFileSync(path.join(dest, '.mfgw-fetch.json'), 'utf8'))).toMatchObject({ hashed: false });
    linkAt(remote, 'fields.zarr/u/0.0', '/etc/passwd');
    rmSync(dest, { recursive: true });
    const refused = await fetchRunDirectory(noHash, remote, dest);
    expect(!refused.ok && refused.error.message).toMatch(/"fields\.zarr\/u\/0\.0".*symbolic link/);
    unchanged();
  });
});

describe('hostile listings', () => {
  const entry = (filename: string, kind: 'file' | 'dir' | 'link' = 'file'): SftpDirEntry => ({
    filename, attrs: { size: 5, isDirectory: () => kind === 'dir', isFile: () => kind === 'file', isSymbolicLink: () => kind === 'link' },
  });
  const server = (listing: Record<string, SftpDirEntry[]>) => ({
    readdir: (dir: string, callback: (error: Error | undefined, list: SftpDirEntry[]) => void) => callback(undefined, listing[dir] ?? []),
  });

  it.each([
    ['../../../../elsewhere/x'], ['/etc/cron.d/x'], ['a/b'], ['x\n..'], ['..'.concat('\u0000')], ['C:\\x'],
  ])('an SFTP server listing %j is refused before anything below it is listed or written', async (name) => {
    const listed = await sftpListFiles(server({ '/r': [entry('run.json'), entry(name, 'dir')] }), '/r');
    expect(!listed.ok && listed.error.message).toMatch(/^refused the name .* that the SFTP server listed in \/r\/: .*nothing was written$/);
  });

  it('an SFTP server listing a link is listed as a link, and a fetch over it is refused', async () => {
    const listed = await sftpListFiles(server({ '/r': [entry('run.json'), entry('fields.zarr', 'link')] }), '/r');
    expect(listed.ok && listed.value.map((e) => e.type)).toEqual(['file', 'link']);
    const { dest, unchanged } = fixture(1);
    const sftpOnly: RemoteTransport = {
      ...replacingStream(local, () => Promise.resolve(ok(fakeExec(Readable.from([]), 67)))),
      listFiles: () => Promise.resolve(listed.ok ? ok(listed.value) : err(listed.error)),
    };
    const fetched = await fetchRunDirectory(sftpOnly, '/r', dest);
    expect(!fetched.ok && fetched.error.message).toMatch(/refused the entry "fields\.zarr" listed by \/r on the cluster: it is a symbolic link/);
    unchanged();
  });

  it('a NUL-separated listing keeps a newline inside its name, where a line-split one made two entries', () => {
    const parsed = parseFindRecords(Buffer.from('d 4096 x\n..\0d 4096 x\n../victim-run\0f 7 x\n../victim-run/run.json\0'), 'test');
    expect(parsed.ok && parsed.value.entries.map((e) => e.path)).toEqual(['x\n..', 'x\n../victim-run', 'x\n../victim-run/run.json']);
  });
});

// Hostile and damaged files fed to mfg-solve (issue 12): crafted .npy and PGM obstacle files, FIFOs,
// devices and directories in place of files, huge and truncated files, invalid UTF-8, tampered
// checkpoints, links planted in a run directory. Every case must end with exit 2 (bad input) and a
// message naming the file and what was wrong: never a signal, a hang, exit 1, or a run that goes on
// with what the file pretended. Runs the real executable.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const solver = join(root, 'build', 'native', 'mfg-solve');
// A hang is a failure of its own: every call here returns in well under a second when correct.
const HANG_MS = 60_000;

const scratch = () => mkdtempSync(join(tmpdir(), 'mfg-hostile-'));

interface Outcome { code: number | null; signal: string | null; timedOut: boolean; text: string }

function solve(args: string[], input?: string | Buffer): Outcome {
  const r = spawnSync(solver, args, { input, timeout: HANG_MS, encoding: 'utf8' });
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  return { code: r.status, signal: r.signal, timedOut, text: `${r.stderr}\n${r.stdout}` };
}

function expectRefused(r: Outcome, message: RegExp): void {
  expect(r.timedOut, 'mfg-solve hung').toBe(false);
  expect(r.signal, r.text).toBeNull();
  expect(r.code, r.text).toBe(2);
  expect(r.text).toMatch(message);
}

const mkfifo = (path: string) => expect(spawnSync('mkfifo', [path]).status).toBe(0);

// A small 2D problem whose obstacle comes from a file (shape (16, 20): y then x).
function obstacleSpec(dir: string, file: string): string {
  const spec = {
    version: 1, model: 'mfg',
    domain: {
      lower: [0, 0], upper: [1, 1], points: [20, 16],
      boundary: [{ lower: 'wall', upper: 'exit' }, { lower: 'wall', upper: 'wall' }],
      obstacle_file: file,
    },
    time: { horizon: 0.5, steps: 8 },
    physics: {
      viscosity: 0.05, coupling: { kind: 'congestion', strength: 0.5, exponent: 1 },
      exit_cost: '0', terminal_cost: '2*(1-x)', initial_density: 'exp(-30*((x-0.3)^2+(y-0.5)^2))',
    },
    solver: { method: 'newton', tolerance: 1e-6 },
  };
  const path = join(dir, 'spec.json');
  writeFileSync(path, JSON.stringify(spec));
  return path;
}

/** A .npy file: magic, version, a header of `headerLength` (as written in the file), then data. */
function npy(header: string, data: Buffer, options: { version?: number; declaredLength?: number } = {}): Buffer {
  const version = options.version ?? 1;
  const lengthBytes = version === 1 ? 2 : 4;
  const length = Buffer.alloc(lengthBytes);
  const declared = options.declaredLength ?? header.length;
  if (lengthBytes === 2) length.writeUInt16LE(declared & 0xffff);
  else length.writeUInt32LE(declared >>> 0);
  return Buffer.concat([Buffer.from('\x93NUMPY', 'latin1'), Buffer.from([version, 0]), length, Buffer.from(header, 'latin1'), data]);
}

const goodHeader = "{'descr': '|u1', 'fortran_order': False, 'shape': (16, 20), }".padEnd(117) + '\n';

function solveWithObstacle(name: string, bytes: Buffer | null): Outcome {
  const dir = scratch();
  const file = join(dir, name);
  if (bytes) writeFileSync(file, bytes);
  return solve([obstacleSpec(dir, file), '--out', join(dir, 'run'), '--quiet']);
}

describe('mfg-solve refuses hostile obstacle files with exit 2', () => {
  it('solves with a well-formed .npy obstacle (the baseline the crafted files are cut from)', () => {
    const r = solveWithObstacle('ok.npy', npy(goodHeader, Buffer.alloc(320)));
    expect(r.code, r.text).toBe(0);
  });

  it.each([
    ['a header length larger than the file', npy(goodHeader, Buffer.alloc(320), { declaredLength: 0xffff }), /header says it is 65535 bytes/],
    ['a version-2 header length near 2^32', npy(goodHeader, Buffer.alloc(320), { version: 2, declaredLength: 0xfffffff0 }), /header says/],
    ['an unknown format version', npy(goodHeader, Buffer.alloc(320), { version: 9 }), /format version 1, 2 or 3, found version 9/],
    ['only the magic', Buffer.from('\x93NUMPY\x01', 'latin1'), /expected a NumPy \.npy file/],
    ['a truncated data block', npy(goodHeader, Buffer.alloc(100)), /truncated \(100 bytes of data, expected 320\)/],
    ['a shape that overflows 64 bits', npy(goodHeader.replace('(16, 20)', '(99999999999999999999999, 20)'), Buffer.alloc(320)), /expected an array of shape \(16, 20\)/],
    ['an unknown dtype', npy(goodHeader.replace('|u1', '<c16'), Buffer.alloc(320)), /found dtype '<c16'/],
    ['Fortran order', npy(goodHeader.replace('False', 'True'), Buffer.alloc(320)), /fortran_order/],
  ])('.npy with %s', (_, bytes, message) => {
    expectRefused(solveWithObstacle('mask.npy', bytes), message);
  });

  it.each([
    ['dimensions far larger than the file', Buffer.from('P5 100000 100000 255\n\x00\x00'), /more than the \d+-byte file holds/],
    ['a truncated 16-bit image', Buffer.concat([Buffer.from('P5 20 16 65535\n'), Buffer.alloc(100)]), /more than the \d+-byte file holds|truncated/],
    ['an invalid header', Buffer.from('P7 garbage'), /expected a PGM image/],
    ['a plain image cut short', Buffer.from('P2 20 16 255\n0 0 0\n'), /truncated|more than/],
  ])('.pgm with %s', (_, bytes, message) => {
    expectRefused(solveWithObstacle('mask.pgm', bytes), message);
  });

  it('reads 16-bit PGM samples big-endian, high byte first', () => {
    // Left half 0x00FF (dark: below half of maxval 65535, so solid), right half 0xFF00 (light: free).
    const pixels = Buffer.alloc(20 * 16 * 2);
    for (let row = 0; row < 16; row++)
      for (let col = 0; col < 20; col++) pixels.writeUInt16BE(col < 10 ? 0x00ff : 0xff00, (row * 20 + col) * 2);
    const dir = scratch();
    const file = join(dir, 'mask.pgm');
    writeFileSync(file, Buffer.concat([Buffer.from('P5 20 16 65535\n'), pixels]));
    const r = solve([obstacleSpec(dir, file), '--check']);
    expect(r.code, r.text).toBe(0);
    const run = solve([obstacleSpec(dir, file), '--out', join(dir, 'run'), '--quiet']);
    expect(run.code, run.text).toBe(0);
    const solid = readFileSync(join(dir, 'run', 'fields.zarr', 'solid', '0.0'));
    expect([...solid.subarray(0, 20)]).toEqual([...Array(10).fill(1), ...Array(10).fill(0)]);
  });

  it('a directory, /dev/zero, a FIFO and a missing file as the obstacle file', () => {
    const dir = scratch();
    expectRefused(solve([obstacleSpec(dir, dir + '/sub.npy'), '--out', join(dir, 'r1')]), /no such file/);
    const sub = join(dir, 'd.npy');
    spawnSync('mkdir', [sub]);
    expectRefused(solve([obstacleSpec(dir, sub), '--out', join(dir, 'r2')]), /found a directory/);
    const fifo = join(dir, 'f.npy');
    mkfifo(fifo);
    expectRefused(solve([obstacleSpec(dir, fifo), '--out', join(dir, 'r3')]), /found a FIFO/);
    const zero = join(dir, 'zero.npy');
    symlinkSync('/dev/zero', zero);
    expectRefused(solve([obstacleSpec(dir, zero), '--out', join(dir, 'r4')]), /found a character device/);
  });
});

describe('mfg-solve refuses hostile spec files with exit 2', () => {
  it('a FIFO, a directory and a huge file as the spec; invalid UTF-8 in it', () => {
    const dir = scratch();
    const fifo = join(dir, 'spec.json');
    mkfifo(fifo);
    expectRefused(solve([fifo, '--out', join(dir, 'r')]), /spec file to be a regular file, found a FIFO/);
    expectRefused(solve([dir, '--out', join(dir, 'r')]), /found a directory/);
    const huge = join(dir, 'huge.json');
    writeFileSync(huge, Buffer.alloc(17 << 20, 0x20));
    expectRefused(solve([huge, '--out', join(dir, 'r')]), /more than the 16\.0 MiB it can need/);
    const bad = join(dir, 'utf8.json');
    writeFileSync(bad, Buffer.concat([Buffer.from('{"version": 1, "name": "'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]));
    const r = solve([bad, '--out', join(dir, 'r')]);
    expectRefused(r, /./);
    expect(r.text).not.toMatch(/internal error/);
  });

  it('more than 16 MiB on standard input', () => {
    expectRefused(solve(['-', '--check'], Buffer.alloc(17 << 20, 0x20)), /standard input: the spec file is more than/);
  });
});

// A real checkpoint to tamper with: Newton capped at a few iterations leaves its last checkpoint.
function checkpointedRun(): string {
  const dir = scratch();
  const spec = {
    version: 1, model: 'mfg',
    domain: { lower: [0], upper: [1], points: [60], boundary: [{ lower: 'wall', upper: 'wall' }] },
    time: { horizon: 1, steps: 30 },
    physics: {
      viscosity: 0.05, coupling: { kind: 'congestion', strength: 0.5, exponent: 1 },
      terminal_cost: '0.5*(x-0.7)^2', initial_density: 'exp(-50*(x-0.3)^2)',
    },
    solver: { method: 'newton', tolerance: 1e-12, max_iterations: 8, checkpoint: { every_iterations: 1 } },
  };
  writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
  const r = solve([join(dir, 'spec.json'), '--out', join(dir, 'run'), '--quiet', '--threads', '1']);
  expect(r.code, r.text).toBe(3);
  return join(dir, 'run');
}

type CheckpointJson = Record<string, unknown> & { history: Record<string, unknown>[]; state_file: string };

function tamper(edit: (doc: CheckpointJson, run: string) => void): Outcome {
  const run = checkpointedRun();
  const file = join(run, 'checkpoint', 'checkpoint.json');
  const doc = JSON.parse(readFileSync(file, 'utf8')) as CheckpointJson;
  edit(doc, run);
  writeFileSync(file, JSON.stringify(doc));
  return solve(['--resume', run, '--quiet', '--threads', '1']);
}

const fnv1a64 = (bytes: Buffer): string => {
  let h = 0xcbf29ce484222325n;
  for (const b of bytes) h = BigInt.asUintN(64, (h ^ BigInt(b)) * 0x100000001b3n);
  return 'fnv1a64:' + h.toString(16).padStart(16, '0');
};

/** Rewrites the state file with `change` applied to its doubles and a matching checksum. */
function rewriteState(doc: CheckpointJson, run: string, change: (values: Float64Array) => void): void {
  const path = join(run, 'checkpoint', doc.state_file);
  const bytes = readFileSync(path);
  const values = new Float64Array(bytes.buffer.slice(bytes.byteOffset + 24, bytes.byteOffset + bytes.length));
  change(values);
  const out = Buffer.concat([bytes.subarray(0, 24), Buffer.from(values.buffer)]);
  writeFileSync(path, out);
  doc.state_checksum = fnv1a64(out);
}

describe('mfg-solve --resume refuses tampered checkpoints with exit 2', () => {
  let baseline: Outcome;
  beforeAll(() => {
    baseline = solve(['--resume', checkpointedRun(), '--quiet', '--threads', '1']);
  });

  it('resumes an untouched checkpoint (the baseline every tampered case differs from)', () => {
    expect(baseline.code, baseline.text).toBe(3);
  });

  it.each([
    ["Newton's final phase in the first stage", (d: CheckpointJson) => { d.phase = 'newton'; d.stage = 0; }, /position .* is impossible/],
    ['a continuation stage past the last', (d: CheckpointJson) => { d.stage = 40; }, /expected a continuation stage from 0 to/],
    ['stage 99', (d: CheckpointJson) => { d.stage = 99; }, /is impossible/],
    ['stage -1', (d: CheckpointJson) => { d.stage = -1; }, /is impossible/],
    ['a sweep past the warm-up', (d: CheckpointJson) => { d.phase = 'warmup'; d.stage = 0; d.sweep = 50; }, /is impossible|phase/],
    ['a phase of another method', (d: CheckpointJson) => { d.phase = 'picard'; }, /method newton does not have/],
    ['an unknown phase', (d: CheckpointJson) => { d.phase = 'sideways'; }, /'phase' to be one of/],
    ['a stage given as a string', (d: CheckpointJson) => { d.stage = '0'; }, /'stage' to be an integer, found "0"/],
    ['a missing sweep', (d: CheckpointJson) => { delete d.sweep; }, /'sweep' to be an integer, found none/],
    ['a history longer than max_iterations', (d: CheckpointJson) => {
      d.history = Array.from({ length: 10401 }, (_, i) => ({ ...d.history[0], iteration: i + 1 }));
    }, /10401 iterations, more than solver\.max_iterations/],
    ['a history out of order', (d: CheckpointJson) => { d.history[0]!.iteration = 7; }, /out of order/],
    ['a state file outside the checkpoint folder', (d: CheckpointJson) => { d.state_file = '../run.json'; }, /'state_file' to be a file name of the form/],
    ['a flipped byte in the state', (d: CheckpointJson, run: string) => {
      const path = join(run, 'checkpoint', d.state_file);
      const bytes = readFileSync(path);
      bytes[100] = bytes[100]! ^ 0x10;
      writeFileSync(path, bytes);
    }, /does not match its checksum/],
    ['a NaN in u, checksum recomputed', (d: CheckpointJson, run: string) => rewriteState(d, run, (v) => { v[5] = NaN; }), /value 5 is u = nan/],
    ['a negative density, checksum recomputed', (d: CheckpointJson, run: string) =>
      rewriteState(d, run, (v) => { v[v.length - 3] = -1; }), /expected finite values and m >= 0/],
    ['a truncated state', (d: CheckpointJson, run: string) => {
      const path = join(run, 'checkpoint', d.state_file);
      writeFileSync(path, readFileSync(path).subarray(0, 500));
    }, /checksum|truncated/],
    ['the state file replaced by a FIFO', (d: CheckpointJson, run: string) => {
      const path = join(run, 'checkpoint', d.state_file);
      unlinkSync(path);
      mkfifo(path);
    }, /found a FIFO/],
    ['the state file a link to another file', (d: CheckpointJson, run: string) => {
      const path = join(run, 'checkpoint', d.state_file);
      unlinkSync(path);
      symlinkSync('/etc/passwd', path);
    }, /symbolic link/],
  ])('%s', (_, edit, message) => {
    expectRefused(tamper(edit), message);
  });

  it("an edit to run.json's spec after the checkpoint was written", () => {
    const run = checkpointedRun();
    const manifest = JSON.parse(readFileSync(join(run, 'run.json'), 'utf8')) as { spec: { physics: Record<string, unknown> } };
    manifest.spec.physics.terminal_cost = '0.5*(x-0.2)^2';
    writeFileSync(join(run, 'run.json'), JSON.stringify(manifest));
    expectRefused(solve(['--resume', run, '--quiet']), /not the one the checkpoint was written for/);
  });

  it('a checkpoint.json that is a link, or a FIFO', () => {
    const run = checkpointedRun();
    const file = join(run, 'checkpoint', 'checkpoint.json');
    const copy = join(run, 'elsewhere.json');
    writeFileSync(copy, readFileSync(file));
    unlinkSync(file);
    symlinkSync(copy, file);
    expectRefused(solve(['--resume', run, '--quiet']), /symbolic link/);
    unlinkSync(file);
    mkfifo(file);
    expectRefused(solve(['--resume', run, '--quiet']), /found a FIFO/);
  });

  it('--resume of a converged run says there is nothing to resume and changes nothing (exit 0: the answer is there)', () => {
    const dir = scratch();
    const spec = join(root, 'assets', 'presets', 'seed-002-congestion.json');
    expect(solve([spec, '--out', join(dir, 'run'), '--quiet']).code).toBe(0);
    const before = readFileSync(join(dir, 'run', 'run.json'), 'utf8');
    const r = solve(['--resume', join(dir, 'run'), '--quiet']);
    expect(r.code, r.text).toBe(0);
    expect(r.text).toMatch(/converged already and has no checkpoint: nothing to resume/);
    expect(readFileSync(join(dir, 'run', 'run.json'), 'utf8')).toBe(before);
  });
});

describe('mfg-solve writes no file through a link planted in a run directory', () => {
  it('--force over a run directory whose log and chunks are links leaves the link targets untouched', () => {
    const dir = scratch();
    const spec = join(root, 'assets', 'presets', 'seed-002-congestion.json');
    const run = join(dir, 'run');
    expect(solve([spec, '--out', run, '--quiet']).code).toBe(0);
    const victim = join(dir, 'private.txt');
    writeFileSync(victim, 'secret\n');
    unlinkSync(join(run, 'log.txt'));
    symlinkSync(victim, join(run, 'log.txt'));
    expect(solve(['--resume', run, '--quiet']).code).toBe(0);  // converged: nothing to resume, nothing written
    expect(readFileSync(victim, 'utf8')).toBe('secret\n');
    const chunk = readdirSync(join(run, 'fields.zarr', 'm')).find((f) => /^\d/.test(f))!;
    unlinkSync(join(run, 'fields.zarr', 'm', chunk));
    symlinkSync(victim, join(run, 'fields.zarr', 'm', chunk));
    symlinkSync(victim, join(run, 'run.json.tmp'));
    expect(solve([spec, '--out', run, '--force', '--quiet']).code).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('secret\n');
    expect(createHash('sha256').update(readFileSync(join(run, 'log.txt'))).digest('hex')).not.toBe(
      createHash('sha256').update('secret\n').digest('hex'));
  });
});

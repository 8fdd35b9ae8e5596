// The host's request handling with the real addon, in process: every request gets one answer,
// malformed ones included, and the addon's refusals come back as values.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadNativeSolver } from '../../native/lib/index.js';
import { removeDir, seedSpec, tempDir } from '../testing/fixtures.js';
import { HostEngine } from './host-engine.js';
import type { HostMessage } from './protocol.js';

let scratch: string;
beforeAll(() => {
  scratch = tempDir('engine');
});
afterAll(() => removeDir(scratch));

function engine(): { engine: HostEngine; sent: HostMessage[]; reports: string[]; answer: (id: number) => Promise<HostMessage> } {
  const sent: HostMessage[] = [];
  const reports: string[] = [];
  const waiters = new Map<number, (message: HostMessage) => void>();
  const instance = new HostEngine({
    solver: loadNativeSolver(),
    maxSolutions: 2,
    report: (problem) => reports.push(problem),
    send: (message) => {
      sent.push(message);
      if (message.kind === 'result') waiters.get(message.id)?.(message);
    },
  });
  const answer = (id: number): Promise<HostMessage> => {
    const found = sent.find((message) => message.kind === 'result' && message.id === id);
    return found !== undefined ? Promise.resolve(found) : new Promise((resolve) => waiters.set(id, resolve));
  };
  return { engine: instance, sent, reports, answer };
}

describe('HostEngine', () => {
  it('answers a malformed request that carries an id, and reports one that does not', async () => {
    const { engine: host, reports, answer } = engine();
    host.handle({ kind: 'solve', id: 7, specJson: 42 });
    const answered = await answer(7);
    expect(answered.kind === 'result' && !answered.result.ok && answered.result.error.code).toBe('bad_input');
    host.handle('not a request');
    host.handle({ kind: 'launch-missiles' });
    expect(reports).toHaveLength(2);
    expect(reports[0]).toMatch(/refused a malformed request/);
  });

  it('passes the addon\'s refusal of an invalid spec back as bad_input with issues', async () => {
    const { engine: host, answer } = engine();
    const spec = { ...seedSpec(), physics: { ...seedSpec().physics, terminal_cost: 'sinn(x)' } };
    host.handle({ kind: 'solve', id: 1, solutionId: 's1', specJson: JSON.stringify(spec) });
    const answered = await answer(1);
    if (answered.kind !== 'result' || answered.result.ok) throw new Error('expected a refusal');
    expect(answered.result.error.code).toBe('bad_input');
    expect(JSON.stringify(answered.result.error)).toMatch(/sinn/);
  });

  it('solves, reads, refuses to overwrite a run directory, and releases', async () => {
    const { engine: host, sent, answer } = engine();
    host.handle({ kind: 'solve', id: 1, solutionId: 's1', specJson: JSON.stringify(seedSpec()) });
    const solved = await answer(1);
    expect(solved.kind === 'result' && solved.result.ok).toBe(true);
    expect(sent.filter((message) => message.kind === 'progress').length).toBeGreaterThan(1);
    host.handle({ kind: 'read', id: 2, solutionId: 's1', field: 'm', levels: [0, 1] });
    const read = await answer(2);
    expect(read.kind === 'result' && read.result.ok && (read.result.value as { shape: number[] }).shape).toEqual([1, 100]);
    host.handle({ kind: 'read', id: 3, solutionId: 'nope', field: 'm' });
    const missing = await answer(3);
    expect(missing.kind === 'result' && !missing.result.ok && missing.result.error.code).toBe('not_found');
    const occupied = path.join(scratch, 'occupied');
    mkdirSync(occupied);
    writeFileSync(path.join(occupied, 'notes.txt'), 'mine');
    host.handle({ kind: 'save', id: 4, solutionId: 's1', directory: occupied, solverName: 'test' });
    const refused = await answer(4);
    expect(refused.kind === 'result' && refused.result.ok).toBe(false);
    host.handle({ kind: 'release', id: 5, solutionId: 's1' });
    expect(await answer(5)).toEqual({ kind: 'result', id: 5, result: { ok: true, value: { released: true } } });
  });
  it('gives a non-square 2D solution the zarr order [t, y, x], x fastest, as a saved run has', async () => {
    const { engine: host, answer } = engine();
    const seed = seedSpec();
    // m0 depends on x only: in [t, y, x] order, every row of level 0 is the same.
    const spec = {
      ...seed,
      domain: { lower: [0, 0], upper: [1.5, 1], points: [6, 4], boundary: [{ lower: 'wall', upper: 'wall' }, { lower: 'wall', upper: 'wall' }], obstacle: '0' },
      time: { ...seed.time, steps: 4 },
      physics: { ...seed.physics, initial_density: '1 + x', potential: '0', terminal_cost: '0' },
    };
    host.handle({ kind: 'solve', id: 1, solutionId: 's2d', specJson: JSON.stringify(spec) });
    const solved = await answer(1);
    expect(solved.kind === 'result' && solved.result.ok).toBe(true);
    host.handle({ kind: 'read', id: 2, solutionId: 's2d', field: 'm', levels: [0, 1] });
    const read = await answer(2);
    if (read.kind !== 'result' || !read.result.ok) throw new Error('expected the first level');
    const { shape, values } = read.result.value as { shape: number[]; values: Float64Array };
    expect(shape).toEqual([1, 4, 6]);
    const rows = [0, 1, 2, 3].map((j) => Array.from(values.slice(j * 6, j * 6 + 6)));
    for (const row of rows) expect(row).toEqual(rows[0]);
    expect((rows[0]?.[5] ?? 0) > (rows[0]?.[0] ?? 0)).toBe(true);
  });
});

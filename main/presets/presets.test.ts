import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetsDirectory } from '../paths.js';
import { removeDir, SEED_PRESET, tempDir } from '../testing/fixtures.js';
import { loadPresets } from './presets.js';

let scratch: string;
beforeAll(() => {
  scratch = tempDir('presets');
});
afterAll(() => removeDir(scratch));

describe('presets', () => {
  it('loads every preset of assets/presets with its spec filled in', async () => {
    const { presets, problems } = await loadPresets(presetsDirectory());
    expect(problems).toEqual([]);
    expect(presets.map((preset) => preset.id)).toEqual(['corner-target-3d', 'log-coupling-ring', 'potential-landscape-2d', 'room-two-doors', 'seed-002-congestion', 'two-targets-split']);
    const seed = presets.find((preset) => preset.id === 'seed-002-congestion');
    expect(seed?.name).toMatch(/Seed 002/);
    expect(seed?.spec.solver.max_iterations).toBe(100); // a default the file leaves out
  });

  it('leaves out a preset that does not validate, saying why, and keeps the others', async () => {
    copyFileSync(SEED_PRESET, path.join(scratch, 'good.json'));
    writeFileSync(path.join(scratch, 'bad.json'), JSON.stringify({ domain: { lower: [0], upper: [1], points: [100] }, physics: { viscosity: -1 } }));
    writeFileSync(path.join(scratch, 'broken.json'), '{');
    writeFileSync(path.join(scratch, 'notes.txt'), 'not a preset');
    const { presets, problems } = await loadPresets(scratch);
    expect(presets.map((preset) => preset.id)).toEqual(['good']);
    expect(problems).toHaveLength(2);
    expect(problems.find((p) => p.includes('bad.json'))).toMatch(/physics\.viscosity/);
    expect(problems.find((p) => p.includes('broken.json'))).toMatch(/left out/);
  });

  it('reports a missing folder instead of throwing', async () => {
    const { presets, problems } = await loadPresets(path.join(scratch, 'missing'));
    expect(presets).toEqual([]);
    expect(problems[0]).toMatch(/could not read the presets folder/);
  });
});

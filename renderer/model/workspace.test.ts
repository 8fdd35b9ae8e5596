import { describe, expect, it } from 'vitest';
import { defaultSpec, WORKSPACE_FORMAT } from '../../app/contract/index.js';
import { initialDisplaySlice } from '../state/display-slice.js';
import { fromWorkspace, mergeChecked, toWorkspace } from './workspace.js';

const defaults = { map: initialDisplaySlice().mapDisplay, volume: initialDisplaySlice().volumeDisplay };

describe('workspace documents', () => {
  it('round-trip the spec, the preset, the display and the tab', () => {
    const spec = { ...defaultSpec(), name: 'mine' };
    const map = { ...defaults.map, field: 'u' as const, contours: 3, color: { ...defaults.map.color, limits: 'manual' as const, manual: [0, 2] as const } };
    const document = toWorkspace({ spec, presetId: 'p', map, volume: defaults.volume, sidebarTab: 'runs' }, new Date(0));
    expect(document).toMatchObject({ format: WORKSPACE_FORMAT, version: 1, saved: '1970-01-01T00:00:00.000Z' });
    const restored = fromWorkspace(JSON.parse(JSON.stringify(document)), defaults);
    expect(restored).toEqual({ ok: true, value: { spec, presetId: 'p', map, volume: defaults.volume, sidebarTab: 'runs' } });
  });

  it('refuses a spec that does not validate, with its issues', () => {
    const document = toWorkspace({ spec: { ...defaultSpec(), physics: { ...defaultSpec().physics, viscosity: -1 } }, presetId: null, map: defaults.map, volume: defaults.volume, sidebarTab: 'model' });
    const restored = fromWorkspace(document, defaults);
    expect(restored.ok).toBe(false);
    if (!restored.ok) expect(restored.issues[0]?.path).toBe('physics.viscosity');
  });

  it('keeps what is valid of hand-edited or foreign display options and takes the defaults for the rest', () => {
    const merged = mergeChecked(defaults.volume, {
      field: 'u', mode: 'hologram', steps: 'many', isoLevel: 0.3, extra: 1,
      color: { colormap: 'magma', limits: 'sideways', manual: [3, 1] },
      transfer: { colormap: 'viridis', reversed: true, opacity: [{ s: 0, a: 0 }, { s: 1, a: 'x' }] },
      plane: { axis: 'y', position: 0.25 }, textureLimit: [1, 2],
    });
    expect(merged).toEqual({
      ...defaults.volume, field: 'u', isoLevel: 0.3, color: { ...defaults.volume.color, colormap: 'magma' },
      transfer: { ...defaults.volume.transfer, reversed: true }, plane: { axis: 'y', position: 0.25 },
    });
    expect(mergeChecked(defaults.map, 'garbage')).toBe(defaults.map);
  });
});

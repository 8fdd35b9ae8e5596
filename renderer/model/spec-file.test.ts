import { describe, expect, it } from 'vitest';
import { defaultSpec, WORKSPACE_FORMAT } from '../../app/contract/index.js';
import { fileNameFor, readOpenedFile, specFileText } from './spec-file.js';

describe('opening spec and session files', () => {
  it('reads back a saved spec, also with the $schema key editors add', () => {
    const spec = { ...defaultSpec(), name: 'mine' };
    expect(readOpenedFile('a.json', specFileText(spec))).toEqual({ kind: 'spec', spec });
    expect(readOpenedFile('a.json', JSON.stringify({ $schema: './spec.schema.json', ...spec }))).toEqual({ kind: 'spec', spec });
  });

  it('recognises a session by its format', () => {
    const session = { format: WORKSPACE_FORMAT, version: 1, saved: 'now', spec: defaultSpec(), presetId: null, display: { map: {}, volume: {} }, sidebarTab: 'model' };
    expect(readOpenedFile('s.json', JSON.stringify(session))).toMatchObject({ kind: 'session', workspace: { presetId: null } });
    expect(readOpenedFile('s.json', JSON.stringify({ ...session, version: 7 }))).toMatchObject({ kind: 'error', message: expect.stringMatching(/session of another version/) });
  });

  it('says what is wrong with anything else', () => {
    expect(readOpenedFile('x.json', '{oops')).toMatchObject({ kind: 'error', message: expect.stringMatching(/^x\.json is not JSON/) });
    expect(readOpenedFile('x.json', '[1]')).toMatchObject({ kind: 'error', message: expect.stringMatching(/no JSON object/) });
    const bad = { ...defaultSpec(), physics: { ...defaultSpec().physics, viscosity: -1 } };
    expect(readOpenedFile('x.json', JSON.stringify(bad))).toMatchObject({ kind: 'error', message: expect.stringMatching(/not a valid spec: physics\.viscosity/) });
  });

  it('names files after the problem', () => {
    expect(fileNameFor('Room with a pillar (2D)', '.spec.json')).toBe('Room-with-a-pillar-2D.spec.json');
    expect(fileNameFor('  ', '.json')).toBe('untitled.json');
  });
});

import { describe, expect, it } from 'vitest';
import { appMayHandle, describeBinding, matches, parseBinding } from './keymap.js';

const key = (k: string, mods: Partial<{ ctrl: boolean; meta: boolean; shift: boolean; alt: boolean }> = {}) => ({
  key: k, ctrlKey: mods.ctrl ?? false, metaKey: mods.meta ?? false, shiftKey: mods.shift ?? false, altKey: mods.alt ?? false,
});

describe('key bindings', () => {
  it('match with Ctrl or Cmd as Mod, and exact modifiers', () => {
    const undo = parseBinding('Mod+Z');
    const redo = parseBinding('Shift+Mod+Z');
    expect(matches(undo, key('z', { ctrl: true }))).toBe(true);
    expect(matches(undo, key('z', { meta: true }))).toBe(true);
    expect(matches(undo, key('Z', { ctrl: true, shift: true }))).toBe(false);
    expect(matches(redo, key('Z', { ctrl: true, shift: true }))).toBe(true);
    expect(matches(undo, key('z'))).toBe(false);
    expect(matches(parseBinding('Space'), key(' '))).toBe(true);
    expect(matches(parseBinding('ArrowLeft'), key('ArrowLeft'))).toBe(true);
    expect(matches(parseBinding('ArrowLeft'), key('ArrowLeft', { shift: true }))).toBe(false);
  });

  it('refuse malformed bindings', () => {
    expect(() => parseBinding('Hyper+Z')).toThrow(/unknown modifier 'Hyper'/);
    expect(() => parseBinding('Mod+')).toThrow(/names no key/);
  });

  it('leave text fields their keys, sliders their arrows and buttons their Space', () => {
    const space = parseBinding('Space');
    const left = parseBinding('ArrowLeft');
    const undo = parseBinding('Mod+Z');
    expect(appMayHandle(space, 'text', false)).toBe(false);
    expect(appMayHandle(undo, 'text', false)).toBe(false);
    expect(appMayHandle(parseBinding('Mod+S'), 'text', true)).toBe(true);
    expect(appMayHandle(left, 'range', false)).toBe(false);
    expect(appMayHandle(space, 'range', false)).toBe(true);
    expect(appMayHandle(undo, 'range', false)).toBe(true);
    expect(appMayHandle(space, 'button', false)).toBe(false);
    expect(appMayHandle(left, 'button', false)).toBe(true);
    expect(appMayHandle(left, 'other', false)).toBe(true);
  });

  it('describe bindings for tooltips', () => {
    expect(describeBinding('Shift+Mod+Z', false)).toBe('Ctrl+Shift+Z');
    expect(describeBinding('Shift+Mod+Z', true)).toBe('⌘⇧Z');
    expect(describeBinding('Space', false)).toBe('Space');
  });
});

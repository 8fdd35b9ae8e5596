// Key bindings as data ("Mod+Z", "Shift+Mod+Z", "Space", "ArrowLeft"): parsed once, matched against
// keyboard events, and filtered by where the focus is, so that typing in a formula never moves the
// time cursor and the arrows of a focused slider move that slider.

export interface KeyInput {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

export interface Binding {
  readonly key: string;
  /** Ctrl on Linux and Windows, Cmd on macOS; either is accepted everywhere. */
  readonly mod: boolean;
  readonly shift: boolean;
  readonly alt: boolean;
}

/** Where the keyboard focus is, as far as key handling cares. */
export type FocusKind = 'text' | 'range' | 'button' | 'other';

const KEY_NAMES: Readonly<Record<string, string>> = { Space: ' ', Esc: 'Escape' };

export function parseBinding(text: string): Binding {
  const parts = text.split('+');
  const keyName = parts.pop() ?? '';
  const key = KEY_NAMES[keyName] ?? (keyName.length === 1 ? keyName.toLowerCase() : keyName);
  if (key === '') throw new Error(`key binding '${text}' names no key`);
  const modifiers = new Set(parts);
  for (const modifier of modifiers) {
    if (!['Mod', 'Shift', 'Alt'].includes(modifier)) throw new Error(`key binding '${text}': unknown modifier '${modifier}'`);
  }
  return { key, mod: modifiers.has('Mod'), shift: modifiers.has('Shift'), alt: modifiers.has('Alt') };
}

export function matches(binding: Binding, event: KeyInput): boolean {
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  return key === binding.key
    && (event.ctrlKey || event.metaKey) === binding.mod
    && event.shiftKey === binding.shift
    && event.altKey === binding.alt;
}

const RANGE_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);

/**
 * Whether the app may take a key from an element with the focus: text fields keep every key but
 * the bindings marked global (their own Ctrl+Z is text undo); sliders keep their arrows, Home and
 * End; buttons keep Space and Enter.
 */
export function appMayHandle(binding: Binding, focus: FocusKind, global: boolean): boolean {
  switch (focus) {
    case 'text': return global;
    case 'range': return !RANGE_KEYS.has(binding.key) || binding.mod;
    case 'button': return !((binding.key === ' ' || binding.key === 'Enter') && !binding.mod);
    case 'other': return true;
  }
}

/** Human-readable binding for tooltips: "Ctrl+Shift+Z" (or ⌘⇧Z on macOS). */
export function describeBinding(text: string, mac: boolean): string {
  const binding = parseBinding(text);
  const keyLabel = binding.key === ' ' ? 'Space' : binding.key.length === 1 ? binding.key.toUpperCase() : binding.key;
  if (mac) return `${binding.mod ? '⌘' : ''}${binding.shift ? '⇧' : ''}${binding.alt ? '⌥' : ''}${keyLabel}`;
  return [binding.mod ? 'Ctrl' : '', binding.shift ? 'Shift' : '', binding.alt ? 'Alt' : '', keyLabel].filter(Boolean).join('+');
}

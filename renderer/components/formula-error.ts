// Which characters of a formula to mark for an error at `position`: the whole name or number that
// starts there, else the one character; an error at the end of the text marks nothing (the UI
// shows a placeholder there).

export interface Span {
  readonly start: number;
  readonly end: number;
}

export function errorSpan(text: string, position: number): Span {
  const start = Math.max(0, Math.min(position, text.length));
  if (start >= text.length) return { start: text.length, end: text.length };
  const word = /^[A-Za-z_][A-Za-z0-9_]*|^(\d+\.?\d*|\.\d+)([eE][+-]?\d*)?/.exec(text.slice(start));
  return { start, end: start + Math.max(1, word?.[0].length ?? 1) };
}

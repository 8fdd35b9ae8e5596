// How a received value is named in messages ("expected X, received Y"): short, and never a dump
// of a whole object a user pasted by mistake.

const MAX_STRING_PREVIEW = 40;

export function describeReceived(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'number') return Object.is(value, -0) ? '0' : String(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return quoteString(value);
  if (Array.isArray(value)) return `an array of ${value.length} ${value.length === 1 ? 'entry' : 'entries'}`;
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function quoteString(value: string): string {
  const codePoints = [...value];
  if (codePoints.length <= MAX_STRING_PREVIEW) return JSON.stringify(value);
  return `${JSON.stringify(codePoints.slice(0, MAX_STRING_PREVIEW).join(''))}... (${codePoints.length} characters)`;
}

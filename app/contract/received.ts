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

/** The house-style message for a value that breaks a rule: "expected <rule>, received <value>". */
export function expectedMessage(rule: string): (issue: { readonly input?: unknown }) => string {
  return (issue) => `expected ${rule}, received ${describeReceived(issue.input)}`;
}

/** The same, as zod's error customisation parameter: z.string(expecting('a string')). */
export function expecting(rule: string): { error: (issue: { readonly input?: unknown }) => string } {
  return { error: expectedMessage(rule) };
}

/** "'mfg'" or "one of 'wall', 'periodic', 'exit'" */
export function oneOf(values: readonly string[]): string {
  const quoted = values.map((v) => `'${v}'`);
  return quoted.length === 1 ? (quoted[0] as string) : `one of ${quoted.join(', ')}`;
}

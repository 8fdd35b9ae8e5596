// Reading a file the user opens in the Model panel: a spec (docs/spec.md, the JSON that mfg-solve
// reads; a "$schema" key that editors add is ignored) or a saved session (a workspace document).
// Writing: the spec as mfg-solve reads it, and the session as the workspace document. Pure.

import { validateSpec, WORKSPACE_FORMAT, WorkspaceSchema, type MfgSpec, type Workspace } from '../../app/contract/index.js';

export type OpenedFile =
  | { readonly kind: 'spec'; readonly spec: MfgSpec }
  | { readonly kind: 'session'; readonly workspace: Workspace }
  | { readonly kind: 'error'; readonly message: string };

/** Files larger than this are not specs or sessions (those are a few kB). */
export const MAX_OPEN_BYTES = 1 << 20;

export function readOpenedFile(name: string, text: string): OpenedFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { kind: 'error', message: `${name} is not JSON (${error instanceof Error ? error.message : String(error)}): expected a spec or a session file` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { kind: 'error', message: `${name} holds no JSON object: expected a spec (docs/spec.md) or a session file` };
  }
  const record = value as Record<string, unknown>;
  if (record.format === WORKSPACE_FORMAT) {
    const parsed = WorkspaceSchema.safeParse(record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { kind: 'error', message: `${name} is a session of another version or damaged (${issue === undefined ? 'invalid' : `${issue.path.join('.')}: ${issue.message}`})` };
    }
    return { kind: 'session', workspace: parsed.data };
  }
  const { $schema: _schema, ...spec } = record;
  const checked = validateSpec(spec);
  if (!checked.ok) {
    const issue = checked.issues[0];
    const more = checked.issues.length > 1 ? ` (and ${checked.issues.length - 1} more)` : '';
    return { kind: 'error', message: `${name} is not a valid spec: ${issue === undefined ? 'invalid' : `${issue.path || 'spec'}: ${issue.message}`}${more}` };
  }
  return { kind: 'spec', spec: checked.spec };
}

/** The spec as a file: what mfg-solve reads, and what Open reads back. */
export function specFileText(spec: MfgSpec): string {
  return `${JSON.stringify(spec, null, 2)}\n`;
}

/** A file name from the problem's name: letters, digits, '-' and '_' only. */
export function fileNameFor(name: string, suffix: string): string {
  const stem = name.trim().replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'untitled';
  return `${stem}${suffix}`;
}

// The one check every name that comes from outside the app goes through before it becomes a local
// path: a remote listing, a tar member, a file inside a run directory someone else made. A name is
// a relative, '/'-separated path of plain segments; anything that could climb out ("..", an
// absolute path, a drive letter), hide what it is (control characters, including newlines, which
// split line-based listings) or mean something else on another system (a backslash) is refused
// with the name shown escaped, never normalised into something acceptable.

import path from 'node:path';
import { appError, err, ok, type Result } from '../app/contract/index.js';

/** Longest segment and whole name accepted (the limits of common Linux file systems). */
const MAX_SEGMENT_BYTES = 255;
const MAX_NAME_BYTES = 4096;

/** C0 and C1 control characters and DEL: never part of a file name the solver writes. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;

/** The name as JSON would quote it, so a newline or an escape sequence shows instead of acting. */
export function escapedName(name: string): string {
  return JSON.stringify(name);
}

/** Why `name` is not a safe relative path, or undefined when it is. */
export function relativePathProblem(name: string): string | undefined {
  if (name === '') return 'it is empty';
  if (CONTROL.test(name)) return 'it contains a control character (a newline, a tab, an escape...)';
  if (name.includes('\\')) return 'it contains a backslash';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'it is an absolute path';
  if (Buffer.byteLength(name) > MAX_NAME_BYTES) return `it is longer than ${MAX_NAME_BYTES} bytes`;
  for (const segment of name.split('/')) {
    if (segment === '') return 'it has an empty segment ("//" or a trailing "/")';
    if (segment === '.' || segment === '..') return `it has a "${segment}" segment`;
    if (Buffer.byteLength(segment) > MAX_SEGMENT_BYTES) return `a segment is longer than ${MAX_SEGMENT_BYTES} bytes`;
  }
  return undefined;
}

/** The segments of a safe relative name, or a refusal that says where the name came from. */
export function checkRelativePath(name: string, from: string): Result<string[]> {
  const problem = relativePathProblem(name);
  if (problem !== undefined) return err(appError('bad_input', `refused the name ${escapedName(name)} from ${from}: ${problem}; nothing was written`));
  return ok(name.split('/'));
}

/** Whether `candidate` is `root` or below it (both absolute; compared as resolved paths, links not resolved). */
export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(path.resolve(root), path.resolve(candidate));
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

/** `root` joined with a checked relative name; the result is checked to stay below `root`. */
export function safeJoin(root: string, name: string, from: string): Result<string> {
  const segments = checkRelativePath(name, from);
  if (!segments.ok) return segments;
  const joined = path.join(root, ...segments.value);
  if (!isInside(root, joined) || joined === path.resolve(root)) {
    return err(appError('bad_input', `refused the name ${escapedName(name)} from ${from}: it leads outside ${root}`));
  }
  return ok(joined);
}

// zod issues -> SpecIssue: dotted paths, one issue per unknown key (with a suggestion), the formula
// position kept as data, duplicates dropped. The messages themselves come from the schema's error
// customisation (spec-parts.ts); only unknown keys are worded here, because only here is the path
// of the offending key known.

import type { z } from 'zod';
import { knownKeys } from './spec-parts.js';
import { didYouMean } from './suggest.js';

export interface SpecIssue {
  /** Dotted path of the offending value: "physics.viscosity", "domain.points.0"; "" = the whole spec. */
  path: string;
  message: string;
  /** For formula errors: 0-based character position inside the formula. */
  position?: number;
}

type Path = readonly PropertyKey[];

const dotted = (path: Path): string => path.map(String).join('.');
const pattern = (path: Path): string => path.map((p) => (typeof p === 'number' ? '*' : String(p))).join('.');

/** The section's keys; a spec nested in another document (run.json's "spec") is found by suffix. */
function sectionKeysFor(sectionPath: Path): readonly string[] {
  for (let start = 0; start <= sectionPath.length; start++) {
    const known = knownKeys(pattern(sectionPath.slice(start)));
    if (known.length > 0) return known;
  }
  return [];
}

export function unknownKeyMessage(sectionPath: Path, key: string): string {
  const known = sectionKeysFor(sectionPath);
  const where = sectionPath.length === 0 ? 'the spec' : dotted(sectionPath);
  const suggestion = didYouMean(key, known);
  const fallback = suggestion === '' && known.length > 0 ? `; expected one of: ${known.join(', ')}` : '';
  return `unknown key '${key}' in ${where}${suggestion}${fallback}`;
}

export function toSpecIssues(issues: readonly z.core.$ZodIssue[]): SpecIssue[] {
  const result: SpecIssue[] = [];
  const seen = new Set<string>();
  const add = (issue: SpecIssue): void => {
    const id = `${issue.path}\u0000${issue.message}`;
    if (seen.has(id)) return; // one value failing two checks (e.g. too big and not safe) reads once
    seen.add(id);
    result.push(issue);
  };
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) add({ path: dotted([...issue.path, key]), message: unknownKeyMessage(issue.path, key) });
      continue;
    }
    const position = issue.code === 'custom' ? (issue.params as { position?: unknown } | undefined)?.position : undefined;
    add(typeof position === 'number'
      ? { path: dotted(issue.path), message: issue.message, position }
      : { path: dotted(issue.path), message: issue.message });
  }
  return result;
}

/** "physics.viscosity: expected a number >= 0, received -1" (no prefix for the whole spec). */
export function formatSpecIssue(issue: SpecIssue): string {
  return issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
}

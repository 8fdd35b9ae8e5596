// Problems that belong to one field of the model panel: the cross-field issues that keep a spec
// from being solved (validateSpec) and the solver's own refusals (a formula with zero mass on the
// grid, NaN somewhere). The solver names the field at the start of its message
// ("physics.initial_density: has zero mass on the grid; ...") or in details.issues.

import type { AppError, SpecIssue } from '../../app/contract/index.js';

const PATH_PREFIX = /^([a-z_]+(?:\.[a-z_0-9]+)*): (.+)$/s;

function isIssue(value: unknown): value is SpecIssue {
  return typeof value === 'object' && value !== null
    && typeof (value as { path?: unknown }).path === 'string' && typeof (value as { message?: unknown }).message === 'string';
}

export function issuesFromError(error: AppError): SpecIssue[] {
  const listed = (error.details as { issues?: unknown } | undefined)?.issues;
  if (Array.isArray(listed) && listed.every(isIssue) && listed.length > 0) return listed;
  const match = PATH_PREFIX.exec(error.message);
  return match === null ? [] : [{ path: match[1] as string, message: match[2] as string }];
}

/**
 * The issue for a field key (model/spec-path.ts addressKey): the same path, or an axis entry the
 * key is part of ('domain.boundary.0' for 'domain.boundary.0.lower').
 */
export function issueForField(issues: readonly SpecIssue[], key: string): SpecIssue | undefined {
  return issues.find((issue) => issue.path === key
    || (key.startsWith(`${issue.path}.`) && /\.\d+$/.test(issue.path)));
}

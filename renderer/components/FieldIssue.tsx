// The solver's or the validator's problem with one field, under that field.

import { issueForField } from '../model/field-issues.js';
import { currentIssues } from '../state/solve-slice.js';
import { useApp } from './workbench.js';

export function useFieldIssue(key: string): string | undefined {
  return useApp((s) => issueForField(currentIssues(s.solve), key)?.message);
}

export function FieldIssue({ fieldKey }: { readonly fieldKey: string }) {
  const message = useFieldIssue(fieldKey);
  if (message === undefined) return null;
  return <p className="field-error field-issue" role="alert">Cannot solve: {message}</p>;
}

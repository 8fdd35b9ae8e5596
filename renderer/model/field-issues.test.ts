import { describe, expect, it } from 'vitest';
import { issueForField, issuesFromError } from './field-issues.js';

describe('field issues', () => {
  it('reads the field from the start of a solver message', () => {
    expect(issuesFromError({ code: 'bad_input', message: 'physics.initial_density: has zero mass on the grid; expected a density with a positive integral' }))
      .toEqual([{ path: 'physics.initial_density', message: 'has zero mass on the grid; expected a density with a positive integral' }]);
    expect(issuesFromError({ code: 'io', message: 'the connection closed' })).toEqual([]);
  });

  it('prefers the issues listed in the details', () => {
    const issues = [{ path: 'domain.upper.0', message: 'expected a number > 1 (domain.lower.0), received 0.5' }];
    expect(issuesFromError({ code: 'bad_input', message: 'invalid spec', details: { issues } })).toEqual(issues);
    expect(issuesFromError({ code: 'bad_input', message: 'x: y', details: { issues: [{ bogus: 1 }] } })).toEqual([{ path: 'x', message: 'y' }]);
  });

  it('finds the issue of a field, including one on its axis entry', () => {
    const issues = [
      { path: 'domain.boundary.0', message: "expected 'periodic' on both sides" },
      { path: 'physics.potential', message: 'bad', position: 3 },
    ];
    expect(issueForField(issues, 'domain.boundary.0.lower')?.message).toBe("expected 'periodic' on both sides");
    expect(issueForField(issues, 'physics.potential')?.position).toBe(3);
    expect(issueForField(issues, 'physics.viscosity')).toBeUndefined();
    expect(issueForField([{ path: 'physics', message: 'x' }], 'physics.viscosity')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { defaultSpec, formatSpecIssue, validateSpec, type MfgSpecInput } from './spec.js';

const DOMAIN_1D = { lower: [0], upper: [1], points: [100] };

/** A minimal valid spec with `patch` merged one level deep into its sections. */
function specWith(patch: Record<string, unknown>): Record<string, unknown> {
  return { domain: { ...DOMAIN_1D }, ...patch };
}

function issuesOf(input: unknown) {
  const result = validateSpec(input);
  if (result.ok) throw new Error('expected the spec to be refused');
  return result.issues;
}

describe('defaults', () => {
  it('fills every default from a spec that only has a domain', () => {
    const result = validateSpec({ domain: DOMAIN_1D });
    expect(result).toEqual({ ok: true, spec: defaultSpec() });
  });

  it('keeps the defaults of a section that is only partly given', () => {
    const result = validateSpec(specWith({ physics: { viscosity: 0.2, coupling: { kind: 'log' } } }));
    expect(result.ok && result.spec.physics).toMatchObject({
      viscosity: 0.2,
      hamiltonian: { kind: 'quadratic', exponent: 2, speed_cap: null },
      coupling: { kind: 'log', strength: 0.5, exponent: 1 },
      initial_density: '1',
    });
  });

  it('gives every axis a wall boundary when none is given', () => {
    const result = validateSpec({ domain: { lower: [0, 0, 0], upper: [1, 2, 3], points: [8, 8, 8] } });
    expect(result.ok && result.spec.domain.boundary).toEqual([
      { lower: 'wall', upper: 'wall' }, { lower: 'wall', upper: 'wall' }, { lower: 'wall', upper: 'wall' },
    ]);
  });

  it('accepts its own output unchanged, and the default spec', () => {
    const once = validateSpec(specWith({ output: { precision: 'float32' } }));
    expect(once.ok).toBe(true);
    if (once.ok) expect(validateSpec(once.spec)).toEqual(once);
    expect(validateSpec(defaultSpec())).toEqual({ ok: true, spec: defaultSpec() });
  });

  it('does not modify its input', () => {
    const input: MfgSpecInput = { domain: { lower: [0], upper: [1], points: [10] } };
    const copy = structuredClone(input);
    validateSpec(input);
    expect(input).toEqual(copy);
  });

  it('hands out a fresh default spec each time', () => {
    const first = defaultSpec();
    first.physics.viscosity = 7;
    expect(defaultSpec().physics.viscosity).toBe(0.01);
  });
});

describe('field problems name the path and say what was expected', () => {
  it.each<[string, unknown, string, string]>([
    ['negative viscosity', specWith({ physics: { viscosity: -1 } }), 'physics.viscosity', 'expected a number >= 0, received -1'],
    ['viscosity as text', specWith({ physics: { viscosity: '0.1' } }), 'physics.viscosity', 'expected a number >= 0, received "0.1"'],
    ['zero horizon', specWith({ time: { horizon: 0 } }), 'time.horizon', 'expected a number > 0, received 0'],
    ['fractional steps', specWith({ time: { steps: 10.5 } }), 'time.steps', 'expected an integer from 1 to 1000000, received 10.5'],
    ['too many steps', specWith({ time: { steps: 2_000_000 } }), 'time.steps', 'expected an integer from 1 to 1000000, received 2000000'],
    ['exponent at the open end', specWith({ physics: { hamiltonian: { exponent: 1 } } }), 'physics.hamiltonian.exponent', 'expected a number in (1, 10], received 1'],
    ['zero speed cap', specWith({ physics: { hamiltonian: { speed_cap: 0 } } }), 'physics.hamiltonian.speed_cap', 'expected a number > 0 or null, received 0'],
    ['tolerance too small', specWith({ solver: { tolerance: 1e-16 } }), 'solver.tolerance', 'expected a number in [1e-15, 1], received 1e-16'],
    ['relaxation zero', specWith({ solver: { relaxation: 0 } }), 'solver.relaxation', 'expected a number in (0, 1], received 0'],
    ['null where null is not allowed', specWith({ solver: { max_iterations: null } }), 'solver.max_iterations', 'expected an integer from 1 to 100000, received null'],
    ['unknown method', specWith({ solver: { method: 'newtn' } }), 'solver.method', `expected one of 'newton', 'picard', 'fictitious_play', received "newtn"; did you mean 'newton'?`],
    ['wrong model', specWith({ model: 'arz' }), 'model', `expected 'mfg', received "arz"`],
    ['newer version', specWith({ version: 2 }), 'version', 'expected 1, received 2; this spec is for a newer MFG Workbench: update the solver'],
    ['empty name', specWith({ name: '' }), 'name', 'expected a string of 1 to 200 characters, received ""'],
    ['section of the wrong type', specWith({ time: [] }), 'time', 'expected an object, received an array of 0 entries'],
    ['missing domain', {}, 'domain', 'expected an object with lower, upper and points, received nothing'],
    ['an array instead of a spec', [], '', 'expected a spec object with at least "domain", received an array of 0 entries'],
    ['a number instead of a spec', 42, '', 'expected a spec object with at least "domain", received 42'],
    ['too few cells', { domain: { ...DOMAIN_1D, points: [2] } }, 'domain.points.0', 'expected an integer from 3 to 100000000, received 2'],
    ['four axes', { domain: { lower: [0, 0, 0, 0], upper: [1, 1, 1], points: [4, 4, 4] } }, 'domain.lower', 'expected 1 to 3 entries (one per axis), received 4'],
    ['mismatched axes', { domain: { ...DOMAIN_1D, points: [10, 10] } }, 'domain.points', 'expected 1 entry (one per axis, as in domain.lower), received 2'],
    ['lower equal to upper', { domain: { ...DOMAIN_1D, upper: [0] } }, 'domain.upper.0', 'expected a number > 0 (domain.lower.0), received 0'],
    ['one periodic side', { domain: { ...DOMAIN_1D, boundary: [{ lower: 'periodic', upper: 'wall' }] } }, 'domain.boundary.0',
      "expected 'periodic' on both sides of axis 0 or on neither, received lower 'periodic' and upper 'wall'"],
    ['missing boundary side', { domain: { ...DOMAIN_1D, boundary: [{ lower: 'wall' }] } }, 'domain.boundary.0.upper',
      "expected one of 'wall', 'periodic', 'exit', received nothing"],
    ['too many cells', { domain: { lower: [0, 0, 0], upper: [1, 1, 1], points: [2000, 2000, 1000] } }, 'domain.points',
      'expected at most 2147483648 cells in all, received 2000 x 2000 x 1000 = 4000000000'],
  ])('%s', (_, input, path, message) => {
    expect(issuesOf(input)).toEqual([{ path, message }]);
  });

  it('formats an issue as "path: message"', () => {
    expect(formatSpecIssue({ path: 'physics.viscosity', message: 'expected a number >= 0, received -1' }))
      .toBe('physics.viscosity: expected a number >= 0, received -1');
    expect(formatSpecIssue({ path: '', message: 'm' })).toBe('m');
  });

  it('reports every independent problem, in document order', () => {
    const issues = issuesOf(specWith({ version: 3, time: { steps: 0 }, solver: { tolerance: 2 } }));
    expect(issues.map((issue) => issue.path)).toEqual(['version', 'time.steps', 'solver.tolerance']);
  });

  it('counts name length in characters, not UTF-16 units', () => {
    expect(validateSpec(specWith({ name: '😀'.repeat(200) })).ok).toBe(true);
    expect(issuesOf(specWith({ name: '😀'.repeat(201) }))[0]?.path).toBe('name');
  });
});

describe('unknown keys', () => {
  it.each([
    [{ visocsity: 1 }, 'physics', 'physics.visocsity', "unknown key 'visocsity' in physics; did you mean 'viscosity'?"],
    [{ hamiltonian: { knd: 'power' } }, 'physics', 'physics.hamiltonian.knd', "unknown key 'knd' in physics.hamiltonian; did you mean 'kind'?"],
  ])('%j', (physics, _, path, message) => {
    expect(issuesOf(specWith({ physics }))).toEqual([{ path, message }]);
  });

  it('lists the allowed keys when no key is close', () => {
    expect(issuesOf(specWith({ colour: 'red' }))).toEqual([{
      path: 'colour',
      message: "unknown key 'colour' in the spec; expected one of: version, model, name, description, domain, time, physics, solver, output",
    }]);
  });

  it('reports each unknown key of one section separately', () => {
    const issues = issuesOf(specWith({ output: { store: 2, precison: 'float32' } }));
    expect(issues.map((issue) => issue.path)).toEqual(['output.store', 'output.precison']);
    expect(issues[1]?.message).toContain("did you mean 'precision'?");
  });

  it('finds keys inside array entries', () => {
    const domain = { ...DOMAIN_1D, boundary: [{ lower: 'wall', upper: 'wall', uper: 'wall' }] };
    expect(issuesOf({ domain })).toEqual([
      { path: 'domain.boundary.0.uper', message: "unknown key 'uper' in domain.boundary.0; did you mean 'upper'?" },
    ]);
  });
});

describe('formulas', () => {
  it('reports a syntax error with its position', () => {
    expect(issuesOf(specWith({ physics: { terminal_cost: '0.5*sinn(x)' } }))).toEqual([{
      path: 'physics.terminal_cost',
      message: "at position 4: unknown function 'sinn'; did you mean 'sin'?",
      position: 4,
    }]);
  });

  it('allows t in the potential only', () => {
    expect(validateSpec(specWith({ physics: { potential: 'x*t' } })).ok).toBe(true);
    expect(issuesOf(specWith({ physics: { initial_density: '1 + t' } }))).toEqual([{
      path: 'physics.initial_density',
      message: "at position 4: variable 't' is not available in this formula; allowed variables: x",
      position: 4,
    }]);
  });

  it('allows y and z only where the axes exist', () => {
    const domain2d = { lower: [0, 0], upper: [1, 1], points: [10, 10] };
    expect(validateSpec({ domain: domain2d, physics: { terminal_cost: 'x*y' } }).ok).toBe(true);
    expect(issuesOf({ domain: domain2d, physics: { terminal_cost: 'x*y*z' } })[0]).toMatchObject({
      path: 'physics.terminal_cost', position: 4,
    });
    expect(issuesOf(specWith({ physics: { potential: 'y' } }))[0]?.message).toContain('allowed variables: x, t');
  });

  it('refuses empty formulas and formulas of the wrong type', () => {
    expect(issuesOf(specWith({ physics: { potential: '' } }))[0]).toMatchObject({ path: 'physics.potential', position: 0 });
    expect(issuesOf(specWith({ physics: { potential: 0 } }))).toEqual([{
      path: 'physics.potential',
      message: 'expected a formula string such as "0" or "exp(-50*(x-0.3)^2)", received 0',
    }]);
  });
});

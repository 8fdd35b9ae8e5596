// The shared corpora in native/tests/corpus are the contract between this validator and the native
// one: the C++ tests read the same files. These tests keep the files true to the TypeScript side.

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileFormula, parseFormula } from './formula.js';
import { validateSpec } from './spec.js';

const CORPUS = new URL('../../native/tests/corpus/', import.meta.url);
const readJson = (relative: string): unknown => JSON.parse(readFileSync(new URL(relative, CORPUS), 'utf8'));
const jsonFiles = (dir: string): string[] =>
  readdirSync(new URL(dir, CORPUS)).filter((name) => name.endsWith('.json')).sort();

type Sample = { at: Record<string, number>; value: number | 'NaN' | 'Infinity' | '-Infinity' };
type FormulaCase =
  | { source: string; variables: string[]; ok: true; samples: Sample[] }
  | { source: string; variables: string[]; ok: false; position: number; message: string };

const formulaCases = readJson('formulas.json') as FormulaCase[];

/** The tolerance the native tests use: relative 1e-12, exact for zero and non-finite values. */
function expectClose(actual: number, expected: Sample['value']): void {
  if (typeof expected === 'string') {
    expect(String(actual)).toBe(expected);
  } else if (expected === 0) {
    expect(actual).toBe(0);
  } else {
    expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThanOrEqual(1e-12);
  }
}

describe('formulas.json', () => {
  it('is generous: at least 80 cases, both valid and invalid', () => {
    expect(formulaCases.length).toBeGreaterThanOrEqual(80);
    expect(formulaCases.filter((c) => c.ok).length).toBeGreaterThanOrEqual(40);
    expect(formulaCases.filter((c) => !c.ok).length).toBeGreaterThanOrEqual(40);
  });

  it.each(formulaCases.map((c, index) => [index, c.source.length > 60 ? `${c.source.slice(0, 60)}...` : c.source, c] as const))(
    'case %i: %j',
    (_, __, testCase) => {
      const parsed = parseFormula(testCase.source, testCase.variables);
      if (testCase.ok) {
        expect(parsed.ok ? 'parsed' : parsed.error.message).toBe('parsed');
        if (!parsed.ok) return;
        const evaluate = compileFormula(parsed.ast);
        for (const sample of testCase.samples) expectClose(evaluate(sample.at), sample.value);
      } else {
        expect(parsed).toEqual({ ok: false, error: { position: testCase.position, message: testCase.message } });
      }
    },
  );
});

describe('specs/valid and specs/normalized', () => {
  const names = jsonFiles('specs/valid/');

  it('has at least 12 valid specs, each with its normalised form', () => {
    expect(names.length).toBeGreaterThanOrEqual(12);
    expect(jsonFiles('specs/normalized/')).toEqual(names);
  });

  it.each(names)('%s validates and normalises to specs/normalized', (name) => {
    const result = validateSpec(readJson(`specs/valid/${name}`));
    expect(result.ok ? 'valid' : result.issues).toBe('valid');
    if (result.ok) expect(result.spec).toEqual(readJson(`specs/normalized/${name}`));
  });
});

describe('specs/invalid', () => {
  const names = jsonFiles('specs/invalid/');

  it('has at least 40 invalid specs', () => {
    expect(names.length).toBeGreaterThanOrEqual(40);
  });

  it.each(names)('%s has exactly the one documented problem', (name) => {
    const { path, message, spec } = readJson(`specs/invalid/${name}`) as { path: string; message: string; spec: unknown };
    expect(validateSpec(spec)).toEqual({ ok: false, issues: [expect.objectContaining({ path, message })] });
  });
});

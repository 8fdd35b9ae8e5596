import { describe, expect, it } from 'vitest';
import { BOOLEAN_FIELDS, ENUM_FIELDS, FORMULA_FIELDS, NUMERIC_FIELDS, TEXT_FIELDS, formulaFieldPath, type FormulaField } from '../../app/contract/index.js';
import { panelFieldId, panelFieldKey, panelGroups } from './panel-layout.js';

describe('model panel layout', () => {
  it.each([1, 2, 3] as const)('places every field of the contract tables in %dD, per-axis ones once per axis', (dimension) => {
    const fields = panelGroups(dimension).flatMap((group) => group.fields);
    const expected = [
      ...Object.keys(NUMERIC_FIELDS), ...Object.keys(ENUM_FIELDS), ...Object.keys(BOOLEAN_FIELDS),
      ...Object.keys(FORMULA_FIELDS).map((field) => formulaFieldPath(field as FormulaField)), ...Object.keys(TEXT_FIELDS),
    ];
    expect([...new Set(fields.map(panelFieldKey))].sort()).toEqual([...expected].sort());
    const ids = fields.map(panelFieldId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const path of ['domain.points', 'domain.lower', 'domain.upper', 'domain.boundary']) {
      expect(ids.filter((id) => id.startsWith(`${path}.`))).toEqual(Array.from({ length: dimension }, (_, axis) => `${path}.${axis}`));
    }
  });
});

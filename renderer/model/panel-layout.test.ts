import { describe, expect, it } from 'vitest';
import { BOOLEAN_FIELDS, ENUM_FIELDS, FORMULA_FIELDS, NUMERIC_FIELDS, TEXT_FIELDS, formulaFieldPath, type FormulaField } from '../../app/contract/index.js';
import { PANEL_GROUPS, panelFieldKey } from './panel-layout.js';

describe('model panel layout', () => {
  it('places every field of the contract tables exactly once', () => {
    const placed = PANEL_GROUPS.flatMap((group) => group.fields.map(panelFieldKey));
    const expected = [
      ...Object.keys(NUMERIC_FIELDS), ...Object.keys(ENUM_FIELDS), ...Object.keys(BOOLEAN_FIELDS),
      ...Object.keys(FORMULA_FIELDS).map((field) => formulaFieldPath(field as FormulaField)), ...Object.keys(TEXT_FIELDS),
    ];
    expect([...placed].sort()).toEqual([...expected].sort());
    expect(new Set(placed).size).toBe(placed.length);
  });
});

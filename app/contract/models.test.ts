import { describe, expect, it } from 'vitest';
import { FieldNameSchema, modelDefinition } from './models.js';
import { FieldRequestSchema } from './services.js';

describe('field names', () => {
  it('accept the arrays runs store, flat or per segment', () => {
    for (const name of ['m', 'u', 'rho_c', 'segments/3/rho_c', 'detector-2']) expect(FieldNameSchema.safeParse(name).success, name).toBe(true);
  });

  it('refuse anything that could leave fields.zarr, with what was received', () => {
    for (const name of ['', '..', '../run.json', 'u/../../x', '/etc/passwd', 'a\\b', 'a/./b', '.zattrs', 'x'.repeat(65), 'a\nb']) {
      const parsed = FieldRequestSchema.safeParse({ source: { kind: 'run', runId: 'run-1' }, field: name });
      expect(parsed.success, JSON.stringify(name)).toBe(false);
      expect(parsed.error?.issues[0]?.message).toMatch(/^expected a field name .*received/);
    }
  });

  it('are declared per model; an unknown model is not guessed', () => {
    expect(modelDefinition('mfg')?.fields.map((field) => field.name)).toEqual(['m', 'u']);
    expect(modelDefinition('toString')).toBeUndefined();
    expect(modelDefinition('arz')).toBeUndefined();
  });
});

// The JSON Schema of a spec, for editors (VS Code's json.schemas, "$schema" in a spec file) and for
// anyone validating specs without TypeScript. Generated from MfgSpecSchema, never written by hand;
// assets/schema/spec.schema.json is this function's output (schema.test.ts keeps them equal).

import { z } from 'zod';
import { MfgSpecSchema } from '../spec.js';

export const SPEC_SCHEMA_ID = 'https://mfg-workbench.dev/schema/spec-v1.json';

/**
 * The input side of the schema: keys with defaults are optional, as users write them. Draft-07,
 * because it is what editors and most validators (including the C++ ones) understand fully.
 * Cross-field rules (equal axis counts, lower < upper, periodic pairs, formula syntax) cannot be
 * expressed in JSON Schema and are checked only by validateSpec and the solver.
 */
export function specJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(MfgSpecSchema, { io: 'input', target: 'draft-07' }) as Record<string, unknown>;
  const { $schema, ...body } = generated;
  return {
    $schema,
    $id: SPEC_SCHEMA_ID,
    title: 'MFG Workbench problem spec (mfg-spec, version 1)',
    description: 'A mean field game problem for MFG Workbench. Every key but "domain" is optional; see docs/spec.md.',
    ...body,
  };
}

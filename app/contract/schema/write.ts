// Renders the committed schema file. Writing it to disk is left to the caller (schema.test.ts with
// UPDATE_SCHEMA=1) so that the contract itself never touches Node APIs.

import { specJsonSchema } from './generate.js';

/** Path of the generated file, relative to the repository root. */
export const SPEC_SCHEMA_FILE = 'assets/schema/spec.schema.json';

/** The exact text of assets/schema/spec.schema.json: two-space JSON and a final newline. */
export function specSchemaFileText(): string {
  return `${JSON.stringify(specJsonSchema(), null, 2)}\n`;
}

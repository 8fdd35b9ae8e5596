// assets/schema/spec.schema.json is generated, never edited by hand. This test fails when the file
// and the zod schema drift apart; to regenerate the file after changing the schema, run
//
//   UPDATE_SCHEMA=1 npx vitest run app/contract/schema
//
// and commit the result.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
// ajv 6 (draft-07) is in the tree through eslint; it is only used here, to check that the schema
// is a real JSON Schema that accepts and refuses what validateSpec does.
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { specJsonSchema, SPEC_SCHEMA_ID } from './generate.js';
import { SPEC_SCHEMA_FILE, specSchemaFileText } from './write.js';

const REPO = new URL('../../../', import.meta.url);
const CORPUS = new URL('native/tests/corpus/specs/', REPO);
const readJson = (url: URL): unknown => JSON.parse(readFileSync(url, 'utf8'));
const jsonFiles = (dir: string): string[] =>
  readdirSync(new URL(dir, CORPUS)).filter((name) => name.endsWith('.json')).sort();

/**
 * Invalid specs whose only problem is a rule JSON Schema cannot state: formula syntax and
 * variables, equal axis counts, lower < upper, periodic pairs, the total cell count, and finiteness
 * (JSON.parse turns 1e999 into Infinity, which JSON Schema's "number" accepts).
 */
const BEYOND_JSON_SCHEMA = /^(formula-(?!not-string)|domain-(upper|points|boundary)-length-mismatch|domain-lower-(equals|above)-upper|domain-total-cells|domain-periodic-one-side|domain-lower-infinite|time-horizon-infinite)/;

describe('spec.schema.json', () => {
  it('is the committed output of specJsonSchema()', () => {
    const file = new URL(SPEC_SCHEMA_FILE, REPO);
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(file, specSchemaFileText());
    expect(readFileSync(file, 'utf8')).toBe(specSchemaFileText());
  });

  it('names itself and keeps optional keys optional', () => {
    const schema = specJsonSchema();
    expect(schema.$id).toBe(SPEC_SCHEMA_ID);
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.required).toEqual(['domain']);
    expect(schema.additionalProperties).toBe(false);
  });

  const validate = new Ajv({ allErrors: true }).compile(specJsonSchema());

  it.each(jsonFiles('valid/'))('accepts valid/%s', (name) => {
    const ok = validate(readJson(new URL(`valid/${name}`, CORPUS)));
    expect(ok ? [] : validate.errors).toEqual([]);
  });

  it.each(jsonFiles('invalid/').filter((name) => !BEYOND_JSON_SCHEMA.test(name)))('refuses invalid/%s', (name) => {
    const { spec } = readJson(new URL(`invalid/${name}`, CORPUS)) as { spec: unknown };
    expect(validate(spec)).toBe(false);
  });
});

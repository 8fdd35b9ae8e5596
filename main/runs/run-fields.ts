// What a run stores, as it says itself: the time-dependent arrays of its fields.zarr, from the
// consolidated metadata (.zmetadata, which every writer of the format produces: mfg-solve, the
// live-solution writer, the Python package). The run store reads only fields listed here, so a
// field name received over RPC never reaches the file system unless it names a real array.

import path from 'node:path';
import { z } from 'zod';
import { appError, err, FIELD_NAME, ok, type FieldInfo, type Result } from '../../app/contract/index.js';
import { readJsonFile } from '../files.js';

/** Consolidated metadata lists a few dozen arrays of a few hundred bytes each; far more is not metadata. */
const MAX_METADATA_BYTES = 16 * 2 ** 20;

const Consolidated = z.object({
  zarr_consolidated_format: z.literal(1),
  metadata: z.record(z.string(), z.unknown()),
});

const ArrayMeta = z.looseObject({ shape: z.array(z.int().nonnegative()) });
const ArrayAttrs = z.looseObject({
  _ARRAY_DIMENSIONS: z.array(z.string()).optional(),
  long_name: z.string().optional(),
  units: z.string().optional(),
});

/** The arrays of a consolidated metadata document whose first dimension is time `t`. */
export function timeDependentFields(metadata: Readonly<Record<string, unknown>>): FieldInfo[] {
  const fields: FieldInfo[] = [];
  for (const key of Object.keys(metadata).sort()) {
    if (!key.endsWith('/.zarray')) continue;
    const name = key.slice(0, -'/.zarray'.length);
    if (!FIELD_NAME.test(name)) continue;
    const array = ArrayMeta.safeParse(metadata[key]);
    const attrs = ArrayAttrs.safeParse(metadata[`${name}/.zattrs`] ?? {});
    if (!array.success || !attrs.success) continue;
    const dims = attrs.data._ARRAY_DIMENSIONS ?? [];
    if (dims[0] !== 't' || dims.length !== array.data.shape.length || dims.length < 2) continue;
    fields.push({
      name, dims, shape: array.data.shape,
      ...(attrs.data.long_name === undefined ? {} : { longName: attrs.data.long_name }),
      ...(attrs.data.units === undefined ? {} : { units: attrs.data.units }),
    });
  }
  return fields;
}

/** The fields a run directory lists; a run without consolidated metadata is refused with why. */
export async function listRunFields(zarrDirectory: string): Promise<Result<FieldInfo[]>> {
  const file = path.join(zarrDirectory, '.zmetadata');
  // The safe reader: no link followed, no FIFO waited on, nothing outside the run, a bounded size.
  const read = await readJsonFile(file, { maxBytes: MAX_METADATA_BYTES, within: path.dirname(zarrDirectory) });
  if (read.kind !== 'ok') {
    const why = read.kind === 'missing' ? 'missing' : `${read.kind === 'invalid' ? 'not JSON' : 'unreadable'} (${read.reason})`;
    return err(appError('bad_input', `${file}: ${why}: the run's fields cannot be listed (every writer of the format writes it)`));
  }
  const parsed = Consolidated.safeParse(read.value);
  if (!parsed.success) return err(appError('bad_input', `${file}: expected Zarr consolidated metadata (zarr_consolidated_format 1 and a metadata object)`));
  return ok(timeDependentFields(parsed.data.metadata));
}

/** The listed field called `name`, or a refusal that lists what the run has. */
export function findField(fields: readonly FieldInfo[], name: string, runName: string): Result<FieldInfo> {
  const found = fields.find((field) => field.name === name);
  if (found !== undefined) return ok(found);
  const listed = fields.map((field) => field.name).join(', ') || 'none';
  return err(appError('not_found', `the run '${runName}' has no field '${name}': it stores ${listed}`));
}

// Presets: the JSON specs of assets/presets/, validated with the contract's MfgSpecSchema. A preset
// that does not validate is left out with a warning (one broken file must not empty the list).

import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { formatSpecIssue, validateSpec, type Preset } from '../../app/contract/index.js';
import type { Logger } from '../../app/rpc/logger.js';
import { errorMessage, readJsonFile } from '../files.js';

export interface PresetLoad {
  presets: Preset[];
  /** One line per file that was left out, saying why. */
  problems: string[];
}

/** Reads every `*.json` of `directory`, sorted by file name; the id is the file name without `.json`. */
export async function loadPresets(directory: string): Promise<PresetLoad> {
  let names: string[];
  try {
    names = (await readdir(directory)).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    return { presets: [], problems: [`could not read the presets folder ${directory}: ${errorMessage(error)}`] };
  }
  const presets: Preset[] = [];
  const problems: string[] = [];
  for (const name of names) {
    const file = path.join(directory, name);
    const read = await readJsonFile(file, { followLinks: true }); // the app's own folder, or one the user chose
    if (read.kind !== 'ok') {
      problems.push(`preset ${file} left out: ${read.kind === 'missing' ? 'it disappeared' : read.reason}`);
      continue;
    }
    const checked = validateSpec(read.value);
    if (!checked.ok) {
      problems.push(`preset ${file} left out: ${checked.issues.slice(0, 3).map(formatSpecIssue).join('; ')}`);
      continue;
    }
    const spec = checked.spec;
    presets.push({ id: name.slice(0, -'.json'.length), name: spec.name, description: spec.description, spec });
  }
  return { presets, problems };
}

export class PresetLibrary {
  constructor(private readonly directory: string, private readonly logger: Logger) {}

  /** Read on every call: presets are a handful of small files, and edits show up without a restart. */
  async list(): Promise<Preset[]> {
    const { presets, problems } = await loadPresets(this.directory);
    for (const problem of problems) this.logger.warn(problem);
    return presets;
  }
}

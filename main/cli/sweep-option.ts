// `--sweep` on the command line: a JSON file holding a sweep (app/contract/cluster.ts), or a grid
// written inline as `path=v1,v2[;path2=w1,w2]`. Values that read as numbers or true/false are
// numbers and booleans; anything else is a string.

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { err, ok, SweepSchema, type Result, type Sweep } from '../../app/contract/index.js';
import { errorMessage } from '../files.js';
import { zodIssues } from '../cluster/validation.js';

function value(text: string): string | number | boolean {
  if (text === 'true' || text === 'false') return text === 'true';
  const number = Number(text);
  return text.trim() !== '' && Number.isFinite(number) ? number : text;
}

export async function parseSweepOption(text: string, cwd: string): Promise<Result<Sweep, string>> {
  let raw: unknown;
  if (text.endsWith('.json')) {
    try {
      raw = JSON.parse(await readFile(resolve(cwd, text), 'utf8'));
    } catch (error) {
      return err(`could not read the sweep file ${text}: ${errorMessage(error)}`);
    }
  } else {
    const axes = [];
    for (const part of text.split(';').filter((p) => p.trim() !== '')) {
      const at = part.indexOf('=');
      if (at <= 0) return err(`expected --sweep PATH=V1,V2[;PATH=...] or a .json file, received ${JSON.stringify(part)}`);
      axes.push({ path: part.slice(0, at).trim(), values: part.slice(at + 1).split(',').map(value) });
    }
    raw = { kind: 'grid', axes };
  }
  const parsed = SweepSchema.safeParse(raw);
  return parsed.success ? ok(parsed.data) : err(`the sweep is invalid: ${zodIssues(parsed.error)}`);
}

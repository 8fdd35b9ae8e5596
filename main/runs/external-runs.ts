// Run directories opened in place (produced elsewhere, e.g. copied back from a cluster), remembered
// in `external-runs.json` next to settings.json. Kept apart from the settings because it is a list
// the app maintains, not a preference the user edits.

import { mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Logger } from '../../app/rpc/logger.js';
import { errorMessage, readJsonFile, writeFileAtomic } from '../files.js';

export const EXTERNAL_RUNS_FILE = 'external-runs.json';

const IndexSchema = z.object({ version: z.literal(1), paths: z.array(z.string().min(1)) });

export class ExternalRunIndex {
  private paths: string[] | undefined;
  private writes: Promise<unknown> = Promise.resolve();

  constructor(private readonly configDir: string, private readonly logger: Logger) {}

  get file(): string {
    return path.join(this.configDir, EXTERNAL_RUNS_FILE);
  }

  async list(): Promise<string[]> {
    this.paths ??= await this.load();
    return [...this.paths];
  }

  add(directory: string): Promise<void> {
    return this.change((paths) => (paths.includes(directory) ? paths : [...paths, directory]));
  }

  remove(directory: string): Promise<void> {
    return this.change((paths) => paths.filter((entry) => entry !== directory));
  }

  private change(edit: (paths: string[]) => string[]): Promise<void> {
    const next = this.writes.then(async () => {
      const paths = edit(await this.list());
      await mkdir(this.configDir, { recursive: true });
      await writeFileAtomic(this.file, `${JSON.stringify({ version: 1, paths }, null, 2)}\n`);
      this.paths = paths;
    });
    this.writes = next.catch(() => undefined);
    return next;
  }

  /** A damaged index is kept aside and the list starts empty: the runs themselves are untouched. */
  private async load(): Promise<string[]> {
    const read = await readJsonFile(this.file, { followLinks: true });
    if (read.kind === 'missing') return [];
    if (read.kind === 'ok') {
      const parsed = IndexSchema.safeParse(read.value);
      if (parsed.success) return parsed.data.paths.filter((entry) => path.isAbsolute(entry));
    }
    const aside = `${this.file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    try {
      if (read.kind !== 'unreadable') await rename(this.file, aside);
      this.logger.warn(`${this.file} was damaged; it was kept as ${aside} and the list of opened run directories starts empty`);
    } catch (error) {
      this.logger.warn(`${this.file} was damaged and could not be kept aside (${errorMessage(error)})`);
    }
    return [];
  }
}

// A list of validated records in one JSON file of the config folder, written atomically. Jobs and
// profiles live here so that closing the app or losing the network loses nothing; an entry that
// no longer validates is dropped from memory with a warning (the file keeps it until the next write).

import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';
import type { Logger } from '../../app/rpc/logger.js';
import { readJsonFile, writeFileAtomic } from '../files.js';

export class JsonListStore<T> {
  private items = new Map<string, T>();
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly schema: z.ZodType<T>,
    private readonly keyOf: (item: T) => string,
    private readonly logger: Logger,
  ) {}

  async load(): Promise<void> {
    const read = await readJsonFile(this.file);
    if (read.kind === 'missing') return;
    if (read.kind !== 'ok' || !Array.isArray(read.value)) {
      this.logger.warn(`${this.file}: expected a JSON array, ${read.kind === 'ok' ? 'received something else' : read.reason}; starting empty`);
      return;
    }
    for (const [index, raw] of read.value.entries()) {
      const parsed = this.schema.safeParse(raw);
      if (parsed.success) this.items.set(this.keyOf(parsed.data), parsed.data);
      else this.logger.warn(`${this.file}: entry ${index} is invalid (${parsed.error.issues[0]?.message ?? 'unknown'}); skipped`);
    }
  }

  list(): T[] {
    return [...this.items.values()];
  }

  get(key: string): T | undefined {
    return this.items.get(key);
  }

  async put(item: T): Promise<void> {
    this.items.set(this.keyOf(item), item);
    await this.persist();
  }

  async remove(key: string): Promise<boolean> {
    const removed = this.items.delete(key);
    if (removed) await this.persist();
    return removed;
  }

  /** Writes are chained so two updates never interleave their renames. */
  private persist(): Promise<void> {
    const snapshot = JSON.stringify(this.list(), null, 2);
    this.writing = this.writing.then(async () => {
      await mkdir(dirname(this.file), { recursive: true });
      await writeFileAtomic(this.file, `${snapshot}\n`);
    });
    return this.writing;
  }
}

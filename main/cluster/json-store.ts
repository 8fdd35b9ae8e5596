// A list of validated records in one JSON file of the config folder, written atomically. Jobs and
// profiles live here so that closing the app or losing the network loses nothing; an entry that
// no longer validates is dropped from memory with a warning. They say which hosts the user reaches,
// as whom, with which key file and which commands: private to the user (file 0600, folder 0700),
// from the first write, and tightened when an older version left them readable by others.

import { chmod, lstat, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';
import type { Logger } from '../../app/rpc/logger.js';
import { readJsonFile, writeFileAtomic } from '../files.js';

export class JsonListStore<T> {
  private items = new Map<string, T>();
  /** Keys this process removed: not adopted back from the file. */
  private readonly removed = new Set<string>();
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly schema: z.ZodType<T>,
    private readonly keyOf: (item: T) => string,
    private readonly logger: Logger,
  ) {}

  /** Takes away group and other bits from the file and its folder (never follows a link there). */
  private async tighten(): Promise<void> {
    for (const [target, mode] of [[dirname(this.file), 0o700], [this.file, 0o600]] as const) {
      const info = await lstat(target).catch(() => undefined);
      if (info === undefined || info.isSymbolicLink() || (info.mode & 0o077) === 0) continue;
      await chmod(target, mode).catch((error: unknown) => this.logger.warn(`could not make ${target} private (mode ${mode.toString(8)}): ${String(error)}`));
    }
  }

  async load(): Promise<void> {
    await this.tighten();
    const read = await readJsonFile(this.file, { followLinks: true });
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
    this.removed.delete(this.keyOf(item));
    await this.persist();
  }

  async remove(key: string): Promise<boolean> {
    const removed = this.items.delete(key);
    this.removed.add(key);
    if (removed) await this.persist();
    return removed;
  }

  /**
   * Writes are chained so two updates never interleave their renames. Entries another process (the
   * app and `mfgw` share the file) added since we loaded are read back and kept, not overwritten.
   */
  private persist(): Promise<void> {
    this.writing = this.writing.then(async () => {
      await this.adoptForeignEntries();
      await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
      await this.tighten();
      await writeFileAtomic(this.file, `${JSON.stringify(this.list(), null, 2)}\n`, 0o600);
    });
    return this.writing;
  }

  /** Picks up entries another process added (ours stay as they are in memory). */
  reload(): Promise<void> {
    this.writing = this.writing.then(() => this.adoptForeignEntries());
    return this.writing;
  }

  private async adoptForeignEntries(): Promise<void> {
    const read = await readJsonFile(this.file, { followLinks: true });
    if (read.kind !== 'ok' || !Array.isArray(read.value)) return;
    for (const raw of read.value) {
      const parsed = this.schema.safeParse(raw);
      if (!parsed.success) continue;
      const key = this.keyOf(parsed.data);
      if (!this.items.has(key) && !this.removed.has(key)) this.items.set(key, parsed.data);
    }
  }
}

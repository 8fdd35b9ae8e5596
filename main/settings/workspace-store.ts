// The renderer's workspace (app/contract/workspace.ts) as one JSON file in the config folder,
// written atomically, one write at a time. A file that cannot be read as a workspace is no crash:
// the app starts from the first preset and says why in the log (the next save replaces it).
// MFGW_WORKSPACE=off keeps no workspace for the session (scripted sessions: tests, benchmarks).

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { MAX_WORKSPACE_BYTES, ok, WorkspaceSchema, type Result, type Workspace } from '../../app/contract/index.js';
import type { Logger } from '../../app/rpc/logger.js';
import { errorMessage, readJsonFile, writeFileAtomic } from '../files.js';

export const WORKSPACE_FILE = 'workspace.json';

export interface WorkspaceStoreOptions {
  readonly configDir: string;
  readonly logger: Logger;
  readonly env?: NodeJS.ProcessEnv;
}

export class WorkspaceStore {
  private writes: Promise<unknown> = Promise.resolve();
  private readonly enabled: boolean;

  constructor(private readonly options: WorkspaceStoreOptions) {
    this.enabled = (options.env ?? process.env).MFGW_WORKSPACE !== 'off';
  }

  get file(): string {
    return path.join(this.options.configDir, WORKSPACE_FILE);
  }

  async get(): Promise<Result<Workspace | null>> {
    if (!this.enabled) return ok(null);
    await this.writes;
    const read = await readJsonFile(this.file, { maxBytes: MAX_WORKSPACE_BYTES });
    if (read.kind === 'missing') return ok(null);
    if (read.kind !== 'ok') {
      this.options.logger.warn(`the workspace ${this.file} could not be read (${read.reason}): starting from the first preset`);
      return ok(null);
    }
    const parsed = WorkspaceSchema.safeParse(read.value);
    if (!parsed.success) {
      this.options.logger.warn(`the workspace ${this.file} is not a workspace of this version (${parsed.error.issues[0]?.message ?? 'invalid'}): starting from the first preset`);
      return ok(null);
    }
    return ok(parsed.data);
  }

  /** Writes after the writes before it; a failed write is logged, and the next one tries again. */
  save(workspace: Workspace): Promise<Result<{ saved: boolean }>> {
    if (!this.enabled) return Promise.resolve(ok({ saved: false }));
    const text = `${JSON.stringify(workspace, null, 1)}\n`;
    const write = this.writes.then(async () => {
      try {
        await mkdir(this.options.configDir, { recursive: true });
        await writeFileAtomic(this.file, text);
        return ok({ saved: true });
      } catch (error) {
        this.options.logger.warn(`the workspace could not be written to ${this.file}: ${errorMessage(error)}`);
        return ok({ saved: false });
      }
    });
    this.writes = write;
    return write;
  }
}

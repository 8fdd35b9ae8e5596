// Notices run directories that appear in or vanish from the runs folder without the app's help
// (mfg-solve --out into it, a sync from a cluster, a folder deleted in the file manager), so the
// list in every window follows. Only the folder's own entries are watched, not every chunk file of
// every run: a run that finishes writing shows its new status on the next list.

import { watch, type FSWatcher } from 'node:fs';
import type { Disposable } from '../../app/rpc/disposable.js';
import type { Logger } from '../../app/rpc/logger.js';
import { errorMessage } from '../files.js';

export interface RunsWatcherOptions {
  /** The folder to watch now (read again on each restart()). */
  folder: () => string;
  /** Called once per burst of changes. */
  onChange: () => void;
  logger: Logger;
  debounceMs?: number;
}

export class RunsWatcher implements Disposable {
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(private readonly options: RunsWatcherOptions) {
    this.restart();
  }

  /** Watches the folder again (after the settings changed it, or after it was created). */
  restart(): void {
    this.stop();
    if (this.disposed) return;
    const folder = this.options.folder();
    try {
      this.watcher = watch(folder, { persistent: false }, () => this.schedule());
      this.watcher.on('error', (error) => {
        this.options.logger.warn(`stopped watching the runs folder ${folder}: ${errorMessage(error)}`);
        this.stop();
      });
    } catch {
      // A runs folder that does not exist yet is watched once a save creates it (restart()).
      this.watcher = undefined;
    }
  }

  get watching(): boolean {
    return this.watcher !== undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.stop();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.options.onChange(), this.options.debounceMs ?? 250);
  }

  private stop(): void {
    clearTimeout(this.timer);
    this.watcher?.close();
    this.watcher = undefined;
  }
}

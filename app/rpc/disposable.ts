// Disposables and a tiny event emitter: the one subscription shape used by transports, the client's
// event listeners and the Electron adapters (VS Code's `IDisposable` / `Emitter`).

import type { Logger } from './logger.js';

export interface Disposable {
  dispose(): void;
}

export function toDisposable(dispose: () => void): Disposable {
  let disposed = false;
  return {
    dispose: () => {
      if (disposed) return;
      disposed = true;
      dispose();
    },
  };
}

/**
 * Listeners of one kind of event. A listener that throws is logged and does not stop the others:
 * one broken view must not silence progress for the rest of the app.
 */
export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  constructor(private readonly logger: Logger, private readonly what: string) {}

  get size(): number {
    return this.listeners.size;
  }

  /** Adds a listener; the same function added twice is called twice. */
  listen(listener: (value: T) => void): Disposable {
    const entry = (value: T): void => listener(value);
    this.listeners.add(entry);
    return toDisposable(() => this.listeners.delete(entry));
  }

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        this.logger.warn(`a listener for ${this.what} threw`, error);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}

// Electron cannot run on the project's machines (npm installs its types only, no binary), so the
// IPC adapters are tested against this in-process stand-in for ipcMain, webContents and
// ipcRenderer. It keeps what the adapters depend on: structured clone in both directions, events
// that carry `sender` and `senderFrame`, a `senderFrame` of null once its document is gone,
// subframes, navigation, renderer crashes and window destruction.

import type { IpcRenderer } from 'electron';
import { createPreloadBridge } from '../electron/preload.js';
import type { PreloadBridge } from '../electron/bridge.js';
import type { IpcMainPort, WindowContents } from '../electron/ipc-main.js';

type Listener = (...args: never[]) => void;

class Listeners {
  private readonly byName = new Map<string, Set<Listener>>();

  on(name: string, listener: Listener): void {
    const set = this.byName.get(name) ?? new Set();
    set.add(listener);
    this.byName.set(name, set);
  }

  removeListener(name: string, listener: Listener): void {
    this.byName.get(name)?.delete(listener);
  }

  count(name: string): number {
    return this.byName.get(name)?.size ?? 0;
  }

  emit(name: string, ...args: unknown[]): void {
    for (const listener of [...(this.byName.get(name) ?? [])]) (listener as (...a: unknown[]) => void)(...args);
  }
}

interface StandInFrame {
  processId: number;
  routingId: number;
  parent: StandInFrame | null;
  url: string;
}

let nextRoutingId = 1;
/** Where the app's own page lives (main/shell/app-files.ts serves it). */
export const STAND_IN_APP_URL = 'app://renderer/index.html';
const frame = (processId: number, parent: StandInFrame | null, url: string): StandInFrame => ({ processId, routingId: nextRoutingId++, parent, url });

export class StandInIpcMain {
  readonly listeners = new Listeners();
  readonly port = this as unknown as IpcMainPort;

  on(channel: string, listener: Listener): this {
    this.listeners.on(channel, listener);
    return this;
  }

  removeListener(channel: string, listener: Listener): this {
    this.listeners.removeListener(channel, listener);
    return this;
  }
}

/** One loaded page: its main frame, a subframe, and the ipcRenderer its preload sees. */
class StandInDocument {
  readonly rendererListeners = new Listeners();
  readonly mainFrame: StandInFrame;
  readonly subframe: StandInFrame;
  alive = true;

  constructor(processId: number, url: string) {
    this.mainFrame = frame(processId, null, url);
    this.subframe = frame(processId, this.mainFrame, url);
  }
}

export class StandInWindow {
  private static nextId = 1;
  readonly id = StandInWindow.nextId++;
  readonly contentsListeners = new Listeners();
  private page: StandInDocument;
  private destroyed = false;
  private processId = 100 + this.id;

  /** The object the adapter receives as `webContents`. */
  readonly webContents: WindowContents = this.makeWebContents();

  constructor(private readonly ipcMain: StandInIpcMain) {
    this.page = new StandInDocument(this.processId, STAND_IN_APP_URL);
  }

  /** The preload bridge of the current page, as `window.mfgw` would be. */
  bridge(): PreloadBridge {
    return createPreloadBridge(this.ipcRenderer(this.page, 'main'));
  }

  /** A bridge whose messages come from an embedded subframe of the page. */
  subframeBridge(): PreloadBridge {
    return createPreloadBridge(this.ipcRenderer(this.page, 'sub'));
  }

  /** A new document in the window (another page of the app, or one that slipped past navigation guards). */
  navigate(url: string = STAND_IN_APP_URL): void {
    this.page.alive = false;
    this.page = new StandInDocument(this.processId, url);
    this.contentsListeners.emit('did-navigate', {}, url, 200, 'OK');
  }

  crash(): void {
    this.page.alive = false;
    this.processId += 1000;
    this.page = new StandInDocument(this.processId, STAND_IN_APP_URL);
    this.contentsListeners.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
  }

  destroy(): void {
    this.page.alive = false;
    this.destroyed = true;
    this.contentsListeners.emit('destroyed');
  }

  private makeWebContents(): WindowContents {
    const contents = {
      id: this.id,
      send: (channel: string, message: unknown) => this.deliverToPage(channel, message),
      isDestroyed: () => this.destroyed,
      on: (name: string, listener: Listener) => { this.contentsListeners.on(name, listener); return contents; },
      removeListener: (name: string, listener: Listener) => { this.contentsListeners.removeListener(name, listener); return contents; },
    };
    // A getter, as in Electron: the main frame changes when the renderer process is replaced.
    Object.defineProperty(contents, 'mainFrame', { get: () => this.page.mainFrame });
    return contents as unknown as WindowContents;
  }

  private deliverToPage(channel: string, message: unknown): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    const clone: unknown = structuredClone(message);
    const target = this.page;
    queueMicrotask(() => target.rendererListeners.emit(channel, { sender: 'ipcRenderer' }, clone));
  }

  private ipcRenderer(page: StandInDocument, which: 'main' | 'sub'): IpcRenderer {
    const sender = which === 'main' ? page.mainFrame : page.subframe;
    const port = {
      send: (channel: string, message: unknown) => {
        const clone: unknown = structuredClone(message);
        queueMicrotask(() => {
          if (this.destroyed) return;
          // Electron reports null once the sending document navigated away or was destroyed.
          const event = { sender: this.webContents, senderFrame: page.alive ? sender : null };
          this.ipcMain.listeners.emit(channel, event, clone);
        });
      },
      on: (channel: string, listener: Listener) => { page.rendererListeners.on(channel, listener); return port; },
      removeListener: (channel: string, listener: Listener) => { page.rendererListeners.removeListener(channel, listener); return port; },
    };
    return port as unknown as IpcRenderer;
  }
}

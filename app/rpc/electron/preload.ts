// Builds the preload bridge from ipcRenderer. app/electron's preload does only:
//   contextBridge.exposeInMainWorld(BRIDGE_KEY, createPreloadBridge(ipcRenderer));
// The page never sees ipcRenderer or an IpcRendererEvent (Electron's security checklist).

import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { RPC_CHANNEL, type PreloadBridge } from './bridge.js';

export type IpcRendererPort = Pick<IpcRenderer, 'send' | 'on' | 'removeListener'>;

export function createPreloadBridge(ipcRenderer: IpcRendererPort, channel: string = RPC_CHANNEL): PreloadBridge {
  return {
    send: (message) => ipcRenderer.send(channel, message),
    onMessage: (listener) => {
      const handler = (_event: IpcRendererEvent, message: unknown): void => listener(message);
      ipcRenderer.on(channel, handler);
      return () => {
        ipcRenderer.removeListener(channel, handler);
      };
    },
  };
}

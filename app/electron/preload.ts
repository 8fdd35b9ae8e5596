// The window's preload: exposes the generic RPC bridge (send / onMessage) and nothing else.
//
// Sandboxed preloads cannot load local files, so this file is bundled into one self-contained
// CommonJS file, build/electron/preload.cjs, with `electron` left external (it is provided by the
// sandbox). scripts/start.mjs builds it with Vite's library mode before Electron starts.

import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_KEY } from '../rpc/electron/bridge.js';
import { createPreloadBridge } from '../rpc/electron/preload.js';

contextBridge.exposeInMainWorld(BRIDGE_KEY, createPreloadBridge(ipcRenderer));

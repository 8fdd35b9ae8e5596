// The layer rules of DESIGN.md, checked through ESLint's Node API with the repository's own
// eslint.config.js: each snippet is linted as if it were a file in the named folder.

import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: repositoryRoot });

const LAYER_RULES = new Set(['no-restricted-imports', 'no-restricted-globals', 'no-restricted-syntax']);

async function layerProblems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId !== null && LAYER_RULES.has(m.ruleId)).map((m) => m.message);
}

type Case = [file: string, code: string];

const FORBIDDEN: Case[] = [
  ['app/contract/spec.ts', "import fs from 'node:fs';"],
  ['app/contract/spec.ts', "import React from 'react';"],
  ['app/contract/spec.ts', "import { RpcClient } from '../rpc/index.js';"],
  ['app/contract/schema/write.ts', "import { RpcClient } from '../../rpc/client.js';"],
  ['app/contract/spec.ts', "import { x } from '../../main/runs.js';"],
  ['app/contract/spec.ts', "import { x } from '../../../etc/passwd';"],
  ['app/rpc/client.ts', "import { WebSocket } from 'ws';"],
  ['app/rpc/client.ts', "import { EventEmitter } from 'node:events';"],
  ['app/rpc/client.ts', "import { EventEmitter } from 'events';"],
  ['app/rpc/client.ts', "import type { IpcMain } from 'electron';"],
  ['app/rpc/client.ts', "import { startWebServer } from '../server/index.js';"],
  ['app/rpc/client.ts', "import { store } from '../../main/runs.js';"],
  ['app/rpc/client.ts', "export * from '../server/index.js';"],
  ['app/rpc/websocket-node.ts', "import { readFile } from 'node:fs';"],
  ['app/rpc/electron/ipc-main.ts', "import { ipcMain } from 'electron';"],
  ['app/rpc/electron/ipc-main.ts', "import { startWebServer } from '../../server/index.js';"],
  ['renderer/panels/RunPanel.tsx', "import { store } from '../../main/runs.js';"],
  ['renderer/panels/RunPanel.tsx', "import type { RunStore } from '../../main/runs.js';"],
  ['renderer/panels/RunPanel.tsx', "export { store } from '../../main/runs.js';"],
  ['renderer/panels/RunPanel.tsx', "import { store } from './../../main/runs.js';"],
  ['renderer/panels/RunPanel.tsx', "import { load } from '../../native/lib/index.js';"],
  ['renderer/panels/RunPanel.tsx', "import { startWebServer } from '../../app/server/index.js';"],
  ['renderer/panels/RunPanel.tsx', "import { createWindow } from '../../app/electron/main.js';"],
  ['renderer/panels/RunPanel.tsx', "import { createNodeWebSocketTransport } from '../../app/rpc/websocket-node.js';"],
  ['renderer/panels/RunPanel.tsx', "import { serveWindow } from '../../app/rpc/electron/ipc-main.js';"],
  ['renderer/panels/RunPanel.tsx', "import { readFile } from 'node:fs';"],
  ['renderer/panels/RunPanel.tsx', "import { readFile } from 'fs/promises';"],
  ['renderer/panels/RunPanel.tsx', "import path from 'path';"],
  ['renderer/panels/RunPanel.tsx', "import { spawn } from 'child_process';"],
  ['renderer/panels/RunPanel.tsx', "import { ipcRenderer } from 'electron';"],
  ['renderer/panels/RunPanel.tsx', "import { WebSocket } from 'ws';"],
  ['renderer/panels/RunPanel.tsx', "import * as THREE from 'three';"],
  ['renderer/panels/RunPanel.tsx', "import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';"],
  ['renderer/App.tsx', "import { store } from '../main/runs.js';"],
  ['renderer/viewers/Volume.tsx', "import { readFile } from 'node:fs';"],
  ['renderer/viewers/Volume.tsx', "import { store } from '../../main/runs.js';"],
  ['renderer/viewers/volume/shaders.ts', "import { ipcRenderer } from 'electron';"],
  ['renderer/panels/RunPanel.test.tsx', "import { ipcRenderer } from 'electron';"],
  ['renderer/panels/RunPanel.test.tsx', "import { store } from '../../main/runs.js';"],
  ['main/runs/store.ts', "import { useRuns } from '../../renderer/state/runs.js';"],
  ['main/runs/store.ts', "import { app } from 'electron';"],
  ['main/cli.ts', "import { useRuns } from '../renderer/state/runs.js';"],
  ['app/server/web-server.ts', "import { useRuns } from '../../renderer/state/runs.js';"],
  ['app/server/web-server.ts', "import { BrowserWindow } from 'electron';"],
  ['app/electron/main.ts', "import { App } from '../../renderer/App.js';"],
  ['app/contract/spec.test.ts', "import { store } from '../../main/runs.js';"],
];

const ALLOWED: Case[] = [
  ['app/contract/spec.ts', "import { z } from 'zod';"],
  ['app/contract/spec.ts', "import { describeReceived } from './received.js';"],
  ['app/contract/schema/generate.ts', "import { MfgSpecSchema } from '../spec.js';"],
  ['app/contract/spec.test.ts', "import { describe } from 'vitest';\nimport { readFileSync } from 'node:fs';\nimport Ajv from 'ajv';"],
  ['app/rpc/client.ts', "import { z } from 'zod';\nimport { ok } from '../contract/index.js';\nimport { encodeFrame } from './codec.js';"],
  ['app/rpc/websocket-node.ts', "import { WebSocket } from 'ws';\nconst frame = Buffer.alloc(4);"],
  ['app/rpc/electron/ipc-main.ts', "import type { IpcMain } from 'electron';\nimport { ok } from '../../contract/index.js';\nimport { RpcServer } from '../server.js';"],
  ['app/rpc/electron/preload.ts', "import { type IpcRenderer } from 'electron';"],
  ['app/rpc/testing/harnesses.ts', "import { WebSocketServer } from 'ws';\nimport type { AddressInfo } from 'node:net';"],
  ['app/rpc/websocket.test.ts', "import { WebSocket } from 'ws';\nimport { describe } from 'vitest';"],
  ['renderer/panels/RunPanel.tsx', "import { RpcClient } from '../../app/rpc/index.js';\nimport { createIpcRendererTransport } from '../../app/rpc/electron/ipc-renderer.js';"],
  ['renderer/panels/RunPanel.tsx', "import { MfgSpecSchema } from '../../app/contract/index.js';\nimport { create } from 'zustand';\nimport { useState } from 'react';"],
  ['renderer/panels/RunPanel.tsx', "import { useRuns } from '../state/runs.js';"],
  // A renderer folder that happens to be called "main" is still the renderer's own.
  ['renderer/panels/RunPanel.tsx', "import { layout } from '../main/layout.js';"],
  ['renderer/App.tsx', "import { layout } from './main/layout.js';"],
  ['renderer/viewers/Volume.tsx', "import * as THREE from 'three';"],
  ['renderer/viewers/volume/shaders.ts', "import { Data3DTexture } from 'three';"],
  ['renderer/panels/RunPanel.test.tsx', "import { readFileSync } from 'node:fs';"],
  ['main/runs/store.ts', "import { readFile } from 'node:fs/promises';\nimport { ok } from '../../app/contract/index.js';"],
  ['main/runs/store.ts', "import { loadAddon } from '../../native/lib/index.js';"],
  ['app/server/web-server.ts', "import { WebSocketServer } from 'ws';\nimport { RpcServer } from '../rpc/index.js';\nimport { RunStore } from '../../main/runs.js';"],
  ['app/electron/main.ts', "import { app } from 'electron';\nimport { serveWindow } from '../rpc/electron/ipc-main.js';"],
];

describe('layer rules (DESIGN.md) in eslint.config.js', () => {
  it.each(FORBIDDEN)('%s refuses: %s', async (file, code) => {
    const problems = await layerProblems(file, code);
    expect(problems).toHaveLength(1);
  });

  it.each(ALLOWED)('%s allows: %s', async (file, code) => {
    expect(await layerProblems(file, code)).toEqual([]);
  });

  it('explains the rule in the message', async () => {
    const [message] = await layerProblems('renderer/panels/RunPanel.tsx', "import { store } from '../../main/runs.js';");
    expect(message).toMatch(/renderer\/ may not import main: the renderer .* RPC client/);
    const [three] = await layerProblems('renderer/panels/Plot.tsx', "import * as THREE from 'three';");
    expect(three).toMatch(/three\.js lives in renderer\/viewers only/);
  });

  it('keeps Node and DOM globals out of the portable core', async () => {
    expect(await layerProblems('app/rpc/client.ts', 'export const home = process.env.HOME;')).toHaveLength(1);
    expect(await layerProblems('app/contract/spec.ts', 'export const title = document.title;')).toHaveLength(1);
    expect(await layerProblems('app/rpc/websocket-node.ts', 'export const empty = Buffer.alloc(0);')).toEqual([]);
    expect(await layerProblems('main/settings.ts', 'export const home = process.env.HOME;')).toEqual([]);
  });

  it('reports files nested deeper than the generated rules reach', async () => {
    const problems = await layerProblems('renderer/a/b/c/d/e/f/g/h/i/deep.ts', 'export const x = 1;');
    expect(problems).toEqual([expect.stringMatching(/MAX_NESTING/)]);
  });
});

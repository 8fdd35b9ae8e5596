// The Electron shell: it only wires. The workbench (main/services.ts) holds every behaviour and is
// the same one browser mode serves; here it gets a sandboxed window, IPC (app/rpc/electron), the
// solver host as a utility process, and the desktop-only capabilities (reveal in folder, dialogs).
//
// Run by scripts/start.mjs: electron build/ts/app/electron/main.js (preload: build/electron/preload.cjs).

import path from 'node:path';
import { app, BrowserWindow, ipcMain, Menu, protocol, session, shell } from 'electron';
import { serveWindow } from '../rpc/electron/ipc-main.js';
import { rendererDirectory, repositoryRoot, solverHostEntry } from '../../main/paths.js';
import { createWorkbench, mainLogger, type Workbench } from '../../main/services.js';
import { APP_ORIGIN, APP_SCHEME, APP_URL, readAppFile } from '../../main/shell/app-files.js';
import { buildMenu } from './menu.js';
import { hardenEveryWindow, hardenSession } from './security.js';
import { utilityProcessLauncher } from './utility-host.js';

// Must happen before `ready`: app:// behaves like https (a secure, standard origin for the page).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();
hardenEveryWindow();

let mainWindow: BrowserWindow | undefined;

function createWindow(root: string, workbench: Workbench): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    show: false,
    title: 'MFG Workbench',
    webPreferences: {
      preload: path.join(root, 'build', 'electron', 'preload.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  const serving = serveWindow(workbench.rpcServer, { ipcMain, webContents: window.webContents, logger: mainLogger, trustedOrigin: APP_ORIGIN });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    serving.dispose();
    if (mainWindow === window) mainWindow = undefined;
  });
  void window.loadURL(APP_URL);
  return window;
}

async function start(): Promise<void> {
  const root = app.isPackaged ? app.getAppPath() : repositoryRoot();
  const rendererRoot = rendererDirectory(root);
  session.defaultSession.protocol.handle(APP_SCHEME, async (request) => {
    const file = await readAppFile(rendererRoot, request.url);
    return new Response(Buffer.from(file.body), { status: file.status, headers: file.headers });
  });
  hardenSession(session.defaultSession);
  const workbench = await createWorkbench({
    shell: 'electron',
    launcher: utilityProcessLauncher(solverHostEntry(root)),
    revealInFolder: (target) => shell.showItemInFolder(target),
    nativeDialogs: true,
  });
  Menu.setApplicationMenu(buildMenu(workbench, () => mainWindow));
  mainWindow = createWindow(root, workbench);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow(root, workbench);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => workbench.dispose());
}

app.whenReady().then(start).catch((error: unknown) => {
  console.error('MFG Workbench could not start:', error);
  app.exit(1);
});

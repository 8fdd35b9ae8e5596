// The application menu. Opening a run directory uses the native dialog (capability
// nativeDialogs); the run store validates the folder and the renderer hears onDidChangeRuns.

import { app, dialog, Menu, shell, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { Workbench } from '../../main/services.js';

async function openRunDirectory(workbench: Workbench, window: BrowserWindow | undefined): Promise<void> {
  const options = { title: 'Open run directory', properties: ['openDirectory' as const] };
  const chosen = window === undefined ? await dialog.showOpenDialog(options) : await dialog.showOpenDialog(window, options);
  const directory = chosen.filePaths[0];
  if (chosen.canceled || directory === undefined) return;
  const opened = await workbench.runs.openDirectory(directory);
  if (!opened.ok) dialog.showErrorBox('Cannot open this folder', opened.error.message);
}

export function buildMenu(workbench: Workbench, mainWindow: () => BrowserWindow | undefined): Menu {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open Run Directory…', accelerator: 'CmdOrCtrl+O', click: () => void openRunDirectory(workbench, mainWindow()) },
        { label: 'Show Runs Folder', click: () => void shell.openPath(workbench.settings.runsFolder()) },
        { type: 'separator' },
        process.platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
        { type: 'separator' },
        { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}

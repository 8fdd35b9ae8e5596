// Electron's security checklist as code: no navigation (of the main frame or any subframe), no
// new windows, no webviews, no permissions, the CSP on every response, and links out only through
// the allow-list or the user's explicit yes (main/shell/external-links.ts). Applied to every web
// contents the app creates. IPC additionally checks the sending frame's origin (main.ts passes
// APP_ORIGIN to serveWindow); fuses are flipped at packaging (electron-builder.yml, electronFuses).

import { app, dialog, shell, type Session, type WebContents } from 'electron';
import { decideExternalLink } from '../../main/shell/external-links.js';
import { ELECTRON_CONTENT_SECURITY_POLICY } from '../../main/shell/app-files.js';

/** Opens a link in the system browser: at once if trusted, after the user saw the full address if https, else never. */
async function openExternally(url: string): Promise<void> {
  const decision = decideExternalLink(url);
  if (decision.kind === 'refuse') return;
  if (decision.kind === 'ask') {
    const answer = await dialog.showMessageBox({
      type: 'question', buttons: ['Cancel', 'Open in browser'], defaultId: 0, cancelId: 0, noLink: true,
      message: 'Open this address in your web browser?', detail: decision.url,
    });
    if (answer.response !== 1) return;
  }
  await shell.openExternal(decision.url);
}

export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    void openExternally(url);
  });
  // Also subframes (will-navigate sees the main frame only): the app's pages never navigate.
  contents.on('will-frame-navigate', (details) => details.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void openExternally(url);
    return { action: 'deny' };
  });
}

export function hardenSession(session: Session): void {
  // Nothing the app does needs a permission (camera, notifications, clipboard-read...): deny all.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [ELECTRON_CONTENT_SECURITY_POLICY] } });
  });
}

export function hardenEveryWindow(): void {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
}

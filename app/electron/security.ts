// Electron's security checklist as code: no navigation, no new windows, no webviews, no
// permissions, and the CSP on every response. Applied to every web contents the app creates.

import { app, shell, type Session, type WebContents } from 'electron';
import { ELECTRON_CONTENT_SECURITY_POLICY } from '../../main/shell/app-files.js';

/** Only https links leave the app, and then in the system browser, never in an app window. */
function openExternally(url: string): void {
  if (url.startsWith('https://')) void shell.openExternal(url);
}

export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openExternally(url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
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

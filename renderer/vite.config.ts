// Builds the renderer into build/renderer/. The base is relative ('./') so the same files load from
// file:// in Electron and from app/server in browser mode. No inline scripts: the server's CSP is
// `script-src 'self'`.

import { defineConfig } from 'vite';

/** This folder, without node:path (the renderer's lint forbids Node built-ins, this file included). */
const here = decodeURIComponent(new URL('.', import.meta.url).pathname);

export default defineConfig({
  root: here,
  base: './',
  // TSX through Vite's built-in transform (oxc) with React's automatic JSX runtime.
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: `${here}../build/renderer`,
    emptyOutDir: true,
    sourcemap: true,
    // A module preload polyfill would be an inline script.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
  },
  server: { host: '127.0.0.1' },
});

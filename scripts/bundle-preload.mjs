#!/usr/bin/env node
// Part of `npm run build`: the Electron preload as one self-contained CommonJS file
// (build/electron/preload.cjs), which electron-builder.yml packages. `npm start` makes it too.
import { bundlePreload } from './start.mjs';

bundlePreload().then(
  (file) => console.log(`bundled the Electron preload into ${file}`),
  (error) => {
    console.error(`could not bundle the Electron preload: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);

// Where the app keeps its settings: $MFGW_CONFIG_DIR, else the XDG config folder, else ~/.config.
// Tests and several side-by-side installs point MFGW_CONFIG_DIR at their own folder.

import { homedir } from 'node:os';
import path from 'node:path';

export function configDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.MFGW_CONFIG_DIR;
  if (explicit !== undefined && explicit !== '') return path.resolve(explicit);
  const xdg = env.XDG_CONFIG_HOME;
  // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  if (xdg !== undefined && path.isAbsolute(xdg)) return path.join(xdg, 'mfg-workbench');
  return path.join(homedir(), '.config', 'mfg-workbench');
}

/** The runs folder when the settings name none: $MFGW_RUNS_DIR, else ~/mfg-runs. */
export function defaultRunsFolder(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.MFGW_RUNS_DIR;
  if (explicit !== undefined && explicit !== '') return path.resolve(explicit);
  return path.join(homedir(), 'mfg-runs');
}

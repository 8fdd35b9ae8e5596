// Settings (persisted by the settings service), what the shell can do, and the connection.

import type { AppInfo, Capabilities, Settings } from '../../app/contract/index.js';

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface SettingsSlice {
  readonly settings: Settings | null;
  readonly appInfo: AppInfo | null;
  readonly capabilities: Capabilities | null;
  readonly connection: ConnectionState;
  readonly connectionMessage: string;
}

/** Until the service answers, the UI uses these (the contract's documented defaults). */
export const FALLBACK_SETTINGS: Settings = { version: 1, runsFolder: '', colormap: 'viridis', playbackFps: 20, liveSolve: true };

export function initialSettingsSlice(): SettingsSlice {
  return { settings: null, appInfo: null, capabilities: null, connection: 'connecting', connectionMessage: '' };
}

// The transport: Electron IPC through the preload bridge when the page runs in Electron, else the
// WebSocket of app/server next to the page (browser mode: the page's cookie carries the token).

import { appError, err, ok, type Result } from '../../app/contract/index.js';
import { findPreloadBridge } from '../../app/rpc/electron/bridge.js';
import { createIpcRendererTransport } from '../../app/rpc/electron/ipc-renderer.js';
import { connectWebSocket, RpcClient, rpcSocketUrl, type Transport } from '../../app/rpc/index.js';

export interface Connection {
  readonly client: RpcClient;
  readonly transport: 'electron-ipc' | 'websocket';
  /** Called once if the connection closes (the server stopped, the network dropped). */
  onClose(listener: (reason: string) => void): void;
}

function connection(transport: Transport, kind: Connection['transport']): Connection {
  return { client: new RpcClient(transport), transport: kind, onClose: (listener) => { transport.onClose(listener); } };
}

export async function connect(pageUrl: string = globalThis.location?.href ?? ''): Promise<Result<Connection>> {
  const bridge = findPreloadBridge(globalThis);
  if (bridge !== undefined) return ok(connection(createIpcRendererTransport(bridge), 'electron-ipc'));
  if (!/^https?:/.test(pageUrl)) {
    return err(appError('unsupported', `this page (${pageUrl || 'unknown address'}) has neither the Electron bridge nor a server to connect to; open the address \`mfgw web\` prints`));
  }
  const socket: Result<Transport> = await connectWebSocket(rpcSocketUrl(pageUrl));
  return socket.ok ? ok(connection(socket.value, 'websocket')) : socket;
}

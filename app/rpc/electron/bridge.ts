// The one object the preload exposes to the page (`window.mfgw`): send a message, receive messages.
// Generic on purpose (VS Code's preload): no service names, no Node, nothing the page could misuse.

/** The IPC channel the RPC uses in both directions. */
export const RPC_CHANNEL = 'mfgw:rpc';

/** `window[BRIDGE_KEY]` in the renderer. */
export const BRIDGE_KEY = 'mfgw';

export interface PreloadBridge {
  send(message: unknown): void;
  /** Returns the function that unsubscribes. */
  onMessage(listener: (message: unknown) => void): () => void;
}

/** The preload bridge if this page runs in Electron, undefined in a browser. */
export function findPreloadBridge(scope: object = globalThis): PreloadBridge | undefined {
  const candidate: unknown = Reflect.get(scope, BRIDGE_KEY);
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  const send: unknown = Reflect.get(candidate, 'send');
  const onMessage: unknown = Reflect.get(candidate, 'onMessage');
  if (typeof send !== 'function' || typeof onMessage !== 'function') return undefined;
  return {
    send: (message) => Reflect.apply(send, candidate, [message]),
    onMessage: (listener) => {
      const unsubscribe: unknown = Reflect.apply(onMessage, candidate, [listener]);
      return () => {
        if (typeof unsubscribe === 'function') Reflect.apply(unsubscribe, undefined, []);
      };
    },
  };
}

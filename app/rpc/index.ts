// Public API of the RPC core: pure TypeScript, runs in the renderer, in the browser and in Node.
// Node-only and Electron-only adapters are imported from their own files:
//   app/rpc/websocket-node.js        (server side of a WebSocket, over `ws`)
//   app/rpc/electron/ipc-main.js     (Electron main)
//   app/rpc/electron/preload.js      (Electron preload)
//   app/rpc/electron/ipc-renderer.js (Electron renderer)

export { RpcClient, type RpcClientOptions } from './client.js';
export { RpcServer, type RpcServerOptions, type ConnectOptions } from './server.js';
export {
  defineService, checkServiceDefinition,
  type ServiceDefinition, type ServiceShape, type MethodSchema, type ParamsSchema, type EventName,
  type ServiceProxy, type ProxyMethod, type EventSubscription, type ServiceImplementation,
  type ImplementationMethod, type EventPayload, type CallOptions, type CallContext,
} from './service.js';
export { TransportClosedError, type Transport } from './transport.js';
export { createMemoryTransportPair, type MemoryTransportPair, type MemoryTransportOptions } from './memory.js';
export {
  connectWebSocket, createWebSocketTransport, rpcSocketUrl,
  type WebSocketLike, type WebSocketTransportOptions, type ConnectWebSocketOptions,
} from './websocket.js';
export { encodeFrame, decodeFrame, FRAME_ALIGNMENT, UnsupportedValueError, MalformedFrameError } from './codec.js';
export {
  Float64ArraySchema, Float32ArraySchema, Int32ArraySchema, Uint32ArraySchema, Uint8ArraySchema,
  TYPED_ARRAY_NAMES, typedArrayName, describeValue, type TypedArrayName, type SupportedTypedArray,
} from './typed-arrays.js';
export { type ParamIssue, formatParamIssue } from './issues.js';
export {
  RpcMessageSchema, parseClientBound, parseServerBound, MAX_NAME_LENGTH,
  type RpcMessage, type CallMessage, type CancelMessage, type ResultMessage, type EventMessage,
} from './protocol.js';
export { consoleLogger, silentLogger, type Logger } from './logger.js';
export { toDisposable, type Disposable } from './disposable.js';

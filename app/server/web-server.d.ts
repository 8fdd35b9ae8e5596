import type { Logger } from '../rpc/logger.js';
import type { RpcServer } from '../rpc/server.js';
export declare const RPC_PATH = "/rpc";
/** Requests are specs and slice coordinates; the big payloads (field slices) go the other way. */
export declare const MAX_INCOMING_MESSAGE_BYTES: number;
export interface WebServerOptions {
    /** Loopback only: the token is the only lock, so the server is never reachable from the network. */
    host?: '127.0.0.1';
    /** 0 (default) picks a free port. */
    port?: number;
    /** The built renderer (index.html and its assets); may not exist yet. */
    staticDir: string;
    rpcServer: RpcServer;
    /** Default: 32 random bytes, base64url. */
    token?: string;
    logger?: Logger;
}
export interface WebServer {
    /** The address to open: it carries the token, which the server trades for a cookie. */
    url: string;
    /** http://127.0.0.1:<port> */
    origin: string;
    port: number;
    token: string;
    /** Stops listening, closes every socket (running calls are aborted) and frees the port. */
    close(): Promise<void>;
}
export declare function startWebServer(options: WebServerOptions): Promise<WebServer>;

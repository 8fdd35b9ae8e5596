// Public API of browser mode (`npm run web`, `mfgw web`).

export { startWebServer, RPC_PATH, MAX_INCOMING_MESSAGE_BYTES, type WebServer, type WebServerOptions } from './web-server.js';
export { generateToken } from './auth.js';
export { contentSecurityPolicy, SECURITY_HEADERS } from './responses.js';

// Public API of browser mode (`npm run web`, `mfgw web`).

export { startWebServer, RPC_PATH, MAX_INCOMING_MESSAGE_BYTES, type WebServer, type WebServerOptions } from './web-server.js';
export { generateToken } from './auth.js';
export { contentSecurityPolicy } from './responses.js';
export { BASE_SECURITY_HEADERS } from '../../main/shell/security-headers.js';

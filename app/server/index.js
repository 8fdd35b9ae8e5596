// Public API of browser mode (`npm run web`, `mfgw web`).
export { startWebServer, RPC_PATH, MAX_INCOMING_MESSAGE_BYTES } from './web-server.js';
export { generateToken } from './auth.js';
export { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './responses.js';
//# sourceMappingURL=index.js.map
export { startWebServer, RPC_PATH, MAX_INCOMING_MESSAGE_BYTES, type WebServer, type WebServerOptions } from './web-server.js';
export { generateToken } from './auth.js';
export { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './responses.js';

import type { ServerResponse } from 'node:http';
/** Strict, yet enough for a Vite-built React app with WebGL, workers and a WebSocket to itself. */
export declare const CONTENT_SECURITY_POLICY: string;
export declare const SECURITY_HEADERS: Readonly<Record<string, string>>;
export declare function applySecurityHeaders(response: ServerResponse): void;
/** A short page, never cached (it describes a state that will change). */
export declare function sendPage(response: ServerResponse, status: number, title: string, paragraphs: readonly string[]): void;
export declare const PAGES: {
    readonly unauthorized: readonly ["MFG Workbench: access token needed", readonly ["This server only answers requests that carry its access token.", "Open the full address that `mfgw web` (or `npm run web`) printed when it started: it ends in ?token=..."]];
    readonly forbiddenHost: readonly ["MFG Workbench: unexpected host", readonly ["Reach this server as 127.0.0.1 or localhost with its port (for a remote machine, forward the port with ssh -L)."]];
    readonly notBuilt: readonly ["MFG Workbench: the app is not built yet", readonly ["The browser app has not been built on this machine.", "Run `npm run build` in the repository, then reload this page."]];
    readonly notFound: readonly ["Not found", readonly ["There is no such file in the app."]];
    readonly badRequest: readonly ["Bad request", readonly ["The request path is not valid."]];
    readonly methodNotAllowed: readonly ["Method not allowed", readonly ["Only GET and HEAD are served here."]];
};

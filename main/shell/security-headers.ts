// The headers every response of the renderer carries in both shells, besides each shell's own
// Content-Security-Policy, which both build with policyConnectingTo (browser mode: its own ws origin,
// app/server/responses.ts; desktop: none, main/shell/app-files.ts).

export const BASE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** The app's policy with `connect` as its connect-src (the desktop shell connects to nothing: 'self'). */
export function policyConnectingTo(connect: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `connect-src ${connect}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

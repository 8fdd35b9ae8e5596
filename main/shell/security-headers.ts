// The headers every response of the renderer carries in both shells, besides each shell's own
// Content-Security-Policy (browser mode: app/server/responses.ts; desktop: main/shell/app-files.ts).

export const BASE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

// Which links may leave the desktop app for the system browser (shell.openExternal). Handing a URL
// to the operating system can start any program registered for its scheme (file:, smb:, custom
// protocol handlers), so only https is ever considered: addresses on the allow-list open at once,
// any other https address only after the user saw it in full and said yes, everything else never.
// The decision is here, without Electron, so it is tested; app/electron/security.ts acts on it.

/** Address prefixes that open without asking (the app links to nothing else today). */
export const TRUSTED_LINK_PREFIXES: readonly string[] = [];

export type LinkDecision = { kind: 'open'; url: string } | { kind: 'ask'; url: string } | { kind: 'refuse'; reason: string };

/** Characters that could hide or reorder part of the address shown to the user (controls, bidi overrides). */
const HIDING = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

export function decideExternalLink(raw: string, trusted: readonly string[] = TRUSTED_LINK_PREFIXES): LinkDecision {
  if (HIDING.test(raw)) return { kind: 'refuse', reason: 'the address contains control or direction characters' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { kind: 'refuse', reason: 'it is not an address' };
  }
  if (url.protocol !== 'https:') return { kind: 'refuse', reason: `only https links open outside the app, not ${url.protocol}` };
  if (url.username !== '' || url.password !== '') return { kind: 'refuse', reason: 'the address carries a user name or password' };
  const normalised = url.href;
  if (trusted.some((prefix) => normalised.startsWith(prefix))) return { kind: 'open', url: normalised };
  return { kind: 'ask', url: normalised };
}

import { describe, expect, it } from 'vitest';
import { decideExternalLink } from './external-links.js';

describe('links out of the desktop app', () => {
  it('opens trusted https addresses at once and asks for any other https address, shown in full', () => {
    const trusted = ['https://docs.example.org/mfgw/'];
    expect(decideExternalLink('https://docs.example.org/mfgw/clusters', trusted)).toEqual({ kind: 'open', url: 'https://docs.example.org/mfgw/clusters' });
    expect(decideExternalLink('https://docs.example.org/mfgw.evil.example/', trusted)).toEqual({ kind: 'ask', url: 'https://docs.example.org/mfgw.evil.example/' });
    expect(decideExternalLink('https://docs.example.org.evil.example/mfgw/', trusted).kind).toBe('ask');
    expect(decideExternalLink('https://example.org/paper.pdf')).toEqual({ kind: 'ask', url: 'https://example.org/paper.pdf' });
  });

  it('never hands other schemes, credentials or hidden characters to the operating system', () => {
    for (const url of ['http://example.org/', 'file:///etc/passwd', 'smb://host/share', 'javascript:alert(1)', 'vscode://x', 'ms-msdt:/id',
      'https://user:pw@example.org/', 'https://example.org/\u202e', 'https://exa\nmple.org/', 'not a url']) {
      expect(decideExternalLink(url, ['https://']).kind, url).toBe('refuse');
    }
  });
});

// Strings that would run code if a value were pasted into shell source instead of quoted. Shared by
// the quoting unit test and the loopback integration test (which checks that no marker file appears
// on the remote side). `MARKER` is replaced by a path the test owns.

export const INJECTION_CORPUS: readonly string[] = [
  'plain',
  'with space',
  "it's",
  'double "quoted"',
  '$(touch MARKER)',
  '`touch MARKER`',
  '; touch MARKER',
  '&& touch MARKER',
  '| touch MARKER',
  'a\ntouch MARKER',
  "'; touch MARKER; echo '",
  '"; touch MARKER; echo "',
  '$HOME ${HOME} $((1+1))',
  '\\$(touch MARKER)',
  '*?[a-z]~',
  '-rf',
  '',
  '\t tab and trailing space ',
  'ünïcödé ✓',
  '> MARKER',
  '#not a comment',
];

export function corpusWithMarker(marker: string): string[] {
  return INJECTION_CORPUS.map((entry) => entry.replaceAll('MARKER', marker));
}

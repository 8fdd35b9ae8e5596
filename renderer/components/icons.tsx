// Small inline SVG icons for the time bar (glyphs like ⏮ are missing from many system fonts).
// Decorative: every button that uses one has its own aria-label.

const PATHS = {
  first: 'M3 2h2v12H3zM14 2v12L6 8z',
  previous: 'M12 2v12L4 8z',
  play: 'M4 2l10 6-10 6z',
  pause: 'M3 2h4v12H3zM9 2h4v12H9z',
  next: 'M4 2l8 6-8 6z',
  last: 'M11 2h2v12h-2zM2 2l8 6-8 6z',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name }: { readonly name: IconName }) {
  return (
    <svg width="12" height="12" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  );
}

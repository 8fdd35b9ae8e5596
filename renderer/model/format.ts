// How numbers, durations and dates read in the UI: significant digits rather than fixed decimals
// (parameters span decades), exponent notation outside [1e-3, 1e5), units after a thin space.

/** A number with `digits` significant digits, trailing zeros dropped: 0.01, 1.5e-10, 12345. */
export function formatNumber(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (value === Number.POSITIVE_INFINITY) return '∞';
  if (value === Number.NEGATIVE_INFINITY) return '−∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e5) {
    const text = Number(value.toPrecision(digits)).toString();
    // toString switches to exponents below 1e-6 only, so this stays positional here.
    return text.replace('-', '−');
  }
  const [mantissa = '', exponent = ''] = value.toExponential(Math.max(0, digits - 1)).split('e');
  const trimmed = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
  const power = exponent.startsWith('+') ? exponent.slice(1) : exponent;
  return `${trimmed}e${power}`.replace(/-/g, '−');
}

/** A number for an editable field: plain JavaScript syntax (a hyphen-minus), full precision up to 6 digits. */
export function formatEditable(value: number | null): string {
  if (value === null) return '';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  const text = magnitude >= 1e-4 && magnitude < 1e6 ? Number(value.toPrecision(6)).toString() : value.toExponential();
  return text.replace(/(\.\d*?)0+e/, '$1e').replace(/\.e/, 'e').replace('e+', 'e');
}

export function formatWithUnit(value: number | null | undefined, unit: string, digits = 4): string {
  const text = formatNumber(value, digits);
  return unit === '' || text === '—' ? text : `${text} ${unit}`;
}

/** Seconds as the most readable unit: 850 µs, 12.3 ms, 4.56 s, 2 min 05 s. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '—';
  if (seconds < 1e-3) return `${Math.round(seconds * 1e6)} µs`;
  if (seconds < 1) return `${Number((seconds * 1e3).toPrecision(3))} ms`;
  if (seconds < 60) return `${Number(seconds.toPrecision(3))} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round(seconds - 60 * minutes);
  return `${minutes} min ${String(rest).padStart(2, '0')} s`;
}

/** An ISO 8601 time as local "YYYY-MM-DD HH:MM" (the runs list); '—' when absent or unreadable. */
export function formatDate(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

const STATUS_LABELS: Readonly<Record<string, string>> = {
  running: 'running',
  converged: 'converged',
  not_converged: 'not converged',
  diverged: 'diverged',
  cancelled: 'cancelled',
  interrupted: 'interrupted (resume with mfg-solve --resume)',
  failed: 'failed',
  damaged: 'damaged',
};

export function formatStatus(status: string): string {
  return STATUS_LABELS[status] ?? status.replace(/_/g, ' ');
}

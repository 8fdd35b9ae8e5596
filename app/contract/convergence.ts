// Reads convergence.csv (docs/run-directory.md) into typed rows. Pure string work so the renderer
// can parse what a service read from disk. Columns are found by header name, so a newer solver may
// add or reorder columns.

import { CONVERGENCE_COLUMNS, ConvergenceRowSchema, type ConvergenceRow } from './events.js';
import { describeReceived } from './received.js';
import type { SpecIssue } from './spec-issues.js';

export type ConvergenceParse = { ok: true; rows: ConvergenceRow[] } | { ok: false; issues: SpecIssue[] };

/** Reads a C/C++ printed double: printf writes nan, inf and -inf; an empty cell is not a number. */
export function parseCsvNumber(text: string): number | undefined {
  const cell = text.trim().toLowerCase();
  if (cell === 'nan' || cell === '-nan' || cell === '+nan') return Number.NaN;
  if (cell === 'inf' || cell === '+inf' || cell === 'infinity' || cell === '+infinity') return Number.POSITIVE_INFINITY;
  if (cell === '-inf' || cell === '-infinity') return Number.NEGATIVE_INFINITY;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(cell)) return undefined;
  return Number(cell);
}

export function parseConvergenceCsv(text: string): ConvergenceParse {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((name) => name.trim());
  const missing = CONVERGENCE_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    return { ok: false, issues: [{ path: 'line.1', message: `expected the columns ${CONVERGENCE_COLUMNS.join(',')}, missing ${missing.join(', ')}` }] };
  }
  const rows: ConvergenceRow[] = [];
  const issues: SpecIssue[] = [];
  lines.slice(1).forEach((line, index) => {
    if (line.trim() === '') return;
    const lineNumber = index + 2;
    const parsed = parseRow(header, line.split(','), lineNumber);
    if ('issues' in parsed) issues.push(...parsed.issues);
    else rows.push(parsed.row);
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, rows };
}

type RowParse = { row: ConvergenceRow } | { issues: SpecIssue[] };

function parseRow(header: readonly string[], cells: readonly string[], lineNumber: number): RowParse {
  const record: Record<string, unknown> = {};
  const issues: SpecIssue[] = [];
  header.forEach((column, i) => {
    const cell = cells[i] ?? '';
    if (column === 'phase') {
      record[column] = cell.trim();
      return;
    }
    const value = parseCsvNumber(cell);
    if (value === undefined && (CONVERGENCE_COLUMNS as readonly string[]).includes(column)) {
      issues.push({ path: `line.${lineNumber}.${column}`, message: `expected a number, received ${describeReceived(cell)}` });
    }
    record[column] = value ?? cell;
  });
  if (issues.length > 0) return { issues };
  const checked = ConvergenceRowSchema.safeParse(record);
  if (checked.success) return { row: checked.data };
  return {
    issues: checked.error.issues.map((issue) => ({ path: ['line', lineNumber, ...issue.path].map(String).join('.'), message: issue.message })),
  };
}

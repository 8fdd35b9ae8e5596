// Reading what a person typed into a number field against the field's rule (the same limits the
// contract's schema enforces), with the contract's wording: "expected a number >= 0, received -1".

import { describeNumericRule, type NumericFieldInfo } from '../../app/contract/index.js';

export type NumericParse = { ok: true; value: number | null } | { ok: false; message: string };

/** Accepts JavaScript number syntax plus the typographic minus the UI displays. */
export function parseNumericInput(text: string, info: NumericFieldInfo): NumericParse {
  const trimmed = text.trim().replace(/\u2212/g, '-');
  const rule = describeNumericRule(info);
  const refuse = (received: string): NumericParse => ({ ok: false, message: `expected ${rule}, received ${received}` });
  if (trimmed === '' || trimmed === 'null' || trimmed === 'off') {
    return info.nullable ? { ok: true, value: null } : refuse('nothing');
  }
  // Number('') is 0 and Number('0x10') is 16: only plain decimal notation is a number here.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed)) return refuse(`'${text.trim()}'`);
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return refuse(trimmed);
  if (info.integer && !Number.isInteger(value)) return refuse(trimmed);
  if (info.min !== null && (info.minExclusive ? value <= info.min : value < info.min)) return refuse(trimmed);
  if (info.max !== null && (info.maxExclusive ? value >= info.max : value > info.max)) return refuse(trimmed);
  return { ok: true, value };
}

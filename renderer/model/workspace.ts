// The workspace document (app/contract/workspace.ts) from the store, and back: what is restored is
// checked field by field against the current defaults (tldraw's rule: every persisted record has a
// validator), so a workspace written by an older or newer version, or edited by hand, restores what
// is still valid and takes the defaults for the rest. Pure.

import {
  SIDEBAR_TABS, validateSpec, WORKSPACE_FORMAT, WORKSPACE_VERSION,
  type MfgSpec, type SpecIssue, type Workspace,
} from '../../app/contract/index.js';
import { VIEW_COLORMAPS } from './color-scale.js';

/** The values a string field may take, by its key (every string of the display options is one of a few). */
const CHOICES: Readonly<Record<string, readonly string[]>> = {
  colormap: VIEW_COLORMAPS, limits: ['robust', 'fixed', 'auto', 'manual'], field: ['u', 'm'], mode: ['composite', 'mip', 'iso'],
  along: ['x', 'y'], axis: ['x', 'y', 'z'],
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** `candidate` where it has the shape and values of `fallback`, `fallback` elsewhere (recursively). */
export function mergeChecked<T>(fallback: T, candidate: unknown, key = ''): T {
  if (isRecord(fallback)) {
    if (!isRecord(candidate)) return fallback;
    const merged: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(fallback)) merged[name] = mergeChecked(value, candidate[name], name);
    return merged as T;
  }
  if (Array.isArray(fallback)) return checkedArray(fallback, candidate) as T;
  if (fallback === null) {
    // Nullable options: manual limits [lo, hi], or a number (the texture limit).
    if (key === 'manual') {
      const pair = Array.isArray(candidate) && candidate.length === 2 && candidate.every(isFiniteNumber) && (candidate[0] as number) < (candidate[1] as number);
      return (candidate === null || pair ? candidate : fallback) as T;
    }
    return (candidate === null || isFiniteNumber(candidate) ? candidate : fallback) as T;
  }
  switch (typeof fallback) {
    case 'number': return (isFiniteNumber(candidate) ? candidate : fallback) as T;
    case 'boolean': return (typeof candidate === 'boolean' ? candidate : fallback) as T;
    case 'string': {
      const choices = CHOICES[key];
      return (typeof candidate === 'string' && (choices === undefined || choices.includes(candidate)) ? candidate : fallback) as T;
    }
    default: return fallback;
  }
}

/** Arrays of points ({s, a}): kept when every element has the first default element's shape. */
function checkedArray(fallback: readonly unknown[], candidate: unknown): readonly unknown[] {
  const model = fallback[0];
  if (!Array.isArray(candidate) || candidate.length < 2 || candidate.length > 64 || !isRecord(model)) return fallback;
  const ok = candidate.every((item) => isRecord(item) && Object.keys(model).every((name) => isFiniteNumber(item[name])));
  return ok ? candidate.map((item) => mergeChecked(model, item)) : fallback;
}

export interface WorkspaceParts<Map, Volume> {
  readonly spec: MfgSpec;
  readonly presetId: string | null;
  readonly map: Map;
  readonly volume: Volume;
  readonly sidebarTab: (typeof SIDEBAR_TABS)[number];
}

export function toWorkspace<Map, Volume>(parts: WorkspaceParts<Map, Volume>, now: Date = new Date()): Workspace {
  return {
    format: WORKSPACE_FORMAT, version: WORKSPACE_VERSION, saved: now.toISOString(), spec: parts.spec, presetId: parts.presetId,
    display: { map: parts.map, volume: parts.volume }, sidebarTab: parts.sidebarTab,
  };
}

export type Restored<Map, Volume> =
  | { readonly ok: true; readonly value: WorkspaceParts<Map, Volume> }
  | { readonly ok: false; readonly issues: readonly SpecIssue[] };

/** A workspace's parts, its display checked against the defaults; refused when its spec does not validate. */
export function fromWorkspace<Map, Volume>(workspace: Workspace, defaults: { map: Map; volume: Volume }): Restored<Map, Volume> {
  const checked = validateSpec(workspace.spec);
  if (!checked.ok) return { ok: false, issues: checked.issues };
  return {
    ok: true,
    value: {
      spec: checked.spec, presetId: workspace.presetId, sidebarTab: workspace.sidebarTab,
      map: mergeChecked(defaults.map, workspace.display.map), volume: mergeChecked(defaults.volume, workspace.display.volume),
    },
  };
}

// The workspace: what a researcher expects to find again after a reload or a restart of the server
// (the spec being edited, the preset it came from, the display options of the views, the open
// sidebar tab). One versioned document, kept by the services in the config folder (browser mode
// picks a free port each start, so the browser's own storage would not survive a restart), and
// the same document as a saved session file (Open/Save session). Display options are the
// renderer's business: the contract carries them as JSON, and the renderer checks them field by
// field when it restores them (renderer/model/workspace.ts).

import { z } from 'zod';

export const WORKSPACE_FORMAT = 'mfgw-workspace';
export const WORKSPACE_VERSION = 1;
export const SIDEBAR_TABS = ['model', 'runs', 'clusters', 'settings'] as const;

/** At most this many bytes of JSON per workspace (a spec is a few kB; the limit stops abuse). */
export const MAX_WORKSPACE_BYTES = 1 << 20;

export const WorkspaceSchema = z.object({
  format: z.literal(WORKSPACE_FORMAT),
  version: z.literal(WORKSPACE_VERSION),
  /** When it was written (ISO 8601). */
  saved: z.string().max(64),
  /** The spec as edited; validated with validateSpec when restored (a bad one is not restored). */
  spec: z.unknown(),
  presetId: z.string().max(200).nullable(),
  display: z.object({ map: z.unknown(), volume: z.unknown() }),
  sidebarTab: z.enum(SIDEBAR_TABS),
});
export type Workspace = z.output<typeof WorkspaceSchema>;

export const WorkspaceService = {
  name: 'workspace',
  methods: {
    /** The last saved workspace; null when there is none (or the session keeps none: MFGW_WORKSPACE=off). */
    get: { params: z.tuple([]), result: WorkspaceSchema.nullable() },
    /** Keeps the workspace (the renderer calls it a moment after each change). */
    save: { params: z.tuple([WorkspaceSchema]), result: z.object({ saved: z.boolean() }) },
  },
  events: {},
} as const;

// UI state that is neither parameters nor data: the sidebar tab and the last notice.

export type SidebarTab = 'model' | 'runs' | 'clusters' | 'settings';

export interface Notice {
  readonly id: number;
  readonly kind: 'info' | 'error';
  readonly text: string;
}

export interface UiSlice {
  readonly sidebarTab: SidebarTab;
  readonly notice: Notice | null;
  /** The Help panel (F1, ?) is open. */
  readonly helpOpen: boolean;
}

export function initialUiSlice(): UiSlice {
  return { sidebarTab: 'model', notice: null, helpOpen: false };
}

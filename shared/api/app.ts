export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];

export interface AppInfo {
  version: string;
  /** 'electron' in the desktop app, 'harness' in the browser harness. */
  shell: 'electron' | 'harness';
  locale: Locale;
}

export type SyncState =
  | 'local-only'
  | 'signed-out'
  | 'connecting'
  | 'syncing'
  | 'online'
  | 'offline'
  | 'error'
  | 'update-required'
  | 'session-ended';

export interface SyncStatusView {
  state: SyncState;
  pendingLocalChanges: number;
  lastSuccessAt: string | null;
  lastError: { code: string; message: string } | null;
  /** Progress of the first full download, null once every collection has it. */
  initialSync: { collection: string; done: number; total?: number } | null;
}

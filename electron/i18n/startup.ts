import type { Locale } from '../../shared/api/app';

/** What the app says when it cannot open its local store, per language. `{path}` is the file. */
export const startupMessages = {
  en: {
    title: 'CIMS cannot open its local data',
    STORAGE_CORRUPT:
      'The local database file is damaged: {path}\nNothing was deleted. Close CIMS, move that file to a safe place (support can recover unsynced work from it), then start CIMS again: it creates a new local store and downloads your data from the server again.',
    STORAGE_DISK_FULL: 'The disk holding {path} is full. Free some space, then start CIMS again.',
    STORAGE_DIR_UNAVAILABLE: 'The data folder cannot be written: {path}\nCheck that it exists and that you may write to it, then start CIMS again.',
    other: 'The local store failed to open: {detail}\nStart CIMS again; if this persists, contact support.',
  },
  'zh-CN': {
    title: 'CIMS 无法打开本地数据',
    STORAGE_CORRUPT:
      '本地数据库文件已损坏：{path}\n未删除任何数据。请关闭 CIMS，将该文件移到安全位置（技术支持可从中恢复未同步的工作），然后重新启动 CIMS：系统将新建本地存储并从服务器重新下载您的数据。',
    STORAGE_DISK_FULL: '{path} 所在磁盘已满。请释放空间后重新启动 CIMS。',
    STORAGE_DIR_UNAVAILABLE: '无法写入数据文件夹：{path}\n请确认该文件夹存在且您有写入权限，然后重新启动 CIMS。',
    other: '本地存储无法打开：{detail}\n请重新启动 CIMS；如果问题持续，请联系技术支持。',
  },
} as const satisfies Record<Locale, Record<string, string>>;

export const describeStartupError = (error: unknown, locale: Locale): { title: string; message: string } => {
  const texts = startupMessages[locale];
  const code = (error as { code?: unknown } | null)?.code;
  const path = String((error as { path?: unknown } | null)?.path ?? '');
  const template =
    code === 'STORAGE_CORRUPT' || code === 'STORAGE_DISK_FULL' || code === 'STORAGE_DIR_UNAVAILABLE' ? texts[code] : texts.other;
  const detail = error instanceof Error ? error.message : String(error);
  return { title: texts.title, message: template.replace('{path}', path).replace('{detail}', detail) };
};

/** The title of the folder dialog of "export unsynced work" on the recovery screen. */
export const recoveryDialogTitle = (locale: Locale): string =>
  locale === 'zh-CN' ? '选择保存未同步工作的文件夹' : 'Choose the folder for the unsynced work';

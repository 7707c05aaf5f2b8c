import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnsyncedExportFile } from '../../../../../shared/api/session';
import { useCommand } from '../../../data/useCommand';
import { downloadText } from '../../../components/download';

/** Exports local work the server has not acknowledged, so it is never lost (Z4). */
export const useExportUnsynced = () => {
  const { t } = useTranslation('session');
  const exported = useCallback((file: UnsyncedExportFile) => t('exported', { count: file.documents }), [t]);
  const command = useCommand('session.exportUnsynced', { success: exported });
  /** True once the file was handed to the user. */
  const run = async (): Promise<boolean> => {
    const result = await command.run({});
    if (result.ok) downloadText(result.value.fileName, result.value.json);
    return result.ok;
  };
  return { run, busy: command.pending, error: command.error, exported: command.result?.documents ?? null };
};

import { useState } from 'react';
import type { ApiError } from '../../../../shared/api/result';
import { useTransport } from '../../api/context';
import { downloadText } from './download';

/** Exports local work the server has not acknowledged, so it is never lost (Z4). */
export const useExportUnsynced = () => {
  const transport = useTransport();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [exported, setExported] = useState<number | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    const result = await transport.invoke('session.exportUnsynced', {});
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    downloadText(result.value.fileName, result.value.json);
    setExported(result.value.documents);
  };
  return { run, busy, error, exported };
};

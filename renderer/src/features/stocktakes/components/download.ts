import type { StocktakeExport } from '../../../../../shared/api/stocktakes';

/** Saves an exported file through the browser's download (the desktop shell shows a save dialog). */
export const downloadExport = (file: StocktakeExport): void => {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.contentType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};

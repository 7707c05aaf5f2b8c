import { dialog, type BrowserWindow } from 'electron';

/** Asks for the folder an export goes to; null when the user cancels. */
export const chooseFolder = async (window: BrowserWindow | null, title: string): Promise<string | null> => {
  const options = { title, properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[] };
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
};

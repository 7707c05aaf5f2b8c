/**
 * Small JSON files beside the database (settings, notification state): read with a schema
 * and written atomically (temp file + rename), so a crash never leaves half a file.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { z } from 'zod';

/** The file's content, or `fresh()` when it is missing or unreadable (said in the log). */
export const readJsonFile = async <T>(file: string, schema: z.ZodType<T>, fresh: () => T, what: string): Promise<{ value: T; created: boolean }> => {
  try {
    return { value: schema.parse(JSON.parse(await readFile(file, 'utf8'))), created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') console.warn(`[cims] ${what} unreadable, starting fresh`, error);
    return { value: fresh(), created: true };
  }
};

export const writeJsonAtomic = async (file: string, value: unknown): Promise<void> => {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(value, null, 2), { mode: 0o600 });
  await rename(temp, file);
};

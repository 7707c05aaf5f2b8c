import argon2 from 'argon2';

/** argon2id hashes. `memoryKib` comes from config (tests use a cheap setting). */
export function hashPassword(password: string, memoryKib: number): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, memoryCost: memoryKib, timeCost: 3, parallelism: 1 });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

// One rule for the admin screens' forms and the server.
export { MIN_PASSWORD_LENGTH } from '../../shared/sync/admin';

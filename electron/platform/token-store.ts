import { safeStorage } from 'electron';
import type { TokenStore } from '../sync/tokens';
import { createEncryptedTokenStore } from '../core/encrypted-token-store';

/** The app's token store: encrypted with the OS keychain (DPAPI, Keychain, libsecret). */
export const createSafeStorageTokenStore = (filePath: string): TokenStore =>
  createEncryptedTokenStore(filePath, {
    isAvailable: () => safeStorage.isEncryptionAvailable(),
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (data) => safeStorage.decryptString(data),
  });

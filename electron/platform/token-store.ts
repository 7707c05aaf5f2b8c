import { safeStorage } from 'electron';
import type { TokenStore } from '../sync/tokens';
import { createEncryptedTokenStore } from '../core/encrypted-token-store';

/**
 * The app's token store: encrypted with the OS keychain (DPAPI, Keychain, libsecret). On Linux
 * without a keyring, Chromium falls back to a fixed password (`basic_text`): that is no
 * protection, so the tokens then stay in memory and the sign-in dialog says so.
 */
export const createSafeStorageTokenStore = (filePath: string): TokenStore =>
  createEncryptedTokenStore(filePath, {
    isAvailable: () => safeStorage.isEncryptionAvailable() && !(process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text'),
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (data) => safeStorage.decryptString(data),
  });

/**
 * Imported by every component test: vitest runs without globals here, so Testing Library
 * cannot register its own cleanup. Each test starts with an empty page and no saved
 * preferences.
 */
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

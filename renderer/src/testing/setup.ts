/**
 * Imported by every component test: vitest runs without globals here, so Testing Library
 * cannot register its own cleanup. Each test starts with an empty page and no saved
 * preferences.
 */
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// The charts measure their containers; jsdom has no ResizeObserver (the tables carry the figures).
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as unknown as typeof ResizeObserver;

afterEach(() => {
  cleanup();
  localStorage.clear();
});

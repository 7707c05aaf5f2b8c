import 'i18next';
import type { en } from './resources';

// Keys are checked against the English messages: a missing or misspelt key fails typecheck.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: typeof en;
  }
}

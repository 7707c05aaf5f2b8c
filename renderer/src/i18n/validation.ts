import type { en } from './common/en';

export type ValidationKey = `validation.${keyof (typeof en)['validation']}`;

/**
 * Schema messages in shared/ are i18n keys (`validation.titleTooShort`); anything else, such
 * as a message written by the core, shows as the generic "not valid" text.
 */
export const validationKey = (message: string): ValidationKey =>
  message.startsWith('validation.') ? (message as ValidationKey) : 'validation.invalid';

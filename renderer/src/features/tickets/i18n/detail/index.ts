import { en } from './en';
import { zhCN } from './zh-CN';

/** Texts of the ticket screen (`#/tickets/:number`), in their own namespace. */
export const messages = { en, 'zh-CN': zhCN };

import { DEMO_PASSWORD } from '../../shared/domain/demo';
import { COMMON_PASSWORDS } from './common-passwords';

const common = new Set(COMMON_PASSWORDS.split('\n').map((p) => p.trim().toLowerCase()).filter(Boolean));

/** Lower case, compatibility forms folded (full-width letters are the same password to a guesser). */
const fold = (s: string) => s.normalize('NFKC').trim().toLowerCase();

/** The word under the usual decoration: "Sunshine2024!" and "password1234" are their list entries with digits and signs around them. */
const core = (s: string) => s.replace(/^[\d\W_]+|[\d\W_]+$/gu, '');

export interface PasswordContext {
  minLength: number;
  /** The person's username and display name: neither may be the password. */
  names: (string | undefined)[];
  /** The demo organisation's shared password is allowed only on a server started with the demo. */
  demo: boolean;
}

/**
 * Why a password is refused, or null: shorter than the organisation's minimum, one of the most
 * used passwords (also with digits or signs around it), or the person's own username or name.
 * NIST SP 800-63B asks for exactly these checks, in place of composition rules.
 */
export function passwordRefusal(password: string, ctx: PasswordContext): string | null {
  if (ctx.demo && password === DEMO_PASSWORD) return null;
  if ([...password].length < ctx.minLength) return `The password needs at least ${ctx.minLength} characters`;
  const folded = fold(password);
  const word = core(folded);
  if (common.has(folded) || (word.length >= 4 && common.has(word))) return 'This password is too common: choose one that is harder to guess';
  const names = ctx.names.filter((n): n is string => !!n).map(fold);
  if (names.some((n) => n === folded || (word.length >= 4 && core(n) === word))) return "The password must not be the person's username or name";
  return null;
}

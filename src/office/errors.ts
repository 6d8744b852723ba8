/**
 * The Office errors the writer turns into problems a user can act on (core/problem.ts, messages.ts): a
 * password-protected sheet to replace, a sheet that is gone. Any other Office error goes on as it is
 * (the pane explains it by its code).
 */
import { Problem } from '../core/problem';
import { M } from './messages';

/**
 * An Office error of the unprotect that starts a replacing insertion (a sheet protected with a password
 * by someone else; the batch stopped there, nothing changed) → the problem naming the sheets being
 * replaced, with the Office error's message as details; anything else unchanged.
 */
export function protectedOr(e: unknown, replacing: string[]): unknown {
  const info = (e as { debugInfo?: { errorLocation?: string } } | null)?.debugInfo;
  if (!replacing.length || !/unprotect/i.test(info?.errorLocation ?? '')) return e;
  return new Problem(M.protectedSheets, { sheets: replacing }, { details: String((e as Error).message ?? e), cause: e });
}

/** ItemNotFound from a batch that names sheets → the problem naming them; anything else unchanged. */
export function missingSheetOr(e: unknown, names: string[]): unknown {
  const code = (e as { code?: string } | null)?.code;
  return code === 'ItemNotFound'
    ? new Problem(M.missingSheet, { sheets: names }, { details: String((e as Error).message ?? ''), cause: e })
    : e;
}

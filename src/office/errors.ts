/**
 * The errors of the Office.js writer that the task pane explains as such (what went wrong, what to do),
 * and the translation of Office errors into them.
 */

/** An error the task pane explains as such: what went wrong and what to do. */
export class WriterError extends Error {
  /**
   * @param code `busy`: custom functions still calculating (#BUSY!) after the reader's retries;
   *   `protected`: a sheet to replace is protected with a password (nothing was changed)
   * @param sheets the sheets it is about
   */
  constructor(
    message: string,
    readonly code: 'not-in-excel' | 'missing-sheet' | 'bad-spec' | 'busy' | 'protected',
    readonly details?: string,
    readonly sheets?: string[],
  ) {
    super(message);
    this.name = 'WriterError';
  }
}

/**
 * An Office error of the unprotect that starts a replacing insertion (a sheet protected with a password
 * by someone else; the batch stopped there, nothing changed) → WriterError 'protected' naming the sheets
 * being replaced; anything else unchanged.
 */
export function protectedOr(e: unknown, replacing: string[]): unknown {
  const info = (e as { debugInfo?: { errorLocation?: string } } | null)?.debugInfo;
  if (!replacing.length || !/unprotect/i.test(info?.errorLocation ?? '')) return e;
  return new WriterError(
    `A sheet to replace (${replacing.map((n) => `"${n}"`).join(', ')}) is protected with a password: nothing was changed.`,
    'protected',
    String((e as Error).message ?? e),
    replacing,
  );
}

function missingSheet(names: string[]): WriterError {
  return new WriterError(`The workbook has no sheet ${names.map((n) => `"${n}"`).join(', ')}.`, 'missing-sheet');
}

/** ItemNotFound from a batch that names sheets → a WriterError naming them; anything else unchanged. */
export function missingSheetOr(e: unknown, names: string[]): unknown {
  const code = (e as { code?: string } | null)?.code;
  return code === 'ItemNotFound' ? Object.assign(missingSheet(names), { details: String((e as Error).message ?? '') }) : e;
}

/**
 * Runs `fn`, a step that reads the spec (templates/render.ts, plan.ts); a plain Error it throws (an unknown
 * style, a bad address or reference) becomes WriterError 'bad-spec' with the same message.
 */
export function asBadSpec<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof WriterError) throw e;
    throw new WriterError(String((e as Error)?.message ?? e), 'bad-spec');
  }
}

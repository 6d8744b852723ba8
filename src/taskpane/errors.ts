/**
 * Every failure the task pane shows goes through `describeError`: what went wrong (title, text) and
 * what to do (action), in the pane's language, with the technical details (an Office error's
 * `debugInfo`) kept for a "Details" disclosure.
 */
import type { Strings } from './strings';

export interface Problem {
  title: string;
  text: string;
  action: string;
  /** technical details: code, message, debugInfo (JSON) or stack */
  details?: string;
}

interface OfficeLikeError {
  name?: string;
  code?: string;
  message?: string;
  debugInfo?: { code?: string; message?: string; errorLocation?: string; statement?: string; surroundingStatements?: string[] };
}

/** Office error codes (OfficeExtension.ErrorCodes / Excel.ErrorCodes) → the action key in Strings.act. */
const OFFICE_ACTIONS: Record<string, string> = {
  InvalidOperationInCellEditMode: 'cellEdit',
  AccessDenied: 'accessDenied',
  ItemAlreadyExists: 'exists',
  ItemNotFound: 'notFound',
  RequestPayloadSizeLimitExceeded: 'tooBig',
  ResponsePayloadSizeLimitExceeded: 'tooBig',
  ApiNotFound: 'apiNotFound',
  ActivityLimitReached: 'busy',
  Conflict: 'busy',
  NonBlankCellOffSheet: 'retry',
};

const isOfficeError = (e: OfficeLikeError): boolean =>
  !!e && typeof e === 'object' && typeof e.code === 'string' && (e.debugInfo !== undefined || /RichApi|OfficeExtension/.test(e.name ?? ''));

/**
 * What went wrong and what to do, for any thrown value: an input problem (InputError: every row named),
 * a writer problem (WriterError), a part of the pane that could not be loaded (ChunkError), an Office error (OfficeExtension.Error: code → action, debugInfo in
 * the details) or anything else.
 */
export function describeError(e: unknown, S: Strings): Problem {
  const err = (e ?? {}) as OfficeLikeError & { issues?: string[]; stack?: string; details?: string; sheets?: string[] };
  const msg = String(err.message ?? e);
  if (e instanceof PaneError) return { title: e.title ?? S.err.input, text: e.message, action: e.action };
  if (e instanceof ChunkError) return { title: S.err.chunk, text: S.chunkFailed, action: S.act.chunk, details: e.message };
  if (err.name === 'InputError') {
    const issues = Array.isArray(err.issues) && err.issues.length ? err.issues : [msg];
    const shown = issues.slice(0, 8).join('\n') + (issues.length > 8 ? `\n… (+${issues.length - 8})` : '');
    return { title: S.err.input, text: shown, action: /month|月份/.test(msg) ? S.act.month : S.act.fixCsv };
  }
  if (err.name === 'WriterError') {
    const code = (err as { code?: string }).code;
    if (code === 'missing-sheet') return { title: S.err.missingSheet, text: msg, action: S.act.insertFirst, details: err.details };
    if (code === 'not-in-excel') return { title: S.err.notInExcel, text: msg, action: S.act.openInExcel };
    // said in the pane's language (the writer's message is English): #BUSY! after the retries; a password
    if (code === 'busy') return { title: S.err.calculating, text: S.stillCalculating, action: S.act.calcRetry };
    if (code === 'protected')
      return { title: S.err.protected, text: S.protectedSheets(err.sheets ?? []), action: S.act.protectedSheet, details: err.details };
    return { title: S.err.badSpec, text: msg, action: S.act.retry, details: err.stack };
  }
  if (isOfficeError(err)) {
    const code = err.code!;
    const action = S.act[OFFICE_ACTIONS[code] ?? OFFICE_ACTIONS[err.debugInfo?.code ?? ''] ?? 'retry'];
    const details = JSON.stringify({ code, message: err.message, debugInfo: err.debugInfo }, null, 2);
    // editing a cell blocks every API call: a title that says so, not only the code
    if (code === 'InvalidOperationInCellEditMode') return { title: `${S.err.cellEdit} (${code})`, text: msg, action, details };
    return { title: `${S.err.office} (${code})`, text: msg, action, details };
  }
  return { title: S.err.unexpected, text: msg, action: S.act.retry, details: err.stack };
}

/** A failure of the pane itself, with the action to take (e.g. an .xlsx roster uploaded). */
export class PaneError extends Error {
  constructor(
    message: string,
    readonly action: string,
    readonly title?: string,
  ) {
    super(message);
    this.name = 'PaneError';
  }
}

/**
 * An on-demand chunk of the pane's code (chunks.ts) could not be loaded: no network, or a newer
 * deployment replaced the files. Worded when shown (describeError), in the pane's language.
 */
export class ChunkError extends Error {
  constructor(
    readonly chunk: string,
    cause: unknown,
  ) {
    super(`chunk "${chunk}": ${String((cause as Error | undefined)?.message ?? cause)}`);
    this.name = 'ChunkError';
  }
}

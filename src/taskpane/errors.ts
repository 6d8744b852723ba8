/**
 * Every failure the task pane shows goes through `describeError`: what went wrong (title, text) and
 * what to do (action), in the pane's language, with the technical details (an Office error's
 * `debugInfo`, a fault's stack) kept for a "Details" disclosure.
 *
 * A problem the user can fix is a `Problem` (core/problem.ts) from whichever layer found it (io, the
 * Office.js writer, the pane): worded here in the pane's language, its action its `act`. An Office error
 * is explained by its code. Anything else is a fault of the program: said as such, its text in the details.
 */
import { Lang, Problem, internalFault } from '../core/problem';
import type { Strings } from './strings';

/** What the MessageBar shows for a failure. */
export interface ErrorView {
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

type Title = keyof Strings['err'];

/** A problem's title: by its code where it has one of its own, else by its layer (scope). */
const TITLE_BY_CODE: Record<string, Title> = {
  'office.missingSheet': 'missingSheet',
  'office.notInExcel': 'notInExcel',
  'office.stillCalculating': 'calculating',
  'office.protectedSheets': 'protected',
  'pane.chunkFailed': 'chunk',
};
const TITLE_BY_SCOPE: Record<string, Title> = { input: 'input', pane: 'input', office: 'office' };
/** What to do when a problem names no action: an input problem is fixed in its file. */
const ACT_BY_SCOPE: Record<string, string> = { input: 'fixCsv', pane: 'fixCsv' };

/** The most problems of one file the MessageBar lists; the rest are counted. */
const SHOWN = 8;

const isOfficeError = (e: OfficeLikeError): boolean =>
  !!e && typeof e === 'object' && typeof e.code === 'string' && (e.debugInfo !== undefined || /RichApi|OfficeExtension/.test(e.name ?? ''));

/**
 * A problem in a language, as the pane shows it: its headline (the rule broken and where) on the first line,
 * then what goes under "Details": its details (the rule's text, what to do) and, with several of one file,
 * each other on its line (the first `shown` in all, then the count of the rest). The MessageBar shows 8, a
 * field's message 50.
 */
export function problemText(p: Problem, lang: Lang, shown = SHOWN): string {
  const { headline, details } = p.worded(lang);
  const others = p.list(lang).slice(1);
  const lines = [headline, ...(details ? [details] : []), ...others.slice(0, shown - 1)];
  if (others.length > shown - 1) lines.push(`… (+${others.length - (shown - 1)})`);
  return lines.join('\n');
}

/**
 * What went wrong and what to do, for any thrown value: a problem (core/problem.ts: the input's rows,
 * a sheet that is gone, a part of the pane that did not load…), an Office error (OfficeExtension.Error:
 * code → action, debugInfo in the details) or a fault of the program.
 */
export function describeError(e: unknown, S: Strings): ErrorView {
  if (e instanceof Problem) {
    const scope = e.code.split('.')[0];
    const title = S.err[TITLE_BY_CODE[e.code] ?? TITLE_BY_SCOPE[scope] ?? 'input'];
    const act = e.act ?? ACT_BY_SCOPE[scope] ?? 'retry';
    return { title, text: problemText(e, S.lang), action: S.act[act] ?? S.act.retry, details: e.details };
  }
  const err = (e ?? {}) as OfficeLikeError & { stack?: string };
  const msg = String(err.message ?? e);
  if (isOfficeError(err)) {
    const code = err.code!;
    const action = S.act[OFFICE_ACTIONS[code] ?? OFFICE_ACTIONS[err.debugInfo?.code ?? ''] ?? 'retry'];
    const details = JSON.stringify({ code, message: err.message, debugInfo: err.debugInfo }, null, 2);
    // editing a cell blocks every API call: a title that says so, not only the code
    if (code === 'InvalidOperationInCellEditMode') return { title: `${S.err.cellEdit} (${code})`, text: msg, action, details };
    return { title: `${S.err.office} (${code})`, text: msg, action, details };
  }
  // a fault of the program (a bad spec, a bug): said as such; its own text is for the details
  return { title: S.err.unexpected, text: internalFault(S.lang, S.faultWhile), action: S.act.retry, details: err.stack ?? msg };
}

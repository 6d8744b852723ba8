/**
 * The one error type: every failure a user is told about is a `Problem` — a code naming the rule broken
 * and the parameters its message needs (the file, the row or cell, the value, the rule). The words are
 * chosen where the problem is shown, in the user's language: the CLI (`LANG`), the task pane (its
 * language). Each layer declares its messages next to its code with `messages(scope, table)`, both
 * languages side by side, so a message cannot exist in one language only (test/core/problem.test.ts
 * walks every declared message).
 *
 * `message` (what logs, stack traces and tests see) is the English wording. Anything thrown that is not a
 * Problem is a fault of the program: the edges say so without showing its text to a user.
 *
 * Pure: no Node, no DOM, no Office.js.
 */

export type Lang = 'zh' | 'en';

/** A message's parameters: plain values only, so a problem can be logged, compared and worded again. */
export type ParamValue = string | number | boolean | null | undefined | readonly string[];
export type Params = Record<string, ParamValue>;

/** One message in both languages. `act` names what the user should do (the pane's action key), if any. */
export interface Message<P extends Params = Params> {
  /** `scope.key`, e.g. `input.countNotWhole`: stable, for code and tests; never shown alone */
  readonly code: string;
  readonly en: (p: P) => string;
  readonly zh: (p: P) => string;
  /** the action the task pane offers (a key of its `Strings.act`), e.g. `fixCsv`, `month` */
  readonly act?: string;
  /**
   * The headline when the wording's own (up to its first top-level "; " or sentence end, `worded`) is longer
   * than HEADLINE_MAX: the rule broken and where, in fewer words. When it is the start of the wording, the
   * details are the rest; else they are the whole wording.
   */
  readonly short?: { readonly en: (p: P) => string; readonly zh: (p: P) => string };
}

/** A message as declared in a table: its wordings and optional action; the code is given by `messages`. */
export type MessageSpec<P extends Params = Params> = Omit<Message<P>, 'code'>;

/** Every declared message, by code (filled by `messages`): the test that every code has both wordings reads it. */
export const MESSAGES = new Map<string, Message>();

/**
 * Declares a layer's messages. The codes are `${scope}.${key}`; declaring a code twice is a programming
 * error (thrown at load, so the tests catch it).
 */
export function messages<T extends Record<string, MessageSpec<never>>>(
  scope: string,
  table: T,
): { [K in keyof T]: T[K] & { code: string } } {
  const out = {} as Record<string, Message>;
  for (const [key, spec] of Object.entries(table)) {
    const code = `${scope}.${key}`;
    if (MESSAGES.has(code)) throw new Error(`message ${code} is declared twice`);
    const m = { ...(spec as unknown as MessageSpec), code } as Message;
    MESSAGES.set(code, m);
    out[key] = m;
  }
  return out as unknown as { [K in keyof T]: T[K] & { code: string } };
}

/**
 * A wording as a short display shows it: the headline (the rule broken and where, under ~100 characters)
 * and the details (the rule's text, what to do), empty when there are none. Headline and details together
 * say what the whole wording says, which the CLI prints on one line.
 */
export interface Worded {
  headline: string;
  details: string;
}

/** The longest a headline may be (characters), with the parameters a message typically has. */
export const HEADLINE_MAX = 100;

/** Characters that end a headline in a wording, each replaced in the parameters' values by one of its own length. */
const NEUTRAL: Record<string, string> = {
  ';': '\ue000',
  '\uff1b': '\ue001',
  '(': '\ue002',
  ')': '\ue003',
  '\uff08': '\ue004',
  '\uff09': '\ue005',
  '.': '\ue006',
  '\u3002': '\ue007',
};
const neutral = (v: ParamValue): ParamValue =>
  typeof v === 'string'
    ? v.replace(/[;\uff1b()\uff08\uff09.\u3002]/g, (c) => NEUTRAL[c])
    : Array.isArray(v)
      ? v.map((x) => neutral(x) as string)
      : v;

/**
 * Where the headline of `text` ends: the first "; " / ";" or sentence end ('. ' before a capital, '。' before
 * more text) outside brackets. Returns [end of the headline, start of the details], or undefined.
 */
function cut(text: string): [number, number] | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '\uff08') depth++;
    else if (c === ')' || c === '\uff09') depth = Math.max(0, depth - 1);
    else if (depth > 0) continue;
    else if (c === ';' || c === '\uff1b') return [i, text[i + 1] === ' ' ? i + 2 : i + 1];
    else if (c === '.' && /^ [A-Z"\u201c]/.test(text.slice(i + 1, i + 3))) return [i + 1, i + 2];
    else if (c === '\u3002' && i + 1 < text.length) return [i + 1, i + 1];
  }
  return undefined;
}

/** A message in a language, split into its headline and details (`Worded`). */
export function worded<P extends Params>(m: Message<P>, params: P, lang: Lang): Worded {
  const text = m[lang](params);
  // the cut is found in the wording of the parameters with their separators and brackets made inert (same length),
  // so a value such as a file named "a; b.csv" or a cell holding "(x)" does not end the headline
  const inert = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, neutral(v)])) as P;
  let at: [number, number] | undefined;
  try {
    const plain = m[lang](inert);
    at = plain.length === text.length ? cut(plain) : cut(text);
  } catch {
    at = cut(text);
  }
  const own: Worded = at ? { headline: text.slice(0, at[0]), details: text.slice(at[1]).trim() } : { headline: text, details: '' };
  if (own.headline.length <= HEADLINE_MAX || !m.short) return own;
  const headline = m.short[lang](params);
  if (!text.startsWith(headline)) return { headline, details: text };
  return { headline, details: text.slice(headline.length).replace(/^[\s;:,.\uff1b\uff1a\uff0c\u3002]+/, '') };
}

/** Text quoted as messages quote a value: `"-1"`, `"AB C"`. */
export const q = (v: ParamValue): string => JSON.stringify(Array.isArray(v) ? v.join(', ') : String(v ?? ''));

const CORE = messages('problem', {
  more: {
    en: (p: { n: number }) => `(and ${p.n} more problem${p.n > 1 ? 's' : ''} in the same file)`,
    zh: (p: { n: number }) => `(同一文件中另有 ${p.n} 处问题)`,
  },
  internal: {
    en: (p: { what: string }) => `kpi-forms failed while ${p.what}: this is a fault of the program, not of your file`,
    zh: (p: { what: string }) => `kpi-forms 在${p.what}时出错:这是程序的问题,不是您的文件的问题`,
  },
});

export interface ProblemOptions {
  /** further problems found in the same file or sheet (this problem is the first) */
  more?: Problem[];
  /**
   * This problem sums `more` up (e.g. "3 conflicts between the workbooks"), it is not the first of them: its
   * wording is not followed by their count, and a list of them (the CLI's lines) leaves it out.
   */
  sums?: boolean;
  /** technical details for a "Details" disclosure or `KPI_FORMS_DEBUG` (an Office error's debugInfo, a parser's text) */
  details?: string;
  cause?: unknown;
}

// a Problem of any parameters (the default) is any problem: its message functions take its own parameters
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export class Problem<P extends Params = any> extends Error {
  readonly code: string;
  readonly params: P;
  /** every problem of the same file, this one first */
  readonly all: Problem[];
  readonly details?: string;
  readonly act?: string;
  /** this problem is the headline of the others (ProblemOptions.sums) */
  readonly sums: boolean;

  constructor(
    readonly text: Message<P>,
    params: P,
    opts: ProblemOptions = {},
  ) {
    super(text.en(params));
    this.name = 'Problem';
    this.code = text.code;
    this.params = params;
    this.all = [this as unknown as Problem, ...(opts.more ?? [])];
    this.details = opts.details;
    this.act = text.act;
    this.sums = !!opts.sums && this.all.length > 1;
    if (opts.cause !== undefined) (this as { cause?: unknown }).cause = opts.cause;
    if (this.all.length > 1 && !this.sums) this.message = `${this.message} ${CORE.more.en({ n: this.all.length - 1 })}`;
  }

  /** This problem alone, in a language. */
  one(lang: Lang): string {
    return this.text[lang](this.params);
  }

  /** This problem alone, in a language, as headline and details (the pane shows the headline, the details under "Details"). */
  worded(lang: Lang): Worded {
    return worded(this.text, this.params, lang);
  }

  /** This problem in a language, with the count of the others of the same file, as `message` is in English. */
  in(lang: Lang): string {
    const n = this.sums ? 0 : this.all.length - 1;
    return n > 0 ? `${this.one(lang)} ${CORE.more[lang]({ n })}` : this.one(lang);
  }

  /** Every problem of the same file, each in a language (this one first). */
  list(lang: Lang): string[] {
    return this.all.map((p) => p.one(lang));
  }

  /** The problems to show one per line under this one's wording: all of them, or the others when this one sums them up. */
  listed(lang: Lang): string[] {
    return this.list(lang).slice(this.sums ? 1 : 0);
  }

  /** The English wording of every problem of the same file (this one first). */
  get issues(): string[] {
    return this.list('en');
  }

  /**
   * A problem made of several found in one file (e.g. every bad row of a CSV): the first, carrying the
   * rest. `undefined` when there are none.
   */
  static ofAll(found: Problem[]): Problem | undefined {
    if (found.length === 0) return undefined;
    const [first, ...rest] = found;
    return new Problem(first.text, first.params, { more: rest, details: first.details });
  }
}

export const isProblem = (e: unknown): e is Problem => e instanceof Problem;

/**
 * A sentence that is not a failure — a line of an import's report, a note on stderr — as a message and its
 * parameters, worded where it is shown (the CLI in LANG's language, the pane in its own), like a Problem.
 * `toString()` is the English wording (logs, tests).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export class Note<P extends Params = any> {
  constructor(
    readonly text: Message<P>,
    readonly params: P,
  ) {}
  get code(): string {
    return this.text.code;
  }
  in(lang: Lang): string {
    return this.text[lang](this.params);
  }
  /** As headline and details (a line of a report shown short). */
  worded(lang: Lang): Worded {
    return worded(this.text, this.params, lang);
  }
  toString(): string {
    return this.in('en');
  }
}

/** The wording of a fault of the program (anything thrown that is not a Problem) while doing `what` (already in the language). */
export function internalFault(lang: Lang, what: string): string {
  return CORE.internal[lang]({ what });
}

/** The language of a process environment: `zh` when LANGUAGE/LC_ALL/LC_MESSAGES/LANG starts with zh, else `en`. */
export function langOfEnv(env: Record<string, string | undefined>): Lang {
  const v = env.LANGUAGE || env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(v) ? 'zh' : 'en';
}

/**
 * @deprecated The input layer throws `Problem` (core/problem.ts) with the messages of io/messages.ts.
 * `InputError` stays only while code outside src/io still constructs it with English text or tests
 * `instanceof InputError` (src/xlsx, src/cli, src/taskpane); remove it when none does.
 */
import { Problem, messages } from '../core/problem';

// a text already worded in English only: the old InputError's message (no Chinese wording exists for it)
const LEGACY = messages('legacy', {
  input: { en: (p: { text: string }) => p.text, zh: (p: { text: string }) => p.text, act: 'fixCsv' },
});

/**
 * @deprecated use `Problem` with a message of io/messages.ts. A problem worded in English only.
 * `instanceof InputError` holds for every `Problem`, so that code which still tells a user's problem from
 * a fault that way treats the input layer's problems as before.
 */
export class InputError extends Problem<{ text: string }> {
  constructor(message: string, issues?: string[]) {
    const all = issues && issues.length > 0 ? issues : [message];
    super(LEGACY.input, { text: all[0] }, { more: all.slice(1).map((text) => new Problem(LEGACY.input, { text })) });
    this.name = 'InputError';
  }

  static [Symbol.hasInstance](x: unknown): boolean {
    return x instanceof Problem;
  }
}

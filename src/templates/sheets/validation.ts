/**
 * The data validation of every kind of input (core/rules.ts `InputKind`), in one table: how an item is
 * entered decides what its input cell accepts and what it says, on whichever sheet holds the cell.
 */
import { InputKind } from '../../core/rules';
import { Lang, ValidationSpec } from '../model';

/** A validation without its words. */
type WithoutWords<V> = V extends unknown ? Omit<V, 'prompt' | 'error'> : never;
type Check = WithoutWords<ValidationSpec>;

/** The kinds with a validation of their own; the others are entered as counts. */
type Checked = 'count' | 'halfday' | 'points' | 'score' | 'grade' | 'ratings';

const CHECKED_AS: Record<InputKind, Checked> = {
  count: 'count',
  halfday: 'halfday',
  points: 'points',
  // B12: the count of times (D2); AR1/AR2: the count of occurrences (D3); S01: the ticket count
  escalating: 'count',
  redline: 'count',
  tickets: 'count',
  score: 'score',
  grade: 'grade',
  ratings: 'ratings',
};

/**
 * S02 ratings: only the letters A–D (any case), spaces ignored. The input with spaces and A, B, C, D
 * removed must be empty: ~100 characters, where Excel drops a custom validation formula over 255
 * characters (core/excel-limits.ts).
 */
function onlyRatingLetters(a1: string): string {
  const rest = ['A', 'B', 'C', 'D'].reduce((s, x) => `SUBSTITUTE(${s},"${x}","")`, `SUBSTITUTE(UPPER(${a1})," ","")`);
  return `LEN(${rest})=0`;
}

/** What each kind accepts, for the input cell at `a1` (a custom formula is written for that cell). */
const CHECKS: Record<Checked, (a1: string) => Check> = {
  // D4
  count: () => ({ type: 'whole', min: 0 }),
  // B06: days of personal leave in half days (D4)
  halfday: (a1) => ({ type: 'custom', formula: `AND(ISNUMBER(${a1}),${a1}>=0,MOD(${a1}*2,1)=0)` }),
  // B13: points deducted, entered by the assessor
  points: () => ({ type: 'decimal', min: 0, max: 100 }),
  // the written test; blank = incomplete (D11)
  score: () => ({ type: 'decimal', min: 0, max: 100 }),
  grade: () => ({ type: 'list', values: ['A', 'B', 'C', 'D', 'E'] }),
  ratings: (a1) => ({ type: 'custom', formula: onlyRatingLetters(a1) }),
};

/** The input message (prompt) and the error alert of each kind. */
const WORDS: Record<Lang, Record<'prompt' | 'error', Record<Checked, string>>> = {
  zh: {
    prompt: {
      count: '次数:≥0的整数,空白按0计',
      halfday: '事假天数,可按半天(0.5)',
      points: '考核人填写扣分(0–100)',
      score: '笔试成绩0–100;空白为未完成',
      grade: '等级A–E',
      ratings: '回访评价字母A–D,每单一个,如 AABCD',
    },
    error: {
      count: '次数必须是≥0的整数 (D4)',
      halfday: '事假天数必须≥0,且为0.5的倍数 (D4)',
      points: '扣分必须是0–100的数',
      score: '笔试成绩必须在0–100之间',
      grade: '等级必须是A、B、C、D或E',
      ratings: '只能填A、B、C、D (S02)',
    },
  },
  en: {
    prompt: {
      count: 'Count: a whole number ≥ 0; blank counts as 0',
      halfday: 'Days of personal leave, in half days (0.5)',
      points: 'Points deducted by the assessor (0–100)',
      score: 'Test score 0–100; blank = incomplete',
      grade: 'Grade A–E',
      ratings: 'Call-back ratings A–D, one letter per ticket, e.g. AABCD',
    },
    error: {
      count: 'A count must be a whole number ≥ 0 (D4)',
      halfday: 'Days must be ≥ 0 in steps of 0.5 (D4)',
      points: 'Points must be a number from 0 to 100',
      score: 'The test score must be from 0 to 100',
      grade: 'The grade must be A, B, C, D or E',
      ratings: 'Only the letters A, B, C and D (S02)',
    },
  },
};

/** The validation of an input of this kind in the cell at `a1`, with its words in the workbook's language. */
export function inputValidation(lang: Lang, kind: InputKind, a1: string): ValidationSpec {
  const checked = CHECKED_AS[kind];
  return { ...CHECKS[checked](a1), prompt: WORDS[lang].prompt[checked], error: WORDS[lang].error[checked] };
}

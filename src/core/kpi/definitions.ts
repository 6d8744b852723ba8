/**
 * The KPI functions, each defined once: its parameters as data (kinds and defaults, params.ts), the JSDoc
 * metadata, the implementation on typed arguments, and `excel`, the equivalent plain-Excel formula
 * (no add-in needed: Excel, WPS, LibreOffice). Pure: imports nothing from Office.js or ExcelJS.
 */
import { DEFAULT_RULES as DEFAULT, INCOMPLETE } from '../rules';
import { KpiError, excelRound, isError } from '../values';
import { KPI_MSG } from './messages';
import { KindValue, RATING_LETTERS, define } from './params';

const I = JSON.stringify(INCOMPLETE);

/** Σ value × weight, rounded to 10 decimals; "incomplete" when a value is not a number (D11). */
function weighted(values: Array<number | null>, weights: number[]): number | string | KpiError {
  if (values.length !== weights.length)
    return KpiError.of('#VALUE!', KPI_MSG.shapes, { a: 'values', n: values.length, b: 'weights', m: weights.length });
  if (values.includes(null)) return INCOMPLETE;
  return excelRound(
    values.reduce((sum: number, v, i) => sum + (v as number) * weights[i], 0),
    10,
  );
}

/** An optional rule cell (B12_FIRST, SAT_N, PAY_BASE, BOTTOM_N): omitted = the default, but a blank cell is 0. */
const ruleCell = <N extends string>(name: N, dflt: number, description: string) =>
  ({ name, kind: 'number', optional: true, blankIsNotOmitted: true, default: dflt, description }) as const;

/** An optional rule range (W_PRE, SP_RULE, SAT_SCALE): omitted = the default; a blank cell in it is 0. */
const ruleRange = <N extends string, K extends 'ruleNumbers' | 'scale'>(name: N, kind: K, dflt: KindValue<K>, description: string) =>
  ({ name, kind, optional: true, default: dflt, description }) as const;

/** The parameters of `weighted`: item scores and their weights. */
const weightedParams = (values: string, valuesText: string, weightsText: string) =>
  [
    { name: values, kind: 'scores', description: valuesText },
    { name: 'weights', kind: 'numbers', description: weightsText },
  ] as const;

/** The plain formula's "incomplete unless every cell of `range` is a number, an error among them first". */
const unlessComplete = (range: string, then: string) =>
  `IF(COUNT(${range})<ROWS(${range})*COLUMNS(${range}),IF(ISERROR(SUM(${range})),SUM(${range}),${I}),${then})`;

/** The plain formula's "the first error among `ranges`, as RANK.EQ and SUM return it". */
const errorOr = (ranges: string, then: string) => `IF(ISERROR(SUM(${ranges})),SUM(${ranges}),${then})`;

const SCORE = define('SCORE', {
  summary: 'Weighted score: Σ value × weight (points).',
  params: weightedParams('values', 'Item scores in points (2-D range).', 'Weights as fractions (0.3 = 30%), same shape as values.'),
  rule: 'after-sales composite Σ item score × weight; pre-sales 60% A + 30% B + 10% test',
  returns: 'Points, or "incomplete" when a value is blank or not a number (D11); an error among the values is returned as it is.',
  errors: '#VALUE! when the shapes differ or a weight is not a number.',
  impl: weighted,
  excel: (values, weights) => unlessComplete(`${values}`, `ROUND(SUMPRODUCT(${values},${weights}),10)`),
});

const DEDUCT = define('DEDUCT', {
  summary: 'Form score: 100 − Σ count × points − extra, never below 0 (points).',
  params: [
    { name: 'counts', kind: 'counts', description: 'Occurrences per item (2-D range); a blank count is 0.' },
    {
      name: 'points',
      kind: 'numbers',

      description: 'Points per occurrence, same shape as counts (or one number for all).',
    },
    {
      name: 'extra',
      kind: 'count',
      optional: true,

      description: 'Points deducted besides (B12 escalation, B13); blank = 0.',
    },
  ],
  rule: 'forms A and B, S04, S05; D1',
  returns: 'Points from 0 to 100.',
  errors: '#VALUE! naming the count that is negative or not a number, or when the shapes differ.',
  impl(counts, points, extra) {
    if (points.length !== 1 && points.length !== counts.length)
      return KpiError.of('#VALUE!', KPI_MSG.shapes, { a: 'counts', n: counts.length, b: 'points', m: points.length });
    const sum = counts.reduce((s: number, c, i) => s + c * (points.length === 1 ? points[0] : points[i]), 0);
    return Math.max(0, 100 - sum - extra);
  },
  excel: (counts, points, extra) =>
    `IF(COUNTIF(${counts},"<0")+COUNTA(${counts})-COUNT(${counts})${extra ? `+(${extra}<0)` : ''}>0,#VALUE!,MAX(0,100-SUMPRODUCT(${counts},${points})${extra ? `-${extra}` : ''}))`,
});

const ESCALATE = define('ESCALATE', {
  summary: 'Points deducted for an escalating item: first time `first`, each further time `next` (points).',
  params: [
    { name: 'count', kind: 'count', description: 'Times (whole number ≥ 0); blank = 0.' },
    ruleCell('first', DEFAULT.b12First, 'Points the first time (default {default}).'),
    ruleCell('next', DEFAULT.b12Next, 'Points each further time (default {default}).'),
  ],
  rule: 'B12, D2',
  returns: 'Points deducted.',
  errors: '#VALUE! when count is negative or not a number.',
  impl: (count, first, next) => (count >= 1 ? first + next * (count - 1) : 0),
  excel: (count, first, next) => `IF(${count}>=1,${first}+${next}*(${count}-1),0)`,
});

const PRESALES = define('PRESALES', {
  summary: 'Pre-sales total: 60% form A + 30% form B + 10% written test (points).',
  params: [
    { name: 'formA', kind: 'score', description: 'Form A score, points 0–100.' },
    { name: 'formB', kind: 'score', description: 'Form B score, points 0–100.' },
    { name: 'test', kind: 'score', blankMatters: true, description: 'Written test, points 0–100; blank = incomplete.' },
    ruleRange(
      'weights',
      'ruleNumbers',
      [DEFAULT.weightA, DEFAULT.weightB, DEFAULT.weightEX],
      'Weights of A, B and test (3 cells, default {default}).',
    ),
  ],
  rule: 'pre-sales total; source example 70, 95, 80 → 78.5; D11',
  returns: 'Points, rounded to 10 decimals; "incomplete" when a score is blank (D11).',
  errors: '#NUM! when a score is outside 0–100; #VALUE! when it is text.',
  impl: (formA, formB, test, weights) => weighted([formA, formB, test], weights),
  excel: (formA, formB, test, weights) => {
    const args = `${formA},${formB},${test}`;
    const out = (x?: string) => `AND(ISNUMBER(${x}),OR(${x}<0,${x}>100))`;
    // the same order as impl: an error, then text that is not "incomplete", then a score outside 0–100, then incomplete
    return errorOr(
      args,
      `IF(AND(ISTEXT(${test}),TRIM(${test})<>"",${test}<>${I}),#VALUE!,` +
        `IF(OR(${out(formA)},${out(formB)},${out(test)}),#NUM!,IF(COUNT(${args})<3,${I},` +
        `ROUND(${formA}*INDEX(${weights},1)+${formB}*INDEX(${weights},2)+${test}*INDEX(${weights},3),10))))`,
    );
  },
});

const AFTERSALES = define('AFTERSALES', {
  summary: 'After-sales composite: Σ item score × weight + suggestion bonus − complaint deduction (points).',
  params: [
    ...weightedParams('scores', 'Item scores S01–S06 in points (2-D range).', 'Their weights (fractions), same shape.'),
    {
      name: 'suggestions',
      kind: 'count',
      optional: true,

      default: 0,
      description: 'SP1: adopted suggestions (count); blank = 0.',
    },
    {
      name: 'complaints',
      kind: 'count',
      optional: true,

      default: 0,
      description: 'SN1: customer complaints (count); blank = 0.',
    },
    ruleRange(
      'rule',
      'ruleNumbers',
      [DEFAULT.sp1Points, DEFAULT.sp1Cap, DEFAULT.sn1Points],
      'SP1 points each, SP1 cap, SN1 points each (3 cells, default {default}).',
    ),
  ],
  rule: 'S01–S06, SP1 (+5 each, at most +30), SN1 (−5 each); D11',
  returns: 'Points, rounded to 10 decimals (may pass 100 with bonus, D7); "incomplete" when an item is (D11).',
  errors: '#VALUE! when the shapes differ or a count is negative or not a number.',
  impl(scores, weights, suggestions, complaints, [sp1Points, sp1Cap, sn1Points]) {
    const base = weighted(scores, weights);
    if (typeof base !== 'number') return base;
    return excelRound(base + Math.min(sp1Cap, suggestions * sp1Points) - complaints * sn1Points, 10);
  },
  excel: (scores, weights, suggestions, complaints, rule) =>
    unlessComplete(
      `${scores}`,
      `ROUND(SUMPRODUCT(${scores},${weights})+MIN(INDEX(${rule},2),${suggestions}*INDEX(${rule},1))-${complaints}*INDEX(${rule},3),10)`,
    ),
});

const GRADE = define('GRADE', {
  summary: 'Points for a grade letter on a named scale (points).',
  params: [
    { name: 'grade', kind: 'grade', blankMatters: true, description: 'A grade letter A–E (lower case accepted); blank = incomplete.' },
    {
      name: 'scale',
      kind: 'scale',

      default: DEFAULT.gradeS03,
      description: '"S03", "S06", or a 2-column range: letter | points.',
    },
  ],
  rule: 'S03 (A 100, B 80, C 60, D 30, E 0), S06 (A 100, B 80, C 70, D 50, E 0)',
  returns: 'Points; "incomplete" when the grade is blank (D11).',
  errors: '#N/A when the letter is not on the scale; #VALUE! for a bad scale.',
  impl(grade, scale) {
    if (grade === null) return INCOMPLETE;
    const letter = String(grade).trim().toUpperCase();
    if (!(letter in scale))
      return KpiError.of('#N/A', KPI_MSG.notInScale, { what: 'grade', value: String(JSON.stringify(grade)), letters: Object.keys(scale) });
    return scale[letter];
  },
  excel: (grade, scale) => {
    const g = `TRIM(${grade})`;
    // FIND, not VLOOKUP alone: VLOOKUP would read "*" or "?" as a wildcard and match grade A
    return `IF(${g}="",${I},IF(AND(LEN(${g})=1,ISNUMBER(FIND(UPPER(${g}),"ABCDE"))),VLOOKUP(${g},${scale},2,0),NA()))`;
  },
});

const SATISFACTION = define('SATISFACTION', {
  summary: 'Customer satisfaction: Σ rating points over the call-backs, scaled to 20 tickets (points, −100 to 100).',
  params: [
    {
      name: 'ratings',
      kind: 'ratings',
      blankMatters: true,
      description: 'Rating letters A–D, e.g. "AABCD" (spaces ignored); blank = incomplete.',
    },
    ruleRange('scale', 'scale', DEFAULT.satisfaction, '4×2 range letter | points (default {default}).'),
    ruleCell('sample', DEFAULT.satisfactionSample, 'Tickets the sum is scaled to (default {default}).'),
  ],
  rule: 'S02 (A +5, B +3, C 0, D −5), D6',
  returns: 'Points rounded to 10 decimals; "incomplete" when there is no rating (D6, D11).',
  errors: '#N/A naming a letter that is not A–D.',
  impl(ratings, scale, sample) {
    if (ratings === null) return INCOMPLETE;
    const sum = [...ratings].reduce((s: number, letter) => s + scale[letter], 0);
    return excelRound((sum * sample) / ratings.length, 10);
  },
  excel: (ratings, scale, sample) => {
    const u = `SUBSTITUTE(UPPER(${ratings})," ","")`;
    const cnt = (l: string) => `(LEN(${u})-LEN(SUBSTITUTE(${u},"${l}","")))`;
    const n = RATING_LETTERS.map(cnt).join('+');
    const sum = RATING_LETTERS.map((l) => `${cnt(l)}*VLOOKUP("${l}",${scale},2,0)`).join('+');
    return `IF(LEN(${u})=0,${I},IF(${n}<>LEN(${u}),NA(),ROUND((${sum})*${sample}/LEN(${u}),10)))`;
  },
});

const VOLUME = define('VOLUME', {
  summary: 'Ticket volume: actual tickets ÷ average tickets × 100 (points).',
  params: [
    {
      name: 'tickets',
      kind: 'countOrBlank',
      blankMatters: true,
      description: 'This agent’s tickets (whole number ≥ 0); blank = incomplete.',
    },
    {
      name: 'all',
      kind: 'numbersAmong',
      description: 'Every after-sales agent’s tickets this month (2-D range; blanks excluded from the average).',
    },
    {
      name: 'cap',
      kind: 'numberOrNone',
      optional: true,
      lazy: true,
      blankMatters: true,
      description: 'Upper cap in points; blank = no cap (D5).',
    },
  ],
  rule: 'S01, D5',
  returns: 'Points rounded to 10 decimals; "incomplete" when tickets is blank (D11).',
  errors: '#DIV/0! when the average is 0 or no agent has tickets (D5); #VALUE! for a negative or text count.',
  impl(tickets, all, cap) {
    if (tickets === null) return INCOMPLETE;
    const sum = all.reduce((s, v) => s + v, 0);
    if (all.length === 0 || sum === 0) return KpiError.of('#DIV/0!', KPI_MSG.averageZero, { what: 'all' });
    const x = excelRound((tickets / (sum / all.length)) * 100, 10);
    if (isError(cap)) return cap;
    return cap === null ? x : Math.min(cap, x);
  },
  excel: (tickets, all, cap) => {
    const x = `ROUND(${tickets}/AVERAGE(${all})*100,10)`;
    return `IF(TRIM(${tickets})="",${I},${cap ? `IF(TRIM(${cap})="",${x},MIN(${cap},${x}))` : x})`;
  },
});

const BONUS = define('BONUS', {
  summary: 'Monthly performance pay: base × total %, to the fen (yuan).',
  params: [
    { name: 'total', kind: 'total', description: 'Total score in points (pre-sales total or after-sales composite).' },
    ruleCell('base', DEFAULT.payBase, 'Pay base in yuan (default {default}).'),
    {
      name: 'redLines',
      kind: 'count',
      optional: true,

      description: 'Red-line occurrences this month (AR1 + AR2); any > 0 makes the pay 0.',
    },
  ],
  rule: 'pay = 400 × total %; D7; red line → 0 (D3)',
  returns: 'Yuan rounded to 0.01, half away from zero, never below 0; "incomplete" when the total is (D11).',
  errors: '#VALUE! when total or base is text other than "incomplete".',
  impl(total, base, redLines) {
    if (total === null) return INCOMPLETE;
    return redLines > 0 ? 0 : Math.max(0, excelRound((base * total) / 100, 2));
  },
  excel: (total, base, redLines) =>
    `IF(ISNUMBER(${total}),${redLines ? `IF(${redLines}>0,0,` : ''}MAX(0,ROUND(${base}*${total}/100,2))${redLines ? ')' : ''},IF(ISERROR(${total}),${total},${I}))`,
});

/** RANK.EQ: 1 + how many are ahead. */
const rankIn = (value: number, all: number[], ascending: boolean): number =>
  1 + all.filter((v) => (ascending ? v < value : v > value)).length;

const TOTAL = { name: 'total', kind: 'rankable', numbersOnly: true, description: 'This agent’s total (points).' } as const;

const RANK = define('RANK', {
  summary: 'Rank among the totals, highest first; ties share a rank (1, 1, 3).',
  params: [
    TOTAL,
    {
      name: 'totals',
      kind: 'numbersAmong',
      description: 'All totals of the same kind this month (2-D range); text such as "incomplete" is not ranked.',
    },
    {
      name: 'order',
      kind: 'number',
      optional: true,

      description: '0 (default) highest first; 1 lowest first (rank from the bottom).',
    },
  ],
  rule: 'D8 (Excel’s RANK.EQ)',
  returns: 'A whole number ≥ 1; "" when the total is text such as "incomplete" (not ranked, D8).',
  errors: 'An error among the totals is returned (as RANK.EQ does); #VALUE! when order is not a number.',
  impl: (total, totals, order) => (total === null ? '' : rankIn(total, totals, order !== 0)),
  excel: (total, totals, order) => errorOr(`${totals}`, `IF(ISNUMBER(${total}),RANK.EQ(${total},${totals}${order ? `,${order}` : ''}),"")`),
});

const BOTTOM = define('BOTTOM', {
  summary: 'TRUE for the last two of the ranking (rank from the bottom ≤ n, ties sharing).',
  params: [
    TOTAL,
    { name: 'totals', kind: 'numbersAmong', description: 'All totals of the same kind this month (2-D range).' },
    ruleCell('n', DEFAULT.bottomN, 'How many from the bottom (default {default}).'),
  ],
  rule: 'the last two hand in an improvement plan; D9',
  returns: 'TRUE or FALSE; FALSE for everyone when n or fewer are ranked, and for a total that is not a number.',
  errors: 'An error among the totals is returned (as RANK.EQ does); #VALUE! when n is not a number.',
  impl: (total, totals, n) => total !== null && totals.length > n && rankIn(total, totals, true) <= n,
  excel: (total, totals, n) =>
    errorOr(`${totals}`, `IF(ISNUMBER(${total}),AND(COUNT(${totals})>${n},RANK.EQ(${total},${totals},1)<=${n}),FALSE)`),
});

const QUARTER = define('QUARTER', {
  summary: 'Quarter result: "award" for first place three months running, "transfer" for last place three months running.',
  params: [
    {
      name: 'ranks',
      kind: 'months',

      description: 'Rank in each of the three months (3 cells); blank, 0 or text = not ranked that month.',
    },
    {
      name: 'bottomRanks',
      kind: 'months',

      description: 'Rank from the bottom in each of the three months (3 cells); blank, 0 or text = not ranked.',
    },
    {
      name: 'redLines',
      kind: 'months',
      optional: true,

      description: 'Red-line occurrences in each month (3 cells); any > 0 rules out the award (D3).',
    },
  ],
  rule: 'first place 3 months in a row +300 yuan, last place 3 months in a row considered for transfer; D3, D10',
  returns: '"award", "transfer" or "" (not three ranked months, or neither).',
  errors: '#VALUE! when a range does not have 3 cells.',
  impl(ranks, bottomRanks, redLines) {
    // a rank is a number ≥ 1: Excel desktop passes a month left blank as 0, so 0 (like a blank) is no rank
    if (![...ranks, ...bottomRanks].every((v) => v >= 1)) return '';
    if (ranks.every((v) => v === 1) && !redLines.some((v) => v > 0)) return 'award';
    return bottomRanks.every((v) => v === 1) ? 'transfer' : '';
  },
  excel: (ranks, bottomRanks, redLines) =>
    errorOr(
      `${ranks},${bottomRanks}`,
      `IF(COUNTIF(${ranks},">=1")+COUNTIF(${bottomRanks},">=1")<6,"",IF(AND(MAX(${ranks})=1${redLines ? `,SUM(${redLines})=0` : ''}),"award",IF(MAX(${bottomRanks})=1,"transfer","")))`,
    ),
});

/** Every KPI function, in the order the docs list them. */
export const KPI_FUNCTIONS = [
  SCORE,
  DEDUCT,
  ESCALATE,
  PRESALES,
  AFTERSALES,
  GRADE,
  SATISFACTION,
  VOLUME,
  BONUS,
  RANK,
  BOTTOM,
  QUARTER,
] as const;

/**
 * The KPI functions, each defined once. One definition gives:
 *  - `impl`: the implementation (used by the engine, the Excel custom functions and the HyperFormula plugin);
 *  - `summary`, `params`, `returns`, `errors`, `rule`: the JSDoc metadata that `scripts/gen-functions.ts`
 *    writes into `src/functions/functions.ts`, from which CustomFunctionsMetadataPlugin makes functions.json;
 *  - `excel`: the equivalent plain-Excel formula (no add-in needed: Excel, WPS, LibreOffice).
 *
 * Pure: imports nothing from Office.js or ExcelJS.
 */
import { DEFAULT_RULES, GradeLetter, INCOMPLETE, RatingLetter } from './rules';
import { Cell, KpiError, Matrix, Result, cells, excelRound, isBlank, isError } from './values';

export interface ParamDef {
  name: string;
  /** `number` (Excel coerces; blank → 0) or `any` (blank kept as null / "") */
  type: 'number' | 'any';
  dim: 'scalar' | 'matrix';
  optional?: boolean;
  /**
   * The function tells a blank cell from 0 (D11). The `=KPI.…` formula writer passes such a cell as
   * `IF(ISBLANK(x),"",x)` because Excel on Windows passes a blank cell as 0.
   */
  blankMatters?: boolean;
  /**
   * Only a number counts; text and errors mean "not ranked". The `=KPI.…` writer passes such a cell as
   * `IF(ISNUMBER(x),x,"")`, because a host may return an error argument without calling the function.
   */
  numbersOnly?: boolean;
  /**
   * A blank cell here means 0, and the implementation reads null (web) and 0 (Windows desktop) alike, in a
   * range too (office-js #5262: a blank inside a range arrives as 0). A range argument of a parameter
   * without it must hold no cell that can be blank (test/blank-ranges.test.ts).
   */
  blankIsZero?: boolean;
  /**
   * Optional with a default other than 0, but a blank cell means 0, as the plain formulas read it: Excel
   * on the web passes a blank cell as null, the same as an omitted argument, so the `=KPI.…` writer
   * passes a reference as `IF(ISBLANK(x),0,x)`.
   */
  blankIsNotOmitted?: boolean;
  description: string;
}

export interface KpiFunction {
  /** the name after the namespace: `KPI.<name>` */
  name: string;
  /** one line: what it computes, with units */
  summary: string;
  /** the forms.md rule it implements, e.g. "S02, D6" */
  rule: string;
  params: ParamDef[];
  returns: string;
  errors: string;
  /** the implementation; arguments as Excel passes them (scalar or 2-D range) */
  impl: (...args: Array<Cell | Matrix>) => Result;
  /**
   * The equivalent plain-Excel formula, without the leading `=`, given each argument as formula text
   * (a reference, a defined name or a literal); `undefined` for an omitted optional argument.
   * Excel 2010+ functions are written without `_xlfn.`; the .xlsx writer adds it (`XLFN_FUNCTIONS`).
   */
  excel: (...args: Array<string | undefined>) => string;
}

/** Functions that files must store with the `_xlfn.` prefix. */
export const XLFN_FUNCTIONS = ['RANK.EQ'];

const I = JSON.stringify(INCOMPLETE);

// ---------- argument readers: each names the argument and the rule in its message ----------

/** A count: blank → 0 (D1); otherwise a number ≥ 0. */
function countOf(v: Cell, what: string): number | KpiError {
  if (isError(v)) return v;
  // a blank cell (null, or "" as the =KPI formulas pass it); spaces typed into a count are text, as COUNTA sees them
  if (v === null || v === undefined || v === '') return 0;
  if (typeof v === 'number' && Number.isFinite(v)) {
    return v >= 0 ? v : new KpiError('#VALUE!', `${what}: ${v} is not a count ≥ 0 (D4)`);
  }
  return new KpiError('#VALUE!', `${what}: ${JSON.stringify(v)} is not a number (D4)`);
}

function numberOf(v: Cell, what: string): number | KpiError {
  if (isError(v)) return v;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return new KpiError('#VALUE!', `${what}: ${JSON.stringify(v ?? '')} is not a number`);
}

/**
 * A number inside a range of numbers (points, weights, a rule range): a blank cell is 0, because Excel
 * desktop passes a blank inside a range as 0 (office-js #5262) and the plain formulas (SUMPRODUCT, INDEX,
 * VLOOKUP) read it as 0; null and 0 must give the same result in every host.
 */
function rangeNumber(v: Cell, what: string): number | KpiError {
  return v === null || v === undefined ? 0 : numberOf(v, what);
}

/** An optional number: blank or omitted (undefined, or null as Excel passes it) → the default. */
function optNumber(v: Cell | Matrix | undefined, dflt: number, what: string): number | KpiError {
  if (Array.isArray(v)) v = v[0]?.[0];
  if (v === undefined || isBlank(v)) return dflt;
  return numberOf(v, what);
}

function scalar(v: Cell | Matrix | undefined): Cell {
  return Array.isArray(v) ? (v.length === 1 && v[0].length === 1 ? v[0][0] : new KpiError('#VALUE!', 'expected one cell, got a range')) : v;
}

/** The numbers of a rule range such as W_PRE (3 cells) or SP_RULE, with defaults when omitted. */
function ruleNumbers(v: Cell | Matrix | undefined, dflt: number[], what: string): number[] | KpiError {
  if (v === undefined || (!Array.isArray(v) && isBlank(v))) return dflt;
  const list = cells(v);
  if (list.length !== dflt.length) return new KpiError('#VALUE!', `${what}: expected ${dflt.length} cells, got ${list.length}`);
  const out: number[] = [];
  for (let i = 0; i < list.length; i++) {
    const n = rangeNumber(list[i], `${what}[${i + 1}]`);
    if (isError(n)) return n;
    out.push(n);
  }
  return out;
}

/** A letter scale: "S03" / "S06" / "S02", or an N×2 range of letter | points. */
function scaleOf(v: Cell | Matrix | undefined, dflt: Record<string, number>, what: string): Record<string, number> | KpiError {
  // a name typed as text reaches an any[][] parameter as a 1×1 range: =KPI.GRADE(D5,"S06") gives [["S06"]]
  if (Array.isArray(v) && v.length === 1 && v[0].length === 1 && typeof v[0][0] === 'string') v = v[0][0];
  if (v === undefined || (!Array.isArray(v) && isBlank(v))) return dflt;
  if (!Array.isArray(v)) {
    const name = String(v).trim().toUpperCase();
    if (name === 'S03') return DEFAULT_RULES.gradeS03;
    if (name === 'S06') return DEFAULT_RULES.gradeS06;
    if (name === 'S02') return DEFAULT_RULES.satisfaction;
    return new KpiError('#VALUE!', `${what}: ${JSON.stringify(v)} is not a scale (S02, S03, S06 or a 2-column range)`);
  }
  const out: Record<string, number> = {};
  for (const row of v) {
    if (row.length < 2) return new KpiError('#VALUE!', `${what}: a scale range has two columns, letter and points`);
    // a row without a letter (blank: null on the web, 0 on desktop) matches no grade, as in VLOOKUP
    if (typeof row[0] !== 'string' || row[0].trim() === '') continue;
    const n = rangeNumber(row[1], `${what} (${String(row[0])})`);
    if (isError(n)) return n;
    out[String(row[0]).trim().toUpperCase()] = n;
  }
  return out;
}

const isNum = (v: Cell): v is number => typeof v === 'number' && Number.isFinite(v);

// ---------- the functions ----------

const SCORE: KpiFunction = {
  name: 'SCORE',
  summary: 'Weighted score: Σ value × weight (points).',
  rule: 'after-sales composite Σ item score × weight; pre-sales 60% A + 30% B + 10% test',
  params: [
    { name: 'values', type: 'any', dim: 'matrix', description: 'Item scores in points (2-D range).' },
    {
      name: 'weights',
      type: 'any',
      dim: 'matrix',
      blankIsZero: true,
      description: 'Weights as fractions (0.3 = 30%), same shape as values.',
    },
  ],
  returns: 'Points, or "incomplete" when a value is blank or not a number (D11); an error among the values is returned as it is.',
  errors: '#VALUE! when the shapes differ or a weight is not a number.',
  impl(values, weights) {
    const v = cells(values);
    const w = cells(weights);
    if (v.length !== w.length) return new KpiError('#VALUE!', `values has ${v.length} cells but weights has ${w.length}`);
    let sum = 0;
    let incomplete = false;
    for (let i = 0; i < v.length; i++) {
      const wi = rangeNumber(w[i], `weights[${i + 1}]`);
      if (isError(wi)) return wi;
      if (isError(v[i])) return v[i] as KpiError;
      if (!isNum(v[i])) incomplete = true;
      else sum += (v[i] as number) * wi;
    }
    return incomplete ? INCOMPLETE : excelRound(sum, 10);
  },
  excel: (values, weights) =>
    `IF(COUNT(${values})<ROWS(${values})*COLUMNS(${values}),IF(ISERROR(SUM(${values})),SUM(${values}),${I}),ROUND(SUMPRODUCT(${values},${weights}),10))`,
};

const DEDUCT: KpiFunction = {
  name: 'DEDUCT',
  summary: 'Form score: 100 − Σ count × points − extra, never below 0 (points).',
  rule: 'forms A and B, S04, S05; D1',
  params: [
    { name: 'counts', type: 'any', dim: 'matrix', blankIsZero: true, description: 'Occurrences per item (2-D range); a blank count is 0.' },
    {
      name: 'points',
      type: 'any',
      dim: 'matrix',
      blankIsZero: true,
      description: 'Points per occurrence, same shape as counts (or one number for all).',
    },
    {
      name: 'extra',
      type: 'any',
      dim: 'scalar',
      optional: true,
      blankIsZero: true,
      description: 'Points deducted besides (B12 escalation, B13); blank = 0.',
    },
  ],
  returns: 'Points from 0 to 100.',
  errors: '#VALUE! naming the count that is negative or not a number, or when the shapes differ.',
  impl(counts, points, extra) {
    const c = cells(counts);
    const p = cells(points);
    if (p.length !== 1 && p.length !== c.length) return new KpiError('#VALUE!', `counts has ${c.length} cells but points has ${p.length}`);
    let sum = 0;
    for (let i = 0; i < c.length; i++) {
      const ci = countOf(c[i], `counts[${i + 1}]`);
      if (isError(ci)) return ci;
      const pi = rangeNumber(p.length === 1 ? p[0] : p[i], `points[${i + 1}]`);
      if (isError(pi)) return pi;
      sum += ci * pi;
    }
    const e = countOf(scalar(extra), 'extra');
    if (isError(e)) return e;
    return Math.max(0, 100 - sum - e);
  },
  excel: (counts, points, extra) =>
    `IF(COUNTIF(${counts},"<0")+COUNTA(${counts})-COUNT(${counts})${extra ? `+(${extra}<0)` : ''}>0,#VALUE!,MAX(0,100-SUMPRODUCT(${counts},${points})${extra ? `-${extra}` : ''}))`,
};

const ESCALATE: KpiFunction = {
  name: 'ESCALATE',
  summary: 'Points deducted for an escalating item: first time `first`, each further time `next` (points).',
  rule: 'B12, D2',
  params: [
    { name: 'count', type: 'any', dim: 'scalar', blankIsZero: true, description: 'Times (whole number ≥ 0); blank = 0.' },
    {
      name: 'first',
      type: 'any',
      dim: 'scalar',
      optional: true,
      blankIsNotOmitted: true,
      description: 'Points the first time (default 5).',
    },
    {
      name: 'next',
      type: 'any',
      dim: 'scalar',
      optional: true,
      blankIsNotOmitted: true,
      description: 'Points each further time (default 10).',
    },
  ],
  returns: 'Points deducted.',
  errors: '#VALUE! when count is negative or not a number.',
  impl(count, first, next) {
    const c = countOf(scalar(count), 'count');
    if (isError(c)) return c;
    const f = optNumber(first, DEFAULT_RULES.b12First, 'first');
    if (isError(f)) return f;
    const n = optNumber(next, DEFAULT_RULES.b12Next, 'next');
    if (isError(n)) return n;
    return c >= 1 ? f + n * (c - 1) : 0;
  },
  excel: (count, first = String(DEFAULT_RULES.b12First), next = String(DEFAULT_RULES.b12Next)) =>
    `IF(${count}>=1,${first}+${next}*(${count}-1),0)`,
};

const PRESALES: KpiFunction = {
  name: 'PRESALES',
  summary: 'Pre-sales total: 60% form A + 30% form B + 10% written test (points).',
  rule: 'pre-sales total; source example 70, 95, 80 → 78.5; D11',
  params: [
    { name: 'formA', type: 'any', dim: 'scalar', description: 'Form A score, points 0–100.' },
    { name: 'formB', type: 'any', dim: 'scalar', description: 'Form B score, points 0–100.' },
    { name: 'test', type: 'any', dim: 'scalar', blankMatters: true, description: 'Written test, points 0–100; blank = incomplete.' },
    {
      name: 'weights',
      type: 'any',
      dim: 'matrix',
      optional: true,
      blankIsZero: true,
      description: 'Weights of A, B and test (3 cells, default 0.6, 0.3, 0.1).',
    },
  ],
  returns: 'Points, rounded to 10 decimals; "incomplete" when a score is blank (D11).',
  errors: '#NUM! when a score is outside 0–100; #VALUE! when it is text.',
  impl(formA, formB, test, weights) {
    const w = ruleNumbers(weights, [DEFAULT_RULES.weightA, DEFAULT_RULES.weightB, DEFAULT_RULES.weightEX], 'weights');
    if (isError(w)) return w;
    const names = ['formA', 'formB', 'test'];
    const vals = [scalar(formA), scalar(formB), scalar(test)];
    let total = 0;
    let incomplete = false;
    for (let i = 0; i < 3; i++) {
      const v = vals[i];
      if (isError(v)) return v;
      if (v === INCOMPLETE || isBlank(v)) {
        incomplete = true;
        continue;
      }
      if (!isNum(v)) return new KpiError('#VALUE!', `${names[i]}: ${JSON.stringify(v)} is not a score`);
      if (v < 0 || v > 100) return new KpiError('#NUM!', `${names[i]}: ${v} is outside 0–100`);
      total += v * w[i];
    }
    return incomplete ? INCOMPLETE : excelRound(total, 10);
  },
  excel: (formA, formB, test, weights) => {
    const w = (k: number, d: number) => (weights ? `INDEX(${weights},${k})` : String(d));
    const args = `${formA},${formB},${test}`;
    const out = (x?: string) => `AND(ISNUMBER(${x}),OR(${x}<0,${x}>100))`;
    // the same order as impl: an error, then text that is not "incomplete", then a score outside 0–100, then incomplete
    return (
      `IF(ISERROR(SUM(${args})),SUM(${args}),IF(AND(ISTEXT(${test}),TRIM(${test})<>"",${test}<>${I}),#VALUE!,` +
      `IF(OR(${out(formA)},${out(formB)},${out(test)}),#NUM!,IF(COUNT(${args})<3,${I},` +
      `ROUND(${formA}*${w(1, DEFAULT_RULES.weightA)}+${formB}*${w(2, DEFAULT_RULES.weightB)}+${test}*${w(3, DEFAULT_RULES.weightEX)},10)))))`
    );
  },
};

const AFTERSALES: KpiFunction = {
  name: 'AFTERSALES',
  summary: 'After-sales composite: Σ item score × weight + suggestion bonus − complaint deduction (points).',
  rule: 'S01–S06, SP1 (+5 each, at most +30), SN1 (−5 each); D11',
  params: [
    { name: 'scores', type: 'any', dim: 'matrix', description: 'Item scores S01–S06 in points (2-D range).' },
    { name: 'weights', type: 'any', dim: 'matrix', blankIsZero: true, description: 'Their weights (fractions), same shape.' },
    {
      name: 'suggestions',
      type: 'any',
      dim: 'scalar',
      optional: true,
      blankIsZero: true,
      description: 'SP1: adopted suggestions (count); blank = 0.',
    },
    {
      name: 'complaints',
      type: 'any',
      dim: 'scalar',
      optional: true,
      blankIsZero: true,
      description: 'SN1: customer complaints (count); blank = 0.',
    },
    {
      name: 'rule',
      type: 'any',
      dim: 'matrix',
      optional: true,
      blankIsZero: true,
      description: 'SP1 points each, SP1 cap, SN1 points each (3 cells, default 5, 30, 5).',
    },
  ],
  returns: 'Points, rounded to 10 decimals (may pass 100 with bonus, D7); "incomplete" when an item is (D11).',
  errors: '#VALUE! when the shapes differ or a count is negative or not a number.',
  impl(scores, weights, suggestions, complaints, rule) {
    const r = ruleNumbers(rule, [DEFAULT_RULES.sp1Points, DEFAULT_RULES.sp1Cap, DEFAULT_RULES.sn1Points], 'rule');
    if (isError(r)) return r;
    const base = SCORE.impl(scores, weights);
    if (isError(base)) return base;
    const s = countOf(scalar(suggestions), 'suggestions');
    if (isError(s)) return s;
    const c = countOf(scalar(complaints), 'complaints');
    if (isError(c)) return c;
    if (base === INCOMPLETE) return INCOMPLETE;
    return excelRound((base as number) + Math.min(r[1], s * r[0]) - c * r[2], 10);
  },
  excel: (scores, weights, suggestions = '0', complaints = '0', rule) => {
    const r = (k: number, d: number) => (rule ? `INDEX(${rule},${k})` : String(d));
    return `IF(COUNT(${scores})<ROWS(${scores})*COLUMNS(${scores}),IF(ISERROR(SUM(${scores})),SUM(${scores}),${I}),ROUND(SUMPRODUCT(${scores},${weights})+MIN(${r(2, DEFAULT_RULES.sp1Cap)},${suggestions}*${r(1, DEFAULT_RULES.sp1Points)})-${complaints}*${r(3, DEFAULT_RULES.sn1Points)},10))`;
  },
};

const GRADE: KpiFunction = {
  name: 'GRADE',
  summary: 'Points for a grade letter on a named scale (points).',
  rule: 'S03 (A 100, B 80, C 60, D 30, E 0), S06 (A 100, B 80, C 70, D 50, E 0)',
  params: [
    {
      name: 'grade',
      type: 'any',
      dim: 'scalar',
      blankMatters: true,
      description: 'A grade letter A–E (lower case accepted); blank = incomplete.',
    },
    { name: 'scale', type: 'any', dim: 'matrix', blankIsZero: true, description: '"S03", "S06", or a 2-column range: letter | points.' },
  ],
  returns: 'Points; "incomplete" when the grade is blank (D11).',
  errors: '#N/A when the letter is not on the scale; #VALUE! for a bad scale.',
  impl(grade, scale) {
    const s = scaleOf(scale, DEFAULT_RULES.gradeS03, 'scale');
    if (isError(s)) return s;
    const g = scalar(grade);
    if (isError(g)) return g;
    if (isBlank(g)) return INCOMPLETE;
    const letter = String(g).trim().toUpperCase();
    if (!(letter in s)) return new KpiError('#N/A', `grade: ${JSON.stringify(g)} is not one of ${Object.keys(s).join(', ')}`);
    return s[letter];
  },
  excel: (grade, scale) => {
    const g = `TRIM(${grade})`;
    // FIND, not VLOOKUP alone: VLOOKUP would read "*" or "?" as a wildcard and match grade A
    return `IF(${g}="",${I},IF(AND(LEN(${g})=1,ISNUMBER(FIND(UPPER(${g}),"ABCDE"))),VLOOKUP(${g},${scale ?? '{"A",100;"B",80;"C",60;"D",30;"E",0}'},2,0),NA()))`;
  },
};

const RATINGS: RatingLetter[] = ['A', 'B', 'C', 'D'];

const SATISFACTION: KpiFunction = {
  name: 'SATISFACTION',
  summary: 'Customer satisfaction: Σ rating points over the call-backs, scaled to 20 tickets (points, −100 to 100).',
  rule: 'S02 (A +5, B +3, C 0, D −5), D6',
  params: [
    {
      name: 'ratings',
      type: 'any',
      dim: 'scalar',
      blankMatters: true,
      description: 'Rating letters A–D, e.g. "AABCD" (spaces ignored); blank = incomplete.',
    },
    {
      name: 'scale',
      type: 'any',
      dim: 'matrix',
      optional: true,
      blankIsZero: true,
      description: '4×2 range letter | points (default A 5, B 3, C 0, D −5).',
    },
    {
      name: 'sample',
      type: 'any',
      dim: 'scalar',
      optional: true,
      blankIsNotOmitted: true,
      description: 'Tickets the sum is scaled to (default 20).',
    },
  ],
  returns: 'Points rounded to 10 decimals; "incomplete" when there is no rating (D6, D11).',
  errors: '#N/A naming a letter that is not A–D.',
  impl(ratings, scale, sample) {
    const s = scaleOf(scale, DEFAULT_RULES.satisfaction, 'scale');
    if (isError(s)) return s;
    const n20 = optNumber(sample, DEFAULT_RULES.satisfactionSample, 'sample');
    if (isError(n20)) return n20;
    const r = scalar(ratings);
    if (isError(r)) return r;
    if (isBlank(r)) return INCOMPLETE;
    const text = String(r).toUpperCase().replace(/ /g, '');
    let sum = 0;
    for (const ch of text) {
      if (!RATINGS.includes(ch as RatingLetter)) return new KpiError('#N/A', `ratings: "${ch}" is not a rating A–D`);
      sum += s[ch];
    }
    return excelRound((sum * n20) / text.length, 10);
  },
  excel: (ratings, scale, sample = String(DEFAULT_RULES.satisfactionSample)) => {
    const u = `SUBSTITUTE(UPPER(${ratings})," ","")`;
    const cnt = (l: string) => `(LEN(${u})-LEN(SUBSTITUTE(${u},"${l}","")))`;
    const pts = (l: RatingLetter) => (scale ? `VLOOKUP("${l}",${scale},2,0)` : String(DEFAULT_RULES.satisfaction[l]));
    const n = RATINGS.map(cnt).join('+');
    const sum = RATINGS.map((l) => `${cnt(l)}*${pts(l)}`).join('+');
    return `IF(LEN(${u})=0,${I},IF(${n}<>LEN(${u}),NA(),ROUND((${sum})*${sample}/LEN(${u}),10)))`;
  },
};

const VOLUME: KpiFunction = {
  name: 'VOLUME',
  summary: 'Ticket volume: actual tickets ÷ average tickets × 100 (points).',
  rule: 'S01, D5',
  params: [
    {
      name: 'tickets',
      type: 'any',
      dim: 'scalar',
      blankMatters: true,
      description: 'This agent’s tickets (whole number ≥ 0); blank = incomplete.',
    },
    {
      name: 'all',
      type: 'any',
      dim: 'matrix',
      description: 'Every after-sales agent’s tickets this month (2-D range; blanks excluded from the average).',
    },
    {
      name: 'cap',
      type: 'any',
      dim: 'scalar',
      optional: true,
      blankMatters: true,
      description: 'Upper cap in points; blank = no cap (D5).',
    },
  ],
  returns: 'Points rounded to 10 decimals; "incomplete" when tickets is blank (D11).',
  errors: '#DIV/0! when the average is 0 or no agent has tickets (D5); #VALUE! for a negative or text count.',
  impl(tickets, all, cap) {
    const t = scalar(tickets);
    if (isError(t)) return t;
    let sum = 0;
    let n = 0;
    for (const v of cells(all)) {
      if (isError(v)) return v;
      if (isNum(v)) {
        sum += v;
        n++;
      }
    }
    if (isBlank(t)) return INCOMPLETE;
    const tn = countOf(t, 'tickets');
    if (isError(tn)) return tn;
    if (n === 0 || sum === 0) return new KpiError('#DIV/0!', 'all: the average ticket count is 0, S01 cannot be scored (D5)');
    const x = excelRound((tn / (sum / n)) * 100, 10);
    const c = scalar(cap);
    if (c === undefined || isBlank(c)) return x;
    const cn = numberOf(c, 'cap');
    if (isError(cn)) return cn;
    return Math.min(cn, x);
  },
  excel: (tickets, all, cap) => {
    const x = `ROUND(${tickets}/AVERAGE(${all})*100,10)`;
    return `IF(TRIM(${tickets})="",${I},${cap ? `IF(TRIM(${cap})="",${x},MIN(${cap},${x}))` : x})`;
  },
};

const BONUS: KpiFunction = {
  name: 'BONUS',
  summary: 'Monthly performance pay: base × total %, to the fen (yuan).',
  rule: 'pay = 400 × total %; D7; red line → 0 (D3)',
  params: [
    { name: 'total', type: 'any', dim: 'scalar', description: 'Total score in points (pre-sales total or after-sales composite).' },
    { name: 'base', type: 'any', dim: 'scalar', optional: true, blankIsNotOmitted: true, description: 'Pay base in yuan (default 400).' },
    {
      name: 'redLines',
      type: 'any',
      dim: 'scalar',
      optional: true,
      blankIsZero: true,
      description: 'Red-line occurrences this month (AR1 + AR2); any > 0 makes the pay 0.',
    },
  ],
  returns: 'Yuan rounded to 0.01, half away from zero, never below 0; "incomplete" when the total is (D11).',
  errors: '#VALUE! when total or base is text other than "incomplete".',
  impl(total, base, redLines) {
    const t = scalar(total);
    if (isError(t)) return t;
    const b = optNumber(base, DEFAULT_RULES.payBase, 'base');
    if (isError(b)) return b;
    const rl = countOf(scalar(redLines), 'redLines');
    if (isError(rl)) return rl;
    if (t === INCOMPLETE || isBlank(t)) return INCOMPLETE;
    const tn = numberOf(t, 'total');
    if (isError(tn)) return tn;
    if (rl > 0) return 0;
    return Math.max(0, excelRound((b * tn) / 100, 2));
  },
  excel: (total, base = String(DEFAULT_RULES.payBase), redLines) =>
    `IF(ISNUMBER(${total}),${redLines ? `IF(${redLines}>0,0,` : ''}MAX(0,ROUND(${base}*${total}/100,2))${redLines ? ')' : ''},IF(ISERROR(${total}),${total},${I}))`,
};

function rankIn(value: number, all: Cell[], ascending: boolean): number {
  let r = 1;
  for (const v of all) if (isNum(v) && (ascending ? v < value : v > value)) r++;
  return r;
}

const RANK: KpiFunction = {
  name: 'RANK',
  summary: 'Rank among the totals, highest first; ties share a rank (1, 1, 3).',
  rule: 'D8 (Excel’s RANK.EQ)',
  params: [
    { name: 'total', type: 'any', dim: 'scalar', numbersOnly: true, description: 'This agent’s total (points).' },
    {
      name: 'totals',
      type: 'any',
      dim: 'matrix',
      description: 'All totals of the same kind this month (2-D range); text such as "incomplete" is not ranked.',
    },
    {
      name: 'order',
      type: 'any',
      dim: 'scalar',
      optional: true,
      blankIsZero: true,
      description: '0 (default) highest first; 1 lowest first (rank from the bottom).',
    },
  ],
  returns: 'A whole number ≥ 1; "" when the total is text such as "incomplete" (not ranked, D8).',
  errors: 'An error among the totals is returned (as RANK.EQ does); #VALUE! when order is not a number.',
  impl(total, totals, order) {
    const t = scalar(total);
    const o = optNumber(order, 0, 'order');
    if (isError(o)) return o;
    const all = cells(totals);
    // an error among the totals makes the ranking an error, as RANK.EQ does; text is not ranked
    const err = all.find(isError);
    if (err) return err as KpiError;
    if (!isNum(t)) return '';
    return rankIn(t, all, o !== 0);
  },
  excel: (total, totals, order) =>
    `IF(ISERROR(SUM(${totals})),SUM(${totals}),IF(ISNUMBER(${total}),RANK.EQ(${total},${totals}${order ? `,${order}` : ''}),""))`,
};

const BOTTOM: KpiFunction = {
  name: 'BOTTOM',
  summary: 'TRUE for the last two of the ranking (rank from the bottom ≤ n, ties sharing).',
  rule: 'the last two hand in an improvement plan; D9',
  params: [
    { name: 'total', type: 'any', dim: 'scalar', numbersOnly: true, description: 'This agent’s total (points).' },
    { name: 'totals', type: 'any', dim: 'matrix', description: 'All totals of the same kind this month (2-D range).' },
    {
      name: 'n',
      type: 'any',
      dim: 'scalar',
      optional: true,
      blankIsNotOmitted: true,
      description: 'How many from the bottom (default 2).',
    },
  ],
  returns: 'TRUE or FALSE; FALSE for everyone when n or fewer are ranked, and for a total that is not a number.',
  errors: 'An error among the totals is returned (as RANK.EQ does); #VALUE! when n is not a number.',
  impl(total, totals, n) {
    const t = scalar(total);
    const k = optNumber(n, DEFAULT_RULES.bottomN, 'n');
    if (isError(k)) return k;
    const all = cells(totals);
    const err = all.find(isError);
    if (err) return err as KpiError;
    if (!isNum(t)) return false;
    const ranked = all.filter(isNum).length;
    return ranked > k && rankIn(t, all, true) <= k;
  },
  excel: (total, totals, n = String(DEFAULT_RULES.bottomN)) =>
    `IF(ISERROR(SUM(${totals})),SUM(${totals}),IF(ISNUMBER(${total}),AND(COUNT(${totals})>${n},RANK.EQ(${total},${totals},1)<=${n}),FALSE))`,
};

const QUARTER: KpiFunction = {
  name: 'QUARTER',
  summary: 'Quarter result: "award" for first place three months running, "transfer" for last place three months running.',
  rule: 'first place 3 months in a row +300 yuan, last place 3 months in a row considered for transfer; D3, D10',
  params: [
    {
      name: 'ranks',
      type: 'any',
      dim: 'matrix',
      blankIsZero: true,
      description: 'Rank in each of the three months (3 cells); blank, 0 or text = not ranked that month.',
    },
    {
      name: 'bottomRanks',
      type: 'any',
      dim: 'matrix',
      blankIsZero: true,
      description: 'Rank from the bottom in each of the three months (3 cells); blank, 0 or text = not ranked.',
    },
    {
      name: 'redLines',
      type: 'any',
      dim: 'matrix',
      optional: true,
      blankIsZero: true,
      description: 'Red-line occurrences in each month (3 cells); any > 0 rules out the award (D3).',
    },
  ],
  returns: '"award", "transfer" or "" (not three ranked months, or neither).',
  errors: '#VALUE! when a range does not have 3 cells.',
  impl(ranks, bottomRanks, redLines) {
    const r = cells(ranks);
    const b = cells(bottomRanks);
    // omitted: undefined (engine, HyperFormula) or null (Excel)
    const rl = redLines === undefined || redLines === null ? [0, 0, 0] : cells(redLines);
    if (r.length !== 3 || b.length !== 3 || rl.length !== 3)
      return new KpiError('#VALUE!', 'ranks, bottomRanks and redLines each need 3 cells, one per month');
    for (const v of [...r, ...b, ...rl]) if (isError(v)) return v;
    // a rank is a number ≥ 1: Excel desktop passes a month left blank as 0, so 0 (like a blank) is no rank
    const ranked = (v: Cell) => isNum(v) && v >= 1;
    if (!r.every(ranked) || !b.every(ranked)) return '';
    const anyRed = rl.some((v) => isNum(v) && v > 0);
    if (r.every((v) => v === 1) && !anyRed) return 'award';
    if (b.every((v) => v === 1)) return 'transfer';
    return '';
  },
  excel: (ranks, bottomRanks, redLines) =>
    `IF(ISERROR(SUM(${ranks},${bottomRanks})),SUM(${ranks},${bottomRanks}),IF(COUNTIF(${ranks},">=1")+COUNTIF(${bottomRanks},">=1")<6,"",IF(AND(MAX(${ranks})=1${redLines ? `,SUM(${redLines})=0` : ''}),"award",IF(MAX(${bottomRanks})=1,"transfer",""))))`,
};

/** Every KPI function, in the order the docs list them. */
export const KPI_FUNCTIONS: readonly KpiFunction[] = [
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
];

export const KPI = Object.fromEntries(KPI_FUNCTIONS.map((f) => [f.name, f])) as Record<
  | 'SCORE'
  | 'DEDUCT'
  | 'ESCALATE'
  | 'PRESALES'
  | 'AFTERSALES'
  | 'GRADE'
  | 'SATISFACTION'
  | 'VOLUME'
  | 'BONUS'
  | 'RANK'
  | 'BOTTOM'
  | 'QUARTER',
  KpiFunction
>;
export type KpiName = keyof typeof KPI;

export type FormulaMode = 'kpi' | 'plain';

/**
 * The formula text (without `=`) of a call in either mode: `KPI.NAME(args)` for the add-in, or the
 * plain-Excel equivalent. In `kpi` mode, a blank-sensitive argument that is a cell reference is passed
 * as `IF(ISBLANK(ref),"",ref)` so that Windows Excel's blank-as-0 does not turn "incomplete" into 0, and
 * a `blankIsNotOmitted` one as `IF(ISBLANK(ref),0,ref)` so that the web's blank-as-null is not "omitted".
 */
export function call(mode: FormulaMode, name: KpiName, ...args: Array<string | undefined>): string {
  const f = KPI[name];
  if (mode === 'plain') return f.excel(...args);
  let last = args.length;
  while (last > 0 && args[last - 1] === undefined) last--;
  const parts = args.slice(0, last).map((a, i) => {
    if (a === undefined) return '';
    const isRef = /^('[^']+'!|[A-Za-z0-9_.]+!)?\$?[A-Z]{1,3}\$?\d+$/.test(a) || /^[A-Za-z_][A-Za-z0-9_.]*$/.test(a);
    if (isRef && f.params[i]?.numbersOnly) return `IF(ISNUMBER(${a}),${a},"")`;
    if (isRef && f.params[i]?.blankIsNotOmitted) return `IF(ISBLANK(${a}),0,${a})`;
    return f.params[i]?.blankMatters && isRef ? `IF(ISBLANK(${a}),"",${a})` : a;
  });
  return `KPI.${name}(${parts.join(',')})`;
}

/** GradeLetter re-export for templates. */
export type { GradeLetter };

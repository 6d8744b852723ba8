/**
 * The parameters of the KPI functions as data, and the one step that reads the arguments (HyperFormula's
 * `implementedFunctions` pattern). Each parameter has a kind: how an argument, as a host passes it, becomes
 * the typed value the implementation receives, and what a blank or omitted argument means. `coerceArgs` runs
 * before every implementation; the first bad argument, in parameter order, is the result: a KpiError naming it.
 *
 * Arguments arrive as Excel (src/functions/runtime.ts, data types already converted), HyperFormula
 * (test/helpers/hf.ts) and the engine pass them: `undefined` or `null` for an omitted optional argument,
 * `null`, `0` (Windows desktop) or `""` (the `=KPI.…` formulas' `IF(ISBLANK(x),"",x)`) for a blank cell,
 * a KpiError for an error, rows of cells for a range, a 1×1 range for one cell given to a matrix parameter.
 *
 * Pure: imports nothing from Office.js or ExcelJS.
 */
import { DEFAULT_RULES, INCOMPLETE, RatingLetter } from '../rules';
import { Cell, KpiError, Matrix, Result, cells, isBlank, isError } from '../values';
import { KPI_MSG } from './messages';

/** An argument as a host passes it: one cell, a 2-D range, or undefined when omitted. */
export type Arg = Cell | Matrix | undefined;

const isNum = (v: Cell): v is number => typeof v === 'number' && Number.isFinite(v);

/** One cell of an argument: a 1×1 range is its cell; a larger range is an error. */
function scalar(v: Arg): Cell {
  return Array.isArray(v) ? (v.length === 1 && v[0].length === 1 ? v[0][0] : KpiError.of('#VALUE!', KPI_MSG.notOneCell, {})) : v;
}

function numberOf(v: Cell, what: string): number | KpiError {
  if (isError(v)) return v;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return KpiError.of('#VALUE!', KPI_MSG.notNumber, { what, value: JSON.stringify(v ?? '') });
}

/** A count: blank (null, or "" as the =KPI formulas pass it) → `blank`; otherwise a number ≥ 0 (D4). */
function countOf(v: Cell, what: string, blank: number): number | KpiError {
  if (isError(v)) return v;
  // spaces typed into a count are text, as COUNTA sees them
  if (v === null || v === undefined || v === '') return blank;
  if (isNum(v)) return v >= 0 ? v : KpiError.of('#VALUE!', KPI_MSG.negativeCount, { what, value: String(v) });
  return KpiError.of('#VALUE!', KPI_MSG.countNotNumber, { what, value: String(JSON.stringify(v)) });
}

/**
 * A number inside a range of numbers (points, weights, a rule range): a blank cell is 0, because Excel
 * desktop passes a blank inside a range as 0 (office-js #5262) and the plain formulas (SUMPRODUCT, INDEX,
 * VLOOKUP) read it as 0; null and 0 must give the same result in every host.
 */
function rangeNumber(v: Cell, what: string): number | KpiError {
  return v === null || v === undefined ? 0 : numberOf(v, what);
}

/** Every cell of a range read by `read`, named `what[1]`, `what[2]`, … row by row; the first error is the result. */
function eachCell(v: Arg, what: string, read: (c: Cell, what: string) => number | KpiError): number[] | KpiError {
  const list = cells(v);
  const out: number[] = [];
  for (let i = 0; i < list.length; i++) {
    // the cell's name only for its error (read is pure: read again with it), not made for every cell of every call
    let n = read(list[i], what);
    if (isError(n)) n = read(list[i], `${what}[${i + 1}]`);
    if (isError(n)) return n;
    out.push(n);
  }
  return out;
}

/** The numbers of a range, as AVERAGE, COUNT and RANK.EQ see them (text and blanks skipped); an error among them is the result. */
function numbersAmong(v: Arg): number[] | KpiError {
  // one pass over the rows, no flattened copy (the ranking calls this for every agent with every total)
  const out: number[] = [];
  if (!Array.isArray(v)) return isError(v) ? v : isNum(v) ? [v] : out;
  for (let r = 0; r < v.length; r++) {
    const row: Cell | Cell[] = v[r];
    if (!Array.isArray(row)) {
      if (isError(row)) return row;
      if (isNum(row)) out.push(row);
      continue;
    }
    for (let k = 0; k < row.length; k++) {
      const c = row[k];
      if (isError(c)) return c;
      if (isNum(c)) out.push(c);
    }
  }
  return out;
}

/** The rating letters of S02 (D6), in the order the plain formula counts them. */
export const RATING_LETTERS: readonly string[] = ['A', 'B', 'C', 'D'] satisfies RatingLetter[];

/** A scale: points per letter. */
export type Scale = Record<string, number>;
/** The scales a name typed as text stands for: S03 and S06 grades, S02 ratings. */
const NAMED_SCALES: Record<string, Scale> = { S03: DEFAULT_RULES.gradeS03, S06: DEFAULT_RULES.gradeS06, S02: DEFAULT_RULES.satisfaction };

/** What a reader is given besides the argument: the parameter and its function's parameters. */
interface ReadContext<T> {
  what: string;
  dflt: T | undefined;
  params: readonly ParamDef[];
}

interface Kind<T> {
  /** how Excel passes it (functions.json `dimensionality`): a matrix parameter gets a 1×1 range for one cell */
  dim: 'scalar' | 'matrix';
  /**
   * A blank cell reads as 0 (in a range, each cell), or as the parameter's default where it has one:
   * `ParamDef.blankIsZero` unless that default is a number other than 0.
   */
  blankIsZero?: true;
  /** the argument (undefined: omitted) as the implementation receives it, or the error naming it */
  read(v: Arg, c: ReadContext<T>): T | KpiError;
}

/**
 * The kinds of parameter and the typed value each gives the implementation. `null` means "no value":
 * incomplete (D11) for an input, not ranked for a total, no cap.
 */
interface KindValues {
  count: number;
  counts: number[];
  countOrBlank: number | null;
  number: number;
  numberOrNone: number | null;
  numbers: number[];
  ruleNumbers: number[];
  scale: Scale;
  score: number | null;
  scores: Array<number | null>;
  total: number | null;
  grade: number | string | boolean | null;
  ratings: string | null;
  rankable: number | null;
  numbersAmong: number[];
  months: number[];
}

export type KindName = keyof KindValues;
/** The typed value a parameter of kind `K` gives the implementation. */
export type KindValue<K extends KindName> = KindValues[K];

export const KINDS: { [K in KindName]: Kind<KindValues[K]> } = {
  /** A count ≥ 0 (D4); blank or omitted = the default, 0 without one (D1). */
  count: { dim: 'scalar', blankIsZero: true, read: (v, c) => countOf(scalar(v), c.what, c.dflt ?? 0) },
  /** Counts, one per cell; a blank cell is 0 (D1). */
  counts: { dim: 'matrix', blankIsZero: true, read: (v, c) => eachCell(v, c.what, (x, w) => countOf(x, w, 0)) },
  /** A count typed by hand where blank means incomplete (D11): null. */
  countOrBlank: {
    dim: 'scalar',
    read(v, c) {
      const t = scalar(v);
      return isError(t) ? t : isBlank(t) ? null : countOf(t, c.what, 0);
    },
  },
  /** A number; blank or omitted = the default, 0 without one (RANK's order, as RANK.EQ). A range gives its first cell. */
  number: {
    dim: 'scalar',
    blankIsZero: true,
    read(v, c) {
      const x = Array.isArray(v) ? v[0]?.[0] : v;
      return x === undefined || isBlank(x) ? (c.dflt ?? 0) : numberOf(x, c.what);
    },
  },
  /** A number; blank or omitted = none (null), e.g. no cap (D5). */
  numberOrNone: {
    dim: 'scalar',
    read(v, c) {
      const x = scalar(v);
      return x === undefined || isBlank(x) ? null : numberOf(x, c.what);
    },
  },
  /** Numbers, one per cell (points, weights); a blank cell is 0. */
  numbers: { dim: 'matrix', blankIsZero: true, read: (v, c) => eachCell(v, c.what, rangeNumber) },
  /** A rule range of as many cells as the default (W_PRE, SP_RULE); blank or omitted = the default; a blank cell is 0. */
  ruleNumbers: {
    dim: 'matrix',
    blankIsZero: true,
    read(v, { what, dflt = [] }) {
      if (v === undefined || (!Array.isArray(v) && isBlank(v))) return dflt;
      const n = cells(v).length;
      return n === dflt.length
        ? eachCell(v, what, rangeNumber)
        : KpiError.of('#VALUE!', KPI_MSG.cellCount, { what, expected: dflt.length, got: n });
    },
  },
  /** A letter scale: "S03", "S06", "S02" or an N×2 range letter | points; blank or omitted = the default. */
  scale: {
    dim: 'matrix',
    blankIsZero: true,
    read(v, { what, dflt = {} }) {
      // a name typed as text reaches an any[][] parameter as a 1×1 range: =KPI.GRADE(D5,"S06") gives [["S06"]]
      if (Array.isArray(v) && v.length === 1 && v[0].length === 1 && typeof v[0][0] === 'string') v = v[0][0];
      if (v === undefined || (!Array.isArray(v) && isBlank(v))) return dflt;
      if (!Array.isArray(v)) {
        const name = String(v).trim().toUpperCase();
        return Object.hasOwn(NAMED_SCALES, name)
          ? NAMED_SCALES[name]
          : KpiError.of('#VALUE!', KPI_MSG.notScale, { what, value: String(JSON.stringify(v)) });
      }
      const out: Scale = {};
      for (const row of v) {
        if (row.length < 2) return KpiError.of('#VALUE!', KPI_MSG.scaleColumns, { what });
        // a row without a letter (blank: null on the web, 0 on desktop) matches no grade, as in VLOOKUP
        if (typeof row[0] !== 'string' || row[0].trim() === '') continue;
        const n = rangeNumber(row[1], `${what} (${String(row[0])})`);
        if (isError(n)) return n;
        out[String(row[0]).trim().toUpperCase()] = n;
      }
      return out;
    },
  },
  /** A form score, 0–100 points; blank or "incomplete" = null (D11). */
  score: {
    dim: 'scalar',
    read(v, { what }) {
      const x = scalar(v);
      if (isError(x)) return x;
      if (x === INCOMPLETE || isBlank(x)) return null;
      if (!isNum(x)) return KpiError.of('#VALUE!', KPI_MSG.notScore, { what, value: String(JSON.stringify(x)) });
      return x < 0 || x > 100 ? KpiError.of('#NUM!', KPI_MSG.outOfRange, { what, value: String(x) }) : x;
    },
  },
  /** Item scores, one per cell; a cell that is not a number (blank, "incomplete") = null; an error among them is the result. */
  scores: {
    dim: 'matrix',
    read(v) {
      const list = cells(v);
      return (list.find(isError) as KpiError | undefined) ?? list.map((x) => (isNum(x) ? x : null));
    },
  },
  /** A total in points; blank or "incomplete" = null (D11); other text is an error. */
  total: {
    dim: 'scalar',
    read(v, { what }) {
      const x = scalar(v);
      return isError(x) ? x : x === INCOMPLETE || isBlank(x) ? null : numberOf(x, what);
    },
  },
  /** A grade as typed (the implementation looks it up on the scale); blank = null (D11). */
  grade: {
    dim: 'scalar',
    read(v) {
      const x = scalar(v);
      return isError(x) ? x : isBlank(x) ? null : (x as number | string | boolean);
    },
  },
  /** Rating letters A–D, upper case, spaces removed ("aa bc" → "AABC"); blank = null (D11); another letter is #N/A. */
  ratings: {
    dim: 'scalar',
    read(v, { what }) {
      const x = scalar(v);
      if (isError(x)) return x;
      if (isBlank(x)) return null;
      const text = String(x).toUpperCase().replace(/ /g, '');
      const bad = [...text].find((ch) => !RATING_LETTERS.includes(ch));
      return bad === undefined ? text : KpiError.of('#N/A', KPI_MSG.notRating, { what, value: bad });
    },
  },
  /** A total to rank: a number, or null (text such as "incomplete", blank, an error: not ranked, D8); never an error. */
  rankable: {
    dim: 'scalar',
    read(v) {
      const x = scalar(v);
      return isNum(x) ? x : null;
    },
  },
  /** The numbers of a range (text and blanks skipped, as AVERAGE and RANK.EQ do); an error among them is the result. */
  numbersAmong: { dim: 'matrix', read: numbersAmong },
  /**
   * One value per month of the quarter (3 cells); what is not a number is 0, which is no rank and no red line
   * (Excel desktop passes a month left blank as 0). Omitted = three blank months.
   */
  months: {
    dim: 'matrix',
    blankIsZero: true,
    read(v, { params }) {
      if (v === undefined) return [0, 0, 0];
      const list = cells(v);
      if (list.length !== 3) {
        const names = params.filter((p) => p.kind === 'months').map((p) => p.name);
        return KpiError.of('#VALUE!', KPI_MSG.threeMonths, { names });
      }
      return (list.find(isError) as KpiError | undefined) ?? list.map((x) => (isNum(x) ? x : 0));
    },
  },
};

interface ParamFlags {
  name: string;
  optional?: boolean;
  /**
   * Its error is not the result before the implementation has used the value: VOLUME's cap, so that a bad
   * cap hides neither "incomplete" nor #DIV/0!. The implementation receives the KpiError.
   */
  lazy?: boolean;
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
   * Optional with a default other than 0, but a blank cell means 0, as the plain formulas read it: Excel
   * on the web passes a blank cell as null, the same as an omitted argument, so the `=KPI.…` writer
   * passes a reference as `IF(ISBLANK(x),0,x)`.
   */
  blankIsNotOmitted?: boolean;
  /** for the JSDoc; `{default}` stands for the default (written once, in `default`) */
  description: string;
}

/**
 * A parameter as a KPI function declares it. `default`: what an omitted argument (and, for most kinds, a
 * blank one) means, used by the implementation and written into the plain formula for an omitted argument.
 * Without one, an omitted argument reads as the kind says (a count as 0, no cap, …) and the plain formula
 * leaves out what the argument would add.
 */
export type ParamSpec = { [K in KindName]: ParamFlags & { kind: K; default?: Extract<KindValue<K>, Default> } }[KindName];

/** What a default can be: a number, a rule range's numbers, a scale. */
type Default = number | number[] | Scale;

/** A declared parameter, with what follows from its kind, and its description written out. */
export type ParamDef = ParamSpec & {
  dim: 'scalar' | 'matrix';
  /**
   * A blank cell here means 0, and the implementation reads null (web) and 0 (Windows desktop) alike, in a
   * range too (office-js #5262: a blank inside a range arrives as 0). A range argument of a parameter
   * without it must hold no cell that can be blank (test/blank-ranges.test.ts). Follows from the kind.
   */
  blankIsZero?: boolean;
};

/** The typed arguments of parameters `P`: a lazy one may be its KpiError. */
export type Typed<P extends readonly ParamSpec[]> = {
  -readonly [I in keyof P]: P[I] extends { kind: infer K extends KindName }
    ? P[I] extends { lazy: true }
      ? KindValue<K> | KpiError
      : KindValue<K>
    : never;
};

const context: ReadContext<unknown> = { what: '', dflt: undefined, params: [] };

/** Ranges of at least this many rows are remembered once read (a smaller one costs less to read again). */
const BIG_RANGE = 8;
/**
 * Ranges already read, by parameter and range. A reader is pure (the range, the parameter's name and default),
 * and a range is not changed once passed: the engine builds each once, a host passes a new one at every call.
 */
const readRanges = new WeakMap<ParamDef, WeakMap<object, unknown>>();

/**
 * The one argument-reading step: the raw arguments of `f` as typed values, parameter by parameter, or the
 * first KpiError (in parameter order; a `lazy` parameter's error goes to the implementation instead).
 */
export function coerceArgs(f: { params: readonly ParamDef[] }, args: readonly Arg[]): unknown[] | KpiError {
  const { params } = f;
  const out: unknown[] = new Array(params.length);
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    // an omitted optional argument: null from Excel, undefined from HyperFormula and the engine (a blank cell,
    // null on the web, reads the same: hence blankIsNotOmitted); a required one is never omitted: blank
    const v = args[i] ?? (p.optional ? undefined : null);
    // one context for every parameter (a reader keeps nothing of it)
    context.what = p.name;
    context.dflt = p.default;
    context.params = params;
    let x: unknown;
    if (Array.isArray(v) && v.length >= BIG_RANGE) {
      // the engine passes one range (every total, every S01 count) to every agent's call: read it once per
      // parameter, not once per agent (80 agents: 6,400 cells read instead of 80)
      let seen = readRanges.get(p);
      if (!seen) readRanges.set(p, (seen = new WeakMap()));
      x = seen.get(v);
      if (x === undefined) seen.set(v, (x = (KINDS[p.kind] as Kind<unknown>).read(v, context)));
    } else x = (KINDS[p.kind] as Kind<unknown>).read(v, context);
    if (isError(x) && !p.lazy) return x;
    out[i] = x;
  }
  return out;
}

/** A default as plain-formula text: a number, a column array `{0.6;0.3;0.1}`, a scale `{"A",100;"B",80}`. */
export function formulaText(d: Default | undefined): string | undefined {
  if (d === undefined || typeof d === 'number') return d === undefined ? d : String(d);
  if (Array.isArray(d)) return `{${d.join(';')}}`;
  return `{${Object.entries(d)
    .map(([k, n]) => `"${k}",${n}`)
    .join(';')}}`;
}

/** A default as the JSDoc shows it: 5; 0.6, 0.3, 0.1; A 5, B 3, C 0, D −5. */
function shownText(d: Default): string {
  const n = (x: number) => (x < 0 ? `−${-x}` : String(x));
  if (typeof d === 'number') return n(d);
  if (Array.isArray(d)) return d.map(n).join(', ');
  return Object.entries(d)
    .map(([k, x]) => `${k} ${n(x)}`)
    .join(', ');
}

/** A parameter with its dimensionality and blankIsZero (from its kind) and its description's `{default}` written out. */
export function paramDef(p: ParamSpec): ParamDef {
  if (p.description.includes('{default}') && p.default === undefined)
    throw new Error(`${p.name}: {default} in the description, but no default`);
  const description = p.default === undefined ? p.description : p.description.replace('{default}', shownText(p.default));
  const k = KINDS[p.kind];
  const blankIsZero = !!k.blankIsZero && !(typeof p.default === 'number' && p.default !== 0);
  return { ...p, dim: k.dim, ...(blankIsZero && { blankIsZero }), description };
}

export interface KpiFunction {
  /** the name after the namespace: `KPI.<name>` */
  name: string;
  /** one line: what it computes, with units */
  summary: string;
  /** the forms.md rule it implements, e.g. "S02, D6" */
  rule: string;
  params: readonly ParamDef[];
  returns: string;
  errors: string;
  /** the implementation with its arguments as hosts pass them (scalar or 2-D range): `coerceArgs`, then the typed implementation */
  impl: (...args: Arg[]) => Result;
  /**
   * The equivalent plain-Excel formula, without the leading `=`, given each argument as formula text
   * (a reference, a defined name or a literal). An omitted argument is its parameter's default
   * (`formulaText`), or `undefined` when the parameter has none.
   * Excel 2010+ functions are written without `_xlfn.`; the .xlsx writer adds it (`XLFN_FUNCTIONS`).
   */
  excel: (...args: Array<string | undefined>) => string;
}

/** A KPI function as written in definitions.ts: parameters as data, the implementation on typed values. */
export interface FunctionSpec<P extends readonly ParamSpec[]> extends Omit<KpiFunction, 'name' | 'params' | 'impl'> {
  params: P;
  /** the implementation; errors as KpiError values, never thrown */
  impl: (...args: Typed<P>) => Result;
}

/** A KPI function from its declaration: `impl` reads the raw arguments once (`coerceArgs`) and calls the typed implementation. */
export function define<const N extends string, const P extends readonly ParamSpec[]>(
  name: N,
  spec: FunctionSpec<P>,
): KpiFunction & { name: N } {
  const f: KpiFunction & { name: N } = {
    name,
    ...spec,
    params: spec.params.map(paramDef),
    impl(...args) {
      const typed = coerceArgs(f, args);
      return isError(typed) ? typed : spec.impl(...(typed as Typed<P>));
    },
  };
  return f;
}

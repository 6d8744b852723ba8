/**
 * One table of the rules ↔ the defined names that hold them in a workbook. The rules sheet writes a
 * row per entry from it (sheets/rules.ts), and a reader reads a workbook's rules back through it
 * (`readRulesFromNames`), so a rule is named, labelled, shaped and read in one place.
 */
import { AFTER_SALES_ITEMS, DEFAULT_RULES, FORM_A_ITEMS, FORM_B_ITEMS, GradeLetter, RatingLetter, Rules } from '../core/rules';
import { Lang } from './model';

type Bilingual = Record<Lang, string>;

/**
 * How a rule sits on the rules sheet (value column C, points column D):
 * - `cell`: one value, the name on it;
 * - `column`: a few values under one name (`W_PRE`: weights of form A, form B, test), column A names each row;
 * - `cells`: a few values, each its own name, and the whole column under the entry's name (`W_S` over `W_S01`…);
 * - `scale`: letter | points rows under one name (`SAT_SCALE`, `GRADE_S03`).
 */
export type RuleShape = 'cell' | 'column' | 'cells' | 'scale';

/** One row of an entry on the rules sheet. */
export interface RuleRow {
  /** column A: the defined name (`cell`, `cells`) or the row's code (`W_A`, `S02 A`) */
  code: string;
  /** column B */
  label: Bilingual;
  /** the value (`scale`: the letter in C, `points` in D) */
  value(rules: Rules): number | string | null;
  /** `scale` only: the letter's points */
  points?(rules: Rules): number;
}

/** The values a workbook's defined names hold, as a reader gives them (src/xlsx/reader.ts `NamedValues`). */
export interface RuleLookup {
  /** the one number a name refers to; blank is an error unless `blank: 'null'` */
  num(name: string, opts?: { blank?: 'null' }): number | null;
  /** the `n` numbers a name refers to, row by row */
  nums(name: string, n: number): number[];
  /** a name over letter | points rows */
  scale<L extends string>(name: string, letters: readonly L[]): Record<L, number>;
  /** the text a name refers to, one of `allowed` (an error naming `note`, e.g. D10, otherwise) */
  choice<T extends string>(name: string, allowed: readonly T[], note?: string): T;
}

export interface RuleEntry {
  /** the defined name over the entry's value cells */
  name: string;
  shape: RuleShape;
  /** the fields of `Rules` it holds */
  holds: ReadonlyArray<keyof Rules>;
  rows: RuleRow[];
  /** reads the entry's fields from a workbook's names into `into` */
  read(lookup: RuleLookup, into: Rules): void;
}

const GRADES: readonly GradeLetter[] = ['A', 'B', 'C', 'D', 'E'];
const RATINGS: readonly RatingLetter[] = ['A', 'B', 'C', 'D'];

/** The fields of `Rules` that hold one number (`s01Cap`: or null, a blank cell). */
type NumberField = { [K in keyof Rules]: Rules[K] extends number | null ? K : never }[keyof Rules];

/** A rule in one cell under its own name, read back as a number (a blank cell is an error unless `blank: 'null'`). */
function cell(name: string, holds: NumberField, zh: string, en: string, opts?: { blank: 'null' }): RuleEntry {
  return {
    name,
    shape: 'cell',
    holds: [holds],
    rows: [{ code: name, label: { zh, en }, value: (r) => r[holds] }],
    read: (lookup, into) => {
      (into as unknown as Record<NumberField, number | null>)[holds] = lookup.num(name, opts);
    },
  };
}

/** A few numbers under one name, one row each: [code in column A, field, zh label, en label]. */
function column(name: string, rows: ReadonlyArray<[code: string, holds: NumberField, zh: string, en: string]>): RuleEntry {
  return {
    name,
    shape: 'column',
    holds: rows.map((row) => row[1]),
    rows: rows.map(([code, holds, zh, en]) => ({ code, label: { zh, en }, value: (r: Rules) => r[holds] })),
    read: (lookup, into) => {
      const values = lookup.nums(name, rows.length);
      rows.forEach(([, holds], k) => ((into as unknown as Record<NumberField, number>)[holds] = values[k]));
    },
  };
}

function scale<L extends GradeLetter | RatingLetter>(
  name: string,
  holds: 'satisfaction' | 'gradeS03' | 'gradeS06',
  letters: readonly L[],
  label: (letter: L) => Bilingual & { code: string },
): RuleEntry {
  return {
    name,
    shape: 'scale',
    holds: [holds],
    rows: letters.map((k) => {
      const { code, ...text } = label(k);
      return { code, label: text, value: () => k, points: (r: Rules) => (r[holds] as Record<L, number>)[k] };
    }),
    read: (lookup, into) => {
      (into as unknown as Record<typeof holds, Record<L, number>>)[holds] = lookup.scale<L>(name, letters);
    },
  };
}

/** The rules sheet's entries, in its order. */
export const RULE_TABLE: readonly RuleEntry[] = [
  ...[...FORM_A_ITEMS, ...FORM_B_ITEMS]
    .filter((it) => it.kind !== 'escalating')
    .map((it): RuleEntry => ({
      name: `PTS_${it.code}`,
      shape: 'cell',
      holds: ['points'],
      rows: [
        {
          code: `PTS_${it.code}`,
          label: { zh: `${it.code} ${it.zh} (每次扣分)`, en: `${it.code} ${it.en} (points each)` },
          value: (r) => r.points[it.code],
        },
      ],
      read: (l, into) => (into.points[it.code] = l.num(`PTS_${it.code}`) as number),
    })),
  {
    ...cell('B12_FIRST', 'b12First', 'B12 不服从上级工作分配:第一次扣分 (D2)', 'B12 refusing an assignment: the first time (D2)'),
    read: (l, into) => {
      // B12's points are its first time's: the engine and the forms read `points.B12` as `b12First`
      into.b12First = l.num('B12_FIRST') as number;
      into.points.B12 = into.b12First;
    },
  },
  cell('B12_NEXT', 'b12Next', 'B12 以后每次扣分 (D2)', 'B12 each further time (D2)'),
  column('W_PRE', [
    ['W_A', 'weightA', '售前总分权重:表A 业务', 'Pre-sales weight: form A'],
    ['W_B', 'weightB', '售前总分权重:表B 工作纪律', 'Pre-sales weight: form B'],
    ['W_EX', 'weightEX', '售前总分权重:笔试', 'Pre-sales weight: written test'],
  ]),
  {
    name: 'W_S',
    shape: 'cells',
    holds: ['weightsS'],
    rows: AFTER_SALES_ITEMS.map((it) => ({
      code: `W_${it.code}`,
      label: { zh: `${it.code} ${it.zh} (权重)`, en: `${it.code} ${it.en} (weight)` },
      value: (r: Rules) => r.weightsS[it.code],
    })),
    read: (l, into) => (into.weightsS = Object.fromEntries(AFTER_SALES_ITEMS.map((it) => [it.code, l.num(`W_${it.code}`) as number]))),
  },
  cell('S01_CAP', 's01Cap', 'S01 处理单量得分上限,空白=不封顶 (D5)', 'S01 cap in points; blank = no cap (D5)', { blank: 'null' }),
  scale('SAT_SCALE', 'satisfaction', RATINGS, (k) => ({ code: `S02 ${k}`, zh: `S02 客户满意度 ${k}`, en: `S02 rating ${k}` })),
  cell('SAT_N', 'satisfactionSample', 'S02 折算到的回访单数 (D6)', 'S02 tickets the sum is scaled to (D6)'),
  scale('GRADE_S03', 'gradeS03', GRADES, (k) => ({ code: `S03 ${k}`, zh: `S03 工作态度 ${k}`, en: `S03 work attitude ${k}` })),
  cell('S04_PTS', 's04Points', 'S04 未及时提交一次扣分', 'S04 points per late report'),
  cell('S05_PTS', 's05Points', 'S05 违规一次扣分', 'S05 points per breach'),
  scale('GRADE_S06', 'gradeS06', GRADES, (k) => ({ code: `S06 ${k}`, zh: `S06 团队协作能力 ${k}`, en: `S06 teamwork ${k}` })),
  column('SP_RULE', [
    ['SP1', 'sp1Points', 'SP1 建议被采纳每次加分', 'SP1 points per adopted suggestion'],
    ['SP1_CAP', 'sp1Cap', 'SP1 加分上限', 'SP1 cap'],
    ['SN1', 'sn1Points', 'SN1 投诉一次扣分', 'SN1 points per complaint'],
  ]),
  cell('PAY_BASE', 'payBase', '绩效工资基数(元),工资 = 基数 × 总分% (D7)', 'Pay base (yuan); pay = base × total % (D7)'),
  cell('AWARD', 'quarterAward', '连续3个月第一名奖励(元) (D10)', 'Quarter award for first place three months running (yuan, D10)'),
  cell('BOTTOM_N', 'bottomN', '提交整改方案的后几名 (D9)', 'How many from the bottom hand in an improvement plan (D9)'),
];

/** What the workbook's metadata names hold besides the rules. */
export interface WorkbookMeta {
  month: string;
  lang: Lang;
  mode: 'kpi' | 'plain';
  quarterMode: Rules['quarterMode'];
}

/**
 * The metadata names, in the rules sheet's order (after the defaults): text in column C, read back as it is;
 * column B says what it is and what its values mean, in the workbook's language.
 */
export const META_NAMES: ReadonlyArray<{ name: string; label: Bilingual; value(meta: WorkbookMeta): string }> = [
  { name: 'KPI_MONTH', label: { zh: '考核月份', en: 'Month evaluated' }, value: (m) => m.month },
  { name: 'KPI_LANG', label: { zh: '工作簿语言:zh 中文,en 英文', en: 'Workbook language: zh Chinese, en English' }, value: (m) => m.lang },
  {
    name: 'KPI_MODE',
    label: { zh: '公式:plain 普通Excel公式,kpi 加载项函数', en: 'Formulas: plain Excel formulas, kpi the add-in’s functions' },
    value: (m) => m.mode,
  },
  // a rule (D10) written as text with the metadata
  {
    name: 'KPI_QUARTER_MODE',
    label: { zh: '季度口径 (D10):calendar 自然季度,rolling 滚动三个月', en: 'Quarter (D10): calendar quarters, or rolling three months' },
    value: (m) => m.quarterMode,
  },
];

const QUARTER_MODES: ReadonlyArray<Rules['quarterMode']> = ['calendar', 'rolling'];

/** Every defined name a reader needs: the metadata, then every rule's (the name over a `cells` entry's column is not read). */
export const RULE_NAMES: readonly string[] = [
  ...META_NAMES.map((m) => m.name),
  ...RULE_TABLE.flatMap((e) => (e.shape === 'cells' ? e.rows.map((r) => r.code) : [e.name])),
];

/**
 * A workbook's rule set, read through its defined names (the reader checks first that none of
 * `RULE_NAMES` is missing). The lookup's methods throw the reader's own errors.
 */
export function readRulesFromNames(lookup: RuleLookup): Rules {
  // every field is overwritten below; the defaults give `points` its codes in their order
  const rules: Rules = { ...DEFAULT_RULES, points: { ...DEFAULT_RULES.points } };
  rules.quarterMode = lookup.choice('KPI_QUARTER_MODE', QUARTER_MODES, 'D10');
  for (const e of RULE_TABLE) e.read(lookup, rules);
  return rules;
}

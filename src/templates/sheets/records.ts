/**
 * The records sheet (考核记录 / Records, forms.md D12): one row per record — date, employee id, item code,
 * count, evidence, recorded by, status — then what the row adds to its form count, and a check column that
 * names the first rule the row breaks (core/records.ts `recordFault`, in the same order); such a row is
 * highlighted and adds nothing. The forms' counts are SUMIFS over the defined names below, in both formula
 * modes (a custom function handed 12,000 rows per cell would be slow in Excel).
 *
 * Rows are pre-filled with the check formulas up to a capacity (the records, then room for more); the
 * task pane appends a record at the first row without an id (src/office/records.ts).
 */
import { RECORD_CODES, STATUS_WORDS, dateSerial } from '../../core/records';
import { monthParts } from '../../core/month';
import { ValidationSpec, abs, addr } from '../model';
import { BuildContext, Sheet, SheetKind, WORDS as SHARED } from './common';

/** The defined names of the records' columns (the forms' SUMIFS read them; the pane grows them with the table). */
export const RECORD_NAMES = { id: 'REC_ID', code: 'REC_CODE', counted: 'REC_COUNTED', status: 'REC_STATUS' } as const;

/** What the records sheet offers: the defined names, and the criteria of an agent's records. */
export interface RecordsOffer {
  /** a formula: the count of `code` of agent `id` (the sum of its records that stand and are not withdrawn) */
  count(id: string, code: string): string;
  /** a formula: how many records of agent `id` are disputed */
  disputed(id: string): string;
}

/** The header row; records from the row after it. Columns A–I shown, J and K hidden helpers. */
export const RECORDS_HEADER_ROW = 3;
export const RECORDS_FIRST_ROW = RECORDS_HEADER_ROW + 1;
/** Columns: date, id, code, count, evidence, recorded by, status, counted, check, roster row, role. */
export const RECORD_COLS = {
  date: 1,
  id: 2,
  code: 3,
  count: 4,
  evidence: 5,
  by: 6,
  status: 7,
  counted: 8,
  check: 9,
  row: 10,
  role: 11,
  /** the workbook a merged department month took the record from (kpi-forms merge): only when a record has one */
  source: 12,
} as const;

/** Empty rows after the records, ready for more: at least 100, 10 per agent. */
export const recordsCapacity = (records: number, agents: number): number => records + Math.max(100, 10 * agents);

const WORDS = {
  zh: {
    sheet: '考核记录',
    title: '考核记录',
    note: '每行一条记录:日期(本月内,可空=月度记录)、工号、代码、次数(B06为天数,B13为扣分,S02为评价字母)、证据(如通话编号)、记录人、状态(空=有效;申诉中仍计入,维持计入,撤销不计入)。表单的次数为本表之和;“检查”列不为空的行不计入。',
    cols: ['日期', '工号', '代码', '次数', '证据', '记录人', '状态', '计入', '检查'],
    source: '来源工作簿',
    faults: {
      unknownId: '工号不在花名册',
      otherKind: '代码不属于该岗位',
      date: '日期不在本月',
      count: '次数不符合规则(D4)',
      status: '状态无效',
    },
    prompt: {
      date: '本月内的日期;空白为月度记录',
      id: '花名册中的工号',
      code: '该员工岗位的项目代码,如 A01、B06、S04',
      count: '次数:≥0的整数;B06按天(可0.5);B13扣分0–100;S02评价字母A–D',
      status: '空白、申诉中、维持或撤销',
    },
    error: {
      date: '日期必须在本月内',
      id: '工号必须在花名册中',
      code: '代码必须是该员工岗位的项目',
      count: '次数不符合该项目的规则 (D4)',
      status: '状态只能是申诉中、维持或撤销',
    },
  },
  en: {
    sheet: 'Records',
    title: 'Records',
    note: 'One row per record: date (in the month; blank = a month-level record), employee id, code, count (days for B06, points for B13, a rating letter for S02), evidence (e.g. the call id), recorded by, status (blank stands; disputed counts until decided; upheld counts; withdrawn does not). The forms’ counts are the sums of this sheet; a row with a check shown is not counted.',
    cols: ['Date', 'ID', 'Code', 'Count', 'Evidence', 'Recorded by', 'Status', 'Counted', 'Check'],
    source: 'Source workbook',
    faults: {
      unknownId: 'id not in the roster',
      otherKind: 'code not of this kind',
      date: 'date not in the month',
      count: 'count breaks D4',
      status: 'unknown status',
    },
    prompt: {
      date: 'A day of the month; blank = a month-level record',
      id: 'An employee id of the roster',
      code: 'An item code of the agent’s kind, e.g. A01, B06, S04',
      count: 'A whole number ≥ 0; B06 days in halves; B13 points 0–100; S02 a rating letter A–D',
      status: 'Blank, disputed, upheld or withdrawn',
    },
    error: {
      date: 'The date must be in the month',
      id: 'The id must be in the roster',
      code: 'The code must be an item of the agent’s kind',
      count: 'The count breaks the item’s rule (D4)',
      status: 'The status must be disputed, upheld or withdrawn',
    },
  },
} as const;

/** Text as a formula's string literal. */
const lit = (s: string): string => `"${s.replace(/"/g, '""')}"`;
/** A SUMIFS/COUNTIFS criterion matching `text` exactly: `=` first (no operator read from it), wildcards escaped. */
export const exactCriterion = (text: string): string => lit(`=${text.replace(/[~*?]/g, '~$&')}`);
/** A cell's text with MATCH's wildcards escaped. */
const escaped = (a1: string): string => `SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${a1},"~","~~"),"*","~*"),"?","~?")`;
/** The codes of a kind as one searchable text, `|A01|A02|…|`. */
const codeList = (codes: readonly string[]): string => `"|${codes.join('|')}|"`;

function build(ctx: BuildContext, name: string): Sheet {
  const { lang } = ctx;
  const w = WORDS[lang];
  const roster = ctx.offers.get('roster');
  const C = RECORD_COLS;
  // a merged department month names each record's workbook in column L (after the hidden helpers J and K)
  const withSource = ctx.records.some((r) => r.source);
  const sh = new Sheet('records', name, [11, 12, 7, 7, 30, 12, 9, 7, 20, 5, 10, ...(withSource ? [16] : [])]);
  sh.setAcross(1, 1, C.check, 'title', { value: `${w.title}  ${ctx.month}` });
  sh.setAcross(2, 1, C.check, 'note', { value: w.note });
  sh.spec.rowHeights[2] = 45;
  sh.setRow(RECORDS_HEADER_ROW, 'header', [...w.cols]);
  if (withSource) sh.set(RECORDS_HEADER_ROW, C.source, 'header', { value: w.source });
  const first = RECORDS_FIRST_ROW;
  const last = first + recordsCapacity(ctx.records.length, ctx.agents.length) - 1;

  const { year, month } = monthParts(ctx.month);
  const start = `DATE(${year},${month},1)`;
  const end = month === 12 ? `DATE(${year + 1},1,1)` : `DATE(${year},${month + 1},1)`;
  const statuses = STATUS_WORDS[lang];
  const preWord = SHARED[lang].preSalesRole;
  type Rule = ValidationSpec extends infer V ? (V extends unknown ? Omit<V, 'prompt' | 'error'> : never) : never;
  // each call's rule is a fresh literal, given its messages in place (a spread of five shapes was slow at 12,000 rows)
  const val = (k: keyof typeof w.prompt, v: Rule): ValidationSpec =>
    Object.assign(v, { prompt: w.prompt[k], error: w.error[k] }) as ValidationSpec;

  // the kinds' code lists, `|A01|A02|…|`, once in hidden cells above the records (rows 1–2 of column J): each
  // row's check reads them, so the 12,000 rows of a month do not each carry 130 characters of codes
  const [PRE_CODES, AFTER_CODES] = [addr(1, C.row), addr(2, C.row)];
  sh.set(1, C.row, 'text', { value: codeList(RECORD_CODES['pre-sales']) });
  sh.set(2, C.row, 'text', { value: codeList(RECORD_CODES['after-sales']) });
  const f = w.faults;
  // the texts every row's formulas quote, quoted once (12,000 rows)
  const PRE_WORD = lit(preWord);
  const [DISPUTED, UPHELD, WITHDRAWN] = [lit(statuses.disputed), lit(statuses.upheld), lit(statuses.withdrawn)];
  const FAULT = {
    unknownId: lit(f.unknownId),
    otherKind: lit(f.otherKind),
    date: lit(f.date),
    count: lit(f.count),
    status: lit(f.status),
  };
  const [PRE_ABS, AFTER_ABS] = [abs(PRE_CODES), abs(AFTER_CODES)];
  // a record's day as a date serial, once per day of the month
  const serials = new Map<string, number>();
  const serialOf = (day: string): number => {
    let n = serials.get(day);
    if (n === undefined) serials.set(day, (n = dateSerial(day)));
    return n;
  };
  // the status list is the same rule on every row: one object (the writers and the limits check key it once)
  const statusRule = val('status', { type: 'list', values: [statuses.disputed, statuses.upheld, statuses.withdrawn] });

  // Each row's formulas are short (LibreOffice's and Excel's saves hold every row's text; the .xlsx writer stores
  // each column's once, CellSpec.shares):
  // `=` compares text case-insensitively in Excel, LibreOffice and HyperFormula, so the code is compared as typed
  for (let r = first; r <= last; r++) {
    const rec = ctx.records[r - first];
    const a = (c: number) => addr(r, c);
    const [A, B, Cc, D, G, I, J, K] = [a(C.date), a(C.id), a(C.code), a(C.count), a(C.status), a(C.check), a(C.row), a(C.role)];
    const date = rec && /^\d{4}-\d{2}-\d{2}$/.test(rec.date) ? serialOf(rec.date) : rec?.date || null;
    const status = rec ? ((statuses as Record<string, string>)[rec.status] ?? rec.status) : '';
    sh.set(r, C.date, 'inputDate', {
      value: date,
      validation: val('date', { type: 'custom', formula: `AND(ISNUMBER(${A}),${A}>=${start},${A}<${end})`, shared: 'date' }),
    });
    sh.set(r, C.id, 'inputText', {
      value: rec?.id || null,
      validation: val('id', { type: 'custom', formula: `ISNUMBER(MATCH(${escaped(B)},${roster.ids},0))`, shared: 'id' }),
    });
    const badCode = `OR(LEN(${Cc})<>3,ISERROR(FIND("|"&UPPER(${Cc})&"|",IF($${K}=${PRE_WORD},${PRE_ABS},${AFTER_ABS}))))`;
    sh.set(r, C.code, 'inputText', {
      value: rec?.code || null,
      validation: val('code', { type: 'custom', formula: `NOT(${badCode})`, shared: 'code' }),
    });
    sh.set(r, C.count, 'input', {
      value: rec?.count ?? null,
      validation: val('count', {
        type: 'custom',
        formula: `IF($${Cc}="S02",AND(LEN(${D})=1,ISNUMBER(FIND(UPPER(${D}),"ABCD"))),AND(ISNUMBER(${D}),${D}>=0,IF($${Cc}="B13",${D}<=100,MOD(${D}*IF($${Cc}="B06",2,1),1)=0)))`,
        shared: 'count',
      }),
    });
    sh.set(r, C.evidence, 'inputText', { value: rec?.evidence || null });
    sh.set(r, C.by, 'inputText', { value: rec?.by || null });
    if (rec?.source) sh.set(r, C.source, 'text', { value: rec.source });
    sh.set(r, C.status, 'inputText', { value: status || null, validation: statusRule });
    // the first rule broken, in recordFault's order; "" when the row stands (or is empty)
    const badCount =
      `IF(${Cc}="S02",IF(ISTEXT(${D}),IF(LEN(${D})=1,ISERROR(FIND(UPPER(${D}),"ABCD")),TRUE()),TRUE()),` +
      `IF(ISNUMBER(${D}),IF(${D}<0,TRUE(),IF(${Cc}="B13",${D}>100,MOD(${D}*IF(${Cc}="B06",2,1),1)<>0)),TRUE()))`;
    // blank: a month-level record; a number: a day of the month; anything else is no date
    const badDate = `IF(ISNUMBER(${A}),OR(${A}<${start},${A}>=${end}),${A}<>"")`;
    const badStatus = `AND(${G}<>"",${G}<>${DISPUTED},${G}<>${UPHELD},${G}<>${WITHDRAWN})`;
    sh.set(r, C.counted, 'formula', {
      formula: `IF(OR(${I}<>"",${G}=${WITHDRAWN},NOT(ISNUMBER(${D}))),0,${D})`,
      shares: 'counted',
    });
    sh.set(r, C.check, 'text', {
      formula:
        `IF(AND(${B}="",${Cc}="",${D}=""),"",IF(${J}=0,${FAULT.unknownId},IF(${badCode},${FAULT.otherKind},` +
        `IF(${badDate},${FAULT.date},IF(${badCount},${FAULT.count},IF(${badStatus},${FAULT.status},""))))))`,
      shares: 'check',
    });
    sh.set(r, C.row, 'formula', { formula: `IF(${B}="",0,IFERROR(MATCH(${escaped(B)},${roster.ids},0),0))`, shares: 'row' });
    sh.set(r, C.role, 'formula', { formula: `IF(${J}=0,"",INDEX(${roster.roles},${J}))`, shares: 'role' });
  }
  const col = (c: number) => `${sh.ref}!${abs(addr(first, c))}:${abs(addr(last, c))}`;
  ctx.names.push(
    { name: RECORD_NAMES.id, ref: col(C.id) },
    { name: RECORD_NAMES.code, ref: col(C.code) },
    { name: RECORD_NAMES.counted, ref: col(C.counted) },
    { name: RECORD_NAMES.status, ref: col(C.status) },
  );
  sh.spec.conditionalFormats.push({
    range: `A${first}:${addr(last, C.check)}`,
    formula: `$${addr(first, C.check)}<>""`,
    fill: 'FFC7CE',
    color: '9C0006',
  });
  sh.spec.hiddenColumns = [C.row, C.role];
  sh.spec.freezeRows = RECORDS_HEADER_ROW;
  sh.spec.printTitleRows = `${RECORDS_HEADER_ROW}:${RECORDS_HEADER_ROW}`;
  sh.spec.printArea = `A1:${addr(Math.max(first, first + ctx.records.length - 1), C.check)}`;
  sh.spec.landscape = true;
  ctx.offers.put('records', {
    count: (id, code) =>
      `SUMIFS(${RECORD_NAMES.counted},${RECORD_NAMES.id},${exactCriterion(id)},${RECORD_NAMES.code},${exactCriterion(code)})`,
    disputed: (id) => `COUNTIFS(${RECORD_NAMES.id},${exactCriterion(id)},${RECORD_NAMES.status},${lit(statuses.disputed)})`,
  });
  return sh;
}

export const records: SheetKind<'records'> = { key: 'records', words: WORDS, perAgent: null, refersTo: ['roster'], build };

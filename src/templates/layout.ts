/**
 * Where each agent's input and result cells are, without building the workbook: what `kpi-forms score`
 * needs to read a workbook back. `buildWorkbook` gives the same layout as a by-product of writing every
 * cell (about 15,000 for 80 agents, with their formulas and validation), which is a fifth of a whole
 * `score` process; this restates the positions the sheet modules (sheets/*.ts) give those cells.
 *
 * test/templates/layout.test.ts checks that `workbookLayout` equals `buildWorkbook(…).layout` (cells and
 * the order of their keys) for rosters of every shape, both languages and both quarter modes: a change of
 * a sheet's rows that is not made here too fails it.
 */
import { AFTER_SALES_ITEMS, BONUS_ITEMS, DEFAULT_RULES, FORM_A_ITEMS, FORM_B_ITEMS, RED_LINES, Rules } from '../core/rules';
import { monthParts, quarterMonths } from '../core/month';
import { countKey, isSummedCode } from '../core/records';
import { Agent, AgentLayout, Lang, addr } from './model';
import { SHEET_KINDS, SHEET_NAMES } from './registry';
import { AFTER_SALES_BLOCK_ROWS } from './sheets/afterSales';
import { FORM_A_BLOCK_ROWS } from './sheets/formA';
import { FORM_B_BLOCK_ROWS } from './sheets/formB';
import { QuarterRecord, quarterInputCode } from './sheets/quarter';

/** The positions the sheet modules use (their constants, or the rows and columns their code counts). */
const POS = {
  /** a form block: the head's id cell (column C) two rows below the block's top; the form's rows start three below it */
  idRow: 2,
  /** the deduction tables of forms A and B: section heading and header, then the items; the count in column E, the score in F */
  deductionFirst: 5,
  /** the written test: the header in row 3, one row per pre-sales agent from row 4; the score in column D */
  testFirst: 4,
  /** the after-sales form: the header row, then S01–S06 (input D, score E), the subtotal, SP1 and SN1 (input D, score G), the composite (G) */
  afterFirst: 4,
  /** the summary: pre-sales rows from row 6; the after-sales table's rows begin five rows after the last */
  summaryFirst: 6,
  summaryAfterGap: 5,
  /** the quarter sheet: rows from row 5, pre-sales then after-sales; the month records from column D; result M, award N */
  quarterFirst: 5,
  /** the quarter's result and award as compared: hidden columns P and Q (M and N show them in the workbook's language) */
  quarterResult: 16,
} as const;

const RECORDS: readonly QuarterRecord[] = ['rank', 'bottomRank', 'redLines'];

export interface LayoutOptions {
  /** YYYY-MM */
  month: string;
  agents: readonly Agent[];
  lang?: Lang;
  rules?: Rules;
}

/**
 * The worksheets (their names, in tab order) and each agent's layout, as `buildWorkbook` with the same options gives them.
 * @throws Error on a bad month, as buildWorkbook does
 */
export function workbookLayout(opts: LayoutOptions): { sheets: Array<{ name: string }>; layout: AgentLayout[] } {
  monthParts(opts.month);
  const lang: Lang = opts.lang ?? 'zh';
  const rules = opts.rules ?? DEFAULT_RULES;
  const names = SHEET_NAMES[lang];
  const at = (sheet: string, row: number, col: number) => ({ sheet, address: addr(row, col) });
  const layout = new Map<string, AgentLayout>(
    opts.agents.map((a) => [a.id, { agent: a, inputs: {}, outputs: {}, formCell: { sheet: '', address: 'A1' } }]),
  );
  const pre = opts.agents.filter((a) => a.role === 'pre-sales');
  const after = opts.agents.filter((a) => a.role === 'after-sales');

  // in buildWorkbook's order (registry.ts buildOrder): form A, form B, written test, after-sales, summary, quarter
  // an agent's printed block on a form: its top row; the first form of the agent's holds its page (formCell) and id
  const block = (a: Agent, i: number, sheet: string, rows: number, page: boolean) => {
    const lay = layout.get(a.id)!;
    const top = 1 + i * rows;
    if (page) lay.formCell = at(sheet, top, 1);
    lay.idCell ??= at(sheet, top + POS.idRow, 3);
    return { lay, top };
  };
  pre.forEach((a, i) => {
    const { lay, top } = block(a, i, names.formA, FORM_A_BLOCK_ROWS, true);
    const first = top + POS.deductionFirst;
    // the counts are the sums of the records (D12): results score compares
    FORM_A_ITEMS.forEach((it, k) => (lay.outputs[countKey(it.code)] = at(names.formA, first + k, 5)));
    const red = first + FORM_A_ITEMS.length + 1;
    RED_LINES.forEach((it, k) => (lay.outputs[countKey(it.code)] = at(names.formA, red + k, 5)));
    lay.outputs.A = at(names.formA, red + RED_LINES.length, 6);
  });
  pre.forEach((a, i) => {
    const { lay, top } = block(a, i, names.formB, FORM_B_BLOCK_ROWS, false);
    const first = top + POS.deductionFirst;
    // B13's points are entered in the points-deducted column (F), every other count in E
    FORM_B_ITEMS.forEach((it, k) => (lay.outputs[countKey(it.code)] = at(names.formB, first + k, it.kind === 'points' ? 6 : 5)));
    lay.outputs.B = at(names.formB, first + FORM_B_ITEMS.length, 6);
  });
  pre.forEach((a, i) => (layout.get(a.id)!.inputs.EX = at(names.test, POS.testFirst + i, 4)));
  after.forEach((a, i) => {
    const { lay, top } = block(a, i, names.after, AFTER_SALES_BLOCK_ROWS, true);
    let r = top + POS.afterFirst;
    for (const it of AFTER_SALES_ITEMS) {
      if (isSummedCode(it.code)) lay.outputs[countKey(it.code)] = at(names.after, r, 4);
      else lay.inputs[it.code] = at(names.after, r, 4);
      lay.outputs[it.code] = at(names.after, r, 5);
      r++;
    }
    r++; // the subtotal
    for (const it of BONUS_ITEMS) {
      lay.outputs[countKey(it.code)] = at(names.after, r, 4);
      lay.outputs[it.code] = at(names.after, r, 7);
      r++;
    }
    lay.outputs.total = at(names.after, r, 7);
  });
  const s = names.summary;
  // the summary's tables: rank in A, id in B; the last-two flag compared in the hidden column U
  pre.forEach((a, i) => {
    const r = POS.summaryFirst + i;
    Object.assign(layout.get(a.id)!.outputs, {
      total: at(s, r, 8),
      rank: at(s, r, 1),
      bottomRank: at(s, r, 9),
      redLines: at(s, r, 10),
      bottom: at(s, r, 21),
      pay: at(s, r, 12),
      flags: at(s, r, 14),
      summaryRow: at(s, r, 2),
    });
  });
  const afterFirst = POS.summaryFirst + Math.max(pre.length, 1) - 1 + POS.summaryAfterGap;
  after.forEach((a, i) => {
    const r = afterFirst + i;
    Object.assign(layout.get(a.id)!.outputs, {
      summaryTotal: at(s, r, 14),
      rank: at(s, r, 1),
      bottomRank: at(s, r, 15),
      bottom: at(s, r, 21),
      pay: at(s, r, 17),
      flags: at(s, r, 19),
      summaryRow: at(s, r, 2),
    });
  });
  const months = quarterMonths(opts.month, rules.quarterMode);
  const current = months.indexOf(opts.month);
  const rowOf = new Map([...pre, ...after].map((a, i) => [a.id, POS.quarterFirst + i]));
  for (const a of opts.agents) {
    const lay = layout.get(a.id)!;
    const r = rowOf.get(a.id)!;
    RECORDS.forEach((k, g) => {
      months.forEach((m, j) => {
        if (j < current) lay.inputs[quarterInputCode(m, k)] = at(names.quarter, r, 4 + g * 3 + j);
      });
    });
    lay.outputs.quarter = at(names.quarter, r, POS.quarterResult);
    lay.outputs.quarterAward = at(names.quarter, r, POS.quarterResult + 1);
  }
  return { sheets: SHEET_KINDS.map((k) => ({ name: names[k.key] })), layout: [...layout.values()] };
}

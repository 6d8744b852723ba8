/**
 * The printed form block of form A, form B and the after-sales form, one agent per A4 page: its head
 * rows (title with the month, assessee and id, assessor and date to fill in), the form's own rows, the
 * signature line. Also the deduction table forms A and B share, and the fill-in and signature rows the
 * written test's sheet shows too.
 */
import { countKey } from '../../core/records';
import { Item } from '../../core/rules';
import { Agent, Lang, StyleName, addr, colName } from '../model';
import { BuildContext, CellContent, Sheet, WORDS } from './common';

/** A signature label and the line to sign on after it. */
export function signature(lang: Lang, who: 'signAssessee' | 'signAssessor'): string {
  return `${WORDS[lang][who]} ____________`;
}

/**
 * A bold label with a colon, then the cell it labels; each merged across its columns (`[first, last]`),
 * the labelled cell's merge boxed. Returns the labelled cell's address.
 */
export function labelled(
  sh: Sheet,
  row: number,
  label: string,
  labelCols: [number, number],
  cols: [number, number],
  style: StyleName,
  value: string | null,
): string {
  sh.set(row, labelCols[0], 'label', { value: `${label}:` });
  if (labelCols[1] > labelCols[0]) sh.merge(row, labelCols[0], row, labelCols[1]);
  const a = sh.set(row, cols[0], style, { value });
  if (cols[1] > cols[0]) sh.merge(row, cols[0], row, cols[1], style);
  return a;
}

/**
 * The three head rows of an agent's block from `row`: the title with the month, then assessee and id on
 * the left (labels over the two narrow columns), assessor and date to fill in on the right. Registers the
 * id cell in the layout (the first block of the agent: readers check it to detect moved rows).
 */
function blockHead(ctx: BuildContext, sh: Sheet, row: number, width: number, title: string, agent: Agent): void {
  const w = WORDS[ctx.lang];
  sh.setAcross(row, 1, width, 'title', { value: `${title}  ${ctx.month}` });
  sh.spec.rowHeights[row] = 24;
  labelled(sh, row + 1, w.assessee, [1, 2], [3, 3], 'text', agent.name);
  labelled(sh, row + 1, w.assessor, [width - 2, width - 2], [width - 1, width], 'inputText', null);
  const idCell = labelled(sh, row + 2, w.id, [1, 2], [3, 3], 'text', agent.id);
  ctx.layoutOf(agent.id).idCell ??= sh.at(idCell);
  labelled(sh, row + 2, w.date, [width - 2, width - 2], [width - 1, width], 'inputText', null);
}

/** How a sheet of form blocks is laid out. */
export interface FormBlocks {
  /** rows of an agent's block (its printed page), a spacer row included */
  rows: number;
  /** its columns, from A */
  width: number;
  title: string;
  /** A4 at a fixed scale: Excel ignores manual page breaks under "fit to N pages" */
  printScale: number;
  /** the block's first cell is where the agent's form is (the first form of the agent's role) */
  formCell?: boolean;
}

/** What the form's own rows of a block give back: the last row they wrote, and the cells the sheet offers for the agent. */
export interface BlockBody<T> {
  last: number;
  offer: T;
}

/**
 * Fills a sheet with one block per agent: the head rows, then `body` from the row below them, the
 * signature line two rows below its last, and a page break after the block. Sets the print area over
 * every block; returns its last row (row 1 when there is no block) and each agent's offer by id.
 */
export function formBlocks<T>(
  ctx: BuildContext,
  sh: Sheet,
  agents: readonly Agent[],
  form: FormBlocks,
  body: (agent: Agent, row: number, index: number) => BlockBody<T>,
): { end: number; byAgent: Map<string, T> } {
  const byAgent = new Map<string, T>();
  agents.forEach((agent, i) => {
    const top = 1 + i * form.rows;
    if (form.formCell) ctx.layoutOf(agent.id).formCell = sh.at(addr(top, 1));
    blockHead(ctx, sh, top, form.width, form.title, agent);
    const { last, offer } = body(agent, top + 3, i);
    sh.set(last + 2, 1, 'label', { value: signature(ctx.lang, 'signAssessee') });
    sh.set(last + 2, 4, 'label', { value: signature(ctx.lang, 'signAssessor') });
    sh.spec.rowBreaks.push(top + form.rows - 1);
    byAgent.set(agent.id, offer);
  });
  const end = Math.max(1, agents.length * form.rows);
  sh.spec.printArea = `A1:${colName(form.width)}${end}`;
  sh.spec.printScale = form.printScale;
  return { end, byAgent };
}

// ---------- the deduction table of forms A and B ----------

const DEDUCTION_WORDS = {
  zh: { colCode: '代码', colRule: '扣分标准', colPoints: '分值', colCount: '次数', colDeduct: '扣分', score: '得分', caseByCase: '按情况' },
  en: {
    colCode: 'Code',
    colRule: 'Rule',
    colPoints: 'Points',
    colCount: 'Count',
    colDeduct: 'Deducted',
    score: 'Score',
    caseByCase: 'as decided',
  },
} as const;

/** Its columns: No., code, rule, points (D), the count entered (E), the points deducted (F). */
export const DEDUCTION_WIDTHS = [5, 6, 44, 7, 7, 8];

/**
 * A sheet of deduction forms (forms A and B): a block per pre-sales agent of `DEDUCTION_WIDTHS` columns,
 * each opening with the section heading and the table's header; `body` writes from the first item row.
 */
export function deductionForms<T>(
  ctx: BuildContext,
  sh: Sheet,
  form: { rows: number; title: string; section: string; formCell?: boolean },
  body: (agent: Agent, first: number) => BlockBody<T>,
): { end: number; byAgent: Map<string, T> } {
  // A4 portrait at 85 %: the widest renderer (LibreOffice, ~9.8 px per width unit) still fits; Excel (7 px) has room to spare
  const blocks = { rows: form.rows, width: DEDUCTION_WIDTHS.length, title: form.title, printScale: 85, formCell: form.formCell };
  return formBlocks(ctx, sh, ctx.preSales, blocks, (agent, row) => body(agent, deductionHead(ctx.lang, sh, row, form.section)));
}

/** A section heading across the table. */
export function deductionSection(sh: Sheet, row: number, text: string): void {
  sh.setAcross(row, 1, DEDUCTION_WIDTHS.length, 'section', { value: text }, true);
}

/** The section heading, then the header row: No., code, rule, points, count, deducted. Returns the row after them. */
export function deductionHead(lang: Lang, sh: Sheet, row: number, section: string): number {
  const w = DEDUCTION_WORDS[lang];
  deductionSection(sh, row, section);
  sh.setRow(row + 1, 'header', [WORDS[lang].colNo, w.colCode, w.colRule, w.colPoints, w.colCount, w.colDeduct]);
  return row + 2;
}

/** An item's name and rule in one cell, as the paper forms A and B print them. */
function itemLabel(item: Item, lang: Lang): string {
  return lang === 'zh' ? `${item.zh},${item.ruleZh}` : `${item.en}: ${item.ruleEn}`;
}

/** The points deducted: the count times the points, blank while the count is. */
const timesPoints = (count: string, points: string): string => `IF(${count}="","",${count}*${points})`;

/** One row of a deduction table. */
export interface DeductionRow {
  item: Item;
  /** column C (default: the item's name and rule) */
  label?: string;
  /** column D (default: the item's points, its rules-sheet name `PTS_<code>`) */
  points?: CellContent & { style: StyleName };
  /** column F, of the count's and the points' addresses (default: `timesPoints`) */
  deducted?(count: string, points: string): string;
  /**
   * The assessor enters the points deducted (B13, case by case): the input is column F (扣分), the points
   * column says so, and there is no count. `points` and `deducted` are not used.
   */
  entersDeducted?: boolean;
}

/**
 * The rows of a deduction table from `row`, numbered from 1: code, label, points, the count to enter
 * (the sum of the agent's records of the code, D12) and the points deducted. Registers each count in the agent's layout
 * as a result (`n:<code>`, compared by `score`);
 * returns the row after the last.
 */
export function deductionRows(ctx: BuildContext, sh: Sheet, agent: Agent, row: number, rows: readonly DeductionRow[]): number {
  const outputs = ctx.layoutOf(agent.id).outputs;
  const records = ctx.offers.get('records');
  rows.forEach(({ item, label, points, deducted = timesPoints, entersDeducted }, k) => {
    const r = row + k;
    const count = addr(r, 5);
    const { style, ...content } = points ?? { style: 'formula', formula: `PTS_${item.code}` };
    sh.set(r, 1, 'text', { value: k + 1 });
    sh.set(r, 2, 'text', { value: item.code });
    sh.set(r, 3, 'wrap', { value: label ?? itemLabel(item, ctx.lang) });
    if (entersDeducted) {
      const input = addr(r, 6);
      sh.set(r, 4, 'formula', { value: DEDUCTION_WORDS[ctx.lang].caseByCase });
      sh.set(r, 5, 'formula', { value: '—' });
      // the count is the sum of the records (D12): a formula, never typed
      sh.set(r, 6, 'formula', { formula: records.count(agent.id, item.code) });
      outputs[countKey(item.code)] = sh.at(input);
      return;
    }
    sh.set(r, 4, style, content);
    sh.set(r, 5, 'formula', { formula: records.count(agent.id, item.code) });
    sh.set(r, 6, 'formula', { formula: deducted(count, `D${r}`) });
    outputs[countKey(item.code)] = sh.at(count);
  });
  return row + rows.length;
}

/**
 * The score row of a deduction form: its label (100 − deductions) with the red-line flag when the person
 * has one (D3: flagged everywhere), and the score. Returns the score cell.
 */
export function deductionScore(lang: Lang, sh: Sheet, row: number, redLineSum: string, formula: string): string {
  const w = DEDUCTION_WORDS[lang];
  const label = `"${w.score} (100 − ${w.colDeduct})"&IF(${redLineSum}>0,"  ${WORDS[lang].flagRed}","")`;
  sh.setAcross(row, 1, 5, 'label', { formula: label });
  return sh.set(row, 6, 'score', { formula });
}

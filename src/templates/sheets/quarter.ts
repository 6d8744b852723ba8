/**
 * The quarter sheet (季度, D10): per agent the rank, rank from the bottom and red lines of the quarter's
 * three months (this month's from the summary, earlier months entered from their summaries, later months
 * not known yet), the quarter result and the award. Agents' rows: pre-sales first, then after-sales.
 */
import { call } from '../../core/kpi';
import { addr, sheetRef } from '../model';
import { quarterMonths } from '../../core/month';
import { BuildContext, Sheet, SheetKind, WORDS as SHARED, roleWord } from './common';
import { inputValidation } from './validation';

/**
 * What the quarter sheet offers, per agent id, sheet-qualified: fixed by the roster alone, so offered before
 * any sheet is built. `result` is the value compared (`award`, `transfer` or ""); `award` the award as shown,
 * blank until the quarter is decided.
 */
export type QuarterOffer = ReadonlyMap<string, { row: number; result: string; award: string }>;

const WORDS = {
  zh: {
    sheet: '季度',
    title: '季度考评(连续3个月)',
    note: '本月以外各月的名次、倒数名次、红线次数请从当月汇总表录入;三个月齐全后才给出结果。',
    filled: '之前各月的名次、倒数名次、红线次数已从台账或前几个月的工作簿填入;三个月齐全后才给出结果。',
    result: '季度结果',
    award: '季度奖',
    transfer: '调岗',
  },
  en: {
    sheet: 'Quarter',
    title: 'Quarter review (three months running)',
    note: 'Enter the other months’ rank, rank from bottom and red lines from their summaries; the result shows once all three months are there.',
    filled:
      'The earlier months’ rank, rank from bottom and red lines are filled in from the ledger or earlier workbooks; the result shows once all three months are there.',
    result: 'Quarter result',
    award: 'award',
    transfer: 'transfer',
  },
} as const;

/** The three months' columns of each record, from column D. */
const RECORDS = ['rank', 'bottomRank', 'redLines'] as const;

/** A record of a month of the quarter, as the quarter sheet's input cells hold it. */
export type QuarterRecord = (typeof RECORDS)[number];

/** The layout's input code of an earlier month's record (`Q:2024-01:rank`). */
export function quarterInputCode(month: string, record: QuarterRecord): string {
  return `Q:${month}:${record}`;
}

/** The month and record of a layout input code of the quarter sheet, or null when the code is another sheet's. */
export function parseQuarterInputCode(code: string): { month: string; record: QuarterRecord } | null {
  const m = /^Q:(\d{4}-\d{2}):(rank|bottomRank|redLines)$/.exec(code);
  return m ? { month: m[1], record: m[2] as QuarterRecord } : null;
}

const FIRST_ROW = 5;
/** The result and the award as shown: in the workbook's language, the award blank until the quarter is decided. */
const RESULT_COL = 13;
const AWARD_COL = 14;
/**
 * Hidden, outside the print area: the result as the engines compare it (KPI.QUARTER: `award`, `transfer`
 * or "") and the award in yuan (0 unless `award`). The layout's `quarter` and `quarterAward` are these.
 */
const RESULT_VALUE_COL = 16;
const AWARD_VALUE_COL = 17;

function place(ctx: BuildContext, name: string): void {
  const ref = sheetRef(name);
  const offer = new Map<string, { row: number; result: string; award: string }>();
  const ordered = [...ctx.preSales, ...ctx.afterSales];
  ordered.forEach((a, i) => {
    const row = FIRST_ROW + i;
    offer.set(a.id, { row, result: `${ref}!$P$${row}`, award: `${ref}!$N$${row}` });
  });
  ctx.offers.put('quarter', offer);
}

function build(ctx: BuildContext, name: string): Sheet {
  const { lang, mode } = ctx;
  const w = WORDS[lang];
  const shared = SHARED[lang];
  const rows = ctx.offers.get('quarter');
  const summary = ctx.offers.get('summary');
  const months = quarterMonths(ctx.month, ctx.rules.quarterMode);
  const sh = new Sheet('quarter', name, [12, 14, 11, 8, 8, 8, 8, 8, 8, 8, 8, 8, 12, 12], true);
  sh.setAcross(1, 1, AWARD_COL, 'title', { value: `${w.title}  ${months[0]} – ${months[2]}` });
  // the earlier months of the quarter given (kpi-forms new --ledger or --previous): nothing to enter for them
  const earlier = months.filter((m) => m < ctx.month);
  const filled = earlier.length > 0 && earlier.every((m) => ctx.agents.some((a) => ctx.history(a.id, m) !== undefined));
  sh.setAcross(2, 1, AWARD_COL, 'note', { value: filled ? w.filled : w.note });
  sh.spec.rowHeights[2] = 30;
  // a header over both header rows, where no month is under it
  const tallHeader = (col: number, text: string) => {
    sh.set(3, col, 'header', { value: text });
    sh.merge(3, col, 4, col, 'header');
  };
  [shared.id, shared.name, shared.role].forEach((h, c) => tallHeader(c + 1, h));
  RECORDS.forEach((k, g) => {
    sh.set(3, 4 + g * 3, 'header', { value: shared[k] });
    sh.merge(3, 4 + g * 3, 3, 6 + g * 3, 'header');
    months.forEach((m, j) => sh.set(4, 4 + g * 3 + j, 'header', { value: m }));
  });
  tallHeader(RESULT_COL, w.result);
  tallHeader(AWARD_COL, shared.award);
  const current = months.indexOf(ctx.month);
  for (const agent of ctx.agents) {
    const r = rows.get(agent.id)!.row;
    const lay = ctx.layoutOf(agent.id);
    sh.setRow(r, 'text', [agent.id, agent.name, roleWord(lang, agent)]);
    const thisMonth = summary.get(agent.id)!;
    RECORDS.forEach((k, g) => {
      months.forEach((m, j) => {
        const col = 4 + g * 3 + j;
        if (j === current) {
          // an after-sales agent has no red lines
          sh.set(r, col, 'formula', { formula: thisMonth[k] ?? '0' });
        } else if (j > current) {
          // a later month of the quarter: not known yet (D10: the award comes with the quarter's last month)
          sh.set(r, col, 'text', { value: '—' });
        } else {
          const h = ctx.history(agent.id, m)?.[k];
          const a = sh.set(r, col, 'input', {
            value: h === undefined ? null : h,
            // a count's rule and words; a rank is at least 1
            validation: { ...inputValidation(lang, 'count', addr(r, col)), type: 'whole', min: k === 'redLines' ? 0 : 1 },
          });
          lay.inputs[quarterInputCode(m, k)] = sh.at(a);
        }
      });
    });
    const ranks = `D${r}:F${r}`;
    const bottoms = `G${r}:I${r}`;
    const result = sh.set(r, RESULT_VALUE_COL, 'formula', { formula: call(mode, 'QUARTER', ranks, bottoms, `J${r}:L${r}`) });
    const award = sh.set(r, AWARD_VALUE_COL, 'money', { formula: `IF(${result}="award",AWARD,0)` });
    sh.set(r, RESULT_COL, 'formula', { formula: `IF(${result}="award","${w.award}",IF(${result}="transfer","${w.transfer}",""))` });
    // decided once the three months are ranked (D10, as KPI.QUARTER reads them); an error shows as it is
    const undecided = `COUNTIF(${ranks},">=1")+COUNTIF(${bottoms},">=1")<6`;
    sh.set(r, AWARD_COL, 'award', { formula: `IF(AND(ISNUMBER(${award}),${undecided}),"",${award})` });
    lay.outputs.quarter = sh.at(result);
    lay.outputs.quarterAward = sh.at(award);
  }
  sh.spec.hiddenColumns = [RESULT_VALUE_COL, AWARD_VALUE_COL];
  sh.spec.freezeRows = FIRST_ROW - 1;
  sh.spec.printArea = `A1:N${FIRST_ROW - 1 + Math.max(1, ctx.agents.length)}`;
  return sh;
}

export const quarter: SheetKind<'quarter'> = {
  key: 'quarter',
  words: WORDS,
  perAgent: 'all',
  refersTo: ['summary', 'rules'],
  place,
  build,
};

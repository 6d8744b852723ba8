/**
 * The monthly summary (月度汇总): a table of the pre-sales agents (forms A and B, test, total, rank, rank
 * from the bottom, red lines, last two, pay, quarter award, flags) and one of the after-sales agents
 * (tickets, S01–S06, SP1, SN1, composite, rank, …). Reads the forms, the test and the quarter sheet.
 */
import { call } from '../../core/kpi';
import { AFTER_SALES_ITEMS, BONUS_ITEMS } from '../../core/rules';
import { BuildContext, Sheet, SheetKind, WORDS as SHARED } from './common';

/** What the summary offers the quarter sheet, per agent id, sheet-qualified: this month's records (no red lines for after-sales). */
export type SummaryOffer = ReadonlyMap<string, { rank: string; bottomRank: string; redLines?: string }>;

const WORDS = {
  zh: {
    sheet: '月度汇总',
    title: '客服部月度绩效汇总',
    month: '月份',
    preSales: '售前专员',
    afterSales: '售后专员',
    formA: '表A',
    formB: '表B',
    test: '笔试',
    total: '总分',
    bottom: '后两名',
    pay: '绩效工资(元)',
    flags: '标记',
    tickets: '实际单量',
    avgTickets: '平均单量',
    flagBottom: '后两名·提交整改方案',
    flagIncomplete: '未完成',
    flagAward: '季度第一·奖励',
    flagTransfer: '连续末位·考虑调岗',
  },
  en: {
    sheet: 'Summary',
    title: 'Customer service monthly performance summary',
    month: 'Month',
    preSales: 'Pre-sales agents',
    afterSales: 'After-sales agents',
    formA: 'Form A',
    formB: 'Form B',
    test: 'Test',
    total: 'Total',
    bottom: 'Last two',
    pay: 'Pay (yuan)',
    flags: 'Flags',
    tickets: 'Tickets',
    avgTickets: 'Average tickets',
    flagBottom: 'Last two: improvement plan',
    flagIncomplete: 'incomplete',
    flagAward: 'First 3 months: award',
    flagTransfer: 'Last 3 months: consider transfer',
  },
} as const;

/** The pre-sales table's header row; the after-sales table follows it, two rows after the last pre-sales row. */
const PRE_HEADER_ROW = 5;
/** The flags column merges over the rest of the after-sales table's width (to column S). */
const LAST_COL = 19;

function build(ctx: BuildContext, name: string): Sheet {
  const { lang, mode } = ctx;
  const w = WORDS[lang];
  const shared = SHARED[lang];
  const formA = ctx.offers.get('formA');
  const formB = ctx.offers.get('formB');
  const test = ctx.offers.get('test');
  const after = ctx.offers.get('after');
  const quarter = ctx.offers.get('quarter');
  const pre = ctx.preSales;
  const afterSales = ctx.afterSales;
  const preFirst = PRE_HEADER_ROW + 1;
  const preLast = preFirst + Math.max(pre.length, 1) - 1;
  const afterTitleRow = preLast + 3;
  const afterHeaderRow = afterTitleRow + 1;
  const afterFirst = afterHeaderRow + 1;
  const afterLast = afterFirst + Math.max(afterSales.length, 1) - 1;
  const offer = new Map<string, { rank: string; bottomRank: string; redLines?: string }>();

  const sh = new Sheet('summary', name, [12, 14, 10, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 12, 12, 30], true);
  sh.setAcross(1, 1, LAST_COL, 'title', { value: `${w.title}  ${ctx.month}` });
  sh.set(2, 1, 'label', { value: w.month });
  sh.set(2, 2, 'text', { value: ctx.month });
  /** The flags cell: red line (pre-sales only), last two, incomplete, quarter award or transfer. */
  const flagText = (total: string, red: string | null, bottom: string, quarterResult: string): string => {
    const parts = [
      red ? `IF(${red}>0,"${shared.flagRed} ","")` : null,
      `IF(${bottom}=TRUE,"${w.flagBottom} ","")`,
      `IF(ISNUMBER(${total}),"","${w.flagIncomplete} ")`,
      `IF(${quarterResult}="award","${w.flagAward} ",IF(${quarterResult}="transfer","${w.flagTransfer} ",""))`,
    ].filter(Boolean);
    return `TRIM(${parts.join('&')})`;
  };

  // pre-sales table
  sh.set(PRE_HEADER_ROW - 1, 1, 'subtitle', { value: w.preSales });
  const preCols = [
    shared.id,
    shared.name,
    shared.group,
    w.formA,
    w.formB,
    w.test,
    w.total,
    shared.rank,
    shared.bottomRank,
    shared.redLines,
    w.bottom,
    w.pay,
    shared.award,
    w.flags,
  ];
  sh.setRow(PRE_HEADER_ROW, 'header', preCols);
  sh.merge(PRE_HEADER_ROW, 14, PRE_HEADER_ROW, LAST_COL, 'header');
  const preTotals = `G$${preFirst}:G$${preLast}`;
  pre.forEach((agent, i) => {
    const r = preFirst + i;
    const lay = ctx.layoutOf(agent.id);
    const q = quarter.get(agent.id)!;
    sh.setRow(r, 'text', [agent.id, agent.name, agent.group]);
    sh.set(r, 4, 'points', { formula: formA.get(agent.id)!.score });
    sh.set(r, 5, 'points', { formula: formB.get(agent.id)!.score });
    const t = test.get(agent.id)!.score;
    sh.set(r, 6, 'formula', { formula: `IF(ISBLANK(${t}),"",${t})` });
    const total = sh.set(r, 7, 'score', { formula: call(mode, 'PRESALES', `D${r}`, `E${r}`, `F${r}`, 'W_PRE') });
    const rank = sh.set(r, 8, 'formula', { formula: call(mode, 'RANK', `G${r}`, preTotals) });
    const bottomRank = sh.set(r, 9, 'formula', { formula: call(mode, 'RANK', `G${r}`, preTotals, '1') });
    const redLines = sh.set(r, 10, 'formula', { formula: formA.get(agent.id)!.redLineSum });
    const bottom = sh.set(r, 11, 'flag', { formula: call(mode, 'BOTTOM', `G${r}`, preTotals, 'BOTTOM_N') });
    const pay = sh.set(r, 12, 'money', { formula: call(mode, 'BONUS', `G${r}`, 'PAY_BASE', `J${r}`) });
    const award = sh.set(r, 13, 'money', { formula: q.award });
    const flags = sh.set(r, 14, 'text', { formula: flagText(`G${r}`, `J${r}`, `K${r}`, q.result) });
    sh.merge(r, 14, r, LAST_COL, 'text');
    Object.assign(lay.outputs, {
      total: sh.at(total),
      rank: sh.at(rank),
      bottomRank: sh.at(bottomRank),
      redLines: sh.at(redLines),
      bottom: sh.at(bottom),
      pay: sh.at(pay),
      award: sh.at(award),
      flags: sh.at(flags),
      summaryRow: sh.at(`A${r}`),
    });
    offer.set(agent.id, { rank: sh.q(rank), bottomRank: sh.q(bottomRank), redLines: sh.q(redLines) });
  });
  sh.spec.conditionalFormats.push(
    { range: `A${preFirst}:S${preLast}`, formula: `$K${preFirst}=TRUE`, fill: 'FCE4D6' },
    { range: `A${preFirst}:S${preLast}`, formula: `$J${preFirst}>0`, fill: 'FFC7CE', color: '9C0006', bold: true },
  );

  // after-sales table
  sh.set(afterTitleRow, 1, 'subtitle', { value: w.afterSales });
  sh.set(afterTitleRow, 4, 'label', { value: w.avgTickets });
  sh.set(afterTitleRow, 6, 'formula', { formula: `IFERROR(AVERAGE(${after.allTickets}),"")` });
  const afterCols = [
    shared.id,
    shared.name,
    shared.group,
    w.tickets,
    ...AFTER_SALES_ITEMS.map((it) => it.code),
    ...BONUS_ITEMS.map((it) => it.code),
    shared.composite,
    shared.rank,
    shared.bottomRank,
    w.bottom,
    w.pay,
    shared.award,
    w.flags,
  ];
  sh.setRow(afterHeaderRow, 'header', afterCols);
  const afterTotals = `M$${afterFirst}:M$${afterLast}`;
  afterSales.forEach((agent, i) => {
    const r = afterFirst + i;
    const lay = ctx.layoutOf(agent.id);
    const s = after.byAgent.get(agent.id)!;
    const q = quarter.get(agent.id)!;
    sh.setRow(r, 'text', [agent.id, agent.name, agent.group]);
    sh.set(r, 4, 'formula', { formula: `IF(ISBLANK(${s.tickets}),"",${s.tickets})` });
    s.items.forEach((ref, k) => sh.set(r, 5 + k, 'points', { formula: ref }));
    sh.set(r, 11, 'points', { formula: s.sp1 });
    sh.set(r, 12, 'points', { formula: s.sn1 });
    const total = sh.set(r, 13, 'score', { formula: s.composite });
    const rank = sh.set(r, 14, 'formula', { formula: call(mode, 'RANK', `M${r}`, afterTotals) });
    const bottomRank = sh.set(r, 15, 'formula', { formula: call(mode, 'RANK', `M${r}`, afterTotals, '1') });
    const bottom = sh.set(r, 16, 'flag', { formula: call(mode, 'BOTTOM', `M${r}`, afterTotals, 'BOTTOM_N') });
    const pay = sh.set(r, 17, 'money', { formula: call(mode, 'BONUS', `M${r}`, 'PAY_BASE') });
    const award = sh.set(r, 18, 'money', { formula: q.award });
    const flags = sh.set(r, 19, 'text', { formula: flagText(`M${r}`, null, `P${r}`, q.result) });
    Object.assign(lay.outputs, {
      summaryTotal: sh.at(total),
      rank: sh.at(rank),
      bottomRank: sh.at(bottomRank),
      bottom: sh.at(bottom),
      pay: sh.at(pay),
      award: sh.at(award),
      flags: sh.at(flags),
      summaryRow: sh.at(`A${r}`),
    });
    offer.set(agent.id, { rank: sh.q(rank), bottomRank: sh.q(bottomRank) });
  });
  sh.spec.conditionalFormats.push({ range: `A${afterFirst}:S${afterLast}`, formula: `$P${afterFirst}=TRUE`, fill: 'FCE4D6' });
  sh.spec.freezeRows = PRE_HEADER_ROW;
  sh.spec.printTitleRows = '1:2';
  sh.spec.rowBreaks.push(afterTitleRow - 1);
  sh.spec.printArea = `A1:S${afterLast}`;
  sh.spec.rowHeights[PRE_HEADER_ROW] = 30;
  sh.spec.rowHeights[afterHeaderRow] = 30;
  ctx.offers.put('summary', offer);
  return sh;
}

export const summary: SheetKind<'summary'> = {
  key: 'summary',
  words: WORDS,
  perAgent: 'all',
  refersTo: ['formA', 'formB', 'test', 'after', 'quarter', 'rules'],
  build,
};

/**
 * The monthly summary (月度汇总): a table of the pre-sales agents (forms A and B, test, total, rank, rank
 * from the bottom, red lines, last two, pay, quarter award, flags) and one of the after-sales agents
 * (tickets, S01–S06, SP1, SN1, composite, rank, …). Reads the forms, the test and the quarter sheet.
 */
import { call } from '../../core/kpi';
import { STATUS_WORDS } from '../../core/records';
import { AFTER_SALES_ITEMS, BONUS_ITEMS } from '../../core/rules';
import { addr } from '../model';
import { BuildContext, Sheet, SheetKind, WORDS as SHARED, roleWord } from './common';

/** What the summary offers the quarter sheet, per agent id, sheet-qualified: this month's records (no red lines for after-sales). */
export type SummaryOffer = ReadonlyMap<string, { rank: string; bottomRank: string; redLines?: string }>;

const WORDS = {
  zh: {
    sheet: '月度汇总',
    title: '客服部月度绩效汇总',
    month: '月份',
    preSales: '售前专员',
    afterSales: '售后专员',
    formA: '业务考核',
    formB: '工作纪律',
    test: '笔试',
    total: '总分',
    bottom: '后两名',
    pay: '绩效工资(元)',
    flags: '标记',
    tickets: '实际单量',
    avgTickets: '平均单量',
    yes: '是',
    no: '否',
    flagAward: '季度奖',
    flagTransfer: '调岗',
    legend: ['后两名:一周内提交整改方案。标记:季度奖 = 连续3个月第一名;调岗 = 连续3个月末位,考虑调岗'],
    groups: '各组',
    leader: '组长',
    agents: '人数',
    scored: '已评',
    average: '平均总分',
    spread: '标准差',
    noGroup: '(无)',
    byGroup: '各组人员(“组”列可筛选)',
  },
  en: {
    sheet: 'Summary',
    title: 'Customer service monthly performance summary',
    month: 'Month',
    preSales: 'Pre-sales agents',
    afterSales: 'After-sales agents',
    formA: 'Business',
    formB: 'Discipline',
    test: 'Written test',
    total: 'Total',
    bottom: 'Last two',
    pay: 'Pay (yuan)',
    flags: 'Flags',
    tickets: 'Tickets',
    avgTickets: 'Average tickets',
    yes: 'Yes',
    no: 'No',
    flagAward: 'award',
    flagTransfer: 'transfer',
    legend: [
      'Last two: an improvement plan within a week. Flags: award = first three months running;',
      'transfer = last three months running, consider a transfer',
    ],
    groups: 'Groups',
    leader: 'Leader',
    agents: 'Agents',
    scored: 'Scored',
    average: 'Average total',
    spread: 'Std. deviation',
    noGroup: '(none)',
    byGroup: 'Agents by group (filter the Group column)',
  },
} as const;

/** The pre-sales table's header row; the after-sales table follows it, two rows after the last pre-sales row. */
const PRE_HEADER_ROW = 5;
/** The flags column merges over the rest of the after-sales table's width (to column S). */
const LAST_COL = 19;
/** Hidden, outside the print area: the last-two flag as the engines compare it (TRUE/FALSE); the table shows it as a word. */
const BOTTOM_VALUE_COL = 21;
/** Each table's columns: the rank first (1 = first of the kind); then who; the scores; the rest of the results. */
const COL = { rank: 1, id: 2, name: 3, group: 4 } as const;
const PRE = { A: 5, B: 6, EX: 7, total: 8, bottomRank: 9, redLines: 10, bottom: 11, pay: 12, award: 13, flags: 14 } as const;
const AFTER = { tickets: 5, items: 6, sp1: 12, sn1: 13, total: 14, bottomRank: 15, bottom: 16, pay: 17, award: 18, flags: 19 } as const;

/** A column header: an item's name, its code on a second line. */
const headed = (name: string, code: string) => `${name}\n${code}`;
/** A name as a header starts it: capitalised (the items' English names are written in lower case). */
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function build(ctx: BuildContext, name: string): Sheet {
  const { lang, mode } = ctx;
  const w = WORDS[lang];
  const shared = SHARED[lang];
  const formA = ctx.offers.get('formA');
  const formB = ctx.offers.get('formB');
  const test = ctx.offers.get('test');
  const after = ctx.offers.get('after');
  const quarter = ctx.offers.get('quarter');
  const records = ctx.offers.get('records');
  const pre = ctx.preSales;
  const afterSales = ctx.afterSales;
  const preFirst = PRE_HEADER_ROW + 1;
  const preLast = preFirst + Math.max(pre.length, 1) - 1;
  const afterTitleRow = preLast + 3;
  const afterHeaderRow = afterTitleRow + 1;
  const afterFirst = afterHeaderRow + 1;
  const afterLast = afterFirst + Math.max(afterSales.length, 1) - 1;
  const legendRow = afterLast + 2;
  const lastRow = legendRow + w.legend.length - 1;
  const offer = new Map<string, { rank: string; bottomRank: string; redLines?: string }>();

  // A4 landscape, one page wide at ≥ 8 pt: the columns' sum stays under about 185 characters (test/templates/paper.test.ts)
  // a Chinese header wraps between any two characters: four of them (业务考核, 倒数名次) to a line; an English one at its words
  const item = lang === 'zh' ? 9.5 : 8;
  const sh = new Sheet('summary', name, [6, 8, 10, 5, ...new Array<number>(11).fill(item), 7, 10, 9, 10], true);
  sh.setAcross(1, 1, LAST_COL, 'title', { value: `${w.title}  ${ctx.month}` });
  sh.set(2, 1, 'label', { value: w.month });
  sh.set(2, 2, 'text', { value: ctx.month });
  /**
   * The flags cell: red line (pre-sales only, D3: flagged everywhere), the quarter's award or transfer, records
   * disputed. The last two have their own column and an incomplete total says so itself: the column stays narrow.
   */
  const flagText = (red: string | null, quarterResult: string, disputed?: string): string => {
    const parts = [
      red ? `IF(${red}>0,"${shared.flagRed} ","")` : null,
      `IF(${quarterResult}="award","${w.flagAward}",IF(${quarterResult}="transfer","${w.flagTransfer}",""))`,
      // the agent's records still disputed (D12): they count until decided
      disputed ? `IF(${disputed}>0," ${STATUS_WORDS[lang].disputed} "&${disputed},"")` : null,
    ].filter(Boolean);
    return `TRIM(${parts.join('&')})`;
  };
  /** The last-two flag: the value compared in the hidden column, a word in the table. */
  const lastTwo = (r: number, col: number, formula: string): string => {
    const value = sh.set(r, BOTTOM_VALUE_COL, 'flag', { formula });
    sh.set(r, col, 'formula', { formula: `IF(${value},"${w.yes}","${w.no}")` });
    return value;
  };
  const rankOne = (first: number, last: number) => ({
    range: `A${first}:S${last}`,
    formula: `$A${first}=1`,
    fill: 'C6EFCE',
    color: '006100',
    bold: true,
  });

  // pre-sales table
  sh.set(PRE_HEADER_ROW - 1, 1, 'subtitle', { value: w.preSales });
  const preCols = [
    shared.rank,
    shared.id,
    shared.name,
    shared.group,
    headed(w.formA, 'A'),
    headed(w.formB, 'B'),
    headed(w.test, 'EX'),
    w.total,
    shared.bottomRank,
    shared.redLines,
    w.bottom,
    w.pay,
    shared.award,
    w.flags,
  ];
  sh.setRow(PRE_HEADER_ROW, 'header', preCols);
  sh.merge(PRE_HEADER_ROW, PRE.flags, PRE_HEADER_ROW, LAST_COL, 'header');
  const preTotals = `H$${preFirst}:H$${preLast}`;
  pre.forEach((agent, i) => {
    const r = preFirst + i;
    const lay = ctx.layoutOf(agent.id);
    const q = quarter.get(agent.id)!;
    sh.setRow(r, 'text', [agent.id, agent.name, agent.group], COL.id);
    sh.set(r, PRE.A, 'points', { formula: formA.get(agent.id)!.score });
    sh.set(r, PRE.B, 'points', { formula: formB.get(agent.id)!.score });
    const t = test.get(agent.id)!.score;
    sh.set(r, PRE.EX, 'formula', { formula: `IF(ISBLANK(${t}),"",${t})` });
    const total = sh.set(r, PRE.total, 'score', { formula: call(mode, 'PRESALES', `E${r}`, `F${r}`, `G${r}`, 'W_PRE') });
    const rank = sh.set(r, COL.rank, 'formula', { formula: call(mode, 'RANK', total, preTotals) });
    const bottomRank = sh.set(r, PRE.bottomRank, 'formula', { formula: call(mode, 'RANK', total, preTotals, '1') });
    const redLines = sh.set(r, PRE.redLines, 'formula', { formula: formA.get(agent.id)!.redLineSum });
    const bottom = lastTwo(r, PRE.bottom, call(mode, 'BOTTOM', total, preTotals, 'BOTTOM_N'));
    const pay = sh.set(r, PRE.pay, 'money', { formula: call(mode, 'BONUS', total, 'PAY_BASE', redLines) });
    sh.set(r, PRE.award, 'award', { formula: q.award });
    const flags = sh.set(r, PRE.flags, 'text', { formula: flagText(redLines, q.result, records.disputed(agent.id)) });
    sh.merge(r, PRE.flags, r, LAST_COL, 'text');
    Object.assign(lay.outputs, {
      total: sh.at(total),
      rank: sh.at(rank),
      bottomRank: sh.at(bottomRank),
      redLines: sh.at(redLines),
      bottom: sh.at(bottom),
      pay: sh.at(pay),
      flags: sh.at(flags),
      summaryRow: sh.at(`B${r}`),
    });
    offer.set(agent.id, { rank: sh.q(rank), bottomRank: sh.q(bottomRank), redLines: sh.q(redLines) });
  });
  sh.spec.conditionalFormats.push(
    { range: `A${preFirst}:S${preLast}`, formula: `$J${preFirst}>0`, fill: 'FFC7CE', color: '9C0006', bold: true },
    rankOne(preFirst, preLast),
    { range: `A${preFirst}:S${preLast}`, formula: `$U${preFirst}=TRUE`, fill: 'FCE4D6' },
  );

  // after-sales table
  sh.set(afterTitleRow, 1, 'subtitle', { value: w.afterSales });
  sh.set(afterTitleRow, 5, 'label', { value: w.avgTickets });
  sh.set(afterTitleRow, 7, 'formula', { formula: `IFERROR(AVERAGE(${after.allTickets}),"")` });
  const afterCols = [
    shared.rank,
    shared.id,
    shared.name,
    shared.group,
    w.tickets,
    ...[...AFTER_SALES_ITEMS, ...BONUS_ITEMS].map((it) => headed(lang === 'en' ? capital(it.en) : it.zh, it.code)),
    shared.composite,
    shared.bottomRank,
    w.bottom,
    w.pay,
    shared.award,
    w.flags,
  ];
  sh.setRow(afterHeaderRow, 'header', afterCols);
  const afterTotals = `N$${afterFirst}:N$${afterLast}`;
  afterSales.forEach((agent, i) => {
    const r = afterFirst + i;
    const lay = ctx.layoutOf(agent.id);
    const s = after.byAgent.get(agent.id)!;
    const q = quarter.get(agent.id)!;
    sh.setRow(r, 'text', [agent.id, agent.name, agent.group], COL.id);
    sh.set(r, AFTER.tickets, 'formula', { formula: `IF(ISBLANK(${s.tickets}),"",${s.tickets})` });
    s.items.forEach((ref, k) => sh.set(r, AFTER.items + k, 'points', { formula: ref }));
    sh.set(r, AFTER.sp1, 'points', { formula: s.sp1 });
    sh.set(r, AFTER.sn1, 'points', { formula: s.sn1 });
    const total = sh.set(r, AFTER.total, 'score', { formula: s.composite });
    const rank = sh.set(r, COL.rank, 'formula', { formula: call(mode, 'RANK', total, afterTotals) });
    const bottomRank = sh.set(r, AFTER.bottomRank, 'formula', { formula: call(mode, 'RANK', total, afterTotals, '1') });
    const bottom = lastTwo(r, AFTER.bottom, call(mode, 'BOTTOM', total, afterTotals, 'BOTTOM_N'));
    const pay = sh.set(r, AFTER.pay, 'money', { formula: call(mode, 'BONUS', total, 'PAY_BASE') });
    sh.set(r, AFTER.award, 'award', { formula: q.award });
    const flags = sh.set(r, AFTER.flags, 'text', { formula: flagText(null, q.result, records.disputed(agent.id)) });
    Object.assign(lay.outputs, {
      summaryTotal: sh.at(total),
      rank: sh.at(rank),
      bottomRank: sh.at(bottomRank),
      bottom: sh.at(bottom),
      pay: sh.at(pay),
      flags: sh.at(flags),
      summaryRow: sh.at(`B${r}`),
    });
    offer.set(agent.id, { rank: sh.q(rank), bottomRank: sh.q(bottomRank) });
  });
  sh.spec.conditionalFormats.push(rankOne(afterFirst, afterLast), {
    range: `A${afterFirst}:S${afterLast}`,
    formula: `$U${afterFirst}=TRUE`,
    fill: 'FCE4D6',
  });
  // the flags' meaning, under the tables (a line each: the layout never widens a column for it)
  w.legend.forEach((line, k) => sh.setAcross(legendRow + k, 1, LAST_COL, 'label', { value: line }));
  const groupsLast = groupViews(sh, ctx, lastRow + 2, [
    { agents: pre, first: preFirst, total: PRE.total },
    { agents: afterSales, first: afterFirst, total: AFTER.total },
  ]);
  sh.spec.hiddenColumns = [BOTTOM_VALUE_COL];
  sh.spec.freezeRows = PRE_HEADER_ROW;
  sh.spec.printTitleRows = '1:2';
  // the groups on a page of their own
  sh.spec.rowBreaks.push(afterTitleRow - 1, lastRow);
  sh.spec.printArea = `A1:S${groupsLast}`;
  // the item headers: the name over up to three lines, the code below it
  sh.spec.rowHeights[PRE_HEADER_ROW] = 48;
  sh.spec.rowHeights[afterHeaderRow] = 64;
  ctx.offers.put('summary', offer);
  return sh;
}

/** The group views' columns: the figures table (kind over A:C) and the agents by group below it, under an AutoFilter. */
const GROUP = { kind: 1, group: 4, leader: 5, agents: 6, scored: 7, average: 8, spread: 9 } as const;
const LISTED = { rank: 1, id: 2, name: 3, group: 4, leader: 5, kind: 6, total: 7 } as const;

/**
 * A kind's agents by group: groups in the order the roster first names them, each group's agents in roster order.
 * Per kind, since the two kinds' totals are different scores ranked apart (D8): a group with both kinds has a row for each.
 */
export function groupsOf<A extends { group: string }>(agents: readonly A[]): Array<{ group: string; agents: A[] }> {
  const groups = new Map<string, A[]>();
  for (const a of agents) groups.set(a.group, [...(groups.get(a.group) ?? []), a]);
  return [...groups].map(([group, members]) => ({ group, agents: members }));
}

/**
 * The group views under the summary's tables, from row `top`: per kind and group its leader (the roster's), agents,
 * agents scored, the average of their totals and its spread (population standard deviation: the group is all of its
 * members, not a sample), then every agent by kind and group (rank, total) under an AutoFilter, which the protected
 * sheet lets a leader use to see one group. The figures read each group's rows of that list, contiguous by
 * construction: COUNT, AVERAGE and STDEVP leave out an incomplete total (text) as the ranking does, and evaluate in
 * every Excel since 2007 and in LibreOffice. The ranks stay the department's (filtering hides rows, nothing else).
 * @returns the last row written
 */
function groupViews(
  sh: Sheet,
  ctx: BuildContext,
  top: number,
  kinds: Array<{ agents: readonly BuildContext['agents'][number][]; first: number; total: number }>,
): number {
  const w = WORDS[ctx.lang];
  const shared = SHARED[ctx.lang];
  const listed = kinds.flatMap((k) =>
    groupsOf(k.agents.map((agent, i) => ({ agent, group: agent.group, row: k.first + i, total: k.total }))),
  );
  const figuresHeader = top + 1;
  const listTitle = figuresHeader + listed.length + 2;
  const listHeader = listTitle + 1;
  sh.set(top, 1, 'subtitle', { value: w.groups });
  sh.setAcross(figuresHeader, GROUP.kind, GROUP.group - 1, 'header', { value: shared.role }, true);
  sh.setRow(figuresHeader, 'header', [shared.group, w.leader, w.agents, w.scored, w.average, w.spread], GROUP.group);
  sh.set(listTitle, 1, 'subtitle', { value: w.byGroup });
  sh.setRow(listHeader, 'header', [shared.rank, shared.id, shared.name, shared.group, w.leader, shared.role, w.total]);
  let r = listHeader;
  listed.forEach((g, k) => {
    const first = r + 1;
    for (const m of g.agents) {
      r++;
      const a = m.agent;
      sh.setRow(r, 'text', [a.id, a.name, a.group, a.leader ?? '', roleWord(ctx.lang, a)], LISTED.id);
      sh.set(r, LISTED.rank, 'formula', { formula: addr(m.row, COL.rank) });
      sh.set(r, LISTED.total, 'score', { formula: addr(m.row, m.total) });
    }
    const totals = `${addr(first, LISTED.total)}:${addr(r, LISTED.total)}`;
    const f = figuresHeader + 1 + k;
    const lead = g.agents[0].agent;
    sh.setAcross(f, GROUP.kind, GROUP.group - 1, 'text', { value: roleWord(ctx.lang, lead) }, true);
    sh.set(f, GROUP.group, 'text', { value: g.group === '' ? w.noGroup : g.group });
    // the roster gives one leader per group (input.leaderDiffers)
    sh.set(f, GROUP.leader, 'text', { value: g.agents.find((m) => m.agent.leader)?.agent.leader ?? '' });
    sh.set(f, GROUP.agents, 'formula', { value: g.agents.length });
    const scored = sh.set(f, GROUP.scored, 'formula', { formula: `COUNT(${totals})` });
    sh.set(f, GROUP.average, 'score', { formula: `IF(${scored}=0,"",AVERAGE(${totals}))` });
    sh.set(f, GROUP.spread, 'points', { formula: `IF(${scored}=0,"",STDEVP(${totals}))` });
  });
  if (listed.length > 0) sh.spec.autoFilter = `${addr(listHeader, 1)}:${addr(r, LISTED.total)}`;
  return r;
}

export const summary: SheetKind<'summary'> = {
  key: 'summary',
  words: WORDS,
  perAgent: 'all',
  refersTo: ['formA', 'formB', 'test', 'after', 'records', 'quarter', 'rules'],
  build,
};

/**
 * The after-sales form (售后考核), one block per after-sales agent, one printed A4 page each: S01–S06
 * scored and weighted, SP1 bonus and SN1 complaints, the composite score. S01's average (D5) reads a
 * hidden helper column of this sheet, so the sheet needs no other sheet but the rules.
 */
import { call } from '../../core/kpi';
import { countKey, isSummedCode } from '../../core/records';
import { AFTER_SALES_ITEMS, BONUS_ITEMS, Item } from '../../core/rules';
import { Lang, addr } from '../model';
import { BuildContext, Sheet, SheetKind, WORDS as SHARED } from './common';
import { formBlocks } from './form-block';
import { inputValidation } from './validation';

/** What the after-sales form offers. */
export interface AfterSalesOffer {
  /** every after-sales agent's ticket count (the hidden helper column), sheet-qualified */
  allTickets: string;
  /** per after-sales agent id, sheet-qualified cells */
  byAgent: ReadonlyMap<
    string,
    {
      /** S01…S06 item scores, in the items' order */
      items: string[];
      sp1: string;
      sn1: string;
      composite: string;
      /** the S01 ticket count input */
      tickets: string;
    }
  >;
}

/** Rows of an agent's block (its printed page), a spacer row included. */
export const AFTER_SALES_BLOCK_ROWS = 17;

/**
 * The S02 input cell shows at least this many rating letters whole (the paper form: 20 tickets called back):
 * a minimum the layout honours (its sample text `S02_SAMPLE`, the widest letter repeated), checked by
 * test/templates/paper.test.ts against Carlito's advance widths.
 */
export const S02_MIN_LETTERS = 20;
export const S02_SAMPLE = 'D'.repeat(S02_MIN_LETTERS);

/** The input column's width in characters: S02's 20 letters, as Excel and LibreOffice draw Calibri 11. */
const INPUT_WIDTH = 27;

/**
 * The hidden helper column S01's average reads: dense, agent k's count in row k (I1:In), "" for a blank
 * count, so the range holds no blank cell: Excel desktop passes a blank inside a range to a custom
 * function as 0, which the average would count (office-js #5262).
 */
const TICKETS_COL = 9;

const WORDS = {
  zh: {
    sheet: '售后考核',
    title: '客服部售后专员月份绩效考核表',
    colItem: '考核内容',
    colStandard: '评分标准',
    colInput: '录入',
    colItemScore: '项目评分',
    colWeight: '权重',
    colWeighted: '实际得分',
    subtotal: '总分',
  },
  en: {
    sheet: 'After-sales',
    title: 'After-sales agent monthly evaluation',
    colItem: 'Item',
    colStandard: 'Standard',
    colInput: 'Input',
    colItemScore: 'Item score',
    colWeight: 'Weight',
    colWeighted: 'Weighted',
    subtotal: 'Subtotal',
  },
} as const;

/** The rule of an item as the paper form states it. */
const ruleText = (it: Item, lang: Lang): string => (lang === 'zh' ? it.ruleZh : it.ruleEn);

/** Row heights of the item rows: the grade scales' long standards need room. */
const ITEM_ROW_HEIGHT: Partial<Record<Item['kind'], number>> = { grade: 75, ratings: 45 };

function build(ctx: BuildContext, name: string): Sheet {
  const { lang, mode } = ctx;
  const w = WORDS[lang];
  const shared = SHARED[lang];
  const sh = new Sheet('after', name, [5, 14, 36, INPUT_WIDTH, 10, 8, 10]);
  const allTickets = sh.range(1, TICKETS_COL, Math.max(1, ctx.afterSales.length), TICKETS_COL);
  const block = { rows: AFTER_SALES_BLOCK_ROWS, width: 7, title: w.title, printScale: 68, formCell: true };
  const records = ctx.offers.get('records');
  const { byAgent } = formBlocks(ctx, sh, ctx.afterSales, block, (agent, row, i) => {
    const lay = ctx.layoutOf(agent.id);
    let r = row;
    sh.setRow(r, 'header', [shared.colNo, w.colItem, w.colStandard, w.colInput, w.colItemScore, w.colWeight, w.colWeighted]);
    r++;
    const first = r;
    const items: string[] = [];
    let tickets = '';
    AFTER_SALES_ITEMS.forEach((it, k) => {
      sh.set(r, 1, 'text', { value: k + 1 });
      sh.set(r, 2, 'wrap', { value: `${it.code} ${it[lang]}` });
      sh.set(r, 3, 'wrap', { value: ruleText(it, lang) });
      const c = addr(r, 4);
      // S04, S05: the sum of the records (D12); the monthly figures S01, S02, S03, S06 are typed
      if (isSummedCode(it.code)) sh.set(r, 4, 'formula', { formula: records.count(agent.id, it.code) });
      else
        sh.set(r, 4, it.kind === 'ratings' ? 'inputText' : 'input', {
          value: ctx.input(agent.id, it.code) ?? null,
          validation: inputValidation(lang, it.kind, c),
          ...(it.kind === 'ratings' ? { sample: S02_SAMPLE } : {}),
        });
      let score: string;
      switch (it.kind) {
        case 'tickets':
          score = call(mode, 'VOLUME', c, allTickets, 'S01_CAP');
          sh.set(1 + i, TICKETS_COL, 'formula', { formula: `IF(ISBLANK(${c}),"",${c})` });
          tickets = sh.q(c);
          break;
        case 'ratings':
          score = call(mode, 'SATISFACTION', c, 'SAT_SCALE', 'SAT_N');
          break;
        case 'grade':
          score = call(mode, 'GRADE', c, `GRADE_${it.code}`);
          break;
        default:
          // S04, S05: 100 − count × points
          score = call(mode, 'DEDUCT', c, `${it.code}_PTS`);
      }
      const e = sh.set(r, 5, 'points', { formula: score });
      sh.set(r, 6, 'percent', { formula: `W_${it.code}` });
      // an item not scored leaves its weighted score as it is: `incomplete` (shown in the workbook's language) or the error
      sh.set(r, 7, 'points', { formula: `IF(ISNUMBER(E${r}),E${r}*F${r},E${r})` });
      items.push(sh.q(e));
      if (isSummedCode(it.code)) lay.outputs[countKey(it.code)] = sh.at(c);
      else lay.inputs[it.code] = sh.at(c);
      lay.outputs[it.code] = sh.at(e);
      sh.spec.rowHeights[r] = ITEM_ROW_HEIGHT[it.kind] ?? 30;
      r++;
    });
    const last = r - 1;
    sh.setAcross(r, 1, 5, 'label', { value: w.subtotal });
    sh.set(r, 6, 'percent', { formula: `SUM(F${first}:F${last})` });
    sh.set(r, 7, 'score', { formula: call(mode, 'SCORE', `E${first}:E${last}`, `F${first}:F${last}`) });
    r++;
    const bonusRow = (it: Item, sign: string, points: (c: string) => string) => {
      sh.set(r, 1, 'text', { value: it.code });
      sh.set(r, 2, 'wrap', { value: it[lang] });
      sh.set(r, 3, 'wrap', { value: ruleText(it, lang) });
      // SP1, SN1: the sum of the records (D12)
      const input = sh.set(r, 4, 'formula', { formula: records.count(agent.id, it.code) });
      sh.merge(r, 5, r, 6);
      const score = sh.set(r, 7, 'points', { formula: `${sign}${points(input)}` });
      lay.outputs[countKey(it.code)] = sh.at(input);
      lay.outputs[it.code] = sh.at(score);
      r++;
      return { input, score };
    };
    const [sp1Item, sn1Item] = BONUS_ITEMS;
    const sp1 = bonusRow(sp1Item, '', (c) => `MIN(INDEX(SP_RULE,2),N(${c})*INDEX(SP_RULE,1))`);
    const sn1 = bonusRow(sn1Item, '-', (c) => `N(${c})*INDEX(SP_RULE,3)`);
    sh.setAcross(r, 1, 6, 'label', { value: shared.composite });
    const composite = sh.set(r, 7, 'score', {
      formula: call(mode, 'AFTERSALES', `E${first}:E${last}`, `F${first}:F${last}`, sp1.input, sn1.input, 'SP_RULE'),
    });
    lay.outputs.total = sh.at(composite);
    return { last: r, offer: { items, sp1: sh.q(sp1.score), sn1: sh.q(sn1.score), composite: sh.q(composite), tickets } };
  });
  sh.spec.hiddenColumns = [TICKETS_COL];
  ctx.offers.put('after', { allTickets, byAgent });
  return sh;
}

export const afterSales: SheetKind<'after'> = {
  key: 'after',
  words: WORDS,
  perAgent: 'after-sales',
  refersTo: ['records', 'rules'],
  build,
};

/**
 * Form B (工作纪律), one block per pre-sales agent, one printed A4 page each: B01–B11 count × points
 * (B06 in half days), B12 escalating (D2), B13 points entered by the assessor; score 100 − deductions.
 * Its score row shows the red-line flag of form A (D3: flagged everywhere).
 */
import { FormulaMode, call } from '../../core/kpi';
import { FORM_B_ITEMS, Item } from '../../core/rules';
import { BuildContext, Sheet, SheetKind } from './common';
import { DEDUCTION_WIDTHS, DeductionRow, deductionForms, deductionRows, deductionScore } from './form-block';

/** What form B offers, per pre-sales agent id: the form B score cell, sheet-qualified. */
export type FormBOffer = ReadonlyMap<string, { score: string }>;

/** Rows of an agent's block (its printed page), a spacer row included. */
export const FORM_B_BLOCK_ROWS = 22;

const WORDS = {
  zh: {
    sheet: '表B-纪律',
    title: '客服部售前专员月份绩效考核表(B)',
    section: '工作纪律考核内容(总分100分-扣分)',
    note: '员工必须严格遵守公司各项规章制度,违者按当时情况具体执行',
  },
  en: {
    sheet: 'Form B',
    title: 'Pre-sales agent monthly evaluation, form B (work discipline)',
    section: 'Work discipline (100 minus deductions)',
    note: 'Staff must follow every company rule; breaches are handled case by case',
  },
} as const;

/**
 * A row of form B's table: B12 escalates (D2), the first time B12_FIRST points, each further time B12_NEXT;
 * B13's points are entered by the assessor in the points-deducted column (the paper: 按情况执行).
 */
function deduction(item: Item, mode: FormulaMode): DeductionRow {
  if (item.kind === 'points') return { item, entersDeducted: true };
  if (item.kind !== 'escalating') return { item };
  return {
    item,
    points: { style: 'formula', formula: 'B12_FIRST' },
    deducted: (count) => `IF(${count}="","",${call(mode, 'ESCALATE', count, 'B12_FIRST', 'B12_NEXT')})`,
  };
}

function build(ctx: BuildContext, name: string): Sheet {
  const { lang, mode } = ctx;
  const w = WORDS[lang];
  const formA = ctx.offers.get('formA');
  const sh = new Sheet('formB', name, DEDUCTION_WIDTHS);
  const form = { rows: FORM_B_BLOCK_ROWS, title: w.title, section: w.section };
  const { byAgent } = deductionForms(ctx, sh, form, (agent, first) => {
    const r = deductionRows(
      ctx,
      sh,
      agent,
      first,
      FORM_B_ITEMS.map((item) => deduction(item, mode)),
    );
    // B01–B11 are count × points over one range; B12 (escalating) and B13 (points) are added after it
    let linearLast = first;
    const added: string[] = [];
    FORM_B_ITEMS.forEach((it, k) => {
      if (it.kind === 'escalating') added.push(`N(F${first + k})`);
      else if (it.kind === 'points') added.push(`N(F${first + k})*PTS_${it.code}`);
      else linearLast = first + k;
    });
    const formula = call(mode, 'DEDUCT', `E${first}:E${linearLast}`, `D${first}:D${linearLast}`, `(${added.join('+')})`);
    const score = deductionScore(lang, sh, r, formA.get(agent.id)!.redLineSum, formula);
    ctx.layoutOf(agent.id).outputs.B = sh.at(score);
    sh.setAcross(r + 1, 1, 6, 'note', { value: w.note });
    return { last: r + 1, offer: { score: sh.q(score) } };
  });
  ctx.offers.put('formB', byAgent);
  return sh;
}

export const formB: SheetKind<'formB'> = {
  key: 'formB',
  words: WORDS,
  perAgent: 'pre-sales',
  refersTo: ['formA', 'records', 'rules'],
  build,
};

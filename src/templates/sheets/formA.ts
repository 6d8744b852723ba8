/**
 * Form A (业务考核), one block per pre-sales agent, one printed A4 page each: the eleven deductions
 * A01–A11 (count × points from the rules sheet), the red lines AR1/AR2 (D3), the score 100 − deductions.
 */
import { call } from '../../core/kpi';
import { FORM_A_ITEMS, RED_LINES } from '../../core/rules';
import { abs } from '../model';
import { BuildContext, Sheet, SheetKind } from './common';
import { DEDUCTION_WIDTHS, DeductionRow, deductionForms, deductionRows, deductionScore, deductionSection } from './form-block';

/** What form A offers, per pre-sales agent id. */
export type FormAOffer = ReadonlyMap<
  string,
  {
    /** the form A score cell, sheet-qualified */
    score: string;
    /** a formula: the agent's red-line count (AR1 + AR2) on form A */
    redLineSum: string;
  }
>;

/** Rows of an agent's block (its printed page), a spacer row included. */
export const FORM_A_BLOCK_ROWS = 22;

const WORDS = {
  zh: {
    sheet: '表A-业务',
    title: '客服部售前专员月份绩效考核表(A)',
    section: '一、业务考核内容(总分100分-扣分)',
    sectionRed: '二、违反以下任意一条,将上报公司开除处理',
    redMark: '红线',
  },
  en: {
    sheet: 'Form A',
    title: 'Pre-sales agent monthly evaluation, form A (business)',
    section: '1. Business (100 minus deductions)',
    sectionRed: '2. Red lines: any one is reported for dismissal',
    redMark: 'RED LINE',
  },
} as const;

function build(ctx: BuildContext, name: string): Sheet {
  const { lang, mode } = ctx;
  const w = WORDS[lang];
  const sh = new Sheet('formA', name, DEDUCTION_WIDTHS);
  const form = { rows: FORM_A_BLOCK_ROWS, title: w.title, section: w.section, formCell: true };
  const { end, byAgent } = deductionForms(ctx, sh, form, (agent, first) => {
    const items = FORM_A_ITEMS.map((item) => ({ item }));
    const last = deductionRows(ctx, sh, agent, first, items) - 1;
    deductionSection(sh, last + 1, w.sectionRed);
    // a red line deducts nothing: its count flags the person (D3)
    const redLines = RED_LINES.map((item): DeductionRow => ({
      item,
      label: item[lang],
      points: { style: 'text', value: '—' },
      deducted: (count) => `IF(N(${count})>0,"${w.redMark}","")`,
    }));
    const r = deductionRows(ctx, sh, agent, last + 2, redLines);
    const redLineSum = `SUM(${sh.q(`E${last + 2}`)}:${abs(`E${r - 1}`)})`;
    const score = deductionScore(lang, sh, r, redLineSum, call(mode, 'DEDUCT', `E${first}:E${last}`, `D${first}:D${last}`));
    ctx.layoutOf(agent.id).outputs.A = sh.at(score);
    return { last: r, offer: { score: sh.q(score), redLineSum } };
  });
  sh.spec.conditionalFormats.push({
    range: `F1:F${end}`,
    formula: `F1="${w.redMark}"`,
    fill: 'FFC7CE',
    color: '9C0006',
    bold: true,
  });
  ctx.offers.put('formA', byAgent);
  return sh;
}

export const formA: SheetKind<'formA'> = { key: 'formA', words: WORDS, perAgent: 'pre-sales', refersTo: ['records', 'rules'], build };

/**
 * Form A (业务考核), one block per pre-sales agent, one printed A4 page each: the eleven deductions
 * A01–A11 (count × points from the rules sheet), the red lines AR1/AR2 (D3), the score 100 − deductions.
 */
import { call } from '../../core/kpi';
import { FORM_A_ITEMS, RED_LINES } from '../../core/rules';
import { abs, addr } from '../model';
import {
  BuildContext,
  SheetKind,
  Sheet,
  blockHead,
  blocksEnd,
  countValidation,
  deductionHeader,
  deductionScoreLabel,
  itemLabel,
  signatures,
} from './common';

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
    title: '客服部售前专员月份绩效考核表(A)',
    section: '一、业务考核内容(总分100分-扣分)',
    sectionRed: '二、违反以下任意一条,将上报公司开除处理',
    redMark: '红线',
  },
  en: {
    title: 'Pre-sales agent monthly evaluation, form A (business)',
    section: '1. Business (100 minus deductions)',
    sectionRed: '2. Red lines: any one is reported for dismissal',
    redMark: 'RED LINE',
  },
} as const;

function build(ctx: BuildContext, name: string): Sheet {
  const { lang, mode } = ctx;
  const w = WORDS[lang];
  const sh = new Sheet('formA', name, [5, 6, 44, 7, 7, 8]);
  const offer = new Map<string, { score: string; redLineSum: string }>();
  ctx.preSales.forEach((agent, i) => {
    const top = 1 + i * FORM_A_BLOCK_ROWS;
    const lay = ctx.layoutOf(agent.id);
    lay.formCell = sh.at(addr(top, 1));
    blockHead(ctx, sh, top, 6, w.title, agent);
    let r = top + 3;
    sh.set(r, 1, 'section', { value: w.section });
    sh.merge(r, 1, r, 6, 'section');
    r++;
    deductionHeader(lang, sh, r);
    r++;
    const first = r;
    FORM_A_ITEMS.forEach((it, k) => {
      sh.set(r, 1, 'text', { value: k + 1 });
      sh.set(r, 2, 'text', { value: it.code });
      sh.set(r, 3, 'wrap', { value: itemLabel(it, lang) });
      sh.set(r, 4, 'formula', { formula: `PTS_${it.code}` });
      const c = sh.set(r, 5, 'input', { value: ctx.input(agent.id, it.code) ?? null, validation: countValidation(lang) });
      sh.set(r, 6, 'formula', { formula: `IF(${c}="","",${c}*D${r})` });
      lay.inputs[it.code] = sh.at(c);
      r++;
    });
    const last = r - 1;
    sh.set(r, 1, 'section', { value: w.sectionRed });
    sh.merge(r, 1, r, 6, 'section');
    r++;
    const redFirst = r;
    RED_LINES.forEach((it, k) => {
      sh.set(r, 1, 'text', { value: k + 1 });
      sh.set(r, 2, 'text', { value: it.code });
      sh.set(r, 3, 'wrap', { value: it[lang] });
      sh.set(r, 4, 'text', { value: '—' });
      const c = sh.set(r, 5, 'input', { value: ctx.input(agent.id, it.code) ?? null, validation: countValidation(lang) });
      sh.set(r, 6, 'formula', { formula: `IF(N(${c})>0,"${w.redMark}","")` });
      lay.inputs[it.code] = sh.at(c);
      r++;
    });
    const redLineSum = `SUM(${sh.q(`E${redFirst}`)}:${abs(`E${r - 1}`)})`;
    sh.set(r, 1, 'label', { formula: deductionScoreLabel(lang, redLineSum) });
    sh.merge(r, 1, r, 5);
    const score = sh.set(r, 6, 'score', { formula: call(mode, 'DEDUCT', `E${first}:E${last}`, `D${first}:D${last}`) });
    offer.set(agent.id, { score: sh.q(score), redLineSum });
    lay.outputs.A = sh.at(score);
    r += 2;
    signatures(lang, sh, r, [1, 4]);
    sh.spec.rowBreaks.push(top + FORM_A_BLOCK_ROWS - 1);
  });
  const end = blocksEnd(ctx.preSales.length, FORM_A_BLOCK_ROWS);
  sh.spec.printArea = `A1:F${end}`;
  // A4 portrait: the widest renderer (LibreOffice, ~9.8 px per width unit) still fits; Excel (7 px) has room to spare
  sh.spec.printScale = 85;
  sh.spec.conditionalFormats.push({
    range: `F1:F${end}`,
    formula: `F1="${w.redMark}"`,
    fill: 'FFC7CE',
    color: '9C0006',
    bold: true,
  });
  ctx.offers.put('formA', offer);
  return sh;
}

export const formA: SheetKind<'formA'> = {
  key: 'formA',
  names: { zh: '表A-业务', en: 'Form A' },
  perAgent: 'pre-sales',
  refersTo: ['rules'],
  build,
  insertButton: { position: 1, label: { zh: '插入表A', en: 'Insert form A' } },
};

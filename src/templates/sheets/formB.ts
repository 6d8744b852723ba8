/**
 * Form B (工作纪律), one block per pre-sales agent, one printed A4 page each: B01–B11 count × points
 * (B06 in half days), B12 escalating (D2), B13 points entered by the assessor; score 100 − deductions.
 * Its score row shows the red-line flag of form A (D3: flagged everywhere).
 */
import { call } from '../../core/kpi';
import { FORM_B_ITEMS } from '../../core/rules';
import { Lang, ValidationSpec, addr } from '../model';
import {
  BuildContext,
  Sheet,
  SheetKind,
  blockHead,
  blocksEnd,
  countValidation,
  deductionHeader,
  deductionScoreLabel,
  itemLabel,
  signatures,
} from './common';

/** What form B offers, per pre-sales agent id: the form B score cell, sheet-qualified. */
export type FormBOffer = ReadonlyMap<string, { score: string }>;

/** Rows of an agent's block (its printed page), a spacer row included. */
export const FORM_B_BLOCK_ROWS = 22;

const WORDS = {
  zh: {
    title: '客服部售前专员月份绩效考核表(B)',
    section: '工作纪律考核内容(总分100分-扣分)',
    note: '员工必须严格遵守公司各项规章制度,违者按当时情况具体执行',
  },
  en: {
    title: 'Pre-sales agent monthly evaluation, form B (work discipline)',
    section: 'Work discipline (100 minus deductions)',
    note: 'Staff must follow every company rule; breaches are handled case by case',
  },
} as const;

/** B13: points deducted, entered by the assessor. */
function pointsValidation(lang: Lang): ValidationSpec {
  return {
    type: 'decimal',
    min: 0,
    max: 100,
    prompt: lang === 'zh' ? '考核人填写扣分(0–100)' : 'Points deducted by the assessor (0–100)',
    error: lang === 'zh' ? '扣分必须是0–100的数' : 'Points must be a number from 0 to 100',
  };
}

/** B06: days of personal leave in half days (D4). */
function halfDayValidation(lang: Lang, a1: string): ValidationSpec {
  return {
    type: 'custom',
    formula: `AND(ISNUMBER(${a1}),${a1}>=0,MOD(${a1}*2,1)=0)`,
    prompt: lang === 'zh' ? '事假天数,可按半天(0.5)' : 'Days of personal leave, in half days (0.5)',
    error: lang === 'zh' ? '事假天数必须≥0,且为0.5的倍数 (D4)' : 'Days must be ≥ 0 in steps of 0.5 (D4)',
  };
}

function build(ctx: BuildContext, name: string): Sheet {
  const { lang, mode } = ctx;
  const w = WORDS[lang];
  const formA = ctx.offers.get('formA');
  const sh = new Sheet('formB', name, [5, 6, 44, 7, 7, 8]);
  const offer = new Map<string, { score: string }>();
  ctx.preSales.forEach((agent, i) => {
    const top = 1 + i * FORM_B_BLOCK_ROWS;
    const lay = ctx.layoutOf(agent.id);
    blockHead(ctx, sh, top, 6, w.title, agent);
    let r = top + 3;
    sh.set(r, 1, 'section', { value: w.section });
    sh.merge(r, 1, r, 6, 'section');
    r++;
    deductionHeader(lang, sh, r);
    r++;
    const first = r;
    // B01–B11 are count × points over one range; B12 (escalating) and B13 (points) are added after it
    let linearLast = r;
    const added: string[] = [];
    FORM_B_ITEMS.forEach((it, k) => {
      sh.set(r, 1, 'text', { value: k + 1 });
      sh.set(r, 2, 'text', { value: it.code });
      sh.set(r, 3, 'wrap', { value: itemLabel(it, lang) });
      const c = addr(r, 5);
      const value = ctx.input(agent.id, it.code) ?? null;
      if (it.kind === 'escalating') {
        sh.set(r, 4, 'formula', { formula: 'B12_FIRST' });
        sh.set(r, 5, 'input', { value, validation: countValidation(lang) });
        sh.set(r, 6, 'formula', { formula: `IF(${c}="","",${call(mode, 'ESCALATE', c, 'B12_FIRST', 'B12_NEXT')})` });
        added.push(`N(F${r})`);
      } else if (it.kind === 'points') {
        sh.set(r, 4, 'formula', { formula: `PTS_${it.code}` });
        sh.set(r, 5, 'input', { value, validation: pointsValidation(lang) });
        sh.set(r, 6, 'formula', { formula: `IF(${c}="","",${c}*D${r})` });
        added.push(`N(${c})*D${r}`);
      } else {
        sh.set(r, 4, 'formula', { formula: `PTS_${it.code}` });
        sh.set(r, 5, 'input', { value, validation: it.kind === 'halfday' ? halfDayValidation(lang, c) : countValidation(lang) });
        sh.set(r, 6, 'formula', { formula: `IF(${c}="","",${c}*D${r})` });
        linearLast = r;
      }
      lay.inputs[it.code] = sh.at(c);
      r++;
    });
    sh.set(r, 1, 'label', { formula: deductionScoreLabel(lang, formA.get(agent.id)!.redLineSum) });
    sh.merge(r, 1, r, 5);
    const score = sh.set(r, 6, 'score', {
      formula: call(mode, 'DEDUCT', `E${first}:E${linearLast}`, `D${first}:D${linearLast}`, `(${added.join('+')})`),
    });
    offer.set(agent.id, { score: sh.q(score) });
    lay.outputs.B = sh.at(score);
    r++;
    sh.set(r, 1, 'note', { value: w.note });
    sh.merge(r, 1, r, 6);
    r += 2;
    signatures(lang, sh, r, [1, 4]);
    sh.spec.rowBreaks.push(top + FORM_B_BLOCK_ROWS - 1);
  });
  sh.spec.printArea = `A1:F${blocksEnd(ctx.preSales.length, FORM_B_BLOCK_ROWS)}`;
  sh.spec.printScale = 85;
  ctx.offers.put('formB', offer);
  return sh;
}

export const formB: SheetKind<'formB'> = {
  key: 'formB',
  names: { zh: '表B-纪律', en: 'Form B' },
  perAgent: 'pre-sales',
  refersTo: ['formA', 'rules'],
  build,
  insertButton: { position: 2, label: { zh: '插入表B', en: 'Insert form B' } },
};

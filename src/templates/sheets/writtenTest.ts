/** The written test (笔试): one row per pre-sales agent, the score 0–100 (blank = incomplete, D11). */
import { addr } from '../model';
import { BuildContext, Sheet, SheetKind, WORDS as SHARED } from './common';
import { labelled, signature } from './form-block';
import { inputValidation } from './validation';

/** What the written test offers, per pre-sales agent id: the score cell, sheet-qualified. */
export type WrittenTestOffer = ReadonlyMap<string, { score: string }>;

const WORDS = {
  zh: { sheet: '笔试', title: '客服部售前专员笔试成绩', score: '笔试成绩(0–100)', remark: '备注' },
  en: {
    sheet: 'Written test',
    title: 'Pre-sales written test',
    score: 'Test score (0–100)',
    remark: 'Remark',
  },
} as const;

function build(ctx: BuildContext, name: string): Sheet {
  const { lang } = ctx;
  const w = WORDS[lang];
  const shared = SHARED[lang];
  const sh = new Sheet('test', name, [6, 14, 16, 16, 24]);
  const offer = new Map<string, { score: string }>();
  sh.setAcross(1, 1, 5, 'title', { value: `${w.title}  ${ctx.month}` });
  sh.setRow(3, 'header', [shared.colNo, shared.id, shared.name, w.score, w.remark]);
  ctx.preSales.forEach((agent, i) => {
    const r = 4 + i;
    sh.setRow(r, 'text', [i + 1, agent.id, agent.name]);
    const c = sh.set(r, 4, 'input', { value: ctx.input(agent.id, 'EX') ?? null, validation: inputValidation(lang, 'score', addr(r, 4)) });
    sh.set(r, 5, 'inputText', { value: null });
    offer.set(agent.id, { score: sh.q(c) });
    ctx.layoutOf(agent.id).inputs.EX = sh.at(c);
  });
  const lastRow = 3 + Math.max(1, ctx.preSales.length);
  labelled(sh, lastRow + 2, shared.assessor, [1, 2], [3, 3], 'inputText', null);
  labelled(sh, lastRow + 2, shared.date, [4, 4], [5, 5], 'inputText', null);
  const signRow = lastRow + 4;
  sh.setAcross(signRow, 1, 5, 'label', { value: signature(lang, 'signAssessor') });
  sh.spec.freezeRows = 3;
  sh.spec.printTitleRows = '3:3';
  sh.spec.printArea = `A1:E${signRow}`;
  ctx.offers.put('test', offer);
  return sh;
}

export const writtenTest: SheetKind<'test'> = { key: 'test', words: WORDS, perAgent: 'pre-sales', refersTo: [], build };

/** The written test (笔试): one row per pre-sales agent, the score 0–100 (blank = incomplete, D11). */
import { Lang, ValidationSpec } from '../model';
import { BuildContext, SIGN_LINE, Sheet, SheetKind, WORDS as SHARED } from './common';

/** What the written test offers, per pre-sales agent id: the score cell, sheet-qualified. */
export type WrittenTestOffer = ReadonlyMap<string, { score: string }>;

const WORDS = {
  zh: { title: '客服部售前专员笔试成绩', score: '笔试成绩(0–100)', remark: '备注' },
  en: { title: 'Pre-sales written test', score: 'Test score (0–100)', remark: 'Remark' },
} as const;

function scoreValidation(lang: Lang): ValidationSpec {
  return {
    type: 'decimal',
    min: 0,
    max: 100,
    prompt: lang === 'zh' ? '笔试成绩0–100;空白为未完成' : 'Test score 0–100; blank = incomplete',
    error: lang === 'zh' ? '笔试成绩必须在0–100之间' : 'The test score must be from 0 to 100',
  };
}

function build(ctx: BuildContext, name: string): Sheet {
  const { lang } = ctx;
  const w = WORDS[lang];
  const shared = SHARED[lang];
  const sh = new Sheet('test', name, [6, 14, 16, 16, 24]);
  const offer = new Map<string, { score: string }>();
  sh.set(1, 1, 'title', { value: `${w.title}  ${ctx.month}` });
  sh.merge(1, 1, 1, 5);
  [shared.colNo, shared.id, shared.name, w.score, w.remark].forEach((h, c) => sh.set(3, c + 1, 'header', { value: h }));
  ctx.preSales.forEach((agent, i) => {
    const r = 4 + i;
    sh.set(r, 1, 'text', { value: i + 1 });
    sh.set(r, 2, 'text', { value: agent.id });
    sh.set(r, 3, 'text', { value: agent.name });
    const c = sh.set(r, 4, 'input', { value: ctx.input(agent.id, 'EX') ?? null, validation: scoreValidation(lang) });
    sh.set(r, 5, 'inputText', { value: null });
    offer.set(agent.id, { score: sh.q(c) });
    ctx.layoutOf(agent.id).inputs.EX = sh.at(c);
  });
  const lastRow = 3 + Math.max(1, ctx.preSales.length);
  const assessorRow = lastRow + 2;
  sh.set(assessorRow, 1, 'label', { value: `${shared.assessor}:` });
  sh.merge(assessorRow, 1, assessorRow, 2);
  sh.set(assessorRow, 3, 'inputText', { value: null });
  sh.set(assessorRow, 4, 'label', { value: `${shared.date}:` });
  sh.set(assessorRow, 5, 'inputText', { value: null });
  const signRow = lastRow + 4;
  sh.set(signRow, 1, 'label', { value: `${shared.signAssessor}${SIGN_LINE}` });
  sh.merge(signRow, 1, signRow, 5);
  sh.spec.freezeRows = 3;
  sh.spec.printTitleRows = '3:3';
  sh.spec.printArea = `A1:E${signRow}`;
  ctx.offers.put('test', offer);
  return sh;
}

export const writtenTest: SheetKind<'test'> = {
  key: 'test',
  names: { zh: '笔试', en: 'Written test' },
  perAgent: 'pre-sales',
  refersTo: [],
  build,
  insertButton: { position: 3, label: { zh: '插入笔试表', en: 'Insert written test' } },
};

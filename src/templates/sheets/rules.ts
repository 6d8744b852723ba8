/**
 * The rules sheet: every rule a defined name on an editable (yellow) cell, written from the table of
 * rules ↔ names (rule-names.ts); then the defaults D1–D11 as text; then the workbook's metadata names
 * (month, language, formula mode, quarter mode). Every formula of the other sheets reads the rules
 * through these names.
 */
import { DEFAULTS_TEXT } from '../../core/rules';
import { META_NAMES, RULE_TABLE } from '../rule-names';
import { BuildContext, Sheet, SheetKind } from './common';

const WORDS = {
  zh: {
    sheet: '规则',
    title: '考核规则(经理可修改黄色单元格)',
    name: '名称',
    desc: '说明',
    value: '值',
    points: '分',
    defaults: '默认规则(原文未规定之处)',
    meta: '工作簿信息',
  },
  en: {
    sheet: 'Rules',
    title: 'Evaluation rules (a manager may edit the yellow cells)',
    name: 'Name',
    desc: 'Description',
    value: 'Value',
    points: 'Points',
    defaults: 'Defaults where the source is silent',
    meta: 'Workbook information',
  },
} as const;

/** Column of the rule values (a scale's letters), and of a scale's points. */
const VALUE_COL = 3;
const POINTS_COL = 4;

function build(ctx: BuildContext, name: string): Sheet {
  const { lang } = ctx;
  const w = WORDS[lang];
  const sh = new Sheet('rules', name, [14, 62, 12, 10]);
  const nameCell = (definedName: string, a1: string) => ctx.names.push({ name: definedName, ref: sh.q(a1) });
  let r = 1;
  sh.setAcross(r, 1, 4, 'title', { value: w.title });
  r += 2;
  sh.setRow(r, 'header', [w.name, w.desc, w.value, w.points]);
  r++;
  for (const entry of RULE_TABLE) {
    const first = r;
    for (const row of entry.rows) {
      sh.set(r, 1, 'text', { value: row.code });
      sh.set(r, 2, 'wrap', { value: row.label[lang] });
      if (entry.shape === 'scale') {
        sh.set(r, VALUE_COL, 'text', { value: row.value(ctx.rules) });
        sh.set(r, POINTS_COL, 'rule', { value: row.points!(ctx.rules) });
      } else {
        const a = sh.set(r, VALUE_COL, 'rule', { value: row.value(ctx.rules) });
        if (entry.shape === 'cell' || entry.shape === 'cells') nameCell(row.code, a);
      }
      r++;
    }
    if (entry.shape !== 'cell') {
      ctx.names.push({ name: entry.name, ref: sh.range(first, VALUE_COL, r - 1, entry.shape === 'scale' ? POINTS_COL : VALUE_COL) });
    }
  }
  r++;
  sh.set(r, 1, 'subtitle', { value: w.defaults });
  r++;
  for (const d of DEFAULTS_TEXT) {
    sh.set(r, 1, 'text', { value: d.code });
    sh.set(r, 2, 'wrap', { value: d[lang] });
    sh.merge(r, 2, r, 4, 'wrap');
    sh.spec.rowHeights[r] = 30;
    r++;
  }
  r++;
  sh.set(r, 1, 'subtitle', { value: w.meta });
  r++;
  const meta = { month: ctx.month, lang, mode: ctx.mode, quarterMode: ctx.rules.quarterMode };
  for (const m of META_NAMES) {
    sh.set(r, 1, 'text', { value: m.name });
    sh.set(r, 2, 'wrap', { value: m.label[lang] });
    nameCell(m.name, sh.set(r, VALUE_COL, 'text', { value: m.value(meta) }));
    r++;
  }
  sh.spec.printArea = `A1:D${r}`;
  return sh;
}

export const rules: SheetKind<'rules'> = { key: 'rules', words: WORDS, perAgent: null, refersTo: [], build };

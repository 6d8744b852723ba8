/** office/messages.ts: what the Office.js writer tells a user, in Chinese as in English (worked by hand). */
import { MESSAGES, Problem } from '../../src/core/problem';
import { M } from '../../src/office/messages';
import { missingSheetOr, protectedOr } from '../../src/office/errors';
import { OFFICE_EXAMPLES as EXAMPLES } from '../helpers/message-samples';
import { KEPT_AS_IS, englishIn } from '../helpers/zh-words';

test('problems of the writer in Chinese', () => {
  const itemNotFound = Object.assign(new Error('The requested resource doesn’t exist.'), { code: 'ItemNotFound', debugInfo: {} });
  const missing = missingSheetOr(itemNotFound, ['月度汇总', 'Form A']) as Problem;
  expect(missing).toBeInstanceOf(Problem);
  expect(missing.code).toBe('office.missingSheet');
  expect(missing.message).toBe('The workbook has no sheet "月度汇总", "Form A".');
  expect(missing.in('zh')).toBe('工作簿中没有工作表“月度汇总”、“Form A”。');
  expect(missing.details).toBe('The requested resource doesn’t exist.');
  expect(missing.act).toBe('insertFirst');

  const unprotect = Object.assign(new Error('The password is incorrect.'), {
    code: 'InvalidArgument',
    debugInfo: { errorLocation: 'WorksheetProtection.unprotect' },
  });
  const locked = protectedOr(unprotect, ['表A-业务']) as Problem;
  expect(locked.code).toBe('office.protectedSheets');
  expect(locked.in('zh')).toBe('工作表“表A-业务”设有密码保护,因此没有替换;工作簿未做任何改动。');
  expect(locked.in('en')).toBe('"表A-业务" is protected with a password, so it was not replaced. Nothing was changed.');
  expect(locked.details).toBe('The password is incorrect.');

  expect(new Problem(M.stillCalculating, { sheets: ['月度汇总'], reads: 5 }).in('zh')).toBe(
    'KPI 函数仍在计算(单元格显示 #BUSY!),结果还读不出来。',
  );
  expect(new Problem(M.notInExcel, {}).in('zh')).toBe('此处无法使用 Excel:请在 Excel 中打开此加载项。');
});

test('other Office errors go on as they are', () => {
  const denied = Object.assign(new Error('Access denied'), { code: 'AccessDenied', debugInfo: { errorLocation: 'Range.values' } });
  expect(missingSheetOr(denied, ['S'])).toBe(denied);
  expect(protectedOr(denied, ['S'])).toBe(denied);
  expect(
    protectedOr(Object.assign(new Error('x'), { debugInfo: { errorLocation: 'WorksheetProtection.unprotect' } }), []),
  ).not.toBeInstanceOf(Problem);
});

test('every office message has an example, and its Chinese wording has no English word', () => {
  const codes = [...MESSAGES.keys()].filter((c) => c.startsWith('office.'));
  expect(codes.sort()).toEqual(Object.keys(EXAMPLES).sort());
  for (const code of codes) {
    const m = MESSAGES.get(code)!;
    const zh = m.zh(EXAMPLES[code]);
    // the command that makes a workbook whose records sheet has room (recordsFull) is named as it is typed
    expect([code, englishIn(zh, EXAMPLES[code], [...KEPT_AS_IS, 'kpi-forms new --entries/--calls'])]).toEqual([code, []]);
    expect(zh).not.toBe(m.en(EXAMPLES[code]));
  }
});

test('the check finds an English word left in a Chinese wording', () => {
  expect(englishIn('工作簿中没有 sheet “Form A”', { sheets: ['Form A'] })).toEqual(['sheet']);
  expect(englishIn('“roster.xlsx”不是 Excel 工作簿(没有 xl/workbook.xml)', { file: 'roster.xlsx' })).toEqual([]);
});

/**
 * taskpane/errors.ts: every failure through describeError — a problem worded in the pane's language with
 * its action, a file's problems listed, an Office error by its code, a fault said as such.
 */
import { Problem, messages } from '../../src/core/problem';
import { describeError } from '../../src/taskpane/errors';
import { M } from '../../src/taskpane/messages';
import { M as OFFICE } from '../../src/office/messages';
import { lazyChunk } from '../../src/taskpane/chunks';
import { STRINGS } from '../../src/taskpane/strings';

const { zh, en } = STRINGS;

// an input problem as io declares them (scope `input`); this key is the test's own
const T = messages('input', {
  describeErrorRow: {
    en: (p: { row: number }) => `entries.csv row ${p.row}: count "x" must be a whole number ≥ 0 (D4)`,
    zh: (p: { row: number }) => `entries.csv 第 ${p.row} 行:次数 "x" 必须是 ≥ 0 的整数 (D4)`,
    act: 'fixCsv',
  },
  describeErrorMonth: {
    en: (p: { value: string }) => `--month "${p.value}" must be a month YYYY-MM (e.g. 2024-03)`,
    zh: (p: { value: string }) => `--month "${p.value}" 必须是 YYYY-MM 格式的月份(例如 2024-03)`,
    act: 'month',
  },
  describeErrorNoAct: { en: () => 'a problem of a file', zh: () => '文件的问题' },
});

test('a problem in the pane’s language: the title of its layer, the action it names', () => {
  const month = new Problem(M.monthInvalid, { value: '2024-13' });
  expect(describeError(month, zh)).toEqual({
    title: '输入有误',
    text: '"2024-13" 不是 YYYY-MM 格式的月份(例如 2024-03)',
    action: '请按 YYYY-MM 填写月份,例如 2024-03。',
    details: undefined,
  });
  expect(describeError(month, en)).toMatchObject({ text: '"2024-13" is not a month YYYY-MM (e.g. 2024-03)', action: en.act.month });
  // the action follows the problem's act, not words in its text
  expect(describeError(new Problem(T.describeErrorMonth, { value: '13' }), en).action).toBe(en.act.month);
  expect(describeError(new Problem(T.describeErrorRow, { row: 3 }), en).action).toBe(en.act.fixCsv);
  // an input problem that names no action: fix the file
  expect(describeError(new Problem(T.describeErrorNoAct, {}), zh)).toMatchObject({
    title: '输入有误',
    text: '文件的问题',
    action: zh.act.fixCsv,
  });
});

test('problems of the writer: titles of their own, in Chinese', () => {
  const busy = describeError(new Problem(OFFICE.stillCalculating, { sheets: ['月度汇总'], reads: 5 }), zh);
  expect(busy).toMatchObject({ title: '仍在计算', text: 'KPI 函数仍在计算(单元格显示 #BUSY!),结果还读不出来。', action: zh.act.calcRetry });
  const gone = describeError(new Problem(OFFICE.missingSheet, { sheets: ['Summary'] }, { details: 'ItemNotFound' }), en);
  expect(gone).toEqual({
    title: 'A sheet is missing',
    text: 'The workbook has no sheet "Summary".',
    action: en.act.insertFirst,
    details: 'ItemNotFound',
  });
  expect(describeError(new Problem(OFFICE.notInExcel, {}), zh)).toMatchObject({ title: '未连接到 Excel', action: zh.act.openInExcel });
  expect(describeError(new Problem(OFFICE.protectedSheets, { sheets: ['A', 'B'] }), zh)).toMatchObject({
    title: '工作表受密码保护',
    // the headline first, its details on the next line (under "Details")
    text: '工作表“A”、“B”设有密码保护,因此没有替换\n工作簿未做任何改动。',
  });
});

test('several problems of one file: each on its line in the pane’s language, the first 8, then the count of the rest', () => {
  const all = Problem.ofAll([2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((row) => new Problem(T.describeErrorRow, { row })))!;
  const d = describeError(all, zh);
  const lines = d.text.split('\n');
  expect(lines).toHaveLength(9);
  expect(lines[0]).toBe('entries.csv 第 2 行:次数 "x" 必须是 ≥ 0 的整数 (D4)');
  expect(lines[7]).toBe('entries.csv 第 9 行:次数 "x" 必须是 ≥ 0 的整数 (D4)');
  expect(lines[8]).toBe('… (+2)');
  expect(d.action).toBe(zh.act.fixCsv);
  const three = Problem.ofAll([2, 3, 4].map((row) => new Problem(T.describeErrorRow, { row })))!;
  expect(describeError(three, en).text).toBe(
    [2, 3, 4].map((r) => `entries.csv row ${r}: count "x" must be a whole number ≥ 0 (D4)`).join('\n'),
  );
});

test('an Office error: by its code, its message and debugInfo as they are', () => {
  const e = Object.assign(new Error('Access denied.'), {
    name: 'RichApi.Error',
    code: 'AccessDenied',
    debugInfo: { errorLocation: 'Range.values' },
  });
  const d = describeError(e, zh);
  expect(d.title).toBe('Excel 报告了错误 (AccessDenied)');
  expect(d.text).toBe('Access denied.');
  expect(d.action).toBe(zh.act.accessDenied);
  expect(d.details).toMatch(/"errorLocation": "Range.values"/);
});

test('a fault of the program: said as such in the pane’s language, its own text only in the details', () => {
  const e = new Error('Form A!B2: unknown style "x"');
  const d = describeError(e, zh);
  expect(d.title).toBe('发生意外错误');
  expect(d.text).toBe('kpi-forms 在任务窗格中处理时出错:这是程序的问题,不是您的文件的问题');
  expect(d.text).not.toMatch(/unknown style/);
  expect(d.details).toMatch(/unknown style "x"/);
  expect(describeError(e, en).text).toBe(
    'kpi-forms failed while working in the task pane: this is a fault of the program, not of your file',
  );
  expect(describeError('a string', en).details).toBe('a string');
});

test('a chunk that does not load: a problem worded in either language, webpack’s text in the details; the next use loads', async () => {
  let fail = true;
  const chunk = lazyChunk('tabs', async () => {
    if (fail) throw Object.assign(new Error('Loading chunk tabs failed.\n(error: tabs.1a2b.js)'), { name: 'ChunkLoadError' });
    return { ok: true };
  });
  const e = await chunk.load().catch((x: unknown) => x);
  expect(e).toBeInstanceOf(Problem);
  expect(describeError(e, zh)).toEqual({
    title: '加载项的一部分未能加载',
    text: '这一步所需的代码没有下载成功。',
    action: zh.act.chunk,
    details: 'chunk "tabs": Loading chunk tabs failed.\n(error: tabs.1a2b.js)',
  });
  fail = false;
  expect(await chunk.load()).toEqual({ ok: true });
});

/**
 * taskpane/messages.ts and xlsx-lite's reasons: what the pane itself finds wrong, in Chinese as in
 * English (worked by hand).
 */
import { MESSAGES, Problem } from '../../src/core/problem';
import { M } from '../../src/taskpane/messages';
import { readXlsxSheet, unreadableXlsx } from '../../src/taskpane/xlsx-lite';
import { STRINGS } from '../../src/taskpane/strings';
import { PANE_EXAMPLES as EXAMPLES } from '../helpers/message-samples';
import { englishIn } from '../helpers/zh-words';

test('problems of the pane in Chinese', () => {
  expect(new Problem(M.monthInvalid, { value: '2024-13' }).in('zh')).toBe('"2024-13" 不是 YYYY-MM 格式的月份(例如 2024-03)');
  expect(new Problem(M.noHeaderRow, { sheet: 'roster.xlsx › 花名册' }).in('zh')).toBe(
    'roster.xlsx › 花名册:找不到含“工号”(employee_id)的表头行',
  );
  expect(new Problem(M.logXlsxNotInPane, { file: 'log.xlsx' }).in('zh')).toBe(
    '此版本 Excel 的任务窗格无法解压 .xlsx 文件:请把日志另存为 CSV 后导入,或使用命令行 kpi-forms new --calls。',
  );
  const p = new Problem(M.xlsxUnreadable, {
    file: 'roster.xlsx',
    reason: 'sheetMissing',
    sheet: '花名册',
    part: 'xl/worksheets/sheet1.xml',
  });
  expect(p.in('zh')).toBe('roster.xlsx:不是可读取的 .xlsx 工作簿(缺少工作表“花名册”(xl/worksheets/sheet1.xml))');
  expect(p.in('en')).toBe('roster.xlsx: is not a readable .xlsx workbook (the sheet "花名册" (xl/worksheets/sheet1.xml) is missing)');
});

test('what xlsx-lite refuses: the reason as a parameter, worded with the file name in either language', async () => {
  const refused = await readXlsxSheet(new Uint8Array([1, 2, 3]), []).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(Problem);
  expect(refused).toMatchObject({ code: 'pane.zip', params: { reason: 'notZip' }, message: 'not a zip file' });
  const named = unreadableXlsx('roster.xlsx', refused);
  expect(named.message).toBe('roster.xlsx: is not a readable .xlsx workbook (not a zip file)');
  expect(named.in('zh')).toBe('roster.xlsx:不是可读取的 .xlsx 工作簿(不是 zip 文件)');
  expect(named.act).toBe('fixCsv');
  // another error (the browser's inflater): its own text
  expect(unreadableXlsx('r.xlsx', new TypeError('The compressed data was not valid.')).in('zh')).toBe(
    'r.xlsx:不是可读取的 .xlsx 工作簿(The compressed data was not valid.)',
  );
});

test('every pane message has an example, its action is one the pane has, and its Chinese wording has no English word', () => {
  const codes = [...MESSAGES.keys()].filter((c) => c.startsWith('pane.'));
  expect([...new Set(EXAMPLES.map(([c]) => c))].sort()).toEqual(codes.sort());
  for (const [code, params] of EXAMPLES) {
    const m = MESSAGES.get(code)!;
    const zh = m.zh(params);
    expect([code, englishIn(zh, params)]).toEqual([code, []]);
    if (m.act) expect([code, STRINGS.zh.act[m.act] && STRINGS.en.act[m.act]]).toEqual([code, expect.any(String)]);
  }
});

/**
 * io/messages.ts: the input layer's problems in Chinese (worded by hand here), their actions in the pane,
 * and that no Chinese wording of the layer is left in English.
 */
import { Agent } from '../../src/core/agent';
import { MESSAGES } from '../../src/core/problem';
import { importCallsTable, parseCsvTable } from '../../src/io/calls-core';
import { readCsv } from '../../src/io/csv';
import { INPUT, placeText } from '../../src/io/messages';
import { TextRow, checkValue, csvRows, entriesFromRows, rosterFromRows } from '../../src/io/records';
import { fileFormat, unreadableXlsx } from '../../src/io/sniff';
import { INPUT_SAMPLES as SAMPLES } from '../helpers/message-samples';
import { KEPT_AS_IS, englishIn, thrown } from '../helpers/zh-words';

const agents: Agent[] = [
  { id: 'E01', name: 'Ann', role: 'pre-sales', group: 'G1' },
  { id: 'E03', name: 'Cai', role: 'after-sales', group: 'G2' },
];

describe('representative problems in Chinese', () => {
  test('entries: every bad row, each named by its row, the first counting the others', () => {
    const text = 'employee_id,code,value\nE01,A03,-1\nE09,A01,1\nE03,A01,2\nE01,EX,80\nE01,EX,90\n';
    const p = thrown(() => entriesFromRows(csvRows(text, 'entries.csv'), 'entries.csv', agents));
    expect(p.code).toBe('input.badValue');
    expect(p.list('zh')).toEqual([
      'entries.csv 第 2 行:A03 次数 "-1" 必须是 ≥ 0 的整数 (D4)',
      'entries.csv 第 3 行:工号 "E09" 不在花名册中',
      'entries.csv 第 4 行:代码 A01 是售前项目,但 "E03" 是售后专员',
      'entries.csv 第 6 行:"E01" 的 EX 重复填写(第一次在第 5 行);每月只能有一个笔试成绩',
    ]);
    expect(p.in('zh')).toBe('entries.csv 第 2 行:A03 次数 "-1" 必须是 ≥ 0 的整数 (D4) (同一文件中另有 3 处问题)');
    // the English as it always was
    expect(p.issues[3]).toBe('entries.csv row 6: EX of "E01" is given again (first at row 5); one test score per month');
    // "per month" in a message no longer makes the pane's action "type the month": each problem names its action
    expect(p.all.map((x) => x.act)).toEqual(['fixCsv', 'fixCsv', 'fixCsv', 'fixCsv']);
  });

  test('roster: a repeated id names the first row, in a CSV and in a worksheet; an unknown role', () => {
    const csv = thrown(() => rosterFromRows(csvRows('工号,姓名,岗位\nE01,张三,售前\nE01,李四,售后\nE02,王五,经理\n', 'r.csv'), 'r.csv'));
    expect(csv.list('zh')).toEqual([
      'r.csv 第 3 行:工号 "E01" 与第 2 行重复;工号必须唯一',
      'r.csv 第 4 行:岗位 "经理" 必须是售前或售后(也可写作 pre-sales 或 after-sales)',
    ]);
    const rows: TextRow[] = [
      ['employee_id', 'name', 'role'],
      ['E01', 'Ann', 'pre-sales'],
      ['E01', 'Bob', 'pre-sales'],
    ].map((cells, i) => ({
      cells,
      where: { file: 'r.xlsx', sheet: 'Staff', row: i + 1 },
      cell: (c) => `r.xlsx Staff!${'ABC'[c]}${i + 1}`,
    }));
    const sheet = thrown(() => rosterFromRows(rows, 'r.xlsx'));
    expect(sheet.message).toBe('r.xlsx Staff!A3: employee_id "E01" is a duplicate of Staff row 2; ids must be unique');
    expect(sheet.in('zh')).toBe('r.xlsx Staff!A3:工号 "E01" 与 Staff 第 2 行重复;工号必须唯一');
    expect(placeText('zh', rows[2].where)).toBe('r.xlsx Staff 第 3 行');
    expect(placeText('en', rows[2].where)).toBe('r.xlsx Staff row 3');
  });

  test('values of a cell: the rule and why, in Chinese', () => {
    expect(thrown(() => checkValue('B06', '１.5', 'a.xlsx 表B-纪律!E7', false)).in('zh')).toBe(
      'a.xlsx 表B-纪律!E7:B06 天数 "１.5" 必须是 ≥ 0 的天数,以半天为单位,例如 1.5 (D4);不接受全角数字,请输入半角 0–9',
    );
    expect(thrown(() => checkValue('S02', 'AAE', { file: 'e.csv', row: 4 }, true)).in('zh')).toBe(
      'e.csv 第 4 行:S02 满意度评价 "AAE" 必须是评价字母 A–D,每张回访工单一个,例如 AABCD (D6);"E" 不是评价字母',
    );
    expect(thrown(() => checkValue('Q:2024-01:rank', 0, 'q', false)).in('zh')).toBe('q:2024-01 的名次 0 必须是 ≥ 1 的整数 (D10)');
    expect(thrown(() => checkValue('A01', new Date(Date.UTC(2024, 2, 1)), 'c', false)).in('zh')).toBe(
      'c:A01 次数 日期 (2024-03-01) 必须是 ≥ 0 的整数 (D4)',
    );
    const imported = thrown(() => checkValue('S01', '-2', { file: 'log.csv', imported: 'S01', id: 'E03' }, true));
    expect(imported.message).toBe('log.csv (imported S01 of "E03"): S01 ticket count "-2" must be a whole number ≥ 0 (D4, D5)');
    expect(imported.in('zh')).toBe('log.csv(导入的 "E03" 的 S01):S01 处理单量 "-2" 必须是 ≥ 0 的整数 (D4, D5)');
  });

  test('files of the wrong kind, a damaged workbook, bad CSV', () => {
    const pdf = fileFormat('old.xls', new TextEncoder().encode('%PDF-1.7'), 'csv-or-xlsx');
    expect('refused' in pdf && pdf.refused.in('zh')).toBe(
      'old.xls:这是 PDF 文件,不是 CSV 文本文件或 .xlsx 工作簿;请另存为 .xlsx 或“CSV UTF-8(逗号分隔)”',
    );
    const bin = fileFormat('e.csv', new Uint8Array([0x41, 0, 0x42]), 'csv');
    expect('refused' in bin && bin.refused.in('zh')).toBe('e.csv:不是 CSV 文本文件(二进制数据);请另存为“CSV UTF-8(逗号分隔)”');
    expect(unreadableXlsx('a.csv', 'End of data reached').in('zh')).toBe(
      'a.csv:这是压缩包(.xlsx、.docx 或 .zip 文件),但不是可读取的 .xlsx 工作簿(End of data reached)',
    );
    expect(thrown(() => readCsv('a,b\n"x,1\n', 'f.csv')).in('zh')).toMatch(/^f\.csv 第 \d+ 行:不是有效的 CSV\(/);
  });

  test('the call log: a month that is not YYYY-MM has the month action; missing columns are each named', () => {
    const table = parseCsvTable('log.csv', 'Call Id,Date,Time,Agent Name,Answered (Y/N)\nID1,01-01-15,09:00,Bob,Y\n', 'UTF-8');
    const month = thrown(() => importCallsTable('log.csv', table, { month: '2015-1', agents }));
    expect([month.in('zh'), month.act]).toEqual(['log.csv:月份 "2015-1" 不是 YYYY-MM 格式', 'month']);
    const mapping = { agent: 'Agent', date: 'Date', answered: 'Answered (Y/N)', satisfaction: 'Satisfaction rating' };
    const cols = thrown(() =>
      importCallsTable('log.csv', table, {
        month: '2015-01',
        agents,
        mapping: { ...mapping, dateFormat: 'dd-mm-yy', answeredYes: ['Y'], ratingToLetter: { '5': 'A' }, sampleSize: 20 },
      }),
    );
    expect(cols.in('zh')).toBe(
      'log.csv:缺少列 "Agent" (agent)、"Satisfaction rating" (satisfaction);表头行中的列为 "Call Id"、"Date"、"Time"、"Agent Name"、"Answered (Y/N)"',
    );
    const bad = thrown(() =>
      importCallsTable('log.csv', table, {
        month: '2015-01',
        agents,
        mapping: { ...mapping, dateFormat: 'dd-mm-yy', answeredYes: [], ratingToLetter: { '5': 'E' as 'A' }, sampleSize: 0 },
      }),
    );
    expect(bad.in('zh')).toBe(
      'log.csv:通话列映射无效:answeredYes 中没有任何值;sampleSize 0 不是 ≥ 1 的整数;ratingToLetter["5"] = "E" 不是字母 A–D',
    );
  });
});

/**
 * What the Chinese wordings of this layer keep in Latin letters besides the shared list: product and format
 * names (PDF, Office, Excel's "Unicode" text), the roles as a roster may write them, an example of rating
 * letters, the records' status words a CSV may be written in (D12), and the call mapping's own field names and date formats (what a user writes in the mapping).
 */
const KEPT = [
  ...KEPT_AS_IS,
  'PDF',
  'Office',
  'Unicode',
  'pre-sales',
  'after-sales',
  'disputed',
  'upheld',
  'withdrawn',
  'AABCD',
  'dateFormat',
  'answeredYes',
  'sampleSize',
  'ratingToLetter',
  'dd-mm-yy',
  'excel-serial',
  'yyyy-mm-dd',
  // the entries file's header, quoted as written (input.logIsEntries)
  'employee_id,code,value',
  '--entries',
];

describe('no Chinese wording of the input layer is left in English', () => {
  const codes = [...MESSAGES.keys()].filter((c) => c.startsWith('input.'));

  test('every message has samples', () => {
    expect(codes.map((c) => c.slice('input.'.length)).sort()).toEqual(Object.keys(SAMPLES).sort());
    expect(Object.keys(INPUT).length).toBe(codes.length);
  });

  test.each(Object.entries(SAMPLES))('input.%s', (key, samples) => {
    const m = MESSAGES.get(`input.${key}`)!;
    for (const p of samples) {
      const zh = m.zh(p);
      expect({ zh, english: englishIn(zh, p, KEPT) }).toEqual({ zh, english: [] });
      expect(m.en(p)).not.toMatch(/undefined|\[object/);
      expect(zh).not.toMatch(/undefined|\[object/);
    }
  });
});

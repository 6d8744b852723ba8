/** cli/messages.ts: what the command line itself says, in Chinese (worded by hand here) as in English. */
import { MESSAGES, Params, Problem, internalFault } from '../../src/core/problem';
import { CLI, doing } from '../../src/cli/messages';
import { KEPT_AS_IS, englishIn } from '../helpers/zh-words';

const EXAMPLES: Record<string, Params> = {
  'cli.outNotXlsx': { out: 'march.csv' },
  'cli.previousOutside': { file: 'dec.xlsx', month: '2014-12', window: ['2015-01', '2015-02', '2015-03'] },
  'cli.previousTwice': { file: 'jan2.xlsx', month: '2015-01', first: 'jan.xlsx' },
  'cli.importedUnknown': { file: 'log.csv', id: 'E09' },
  'cli.scoreFault': { file: 'march.xlsx' },
  'cli.encodingNotCsv': { encoding: 'gb18030', format: 'json' },
  'cli.logAgentUnknown': { file: 'log.csv', name: 'Zed', rows: 3, month: '2024-03', roster: 'roster.csv' },
  'cli.logReport': { file: 'log.csv', line: '2015-01:本月 1772 通来电;跳过其他月份的 3228 行。' },
  'cli.wrote': { out: 'out.xlsx', month: '2024-03', agents: 4, pre: 2, after: 2, values: 7 },
  'cli.previousTaken': { file: 'jan.xlsx', month: '2015-01', agents: 9 },
  'cli.noCachedResults': { file: 'march.xlsx' },
  'cli.agentError': { file: 'march.xlsx', id: 'E05', error: 'all:平均处理单量为 0,S01 无法计分 (D5)' },
  'cli.mismatch': {
    file: 'm.xlsx',
    sheet: '月度汇总',
    cell: 'F5',
    stored: '12',
    expected: '78.5',
    id: 'E01',
    key: 'total',
    why: 'constant',
  },
  'cli.mismatches': { file: 'm.xlsx', n: 2 },
};

test('the command line’s problems in Chinese', () => {
  const outside = new Problem(CLI.previousOutside, { file: 'dec.xlsx', month: '2014-12', window: ['2015-01', '2015-02', '2015-03'] });
  expect(outside.message).toBe(
    '--previous dec.xlsx: its month 2014-12 is not one of the earlier months of the quarter 2015-01, 2015-02, 2015-03 (D10)',
  );
  expect(outside.in('zh')).toBe('--previous dec.xlsx:其月份 2014-12 不是本季度 2015-01、2015-02、2015-03 中较早的月份 (D10)');
  expect(new Problem(CLI.importedUnknown, { file: 'log.csv', id: 'E09' }).in('zh')).toBe(
    'log.csv:导入结果中有 "E09" 的数值,但此人不在花名册中',
  );
  expect(internalFault('zh', doing('zh', 'score'))).toBe('kpi-forms 在运行 "kpi-forms score" 时出错:这是程序的问题,不是您的文件的问题');
  expect(internalFault('en', doing('en', undefined))).toBe(
    'kpi-forms failed while running "kpi-forms": this is a fault of the program, not of your file',
  );
});

test('every cli message has an example, and its Chinese wording has no English word', () => {
  const codes = [...MESSAGES.keys()].filter((c) => c.startsWith('cli.'));
  expect(codes.sort()).toEqual(Object.keys(EXAMPLES).sort());
  const keep = [...KEPT_AS_IS, '--previous', '--out', 'kpi-forms', 'KPI_FORMS_DEBUG', '--encoding', '--format csv'];
  for (const code of codes) {
    const m = MESSAGES.get(code)!;
    const zh = m.zh(EXAMPLES[code]);
    expect([code, englishIn(zh, EXAMPLES[code], keep)]).toEqual([code, []]);
    expect(zh).not.toBe(m.en(EXAMPLES[code]));
  }
});

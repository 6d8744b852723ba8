/** cli/messages.ts: what the command line itself says, in Chinese (worded by hand here) as in English. */
import { MESSAGES, Problem, internalFault } from '../../src/core/problem';
import { CLI, doing } from '../../src/cli/messages';
import { CLI_EXAMPLES as EXAMPLES } from '../helpers/message-samples';
import { KEPT_AS_IS, englishIn } from '../helpers/zh-words';

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

/**
 * What `kpi-forms` says on stderr is in LANG's language, every line of it (issue 8): an agent's error from the
 * KPI functions (the engine keeps the error, not its English text), a result cell that differs from the rules
 * (its result named in words, not by the layout's key), and the call-log import's report. `--format json`
 * keeps the English messages it always had. Wordings worked by hand from the messages' tables.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { mismatchLine, run } from '../../src/cli/main';
import { KEPT_AS_IS, englishIn } from '../helpers/zh-words';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-words-'));
const write = (name: string, text: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
};
const LOCALE = ['LANGUAGE', 'LC_ALL', 'LC_MESSAGES', 'LANG'] as const;

/** `kpi-forms argv` with LANG=`lang` alone (the locale restored after). */
async function cliIn(lang: string, argv: string[]) {
  const saved = LOCALE.map((k) => [k, process.env[k]] as const);
  for (const k of LOCALE) delete process.env[k];
  process.env.LANG = lang;
  let stdout = '';
  let stderr = '';
  try {
    const code = await run(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
    return { code, stdout, stderr };
  } finally {
    for (const [k, v] of saved)
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  }
}

describe('an agent’s error (every after-sales agent with 0 tickets: the S01 average is 0, D5)', () => {
  let xlsx: string;
  beforeAll(async () => {
    const roster = write(
      'roster.csv',
      'employee_id,name,role,group\nE01,Ann,pre-sales,G1\nE03,Cai,after-sales,G2\nE04,Dee,after-sales,G2\n',
    );
    const entries = write('entries.csv', 'employee_id,code,value\nE03,S01,0\nE04,S01,0\n');
    xlsx = path.join(dir, 'zero.xlsx');
    const made = await cliIn('C', ['new', '--month', '2024-03', '--roster', roster, '--entries', entries, '--out', xlsx]);
    expect(made.code).toBe(0);
  });

  test('on stderr in Chinese with LANG=zh_CN.UTF-8, in English with LANG=C', async () => {
    const zh = await cliIn('zh_CN.UTF-8', ['score', xlsx]);
    expect(zh.stderr).toContain(`${xlsx}:E03:all:平均处理单量为 0,S01 无法计分 (D5)\n`);
    expect(zh.stderr).toContain(`${xlsx}:E04:all:平均处理单量为 0,S01 无法计分 (D5)\n`);
    expect(zh.stderr).not.toMatch(/average ticket count/);
    const en = await cliIn('C', ['score', xlsx]);
    expect(en.stderr).toContain(`${xlsx}: E03: all: the average ticket count is 0, S01 cannot be scored (D5)\n`);
  });

  test('--format json: the English messages, as documented (README), whatever LANG says', async () => {
    const json = JSON.parse((await cliIn('zh_CN.UTF-8', ['score', xlsx, '--format', 'json'])).stdout);
    const e03 = json.results.find((r: { id: string }) => r.id === 'E03');
    // the first is the function's own; the results computed from it pass its code on
    expect(e03.errors[0]).toBe('all: the average ticket count is 0, S01 cannot be scored (D5)');
    expect(e03.errors.every((e: unknown) => typeof e === 'string')).toBe(true);
    expect(json.results.find((r: { id: string }) => r.id === 'E01').errors).toEqual([]);
  });
});

describe('a result cell that differs from the rules, named in words of the language', () => {
  const m = (key: string, stored: unknown, expected: unknown, why: 'deleted' | 'constant' | 'differs') =>
    ({ sheet: '月度汇总', cell: 'H6', stored, expected, what: '', id: 'E01', key, why }) as Parameters<typeof mismatchLine>[1];

  test('Chinese: the result’s name, not its key; the workbook’s words for the compared values', () => {
    expect(mismatchLine('m.xlsx', m('total', 12, 'incomplete', 'constant'), 'zh')).toBe(
      'm.xlsx 月度汇总!H6:存的是 12,应为 未完成(E01 的总分:公式已被常量替换)',
    );
    expect(mismatchLine('m.xlsx', m('bottom', false, true, 'differs'), 'zh')).toBe(
      'm.xlsx 月度汇总!H6:存的是 否,应为 是(E01 的后两名:存的值与规则的计算结果不同)',
    );
    expect(mismatchLine('m.xlsx', m('n:A01', null, 2, 'deleted'), 'zh')).toBe(
      'm.xlsx 月度汇总!H6:存的是 (空),应为 2(E01 的 A01 次数:公式已被删除)',
    );
    expect(mismatchLine('m.xlsx', m('quarter', 'transfer', 'award', 'differs'), 'zh')).toMatch(/存的是 调岗,应为 季度奖\(E01 的季度结果:/);
    expect(mismatchLine('m.xlsx', m('S02', 80, 90, 'differs'), 'zh')).toMatch(/\(E01 的 S02 得分:/);
  });

  test('English as before for the keys that are words; codes and counts named', () => {
    expect(mismatchLine('m.xlsx', m('total', 12, 'incomplete', 'constant'), 'en')).toBe(
      'm.xlsx 月度汇总!H6: stored 12, expected "incomplete" (E01 total: formula replaced by a constant)',
    );
    expect(mismatchLine('m.xlsx', m('n:A01', null, 2, 'deleted'), 'en')).toBe(
      'm.xlsx 月度汇总!H6: stored (empty), expected 2 (E01 A01 count: formula deleted)',
    );
    expect(mismatchLine('m.xlsx', m('A', 1, 2, 'differs'), 'en')).toMatch(/\(E01 form A: stored value differs/);
  });
});

describe('the call-log import’s report on stderr', () => {
  const log = [
    'Call Id,Date,Time,Agent,Department,Answered (Y/N),Resolved,Speed of Answer,AvgTalkDuration,Satisfaction rating',
    'ID1,05-03-24,09:00,Ann,TV,N,N,,,',
    'ID2,05-03-24,09:10,Ann,TV,Y,Y,10,00:01:00,4',
    'ID3,06-03-24,10:00,Cai,TV,Y,Y,10,00:01:00,5',
    'ID4,32-03-24,10:05,Cai,TV,Y,Y,10,00:01:00,2',
    'ID5,06-03-24,10:06,Zed,TV,Y,Y,10,00:01:00,3',
  ].join('\n');

  test('with LANG=zh_CN.UTF-8: every line in Chinese, each named by the log file', async () => {
    const roster = write('r2.csv', 'employee_id,name,role,group\nE01,Ann,pre-sales,G1\nE03,Cai,after-sales,G2\n');
    const calls = write('calls.csv', log + '\n');
    const entries = write('e2.csv', 'employee_id,code,value\nE01,A01,2\n');
    const o = path.join(dir, 'calls-zh.xlsx');
    const r = await cliIn('zh_CN.UTF-8', [
      'new',
      '--month',
      '2024-03',
      '--roster',
      roster,
      '--entries',
      entries,
      '--calls',
      calls,
      '--out',
      o,
    ]);
    expect(r.code).toBe(0);
    const lines = r.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThan(4);
    const keep = [
      ...KEPT_AS_IS,
      'calls-2015q1.csv',
      'dd-mm-yy',
      'Call Id',
      'Date',
      'Time',
      'Agent',
      'Answered (Y/N)',
      'Satisfaction rating',
      'Ann',
      'Cai',
      'Zed',
    ];
    for (const line of lines) {
      expect(line.startsWith(`${calls}:`) || line.startsWith(`已写入 ${o}`)).toBe(true);
      expect({ line, english: englishIn(line, { file: calls, out: o }, keep) }).toEqual({ line, english: [] });
    }
  });
});

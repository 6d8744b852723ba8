/**
 * What a new user's trial of `kpi-forms` found (issue: cli-fix): a closed pipe, a ledger or a month's workbook given
 * in the other's place, a month workbook given as the roster, a date with a time, an entries file given as the call
 * log, commander's errors and the score table's words in the user's language. Wordings worked by hand from the
 * messages' tables; the en and zh runs set LANG alone.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../src/cli/main';
import { MESSAGES } from '../../src/core/problem';
import { COMMANDER_EXAMPLES } from '../helpers/message-samples';
import { KEPT_AS_IS, englishIn } from '../helpers/zh-words';

const ROOT = path.join(__dirname, '..', '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-trial-'));
const write = (name: string, text: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
};
const LOCALE = ['LANGUAGE', 'LC_ALL', 'LC_MESSAGES', 'LANG'] as const;

/** `kpi-forms argv` in-process with LANG=`lang` alone (the locale restored after). */
async function cliIn(lang: string, argv: string[]) {
  const saved = LOCALE.map((k) => [k, process.env[k]] as const);
  for (const k of LOCALE) delete process.env[k];
  process.env.LANG = lang;
  let stdout = '';
  let stderr = '';
  try {
    const code = await run(argv, {
      stdout: { write: (s: string | Uint8Array) => (stdout += String(s)) },
      stderr: { write: (s: string) => (stderr += s) },
    });
    return { code, stdout, stderr };
  } finally {
    for (const [k, v] of saved)
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  }
}

const ROSTER = [
  'employee_id,name,role,group',
  'P1,Ann,pre-sales,G1',
  'P2,Bo,pre-sales,G1',
  'S1,Dee,after-sales,G2',
  'S2,Eve,after-sales,G2',
];
const ENTRIES = ['employee_id,code,value', 'P1,EX,95', 'P2,EX,90', 'S1,S01,120', 'S1,S02,AAAA', 'S1,S03,A', 'S1,S06,A'];
ENTRIES.push('S2,S01,100', 'S2,S02,BBBB', 'S2,S03,B', 'S2,S06,B');

let roster: string;
let entries: string;
let month: string;
let ledger: string;
beforeAll(async () => {
  roster = write('roster.csv', ROSTER.join('\n') + '\n');
  entries = write('entries.csv', ENTRIES.join('\n') + '\n');
  month = path.join(dir, '2015-02.xlsx');
  ledger = path.join(dir, 'ledger.xlsx');
  expect(
    (await cliIn('C', ['new', '--month', '2015-02', '--roster', roster, '--entries', entries, '--lang', 'en', '--out', month])).code,
  ).toBe(0);
  expect((await cliIn('C', ['close', month, '--ledger', ledger, '--notice', '2015-03-02'])).code).toBe(0);
});

describe('1. output piped into a reader that closes early', () => {
  test('records | head -1: the process ends quietly, no stack trace, exit 0', () => {
    // 3000 records: far more than a pipe's buffer, so the writes go on after head has gone
    const big = write('big-entries.csv', [...ENTRIES, ...Array.from({ length: 3000 }, () => 'P1,A01,1')].join('\n') + '\n');
    const out = path.join(dir, 'big.xlsx');
    const bin = path.join(ROOT, 'bin', 'kpi-forms.js');
    const made = spawnSync(process.execPath, [bin, 'new', '--month', '2015-02', '--roster', roster, '--entries', big, '--out', out]);
    expect(made.status).toBe(0);
    const r = spawnSync(
      'bash',
      [
        '-c',
        `"$0" "$1" records "$2" 2>"$3" | head -1; echo "exit \${PIPESTATUS[0]}"`,
        process.execPath,
        bin,
        out,
        path.join(dir, 'err.txt'),
      ],
      {
        encoding: 'utf8',
      },
    );
    expect(r.stdout).toBe('month 2015-02\nexit 0\n');
    expect(fs.readFileSync(path.join(dir, 'err.txt'), 'utf8')).toBe('');
  });
});

describe('2. a ledger given to score, records or merge', () => {
  test.each([['score'], ['records'], ['merge']])('%s: it is a ledger, not a month’s workbook; what to give instead', async (command) => {
    const argv = command === 'merge' ? ['merge', ledger, month, '--out', path.join(dir, 'dept.xlsx')] : [command, ledger];
    const en = await cliIn('C', argv);
    expect(en).toMatchObject({ code: 1, stdout: '' });
    expect(en.stderr).toBe(
      `kpi-forms: ${ledger}: this is a kpi-forms ledger, not a month's workbook; give a month's workbook (kpi-forms new wrote it), or list the ledger with kpi-forms ledger\n`,
    );
    const zh = await cliIn('zh_CN.UTF-8', argv);
    expect(zh.stderr).toBe(
      `kpi-forms: ${ledger}:这是台账,不是月度考核工作簿;请给出月度工作簿(由 kpi-forms new 生成),或用 kpi-forms ledger 查看台账\n`,
    );
    expect(fs.existsSync(path.join(dir, 'dept.xlsx'))).toBe(false);
  });
});

describe('3. ledger or notice given a month’s workbook: worded for the command (neither has --ledger)', () => {
  test('ledger MONTH.xlsx', async () => {
    const en = await cliIn('C', ['ledger', month]);
    expect(en).toMatchObject({ code: 1, stdout: '' });
    expect(en.stderr).toBe(
      `kpi-forms: ${month}: this is a month's workbook, not a ledger; give the ledger kpi-forms close wrote; to check this month against it: kpi-forms ledger LEDGER.xlsx --verify ${month}\n`,
    );
    const zh = await cliIn('zh_CN.UTF-8', ['ledger', month]);
    expect(zh.stderr).toBe(
      `kpi-forms: ${month}:这是月度考核工作簿,不是台账;请给出 kpi-forms close 生成的台账;如要核对本月与台账:kpi-forms ledger LEDGER.xlsx --verify ${month}\n`,
    );
  });

  test('notice MONTH.xlsx: nothing written', async () => {
    const out = path.join(dir, 'notice.xlsx');
    const en = await cliIn('C', ['notice', month, '--month', '2015-02', '--out', out]);
    expect(en).toMatchObject({ code: 1, stdout: '' });
    expect(en.stderr).toBe(
      `kpi-forms: ${month}: this is a month's workbook, not a ledger; a notice is made from the ledger: give the ledger the month was closed into (kpi-forms close MONTH.xlsx --ledger LEDGER.xlsx)\n`,
    );
    const zh = await cliIn('zh_CN.UTF-8', ['notice', month, '--month', '2015-02', '--out', out]);
    expect(zh.stderr).toBe(
      `kpi-forms: ${month}:这是月度考核工作簿,不是台账;通报由台账生成:请给出该月关账所入的台账(kpi-forms close MONTH.xlsx --ledger LEDGER.xlsx)\n`,
    );
    expect(fs.existsSync(out)).toBe(false);
  });

  test('ledger ANY.xlsx that is neither: not a kpi-forms ledger, no "new file name"', async () => {
    const other = path.join(dir, 'other.xlsx');
    fs.copyFileSync(month, other);
    // a workbook with neither mark: the month's KPI_MONTH renamed away in its workbook part
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(fs.readFileSync(other));
    const wbXml = await zip.file('xl/workbook.xml')!.async('string');
    zip.file('xl/workbook.xml', wbXml.replace(/name="KPI_MONTH"/, 'name="OTHER_MONTH"'));
    fs.writeFileSync(other, await zip.generateAsync({ type: 'nodebuffer' }));
    const r = await cliIn('C', ['ledger', other]);
    expect(r.stderr).toBe(`kpi-forms: ${other}: not a kpi-forms ledger; give the ledger kpi-forms close wrote\n`);
  });
});

describe('4. new --ledger given a month’s workbook', () => {
  test('worded as close words it: a month’s workbook, not a ledger; no defined names', async () => {
    const out = path.join(dir, '2015-03.xlsx');
    const argv = ['new', '--month', '2015-03', '--roster', roster, '--ledger', month, '--out', out];
    const en = await cliIn('C', argv);
    expect(en).toMatchObject({ code: 1, stdout: '' });
    expect(en.stderr).toBe(
      `kpi-forms: --ledger ${month}: this is a month's workbook, not a ledger; give the ledger kpi-forms close wrote, or the earlier months' workbooks with --previous. Nothing was written.\n`,
    );
    const zh = await cliIn('zh_CN.UTF-8', argv);
    expect(zh.stderr).toBe(
      `kpi-forms: --ledger ${month}:这是月度考核工作簿,不是台账;请给出 kpi-forms close 生成的台账,或用 --previous 给出前几个月的工作簿。未写入任何文件。\n`,
    );
    expect(en.stderr + zh.stderr).not.toMatch(/KPI_LEDGER|defined name|定义名称/);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('5. close --help says what is refused', () => {
  test('incomplete or disputed, or a stored result that differs from the rules (a never-opened workbook closes)', async () => {
    const r = await cliIn('C', ['close', '--help']);
    expect(r.code).toBe(0);
    const text = r.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('refused while anything is incomplete or disputed, or a stored result differs from the rules');
    expect(text).not.toContain('not recalculated');
    // the workbook written by new and never opened in a spreadsheet closed (beforeAll): the help matches what close does
    expect(fs.existsSync(ledger)).toBe(true);
  });
});

describe('6. a month’s workbook given as --roster', () => {
  test.each([['en'], ['zh']])('its roster sheet is read (workbook in %s), not the summary’s merged title', async (lang) => {
    const last = path.join(dir, `last-${lang}.xlsx`);
    expect((await cliIn('C', ['new', '--month', '2015-02', '--roster', roster, '--lang', lang, '--out', last])).code).toBe(0);
    const next = path.join(dir, `next-${lang}.xlsx`);
    const r = await cliIn('C', ['new', '--month', '2015-03', '--roster', last, '--lang', lang, '--out', next]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe(`wrote ${next}: 2015-03, 4 agents (2 pre-sales, 2 after-sales), 0 input values, 0 records\n`);
    const json = JSON.parse((await cliIn('C', ['score', next, '--format', 'json'])).stdout);
    // the roster CSV's rows, as the month workbook kept them
    expect(
      json.results.map((a: { id: string; name: string; role: string; group: string }) => [a.id, a.name, a.role, a.group].join(',')),
    ).toEqual(ROSTER.slice(1));
  });
});

describe('7. an entries date with a time of day', () => {
  test.each([['2015-02-05 10:30'], ['2015-02-05T10:30:00'], ['2015/2/5 9:05']])(
    '"%s": write the date only, the forms read',
    async (date) => {
      const file = write('timed.csv', `employee_id,code,value,date\nP1,EX,95,\nP1,A01,1,${date}\n`);
      const out = path.join(dir, 'timed.xlsx');
      const argv = ['new', '--month', '2015-02', '--roster', roster, '--entries', file, '--out', out];
      const en = await cliIn('C', argv);
      expect(en).toMatchObject({ code: 1, stdout: '' });
      expect(en.stderr).toBe(
        `kpi-forms: ${file} row 3: date "${date}" has a time of day; write the date only: 2015-02-05 (YYYY-MM-DD; YYYY/M/D and YYYY.M.D are read too, D12)\n`,
      );
      const zh = await cliIn('zh_CN.UTF-8', argv);
      expect(zh.stderr).toBe(
        `kpi-forms: ${file} 第 3 行:日期 "${date}" 带有时刻;请只写日期:2015-02-05(格式 YYYY-MM-DD;也可写 YYYY/M/D 或 YYYY.M.D,D12)\n`,
      );
      expect(fs.existsSync(out)).toBe(false);
    },
  );

  test('a day of another month, without a time: still not a day of the month', async () => {
    const file = write('other.csv', `employee_id,code,value,date\nP1,A01,1,2015-03-01\n`);
    const r = await cliIn('C', ['new', '--month', '2015-02', '--roster', roster, '--entries', file, '--out', path.join(dir, 'o.xlsx')]);
    expect(r.stderr).toContain(`date "2015-03-01" is not a day of 2015-02`);
  });
});

describe('8. an entries file given to --calls', () => {
  test('it looks like an entries file: use --entries (no "mapping" or "preset")', async () => {
    const out = path.join(dir, 'calls.xlsx');
    const argv = ['new', '--month', '2015-02', '--roster', roster, '--calls', entries, '--out', out];
    const en = await cliIn('C', argv);
    expect(en).toMatchObject({ code: 1, stdout: '' });
    expect(en.stderr).toBe(
      `kpi-forms: ${entries}: this looks like an entries file (employee_id,code,value), not a call-centre log; give it with --entries\n`,
    );
    const zh = await cliIn('zh_CN.UTF-8', argv);
    expect(zh.stderr).toBe(`kpi-forms: ${entries}:这看起来是录入文件(employee_id,code,value),不是呼叫中心通话日志;请用 --entries 给出\n`);
    expect(fs.existsSync(out)).toBe(false);
  });

  test('a log of another header is still named by its columns', async () => {
    const log = write('odd-log.csv', 'who,when\nAnn,2015-02-03\n');
    const r = await cliIn('C', ['new', '--month', '2015-02', '--roster', roster, '--calls', log, '--out', path.join(dir, 'odd.xlsx')]);
    expect(r.stderr).toContain('found columns "who", "when"');
  });
});

describe('9. commander’s errors in the user’s language', () => {
  const rest = ['--roster', 'r.csv', '--out', 'o.xlsx'];
  const HINT = { en: '(run kpi-forms --help for usage)', zh: '(运行 kpi-forms --help 查看用法)' };
  test.each([
    [['new', ...rest], "error: required option '--month <YYYY-MM>' not specified", "错误:缺少必需的选项 '--month <YYYY-MM>'"],
    [
      ['score', 'm.xlsx', '--format', 'xml'],
      "error: option '--format <format>' argument 'xml' is invalid. Allowed choices are table, json, csv.",
      "错误:选项 '--format <format>' 的值 'xml' 无效;可选的值为 table、json、csv",
    ],
    [['score'], "error: missing required argument 'file'", "错误:缺少必需的参数 'file'"],
    [['score', 'm.xlsx', '--format'], "error: option '--format <format>' argument missing", "错误:选项 '--format <format>' 缺少值"],
    [['scor', 'm.xlsx'], "error: unknown command 'scor'\n(Did you mean score?)", "错误:未知命令 'scor'(您是不是要用 score?)"],
    [
      ['records', 'm.xlsx', '--fromat', 'json'],
      "error: unknown option '--fromat'\n(Did you mean --format?)",
      "错误:未知选项 '--fromat'(您是不是要用 --format?)",
    ],
    [
      ['score', 'm.xlsx', 'n.xlsx'],
      "error: too many arguments for 'score'. Expected 1 argument but got 2.",
      "错误:'score' 的参数过多:应为 1 个,实际为 2 个",
    ],
  ])('%j', async (argv, en, zh) => {
    expect(await cliIn('C', argv)).toEqual({ code: 1, stdout: '', stderr: `${en}\n${HINT.en}\n` });
    expect(await cliIn('zh_CN.UTF-8', argv)).toEqual({ code: 1, stdout: '', stderr: `${zh}\n${HINT.zh}\n` });
  });

  test('a mistyped required option (--months) is the unknown option it is, not "--month not specified"', async () => {
    const argv = ['new', '--months', '2015-02', ...rest];
    expect((await cliIn('C', argv)).stderr).toBe(`error: unknown option '--months'\n(Did you mean --month?)\n${HINT.en}\n`);
    expect((await cliIn('zh_CN.UTF-8', argv)).stderr).toBe(`错误:未知选项 '--months'(您是不是要用 --month?)\n${HINT.zh}\n`);
  });

  test('the help is printed as before (exit 0), and the Chinese wordings have no English words but their values', async () => {
    const help = await cliIn('zh_CN.UTF-8', ['score', '--help']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Usage: kpi-forms score \[options\] <file>/);
    for (const [code, p] of COMMANDER_EXAMPLES) {
      const m = MESSAGES.get(code)!;
      expect([code, englishIn(m.zh(p), p, [...KEPT_AS_IS, 'kpi-forms --help'])]).toEqual([code, []]);
    }
  });
});

describe('10. the score table’s words in the user’s language (JSON as it is)', () => {
  // the quarter worked by hand in test/cli/ledger.test.ts: P3 last of pre-sales three months running → transfer;
  // S1 first of after-sales every month → award; P1 a red line in February
  const R6 = [...ROSTER.slice(0, 3), 'P3,Cai,pre-sales,G1', ...ROSTER.slice(3), 'S3,Fu,after-sales,G2'];
  const ent = (m: string) => {
    const rows = ['employee_id,code,value', 'P1,EX,95', 'P2,EX,90', 'P2,A02,1', 'P3,EX,60', 'P3,A07,2'];
    if (m === '2015-02') rows.push('P1,AR1,1');
    const s = (id: string, n: number, l: string) => [`${id},S01,${n}`, `${id},S02,${l.repeat(4)}`, `${id},S03,${l}`, `${id},S06,${l}`];
    rows.push(
      ...s('S1', 120, 'A'),
      ...(m === '2015-03' ? [...s('S2', 80, 'C'), ...s('S3', 100, 'B')] : [...s('S2', 100, 'B'), ...s('S3', 80, 'C')]),
    );
    return write(`q-${m}.csv`, rows.join('\n') + '\n');
  };
  const files: Record<string, string> = {};
  beforeAll(async () => {
    const r6 = write('roster6.csv', R6.join('\n') + '\n');
    for (const m of ['2015-01', '2015-02', '2015-03']) {
      files[m] = path.join(dir, `q-${m}.xlsx`);
      const previous = m === '2015-03' ? ['--previous', files['2015-01'], files['2015-02']] : [];
      const r = await cliIn('C', ['new', '--month', m, '--roster', r6, '--entries', ent(m), ...previous, '--out', files[m]]);
      expect(r.code).toBe(0);
    }
  });
  const row = (table: string, id: string) => table.split('\n').find((l) => l.startsWith(`${id} `))!;

  test('zh: head, roles and flags (last two, transfer, award, red line) in Chinese', async () => {
    const march = (await cliIn('zh_CN.UTF-8', ['score', files['2015-03']])).stdout;
    expect(march.split('\n').slice(0, 2)).toEqual([
      '月份 2015-03',
      expect.stringMatching(/^工号 +姓名 +岗位 +总分 +名次 +绩效工资 +标记$/),
    ]);
    expect(row(march, 'P3')).toMatch(/^P3 +Cai +售前 +91\.20 +3 +.* 后两名、调岗$/);
    expect(row(march, 'S1')).toMatch(/^S1 +Dee +售后 .* 季度奖$/);
    expect(march).not.toMatch(/pre-sales|after-sales|last-two|transfer|award|month|total/);
    expect(row((await cliIn('zh_CN.UTF-8', ['score', files['2015-02']])).stdout, 'P1')).toMatch(/ 红线$/);
  });

  test('zh: incomplete as 未完成', async () => {
    const file = path.join(dir, 'bare.xlsx');
    expect((await cliIn('C', ['new', '--month', '2015-03', '--roster', roster, '--out', file])).code).toBe(0);
    const bare = (await cliIn('zh_CN.UTF-8', ['score', file])).stdout;
    expect(row(bare, 'P1')).toMatch(/^P1 +Ann +售前 +未完成 +- +未完成 +未完成$/);
  });

  test('en: the words as before; JSON keeps its English keys under a zh LANG', async () => {
    const en = (await cliIn('C', ['score', files['2015-03']])).stdout;
    expect(en.split('\n')[0]).toBe('month 2015-03');
    expect(row(en, 'P3')).toMatch(/ last-two,transfer$/);
    expect(row(en, 'S1')).toMatch(/^S1 +Dee +after-sales .* quarter-award$/);
    const json = JSON.parse((await cliIn('zh_CN.UTF-8', ['score', files['2015-03'], '--format', 'json'])).stdout);
    const p3 = json.results.find((r: { id: string }) => r.id === 'P3');
    expect([p3.role, p3.flags, p3.quarter]).toEqual(['pre-sales', ['last-two', 'transfer'], 'transfer']);
  });
});

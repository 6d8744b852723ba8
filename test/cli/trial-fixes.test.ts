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

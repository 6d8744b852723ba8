/**
 * What `kpi-forms` says on stderr is in LANG's language, every line of it (issue 8): an agent's error from the
 * KPI functions (the engine keeps the error, not its English text), a result cell that differs from the rules
 * (its result named in words, not by the layout's key), and the call-log import's report. `--format json`
 * keeps the English messages it always had. Wordings worked by hand from the messages' tables.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../src/cli/main';
import { mismatchLine } from '../../src/cli/main';

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

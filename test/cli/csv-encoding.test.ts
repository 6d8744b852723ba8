/**
 * `kpi-forms score --format csv` writes what a spreadsheet opens right: UTF-8 with a BOM (Excel reads a CSV
 * without one in the system's ANSI code page, GBK on a Chinese Windows: Chinese names garbled), or with
 * `--encoding gb18030` the Chinese code page itself, without a BOM.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as iconv from 'iconv-lite';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../src/cli/main';
import { SOFFICE, describeWith } from '../helpers/oracles';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-csv-enc-'));
const roster = path.join(dir, 'roster.csv');
const entries = path.join(dir, 'entries.csv');
const wb = path.join(dir, 'wb.xlsx');

/** Runs the CLI in-process; stdout as bytes (text is written as UTF-8, as bin/kpi-forms.js writes it). */
async function cli(argv: string[], env: Record<string, string> = {}) {
  const chunks: Buffer[] = [];
  let stderr = '';
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const code = await run(argv, {
      stdout: { write: (s: string | Uint8Array) => chunks.push(typeof s === 'string' ? Buffer.from(s, 'utf8') : Buffer.from(s)) },
      stderr: { write: (s: string) => (stderr += s) },
    });
    return { code, stdout: Buffer.concat(chunks), stderr };
  } finally {
    process.env = saved;
  }
}

beforeAll(async () => {
  fs.writeFileSync(roster, 'employee_id,name,role,group\nE01,张三,pre-sales,一组\nE02,李四,after-sales,二组\n');
  fs.writeFileSync(entries, 'employee_id,code,value\nE01,EX,80\n');
  const made = await cli(['new', '--month', '2024-03', '--roster', roster, '--entries', entries, '--out', wb]);
  expect(made.code).toBe(0);
});

test('--format csv starts with the UTF-8 BOM (EF BB BF), then the header; the Chinese names as UTF-8', async () => {
  const r = await cli(['score', wb, '--format', 'csv']);
  expect(r.code).toBe(0);
  expect([...r.stdout.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = r.stdout.subarray(3).toString('utf8');
  expect(text.startsWith('month,id,name,role,group,')).toBe(true);
  expect(text).toContain(',E01,张三,pre-sales,一组,');
  expect(text).toContain(',E02,李四,after-sales,二组,');
});

test('--encoding gb18030: no BOM, GB18030 bytes that decode to the same CSV', async () => {
  const utf8 = (await cli(['score', wb, '--format', 'csv'])).stdout.subarray(3).toString('utf8');
  const r = await cli(['score', wb, '--format', 'csv', '--encoding', 'gb18030']);
  expect(r.code).toBe(0);
  expect([...r.stdout.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
  // 张 is B5 C5 in GB2312/GBK/GB18030 (not its UTF-8 E5 BC A0)
  expect(r.stdout.includes(Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]))).toBe(true); // 张三
  expect(iconv.decode(r.stdout, 'gb18030')).toBe(utf8);
});

test('--encoding utf-8 is the default; --encoding with another format is refused in the user’s language', async () => {
  const explicit = await cli(['score', wb, '--format', 'csv', '--encoding', 'utf-8']);
  expect(explicit.stdout.equals((await cli(['score', wb, '--format', 'csv'])).stdout)).toBe(true);
  const json = await cli(['score', wb, '--format', 'json', '--encoding', 'gb18030'], { LANG: 'zh_CN.UTF-8' });
  expect(json.code).toBe(1);
  expect(json.stderr).toBe('kpi-forms: --encoding gb18030:只能与 --format csv 一起使用(不能用于 json)\n');
  expect((await cli(['score', wb, '--format', 'csv', '--encoding', 'latin1'])).code).toBe(1);
});

describeWith('libreoffice', 'LibreOffice opens the CSV with the Chinese names intact', () => {
  /** The first sheet of a CSV opened by LibreOffice with `charset` (rtl_TextEncoding: 76 UTF-8, 85 GB18030), saved again as UTF-8 CSV. */
  function opened(file: string, charset: string): string {
    const out = path.join(dir, `lo-${charset}`);
    execFileSync(
      SOFFICE!,
      [
        `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`,
        '--headless',
        `--infilter=CSV:44,34,${charset},1`,
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76',
        '--outdir',
        out,
        file,
      ],
      { timeout: 120000, stdio: 'ignore' },
    );
    return fs.readFileSync(path.join(out, path.basename(file)), 'utf8');
  }

  test('the BOM file read as UTF-8 (as Excel reads it, told by the BOM): header and names as written', async () => {
    // LibreOffice headless does not look for a BOM by itself (its import dialog does): it is told UTF-8 here,
    // and the BOM must not end up in the first header cell
    const f = path.join(dir, 'bom.csv');
    fs.writeFileSync(f, (await cli(['score', wb, '--format', 'csv'])).stdout);
    const back = opened(f, '76');
    expect(back.split('\n')[0].startsWith('month,id,name,')).toBe(true);
    expect(back).toContain('张三');
    expect(back).toContain('二组');
  }, 180000);

  test('the GB18030 file read as GB18030', async () => {
    const f = path.join(dir, 'gb.csv');
    fs.writeFileSync(f, (await cli(['score', wb, '--format', 'csv', '--encoding', 'gb18030'])).stdout);
    const back = opened(f, '85');
    expect(back).toContain('张三');
    expect(back).toContain('李四');
  }, 180000);
});

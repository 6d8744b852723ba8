/**
 * The command line (src/cli/main.ts, bin/kpi-forms.js): `new` writes a workbook or, for any bad input,
 * one line on stderr naming the file, the row and the rule, exit code 1 and no file; `score` prints
 * table, JSON or CSV. Mostly in-process (`run`), plus end-to-end runs of `node bin/kpi-forms.js`.
 */
import { spawnSync } from 'child_process';
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as iconv from 'iconv-lite';
import * as os from 'os';
import * as path from 'path';
import { HyperFormula } from 'hyperformula';
import JSZip from 'jszip';
import { CliDeps, displayWidth, run } from '../src/cli/main';
import { checkLimits, limitsViewOfXlsxParts } from '../src/core/excel-limits';
import { Note, Problem, messages } from '../src/core/problem';
import { SHEET_NAMES } from '../src/templates/i18n';
import { buildWorkbook } from '../src/templates/workbook';
import { parseEntryRecords, parseRoster } from '../src/io/inputs';
import { xlsxFormula } from '../src/xlsx/writer';
import { HF_CONFIG } from './helpers/hf';
import { xlsxParts } from './helpers/limits';

const ROOT = path.join(__dirname, '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-cli-'));
const N = SHEET_NAMES.zh;
let n = 0;
/** a file in its own fresh folder (so names stay short and messages predictable) */
function file(name: string, content: string | Buffer): string {
  const d = path.join(dir, String(n++));
  fs.mkdirSync(d);
  const p = path.join(d, name);
  fs.writeFileSync(p, content);
  return p;
}
const out = () => path.join(dir, `out-${n++}.xlsx`);

/** A problem the stubbed call-log import throws, worded as the test needs it (the real import's are in io/messages.ts). */
const STUB = messages('cliTest', {
  read: {
    en: (p: { rows: number }) => `read ${p.rows} rows`,
    zh: (p: { rows: number }) => `读取了 ${p.rows} 行`,
  },
  missingAgent: {
    en: (p: { file: string }) => `${p.file}: missing column "Agent"`,
    zh: (p: { file: string }) => `${p.file}:缺少列 "Agent"`,
  },
});

async function cli(argv: string[], deps?: CliDeps) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } }, deps);
  return { code, stdout, stderr };
}

const ROSTER =
  'employee_id,name,role,group\nE01,Ann,pre-sales,G1\nE02,=HYPERLINK("x"),pre-sales,G1\nE03,Cai,after-sales,G2\nE04,@Dee,after-sales,G2\n';
const roster = () => file('roster.csv', ROSTER);
const entries = (...rows: string[]) => file('entries.csv', ['employee_id,code,value', ...rows].join('\n') + '\n');
const newArgs = (o: { roster?: string; entries?: string; out: string; month?: string }) => [
  'new',
  '--month',
  o.month ?? '2024-03',
  '--roster',
  o.roster ?? roster(),
  ...(o.entries ? ['--entries', o.entries] : []),
  '--out',
  o.out,
];

async function readCell(xlsx: string, loc: { sheet: string; address: string }) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsx);
  return wb.getWorksheet(loc.sheet)!.getCell(loc.address);
}
/** The records sheet's rows (A–G) from the first record row to the last with an id, as ExcelJS reads them. */
async function recordRows(xlsx: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsx);
  const ws = wb.getWorksheet('考核记录')!;
  const rows: unknown[][] = [];
  for (let r = 4; ws.getCell(r, 2).value; r++)
    rows.push(
      [1, 2, 3, 4, 5, 6, 7].map((c) => {
        const v = ws.getCell(r, c).value;
        return v instanceof Date ? v.toISOString().slice(0, 10) : (v ?? '');
      }),
    );
  return rows;
}
const layoutOf = (id: string) =>
  buildWorkbook({
    month: '2024-03',
    agents: [
      { id: 'E01', name: 'Ann', role: 'pre-sales', group: 'G1' },
      { id: 'E02', name: 'x', role: 'pre-sales', group: 'G1' },
      { id: 'E03', name: 'Cai', role: 'after-sales', group: 'G2' },
      { id: 'E04', name: 'Dee', role: 'after-sales', group: 'G2' },
    ],
  }).layout.find((l) => l.agent.id === id)!;

describe('kpi-forms new', () => {
  test('writes the workbook; inputs land in their cells; says what it wrote', async () => {
    const o = out();
    const r = await cli(newArgs({ entries: entries('E01,A07,5', 'E01,EX,80', 'E03,S03,b'), out: o }));
    // A07 is counted from the records (D12): the entry is a month-level record, the form's count a SUMIFS over them
    expect(r).toEqual({
      code: 0,
      stdout: `wrote ${o}: 2024-03, 4 agents (2 pre-sales, 2 after-sales), 2 input values, 1 record\n`,
      stderr: '',
    });
    expect(await recordRows(o)).toEqual([['', 'E01', 'A07', 5, '', '', '']]);
    expect(layoutOf('E01').inputs.A07).toBeUndefined();
    expect((await readCell(o, layoutOf('E01').outputs['n:A07'])).formula).toBe('SUMIFS(REC_COUNTED,REC_ID,"=E01",REC_CODE,"=A07")');
    expect((await readCell(o, layoutOf('E01').inputs.EX)).value).toBe(80);
    expect((await readCell(o, layoutOf('E03').inputs.S03)).value).toBe('B');
  });

  test('names beginning with = and @ are written as text cells, never formulas', async () => {
    const o = out();
    expect((await cli(newArgs({ out: o }))).code).toBe(0);
    for (const [addr, name] of [
      ['B4', '=HYPERLINK("x")'],
      ['B6', '@Dee'],
    ]) {
      const c = await readCell(o, { sheet: N.roster, address: addr });
      expect(c.value).toBe(name);
      expect(c.type).toBe(ExcelJS.ValueType.String);
      expect(c.formula).toBeUndefined();
    }
  });

  test('a GB18030 roster with 售前/售后, an English workbook', async () => {
    const gb = file('roster.csv', iconv.encode('工号,姓名,岗位,组\r\nE01,张三,售前,一组\r\nE02,李四,售后,二组\r\n', 'gb18030'));
    const o = out();
    expect((await cli(['new', '--month', '2024-03', '--roster', gb, '--lang', 'en', '--out', o])).code).toBe(0);
    const c = await readCell(o, { sheet: SHEET_NAMES.en.roster, address: 'B3' });
    expect(c.value).toBe('张三');
    expect((await readCell(o, { sheet: SHEET_NAMES.en.roster, address: 'C4' })).value).toBe('after-sales');
  });

  test('an .xlsx roster', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Roster');
    ws.addRows([
      ['employee_id', 'name', 'role', 'group'],
      ['E01', 'Ann', 'pre-sales', 'G1'],
    ]);
    const x = path.join(dir, 'roster-in.xlsx');
    await wb.xlsx.writeFile(x);
    const o = out();
    expect((await cli(['new', '--month', '2024-03', '--roster', x, '--out', o])).code).toBe(0);
    expect(fs.existsSync(o)).toBe(true);
  });

  describe('every bad input: exit 1, one line naming the file, row and rule, no output file', () => {
    const cases: Array<[string, () => { roster?: string; entries?: string; month?: string }, RegExp | string]> = [
      [
        'a negative count',
        () => ({ entries: entries('E01,A01,1', 'E01,A03,-1') }),
        /entries\.csv row 3: A03 count "-1" must be a whole number ≥ 0 \(D4\)$/,
      ],
      [
        'a fractional count',
        () => ({ entries: entries('E01,B01,0.5') }),
        /entries\.csv row 2: B01 count "0\.5" must be a whole number ≥ 0 \(D4\)$/,
      ],
      [
        'B06 not in half days',
        () => ({ entries: entries('E01,B06,0.25') }),
        /entries\.csv row 2: B06 days "0\.25" must be a number of days ≥ 0 in half days/,
      ],
      [
        'a text count',
        () => ({ entries: entries('E01,A01,many') }),
        /entries\.csv row 2: A01 count "many" must be a whole number ≥ 0 \(D4\); it is not a number$/,
      ],
      [
        'a full-width count',
        () => ({ entries: entries('E01,A01,３') }),
        /entries\.csv row 2: A01 count "３" must be a whole number ≥ 0 \(D4\); full-width digits are not accepted/,
      ],
      [
        'a grade outside A–E',
        () => ({ entries: entries('E03,S03,G') }),
        /entries\.csv row 2: S03 grade "G" must be one of the grade letters A, B, C, D, E$/,
      ],
      [
        'a test score outside 0–100',
        () => ({ entries: entries('E01,EX,120') }),
        /entries\.csv row 2: EX test score "120" must be a number from 0 to 100$/,
      ],
      [
        'a rating letter outside A–D',
        () => ({ entries: entries('E03,S02,ABF') }),
        /entries\.csv row 2: S02 ratings "ABF" must be rating letters A–D/,
      ],
      [
        'a repeated test score',
        () => ({ entries: entries('E01,EX,70', 'E01,EX,80') }),
        /entries\.csv row 3: EX of "E01" is given again \(first at row 2\)/,
      ],
      ['an unknown employee id', () => ({ entries: entries('E09,A01,1') }), /entries\.csv row 2: employee_id "E09" is not in the roster$/],
      ['an unknown code', () => ({ entries: entries('E01,Z01,1') }), /entries\.csv row 2: code "Z01" is not an item code of forms\.md/],
      [
        'a duplicate employee id in the roster',
        () => ({ roster: file('roster.csv', ROSTER + 'E03,Cai2,售后,G2\n') }),
        /roster\.csv row 6: employee_id "E03" is a duplicate of row 4; ids must be unique$/,
      ],
      [
        'an empty roster',
        () => ({ roster: file('roster.csv', 'employee_id,name,role,group\n') }),
        /roster\.csv: the roster lists no agents/,
      ],
      ['a month not YYYY-MM', () => ({ month: '2024-3' }), '--month "2024-3" must be a month YYYY-MM (e.g. 2024-03)'],
      ['a PDF as roster', () => ({ roster: file('roster.csv', '%PDF-1.5\n%âãÏÓ') }), /roster\.csv: is a PDF file, not a CSV text file/],
      [
        'an .xlsx as entries',
        () => ({ entries: file('entries.csv', Buffer.from('PK\u0003\u0004\u0014\u0000', 'latin1')) }),
        /entries\.csv: is a zip archive \(an \.xlsx, \.docx or \.zip file\), not a CSV text file/,
      ],
      ['a missing roster file', () => ({ roster: path.join(dir, 'missing.csv') }), /missing\.csv: no such file$/],
    ];
    test.each(cases)('%s', async (_what, make, msg) => {
      const o = out();
      const r = await cli(newArgs({ ...make(), out: o }));
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.endsWith('\n')).toBe(true);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      const line = r.stderr.trimEnd();
      expect(line.startsWith('kpi-forms: ')).toBe(true);
      if (typeof msg === 'string') expect(line).toContain(msg);
      else expect(line).toMatch(msg);
      expect(fs.existsSync(o)).toBe(false);
    });
  });

  test('the file named in the message is the path given', async () => {
    const e = entries('E01,A03,-1');
    const r = await cli(newArgs({ entries: e, out: out() }));
    expect(r.stderr).toBe(`kpi-forms: ${e} row 2: A03 count "-1" must be a whole number ≥ 0 (D4)\n`);
  });

  test('an existing output file is not overwritten without --force', async () => {
    const o = out();
    fs.writeFileSync(o, 'precious');
    const r = await cli(newArgs({ out: o }));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`kpi-forms: ${o}: already exists; not overwritten (use --force to replace it)\n`);
    expect(fs.readFileSync(o, 'utf8')).toBe('precious');
    // a bad input with --force leaves the existing file alone as well
    const bad = await cli([...newArgs({ entries: entries('E01,A01,-1'), out: o }), '--force']);
    expect(bad.code).toBe(1);
    expect(fs.readFileSync(o, 'utf8')).toBe('precious');
    const forced = await cli([...newArgs({ out: o }), '--force']);
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(o).subarray(0, 2).toString()).toBe('PK');
  });

  test('usage errors: a missing option, --out not .xlsx, a bad --lang', async () => {
    const missing = await cli(['new', '--month', '2024-03', '--roster', roster()]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/required option '--out <file>' not specified/);
    const notXlsx = await cli(newArgs({ out: path.join(dir, 'a.csv') }));
    expect(notXlsx).toMatchObject({ code: 1, stderr: expect.stringMatching(/a\.csv: the workbook file name must end with \.xlsx\n$/) });
    const lang = await cli([...newArgs({ out: out() }), '--lang', 'fr']);
    expect(lang.code).toBe(1);
    expect(lang.stderr).toMatch(/argument 'fr' is invalid\. Allowed choices are zh, en/);
    expect((await cli([])).code).toBe(1);
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: kpi-forms/);
  });

  describe('--calls', () => {
    const stub =
      (result: Partial<Awaited<ReturnType<NonNullable<CliDeps['importCalls']>>>> | Error): NonNullable<CliDeps['importCalls']> =>
      async (p, opts) => {
        expect(opts.month).toBe('2024-03');
        expect(opts.agents.map((a) => a.id)).toEqual(['E01', 'E02', 'E03', 'E04']);
        if (result instanceof Error) throw result;
        return { inputs: {}, unknownAgents: [], messages: [], ...result };
      };

    // D12: A01 is the sum of the records sheet's rows; the log's records are one per unanswered call
    test('merged with the entries (entries win, said on stderr); unknown log agents reported, never dropped silently', async () => {
      const o = out();
      const calls = file('log.csv', 'stubbed');
      const call = (id: string, n: number) => ({
        date: '2024-03-05',
        id,
        code: 'A01',
        count: 1,
        evidence: `call ID${n} 10:0${n}`,
        by: 'call log',
        status: '',
      });
      const r = await cli([...newArgs({ entries: entries('E01,A01,2'), out: o }), '--calls', calls], {
        importCalls: stub({
          inputs: { E01: { A01: 3 }, E02: { A01: 4 }, E03: { S01: 12, S02: 'ab' } },
          records: [call('E01', 1), call('E01', 2), call('E01', 3), call('E02', 4), call('E02', 5), call('E02', 6)],
          unknownAgents: [{ name: 'Zed', rows: 3 }],
          messages: [new Note(STUB.read, { rows: 10 })],
        }),
      });
      expect(r.code).toBe(0);
      expect(r.stderr.split('\n')).toEqual([
        `${calls}: read 10 rows`,
        expect.stringMatching(/log agent "Zed" \(3 rows in 2024-03\) is not in the roster .*roster\.csv; those calls were not imported$/),
        `${calls}: A01 of "E01" from the call log (3) replaced by the entries value (2)`,
        '',
      ]);
      // the entries' month-level record for E01 (its log records left out); E02's three calls, each with its id;
      // E02's 4 from a log without records is a month-level record
      expect(await recordRows(o)).toEqual([
        ['', 'E01', 'A01', 2, '', '', ''],
        ['2024-03-05', 'E02', 'A01', 1, 'call ID4 10:04', 'call log', ''],
        ['2024-03-05', 'E02', 'A01', 1, 'call ID5 10:05', 'call log', ''],
        ['2024-03-05', 'E02', 'A01', 1, 'call ID6 10:06', 'call log', ''],
      ]);
      expect((await readCell(o, layoutOf('E03').inputs.S01)).value).toBe(12);
      expect((await readCell(o, layoutOf('E03').inputs.S02)).value).toBe('AB');
      // a log whose import gives counts without records: each count is a month-level record, not dropped
      const o2 = out();
      const r2 = await cli([...newArgs({ out: o2 }), '--calls', calls], { importCalls: stub({ inputs: { E02: { A01: 4 } } }) });
      expect(r2.code).toBe(0);
      expect(await recordRows(o2)).toEqual([['', 'E02', 'A01', 4, '', '', '']]);
    });

    test('an import error or a value breaking the rules: exit 1, no file', async () => {
      const o = out();
      const calls = file('log.csv', 'x');
      const err = await cli([...newArgs({ out: o }), '--calls', calls], {
        importCalls: stub(new Problem(STUB.missingAgent, { file: calls })),
      });
      expect(err).toMatchObject({ code: 1, stderr: `kpi-forms: ${calls}: missing column "Agent"\n` });
      const bad = await cli([...newArgs({ out: o }), '--calls', calls], { importCalls: stub({ inputs: { E03: { S01: -2 } } }) });
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain(`${calls} (imported S01 of "E03"): S01 ticket count -2 must be a whole number ≥ 0`);
      expect(fs.existsSync(o)).toBe(false);
    });

    test('the real import (src/io/calls.ts) on a small log', async () => {
      const log = file(
        'calls.csv',
        [
          'Call Id,Date,Time,Agent,Department,Answered (Y/N),Resolved,Speed of Answer,AvgTalkDuration,Satisfaction rating',
          'ID1,05-03-24,09:00,Ann,TV,N,N,,,',
          'ID2,05-03-24,09:10,Ann,TV,Y,Y,10,00:01:00,4',
          'ID3,06-03-24,10:00,Cai,TV,Y,Y,10,00:01:00,5',
          'ID4,06-03-24,10:05,Cai,TV,Y,Y,10,00:01:00,2',
          'ID5,06-03-24,10:06,Zed,TV,Y,Y,10,00:01:00,3',
          'ID6,06-04-24,10:07,Cai,TV,Y,Y,10,00:01:00,5',
        ].join('\n') + '\n',
      );
      const o = out();
      const r = await cli([...newArgs({ out: o }), '--calls', log]);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/Zed/);
      // Ann's one unanswered call (ID1, 5 March 09:00) is A01's record, with the call as evidence
      expect((await recordRows(o)).filter((x) => x[2] === 'A01')).toEqual([
        ['2024-03-05', 'E01', 'A01', 1, 'call ID1 09:00', 'call log', ''],
      ]);
      expect((await readCell(o, layoutOf('E03').inputs.S01)).value).toBe(2);
      expect((await readCell(o, layoutOf('E03').inputs.S02)).value).toBe('AD');
    });
  });
});

describe('kpi-forms score: formats', () => {
  let wbFile = '';
  beforeAll(async () => {
    wbFile = out();
    const names = 'employee_id,name,role,group\nE01,张三,pre-sales,G1\nE02,=Bob,pre-sales,G1\nE03,Cai,after-sales,G2\n';
    const r = await cli(
      newArgs({
        roster: file('roster.csv', names),
        entries: entries('E01,A07,5', 'E01,A01,5', 'E01,B03,1', 'E01,EX,80', 'E03,S01,5'),
        out: wbFile,
      }),
    );
    expect(r.code).toBe(0);
  });

  test('table: aligned columns id, name, role, total, rank, pay, flags (wide characters count double)', async () => {
    const r = await cli(['score', wbFile]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('month 2024-03');
    expect(lines[1].split(/\s+/)).toEqual(['id', 'name', 'role', 'total', 'rank', 'pay', 'flags']);
    // cut every line at the display columns of the separator's dashes: each cell sits in its column
    const spans = [...lines[2].matchAll(/-+/g)].map((m) => [m.index!, m.index! + m[0].length]);
    const byColumns = (line: string) => {
      const slots: string[] = [];
      for (const ch of line) slots.push(...(displayWidth(ch) === 2 ? [ch, ''] : [ch]));
      return spans.map(([a, b]) => slots.slice(a, b).join('').trim());
    };
    expect(byColumns(lines[3])).toEqual(['E01', '张三', 'pre-sales', '78.50', '1', '314.00', '']);
    expect(byColumns(lines[4])).toEqual(['E02', '=Bob', 'pre-sales', 'incomplete', '-', 'incomplete', 'incomplete']);
    expect(byColumns(lines[5])).toEqual([
      'E03',
      'Cai',
      'after-sales',
      expect.stringMatching(/^\d+\.\d\d$|incomplete/),
      expect.anything(),
      expect.anything(),
      expect.anything(),
    ]);
    expect(r.stderr).toContain('holds no calculated results');
  });

  test('json', async () => {
    const r = await cli(['score', wbFile, '--format', 'json']);
    const j = JSON.parse(r.stdout);
    expect(j.month).toBe('2024-03');
    expect(j.results.map((x: { id: string }) => x.id)).toEqual(['E01', 'E02', 'E03']);
    expect(j.results[0]).toMatchObject({
      id: 'E01',
      name: '张三',
      role: 'pre-sales',
      items: { A: 70, B: 95, EX: 80 },
      total: 78.5,
      rank: 1,
      pay: 314,
      flags: [],
    });
    expect(j.results[1]).toMatchObject({ total: 'incomplete', rank: '', pay: 'incomplete', flags: ['incomplete'] });
    expect(j.mismatches).toEqual([]);
  });

  test("csv: one row per agent; text a spreadsheet would run as a formula is quoted with '", async () => {
    const r = await cli(['score', wbFile, '--format', 'csv']);
    const rows = r.stdout.trimEnd().split('\r\n');
    expect(rows).toHaveLength(4);
    expect(rows[0]).toBe(
      '\uFEFFmonth,id,name,role,group,A,B,EX,S01,S02,S03,S04,S05,S06,SP1,SN1,total,rank,bottom_rank,last_two,red_lines,pay,quarter,award,flags',
    );
    expect(rows[1]).toBe('2024-03,E01,张三,pre-sales,G1,70,95,80,,,,,,,,,78.5,1,1,FALSE,0,314,,0,');
    expect(rows[2].split(',')[2]).toBe("'=Bob");
  });

  test('a bad --format, a missing file', async () => {
    expect((await cli(['score', wbFile, '--format', 'xml'])).code).toBe(1);
    const r = await cli(['score', path.join(dir, 'nothing.xlsx')]);
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toMatch(/nothing\.xlsx: no such file\n$/);
  });
});

describe('end to end: node bin/kpi-forms.js', () => {
  const bin = path.join(ROOT, 'bin', 'kpi-forms.js');
  const node = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: dir, timeout: 60000 });

  test('is executable with a node shebang', () => {
    expect(fs.readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(fs.statSync(bin).mode & 0o111).not.toBe(0);
  });

  test('new, then score --format json', () => {
    const o = path.join(dir, 'e2e.xlsx');
    const made = node('new', '--month', '2024-03', '--roster', roster(), '--entries', entries('E01,EX,80', 'E02,EX,90'), '--out', o);
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    expect(fs.existsSync(o)).toBe(true);
    const scored = node('score', o, '--format', 'json');
    expect(scored.status).toBe(0);
    const j = JSON.parse(scored.stdout);
    expect(j.results.find((x: { id: string }) => x.id === 'E02')).toMatchObject({ total: 99, rank: 1, pay: 396 });
  });

  test('an error: exit code 1, one line on stderr, no file', () => {
    const o = path.join(dir, 'e2e-bad.xlsx');
    const e = entries('E01,A01,1.5');
    const r = node('new', '--month', '2024-03', '--roster', roster(), '--entries', e, '--out', o);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`kpi-forms: ${e} row 2: A01 count "1.5" must be a whole number ≥ 0 (D4)\n`);
    expect(fs.existsSync(o)).toBe(false);
  });
});

describe('the quarter from earlier months’ workbooks (--previous, --quarter; D10)', () => {
  const team = () => file('roster.csv', 'employee_id,name,role,group\nP1,Top,pre-sales,G\nP2,Mid,pre-sales,G\nP3,Low,pre-sales,G\n');
  // P1 first and P3 last every month (test scores 90, 80, 70); P1 gets AR1 in February in one variant
  const month = (red = false) => entries('P1,EX,90', 'P2,EX,80', 'P3,EX,70', ...(red ? ['P1,AR1,1'] : []));
  async function build(m: string, extra: string[] = [], red = false, roster = team()) {
    const o = out();
    const r = await cli(['new', '--month', m, '--roster', roster, '--entries', month(red), '--out', o, ...extra]);
    expect(r.code).toBe(0);
    return { o, r };
  }
  const json = async (f: string) => JSON.parse((await cli(['score', f, '--format', 'json'])).stdout);

  test('January and February give March its quarter: first three months → award 300 yuan; last three → transfer', async () => {
    const jan = (await build('2015-01')).o;
    const feb = (await build('2015-02')).o;
    const { o: mar, r } = await build('2015-03', ['--previous', jan, feb]);
    expect(r.stderr).toContain(`${jan}: 2015-01 results taken into the quarter sheet (3 agents)`);
    const res = (await json(mar)).results;
    expect(res.map((x: { quarter: string }) => x.quarter)).toEqual(['award', '', 'transfer']);
    expect(res[0].award).toBe(300);
  });

  test('a red line in one month of the quarter rules out the award (D3)', async () => {
    const jan = (await build('2015-01')).o;
    const feb = (await build('2015-02', [], true)).o;
    const mar = (await build('2015-03', ['--previous', jan, feb])).o;
    expect((await json(mar)).results[0].quarter).toBe('');
  });

  test('in a quarter’s first months nothing is awarded yet; --quarter rolling looks at the last three months', async () => {
    const jan = (await build('2015-01')).o;
    expect((await json(jan)).results[0].quarter).toBe('');
    const feb = (await build('2015-02', ['--previous', jan])).o;
    expect((await json(feb)).results[0].quarter).toBe('');
    const mar = (await build('2015-03')).o;
    const apr = (await build('2015-04', ['--quarter', 'rolling', '--previous', feb, mar])).o;
    expect((await json(apr)).results.map((x: { quarter: string }) => x.quarter)).toEqual(['award', '', 'transfer']);
  });

  test('a workbook of another quarter is refused, naming it', async () => {
    const dec = (await build('2014-12')).o;
    const o = out();
    const r = await cli(['new', '--month', '2015-03', '--roster', team(), '--previous', dec, '--out', o]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `--previous ${dec}: its month 2014-12 is not one of the earlier months of the quarter 2015-01, 2015-02, 2015-03 (D10)`,
    );
    expect(fs.existsSync(o)).toBe(false);
  });
});

describe('new --formulas kpi|plain: =KPI.… workbooks from the command line (KPI_MODE)', () => {
  const team = () =>
    file(
      'roster.csv',
      'employee_id,name,role,group\nP1,Ann,pre-sales,G1\nP2,Bo,pre-sales,G1\nP3,=Cy,pre-sales,G1\nS1,Dee,after-sales,G2\nS2,Eve,after-sales,G2\nS3,Fay,after-sales,G2\n',
    );
  // ties, a red line, half days, points, an incomplete person of each kind, every after-sales item
  const rows = [
    ...['P1,A01,2', 'P1,B06,1.5', 'P1,EX,80', 'P2,A07,1', 'P2,B13,4', 'P2,EX,88', 'P3,AR1,1', 'P3,EX,90'],
    ...['S1,S01,40', 'S1,S02,AAB c', 'S1,S03,b', 'S1,S04,1', 'S1,S05,0', 'S1,S06,A', 'S1,SP1,2', 'S1,SN1,1'],
    ...['S2,S01,20', 'S2,S02,ddca', 'S2,S03,C', 'S2,S06,E', 'S3,S02,A', 'S3,S03,A', 'S3,S06,B'],
  ];
  const files: Record<'plain' | 'kpi', string> = { plain: '', kpi: '' };
  beforeAll(async () => {
    const roster = team();
    const e = entries(...rows);
    for (const mode of ['plain', 'kpi'] as const) {
      files[mode] = out();
      const extra = mode === 'kpi' ? ['--formulas', 'kpi'] : []; // plain is the default
      const r = await cli(['new', '--month', '2024-03', '--roster', roster, '--entries', e, ...extra, '--out', files[mode]]);
      expect(r).toMatchObject({ code: 0, stderr: '' });
    }
  });
  const agents = [
    ...['P1', 'P2', 'P3'].map((id) => ({ id, name: id, role: 'pre-sales' as const, group: 'G1' })),
    ...['S1', 'S2', 'S3'].map((id) => ({ id, name: id, role: 'after-sales' as const, group: 'G2' })),
  ];
  const layout = buildWorkbook({ month: '2024-03', agents, mode: 'kpi' }).layout;

  test('--help shows the option, its choices and the default', async () => {
    const r = await cli(['new', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/\s+/g, ' ')).toMatch(
      /--formulas <mode> plain Excel formulas .*=KPI\..* \(choices: "plain", "kpi", default: "plain"\)/,
    );
  });

  test('a bad --formulas: exit 1, the choices named, no file', async () => {
    const o = out();
    const r = await cli(['new', '--month', '2024-03', '--roster', team(), '--formulas', 'excel', '--out', o]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("argument 'excel' is invalid. Allowed choices are plain, kpi.");
    expect(fs.existsSync(o)).toBe(false);
  });

  test('KPI_MODE on the rules sheet says which; the formulas are =KPI.… or plain Excel', async () => {
    for (const mode of ['plain', 'kpi'] as const) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(files[mode]);
      const ref = (wb.definedNames.model as Array<{ name: string; ranges: string[] }>).find((n) => n.name === 'KPI_MODE')!.ranges[0];
      const [, sheet, a1] = /^'?(.*?)'?!(\$?[A-Z]+\$?\d+)$/.exec(ref)!;
      expect(wb.getWorksheet(sheet)!.getCell(a1.replace(/\$/g, '')).value).toBe(mode);
      const total = layout.find((l) => l.agent.id === 'P1')!.outputs.total;
      const f = wb.getWorksheet(total.sheet)!.getCell(total.address).formula;
      if (mode === 'kpi') expect(f).toMatch(/^KPI\.PRESALES\(/);
      else expect(f).not.toContain('KPI.');
    }
  });

  test('`score` gives the same results for the =KPI.… workbook as for the plain one', async () => {
    const json = async (f: string) => JSON.parse((await cli(['score', f, '--format', 'json'])).stdout);
    const [plain, kpi] = [await json(files.plain), await json(files.kpi)];
    expect(kpi.results).toEqual(plain.results);
    expect(kpi.mismatches).toEqual([]);
    // worked by hand: P1 form A 100 − 2×2 = 96, form B 100 − 1.5×2 = 97, test 80 → 57.6 + 29.1 + 8 = 94.7
    expect(kpi.results.find((r: { id: string }) => r.id === 'P1')).toMatchObject({ items: { A: 96, B: 97, EX: 80 }, total: 94.7 });
  });

  test('the =KPI.… file’s own formulas (HyperFormula with the KPI functions) give what `score` gives', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(files.kpi);
    const sheets: Record<string, unknown[][]> = {};
    wb.eachSheet((ws) => {
      const grid: unknown[][] = [];
      ws.eachRow({ includeEmpty: false }, (row, r) => {
        grid[r - 1] = [];
        row.eachCell({ includeEmpty: false }, (c, col) => {
          if (c.isMerged && c.master.address !== c.address) return; // a merged cell shows its master's content
          const v = c.formula ? `=${c.formula.replace(/_xlfn\./g, '')}` : c.value;
          grid[r - 1][col - 1] = typeof v === 'string' && v.startsWith('=') && !c.formula ? `'${v}` : v;
        });
      });
      for (let i = 0; i < grid.length; i++) grid[i] ??= [];
      sheets[ws.name] = grid;
    });
    const hf = HyperFormula.buildFromSheets(sheets as never, HF_CONFIG);
    hf.suspendEvaluation();
    for (const n of wb.definedNames.model as Array<{ name: string; ranges: string[] }>)
      if (!n.name.startsWith('_xlnm')) hf.addNamedExpression(n.name, `=${n.ranges[0]}`);
    hf.resumeEvaluation();
    const at = (loc: { sheet: string; address: string }) => {
      const m = /^([A-Z]+)(\d+)$/.exec(loc.address)!;
      const col = [...m[1]].reduce((s, ch) => s * 26 + ch.charCodeAt(0) - 64, 0);
      const v = hf.getCellValue({ sheet: hf.getSheetId(loc.sheet)!, row: Number(m[2]) - 1, col: col - 1 });
      return typeof v === 'number' ? Math.round(v * 1e9) / 1e9 : v;
    };
    const scored = JSON.parse((await cli(['score', files.kpi, '--format', 'json'])).stdout).results as Array<Record<string, unknown>>;
    const round = (v: unknown) => (typeof v === 'number' ? Math.round(v * 1e9) / 1e9 : v);
    const fromFile = layout.map((l) => [l.agent.id, at(l.outputs.total), at(l.outputs.rank), at(l.outputs.pay), at(l.outputs.bottom)]);
    const fromScore = layout.map((l) => {
      const r = scored.find((x) => x.id === l.agent.id)!;
      return [l.agent.id, round(r.total), r.rank, round(r.pay), r.bottom];
    });
    expect(fromFile).toEqual(fromScore);
  });

  test('the =KPI.… file is within Excel’s limits (its XML as Excel reads it)', async () => {
    const parts = await xlsxParts(fs.readFileSync(files.kpi));
    const view = limitsViewOfXlsxParts(parts);
    // the eight sheets and the records sheet (D12)
    expect(view.sheets.map((s) => s.name)).toEqual(buildWorkbook({ month: '2024-03', agents }).sheets.map((s) => s.name));
    expect(checkLimits(view)).toEqual([]);
    // the records sheet's columns are shared formulas (each stored once, in its first cell): Excel reads every cell's
    // formula as the first one's with its references moved to the cell, so the view checks each as that formula
    const roster = team();
    const spec = buildWorkbook({
      month: '2024-03',
      agents: await parseRoster(roster),
      mode: 'kpi',
      records: parseEntryRecords(entries(...rows), await parseRoster(roster), '2024-03').records,
    });
    const records = spec.sheets.find((sh) => sh.key === 'records')!;
    const fromView = new Map(view.sheets.find((sh) => sh.name === records.name)!.cells.map((c) => [c.address, c.formula]));
    const formulas = records.cells.filter((c) => c.formula !== undefined);
    expect(formulas.length).toBeGreaterThan(4 * 100);
    for (const c of formulas) expect([c.address, fromView.get(c.address)]).toEqual([c.address, xlsxFormula(c.formula!)]);
    // (the cells that share a formula hold none of their own text in the file)
    expect(Object.values(parts).some((xml) => /<f t="shared" si="\d+"\/>/.test(xml))).toBe(true);
  });
});

describe('errors in the user’s language: LANG=zh_CN.UTF-8 → Chinese, LANG=C → English (worked by hand)', () => {
  const LOCALE = ['LANGUAGE', 'LC_ALL', 'LC_MESSAGES', 'LANG'] as const;
  /** `cli` with the locale variables set to LANG=`lang` alone, restored after */
  async function cliIn(lang: string, argv: string[], deps?: CliDeps, env: Record<string, string> = {}) {
    const saved = [...LOCALE, 'KPI_FORMS_DEBUG'].map((k) => [k, process.env[k]] as const);
    for (const k of LOCALE) delete process.env[k];
    delete process.env.KPI_FORMS_DEBUG;
    Object.assign(process.env, { LANG: lang, ...env });
    try {
      return await cli(argv, deps);
    } finally {
      for (const [k, v] of saved)
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    }
  }
  /** the zip part of a sheet, as Excel finds it: workbook.xml's r:id, then xl/_rels/workbook.xml.rels */
  async function partOf(z: JSZip, sheet: string): Promise<string> {
    const rid = new RegExp(`<sheet [^>]*name="${sheet}"[^>]*r:id="([^"]+)"`).exec(await z.file('xl/workbook.xml')!.async('string'))![1];
    const rels = await z.file('xl/_rels/workbook.xml.rels')!.async('string');
    return `xl/${new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)![1]}`;
  }

  test('a bad entries file: every problem of the file, each worded', async () => {
    const e = entries('E01,A03,-1', 'E09,A01,1');
    const zh = await cliIn('zh_CN.UTF-8', newArgs({ entries: e, out: out() }));
    expect(zh).toEqual({
      code: 1,
      stdout: '',
      stderr:
        `kpi-forms: ${e} 第 2 行:A03 次数 "-1" 必须是 ≥ 0 的整数 (D4) (同一文件中另有 1 处问题)\n` +
        `  - ${e} 第 2 行:A03 次数 "-1" 必须是 ≥ 0 的整数 (D4)\n` +
        `  - ${e} 第 3 行:工号 "E09" 不在花名册中\n`,
    });
    const en = await cliIn('C', newArgs({ entries: e, out: out() }));
    expect(en.stderr).toBe(
      `kpi-forms: ${e} row 2: A03 count "-1" must be a whole number ≥ 0 (D4) (and 1 more problem in the same file)\n` +
        `  - ${e} row 2: A03 count "-1" must be a whole number ≥ 0 (D4)\n` +
        `  - ${e} row 3: employee_id "E09" is not in the roster\n`,
    );
  });

  test('a damaged .xlsx: a truncated file, a sheet part missing (the sheet by its name, the part by its path)', async () => {
    const good = out();
    expect((await cli(newArgs({ out: good }))).code).toBe(0);
    const bytes = fs.readFileSync(good);
    const truncated = file('truncated.xlsx', bytes.subarray(0, bytes.length / 2));
    expect((await cliIn('zh_CN.UTF-8', ['score', truncated])).stderr).toBe(
      `kpi-forms: ${truncated}:不是可读取的 .xlsx 工作簿:文件被截断或已损坏(缺少文件末尾的 zip 目录);请重新复制或下载,或使用较早的副本\n`,
    );
    expect((await cliIn('C', ['score', truncated])).stderr).toBe(
      `kpi-forms: ${truncated}: is not a readable .xlsx workbook: the file is cut short or damaged (the zip directory at its end is missing); copy or download it again, or use an earlier copy\n`,
    );

    const z = await JSZip.loadAsync(bytes);
    const part = await partOf(z, N.formB);
    z.remove(part);
    const noSheet = file('no-sheet.xlsx', await z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const zh = await cliIn('zh_CN.UTF-8', ['score', noSheet]);
    expect(zh).toMatchObject({ code: 1, stdout: '' });
    expect(zh.stderr).toBe(
      `kpi-forms: ${noSheet}:工作表 "${N.formB}"(部件 ${part})不在文件中;文件已损坏:请使用较早的副本,或在 Excel 中打开(Excel 会尽量修复)后重新保存\n`,
    );
    expect((await cliIn('C', ['score', noSheet])).stderr).toBe(
      `kpi-forms: ${noSheet}: the sheet "${N.formB}" (part ${part}) is missing from the file; the file is damaged: use an earlier copy, or open it in Excel (which repairs what it can) and save it again\n`,
    );
  });

  test('an option used wrongly, an existing output file', async () => {
    const csv = path.join(dir, 'a.csv');
    expect((await cliIn('zh_CN.UTF-8', newArgs({ out: csv }))).stderr).toBe(`kpi-forms: --out ${csv}:工作簿的文件名必须以 .xlsx 结尾\n`);
    const o = out();
    fs.writeFileSync(o, 'precious');
    expect((await cliIn('zh_CN.UTF-8', newArgs({ out: o }))).stderr).toBe(`kpi-forms: ${o}:文件已存在,未覆盖(要替换它,请加上 --force)\n`);
    expect((await cliIn('C', newArgs({ out: o }))).stderr).toBe(
      `kpi-forms: ${o}: already exists; not overwritten (use --force to replace it)\n`,
    );
  });

  test('anything else is a fault of kpi-forms: said as such, its own text only with KPI_FORMS_DEBUG=1', async () => {
    const calls = file('log.csv', 'x');
    const deps: CliDeps = {
      importCalls: async () => {
        throw new TypeError("Cannot read properties of undefined (reading 'agent')");
      },
    };
    const argv = [...newArgs({ out: out() }), '--calls', calls];
    expect(await cliIn('zh_CN.UTF-8', argv, deps)).toEqual({
      code: 1,
      stdout: '',
      stderr: 'kpi-forms: kpi-forms 在运行 "kpi-forms new" 时出错:这是程序的问题,不是您的文件的问题\n',
    });
    expect((await cliIn('C', argv, deps)).stderr).toBe(
      'kpi-forms: kpi-forms failed while running "kpi-forms new": this is a fault of the program, not of your file\n',
    );
    const debug = await cliIn('C', argv, deps, { KPI_FORMS_DEBUG: '1' });
    expect(debug.stderr).toContain("TypeError: Cannot read properties of undefined (reading 'agent')\n    at ");
  });

  test('end to end: node bin/kpi-forms.js with LANG=zh_CN.UTF-8', () => {
    const e = entries('E01,A01,1.5');
    const o = path.join(dir, 'e2e-zh.xlsx');
    const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'zh_CN.UTF-8' };
    for (const k of ['LANGUAGE', 'LC_ALL', 'LC_MESSAGES', 'KPI_FORMS_DEBUG']) delete env[k];
    const bin = path.join(ROOT, 'bin', 'kpi-forms.js');
    const r = spawnSync(process.execPath, [bin, ...newArgs({ entries: e, out: o })], { encoding: 'utf8', cwd: dir, env, timeout: 60000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`kpi-forms: ${e} 第 2 行:A01 次数 "1.5" 必须是 ≥ 0 的整数 (D4)\n`);
    expect(fs.existsSync(o)).toBe(false);
  });
});

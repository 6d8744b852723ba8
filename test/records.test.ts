/**
 * Records (forms.md D12): the entries CSV's optional columns, every bad record (the CLI stops with exit 1
 * naming the row and writes nothing; on the sheet the row is flagged and counts for nothing, and `score`
 * names it), the records and disputed counts of `score --format json`, `kpi-forms records`, and the records
 * sheet's check column against the engine's `recordFault` on random records.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../src/cli/main';
import { KpiRecord, checkRecords } from '../src/core/records';
import { SHEET_NAMES } from '../src/templates/i18n';
import { RECORDS_FIRST_ROW, RECORD_COLS } from '../src/templates/sheets/records';
import { buildWorkbook, quarterMonths } from '../src/templates/workbook';
import { writeWorkbookFile } from '../src/xlsx/writer';
import { evaluateSpec, plainValue } from './helpers/hf';
import { randomMonth } from './helpers/random';
import { randomRecords } from './helpers/random-records';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-records-'));
let n = 0;
function file(name: string, content: string): string {
  const d = path.join(dir, String(n++));
  fs.mkdirSync(d);
  const p = path.join(d, name);
  fs.writeFileSync(p, content);
  return p;
}
async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}
const ROSTER = 'employee_id,name,role,group\nE01,Ann,pre-sales,G1\nE02,Bo,pre-sales,G1\nE03,Cai,after-sales,G2\nE04,Dee,after-sales,G2\n';
const newWith = (entries: string, out: string, lang = 'en') => [
  'new',
  '--month',
  '2015-01',
  '--roster',
  file('roster.csv', ROSTER),
  '--entries',
  file('entries.csv', entries),
  '--lang',
  lang,
  '--out',
  out,
];

const GOOD = [
  'employee_id,code,value,date,evidence,recorded_by,status',
  'E01,A06,1,2015-01-05,call 1042 10:42,Wang,',
  'E01,A06,1,2015-01-09,call 1107 14:03,Wang,disputed',
  'E01,A06,1,2015-01-12,call 1190,Li,withdrawn',
  'E01,A07,2,,,,upheld',
  'E01,B06,1.5,2015-01-20,leave note,Li,申诉中',
  'E01,EX,80,,,,',
  'E02,EX,70,,,,',
  'E03,S04,2,2015-01-31,,Zhou,',
  'E03,S01,40,,,,',
  'E03,S02,AB,,,,',
  'E03,S03,A,,,,',
  'E03,S06,B,,,,',
  'E04,S01,20,,,,',
  'E04,S02,C,,,,',
  'E04,S03,B,,,,',
  'E04,S06,B,,,,',
].join('\n');

describe('entries CSV with records (date, evidence, recorded_by, status)', () => {
  const out = path.join(dir, 'good.xlsx');
  test('new writes them; score counts them (withdrawn excluded, disputed counted, D12) and gives records and disputed per agent', async () => {
    const made = await cli(newWith(GOOD, out));
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    const s = await cli(['score', out, '--format', 'json']);
    expect(s.code).toBe(0);
    const json = JSON.parse(s.stdout);
    expect(json.recordProblems).toEqual([]);
    const e01 = json.results.find((r: { id: string }) => r.id === 'E01');
    // worked by hand: A06 1 + 1 (the withdrawn one not counted) = 2 × 2 points, A07 2 × 4 points: A = 100 − 4 − 8 = 88;
    // B06 1.5 days × 2 points: B = 97
    expect(e01.items.A).toBe(88);
    expect(e01.items.B).toBe(97);
    expect(e01.records).toBe(5);
    expect(e01.disputed).toBe(2);
    const e03 = json.results.find((r: { id: string }) => r.id === 'E03');
    expect(e03.items.S04).toBe(90);
    expect(e03.records).toBe(1);
    expect(e03.disputed).toBe(0);
    expect(json.results.find((r: { id: string }) => r.id === 'E02').records).toBe(0);
  });

  test("kpi-forms records lists an agent's records with what each adds (json, table, csv); an unknown id is refused", async () => {
    const j = await cli(['records', out, '--id', 'E01', '--format', 'json']);
    expect(j.code).toBe(0);
    const rows = JSON.parse(j.stdout).records;
    expect(rows.map((r: { code: string; counted: number; status: string }) => [r.code, r.counted, r.status])).toEqual([
      ['A06', 1, ''],
      ['A06', 1, 'disputed'],
      ['A06', 0, 'withdrawn'],
      ['A07', 2, 'upheld'],
      ['B06', 1.5, 'disputed'],
    ]);
    expect(rows[0]).toMatchObject({ date: '2015-01-05', evidence: 'call 1042 10:42', recordedBy: 'Wang', fault: '' });
    const t = await cli(['records', out, '--id', 'e01']);
    expect(t.stdout).toContain('call 1107 14:03');
    expect(t.stdout.split('\n').filter((l) => / A0[67] | B06 /.test(l))).toHaveLength(5);
    const c = await cli(['records', out, '--format', 'csv']);
    expect(c.stdout.split('\r\n')[0]).toBe('row,date,id,name,code,count,evidence,recordedBy,status,counted,fault');
    expect(c.stdout.trim().split('\r\n')).toHaveLength(1 + 6);
    const bad = await cli(['records', out, '--id', 'X9']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('"X9"');
  });

  test('a 3-column entries file still works: its rows are month-level records', async () => {
    const o = path.join(dir, 'three.xlsx');
    const made = await cli(newWith('employee_id,code,value\nE01,A01,3\nE01,EX,90\nE02,EX,50\n', o));
    expect(made.code).toBe(0);
    const json = JSON.parse((await cli(['score', o, '--format', 'json'])).stdout);
    expect(json.results[0].items.A).toBe(94);
    expect(json.results[0].records).toBe(1);
  });
});

describe('every bad record in the entries CSV: exit 1, the row named, no file written', () => {
  const HEAD = 'employee_id,code,value,date,evidence,recorded_by,status';
  test.each([
    ['a date outside the month', 'E01,A01,1,2015-02-01,,,', /row 2: date "2015-02-01" is not a day of 2015-01/],
    ['a date that is no day', 'E01,A01,1,2015-01-32,,,', /row 2: date "2015-01-32" is not a day of 2015-01/],
    ['an item of the other kind', 'E03,A01,1,2015-01-02,,,', /row 2: code A01 is a pre-sales item but "E03" is after-sales/],
    ['an unknown status', 'E01,A01,1,2015-01-02,,,appealed', /row 2: status "appealed" must be empty, disputed, upheld or withdrawn/],
    ['a bad count (D4)', 'E01,B06,0.3,2015-01-02,,,', /row 2: B06/],
  ])('%s', async (_n, row, message) => {
    const o = path.join(dir, `bad-${n++}.xlsx`);
    const r = await cli(newWith(`${HEAD}\n${row}\n`, o));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(fs.existsSync(o)).toBe(false);
  });
});

/** Bad rows as a user can type them on the sheet (past validation, by paste): each flagged, none counted. */
const BAD: Array<[string, KpiRecord, string]> = [
  [
    'an id not in the roster',
    { date: '2015-01-03', id: 'E99', code: 'A01', count: 1, evidence: '', by: '', status: '' },
    'id not in the roster',
  ],
  [
    'an item of the other kind',
    { date: '2015-01-03', id: 'E01', code: 'S04', count: 1, evidence: '', by: '', status: '' },
    'code not of this kind',
  ],
  [
    'a monthly figure typed on the form (EX)',
    { date: '', id: 'E01', code: 'EX', count: 80, evidence: '', by: '', status: '' },
    'code not of this kind',
  ],
  [
    'a date outside the month',
    { date: '2015-02-01', id: 'E01', code: 'A01', count: 1, evidence: '', by: '', status: '' },
    'date not in the month',
  ],
  [
    'a date typed as text',
    { date: "'2015-01-05", id: 'E01', code: 'A01', count: 1, evidence: '', by: '', status: '' },
    'date not in the month',
  ],
  ['a negative count', { date: '', id: 'E01', code: 'A01', count: -1, evidence: '', by: '', status: '' }, 'count breaks D4'],
  ['a fractional count', { date: '', id: 'E01', code: 'A02', count: 1.5, evidence: '', by: '', status: '' }, 'count breaks D4'],
  ['B06 not in half days', { date: '', id: 'E01', code: 'B06', count: 0.3, evidence: '', by: '', status: '' }, 'count breaks D4'],
  ['B13 over 100 points', { date: '', id: 'E01', code: 'B13', count: 101, evidence: '', by: '', status: '' }, 'count breaks D4'],
  ['a count as text', { date: '', id: 'E01', code: 'A03', count: '2', evidence: '', by: '', status: '' }, 'count breaks D4'],
  ['no count', { date: '', id: 'E01', code: 'A03', count: null, evidence: '', by: '', status: '' }, 'count breaks D4'],
  [
    'an S02 rating that is no letter A–D',
    { date: '', id: 'E03', code: 'S02', count: 'E', evidence: '', by: '', status: '' },
    'count breaks D4',
  ],
  ['an unknown status', { date: '', id: 'E01', code: 'A04', count: 1, evidence: '', by: '', status: '?appealed' }, 'unknown status'],
];

describe('bad records on the sheet: flagged in the check column, counted nowhere, named by score (exit 2)', () => {
  const agents = [
    { id: 'E01', name: 'Ann', role: 'pre-sales' as const, group: '' },
    { id: 'E03', name: 'Cai', role: 'after-sales' as const, group: '' },
  ];
  const inputs = { E01: { EX: 80 }, E03: { S01: 10, S02: 'A', S03: 'A', S06: 'A' } };
  const good: KpiRecord = { date: '2015-01-02', id: 'E01', code: 'A05', count: 1, evidence: 'call 7', by: 'Wang', status: '' };
  const records = [good, ...BAD.map(([, r]) => ({ ...r, status: r.status.startsWith('?') ? r.status.slice(1) : r.status }))];
  const spec = buildWorkbook({ month: '2015-01', agents, inputs, records, lang: 'en' });
  const sheet = SHEET_NAMES.en.records;
  // text stays text (HyperFormula would read the string "2" as a number; the .xlsx holds it as text)
  const textRow = RECORDS_FIRST_ROW + 1 + BAD.findIndex(([name]) => name === 'a count as text');
  const ev = evaluateSpec(spec, { [SHEET_NAMES.en.records]: { [`D${textRow}`]: "'2" } });
  const at = (row: number, col: number) => plainValue(ev.get(sheet, `${String.fromCharCode(64 + col)}${row}`));

  test.each(BAD.map(([name, , fault], i) => [name, i, fault] as const))('%s: the check column says so, it adds 0', (_n, i, fault) => {
    const row = RECORDS_FIRST_ROW + 1 + i;
    expect(at(row, RECORD_COLS.check)).toBe(fault);
    expect(at(row, RECORD_COLS.counted)).toBe(0);
  });

  test('the good row stands; form A counts it alone; the highlight covers the rows with a check', () => {
    expect(at(RECORDS_FIRST_ROW, RECORD_COLS.check)).toBe('');
    expect(at(RECORDS_FIRST_ROW, RECORD_COLS.counted)).toBe(1);
    const lay = spec.layout[0];
    for (const code of ['A01', 'A02', 'A03', 'A04', 'A05']) {
      const c = lay.outputs[`n:${code}`];
      expect(plainValue(ev.get(c.sheet, c.address))).toBe(code === 'A05' ? 1 : 0);
    }
    const cf = spec.sheets.find((s) => s.key === 'records')!.conditionalFormats;
    expect(cf).toEqual([expect.objectContaining({ formula: `$I${RECORDS_FIRST_ROW}<>""`, fill: 'FFC7CE' })]);
  });

  test('score names each bad row with its rule and exits 2; the results count none of them', async () => {
    const o = path.join(dir, 'flagged.xlsx');
    await writeWorkbookFile(spec, o);
    const r = await cli(['score', o, '--format', 'json']);
    expect(r.code).toBe(2);
    const json = JSON.parse(r.stdout);
    expect(json.recordProblems.map((p: { row: number }) => p.row)).toEqual(BAD.map((_b, i) => RECORDS_FIRST_ROW + 1 + i));
    expect(r.stderr).toContain(
      `${sheet}!I${RECORDS_FIRST_ROW + 1}: record of row ${RECORDS_FIRST_ROW + 1} (E99 A01) not counted: the id is not in the roster`,
    );
    expect(r.stderr).toContain(`${BAD.length} records break a rule`);
    expect(json.results[0].items.A).toBe(98);
  });
});

test("the records sheet's check column and counted column = the engine's recordFault and counts, random records of two months", () => {
  for (const [month, lang, seed] of [
    ['2015-01', 'zh', 11],
    ['2016-12', 'en', 12],
  ] as const) {
    const months = quarterMonths(month, 'calendar');
    const rm = randomMonth(
      seed,
      20,
      months.filter((m) => m !== month),
    );
    const records = randomRecords(seed + 1, rm, month, 6);
    const spec = buildWorkbook({ month, agents: rm.agents, inputs: {}, records, lang });
    const ev = evaluateSpec(spec);
    const words = {
      zh: ['工号不在花名册', '代码不属于该岗位', '日期不在本月', '次数不符合规则(D4)', '状态无效'],
      en: ['id not in the roster', 'code not of this kind', 'date not in the month', 'count breaks D4', 'unknown status'],
    }[lang];
    const faultWord = { unknownId: words[0], otherKind: words[1], date: words[2], count: words[3], status: words[4] };
    const checked = checkRecords(records, month, rm.agents);
    expect(checked.filter((c) => c.fault).length).toBeGreaterThanOrEqual(6);
    for (const c of checked) {
      const row = RECORDS_FIRST_ROW + c.index;
      const get = (col: number) => plainValue(ev.get(SHEET_NAMES[lang].records, `${String.fromCharCode(64 + col)}${row}`));
      expect([row, get(RECORD_COLS.check)]).toEqual([row, c.fault ? faultWord[c.fault] : '']);
      expect([row, get(RECORD_COLS.counted)]).toEqual([row, c.counted]);
    }
  }
});

test('the summary shows how many records of each agent are disputed (D12), in the flags column', () => {
  const agents = [
    { id: 'E01', name: 'Ann', role: 'pre-sales' as const, group: '' },
    { id: 'E03', name: 'Cai', role: 'after-sales' as const, group: '' },
  ];
  const rec = (id: string, code: string, status: string): KpiRecord => ({ date: '', id, code, count: 1, evidence: '', by: '', status });
  const records = [
    rec('E01', 'A01', 'disputed'),
    rec('E01', 'A02', 'disputed'),
    rec('E01', 'A03', 'upheld'),
    rec('E03', 'S04', 'disputed'),
  ];
  for (const lang of ['zh', 'en'] as const) {
    const spec = buildWorkbook({ month: '2015-01', agents, inputs: { E01: { EX: 80 } }, records, lang, mode: 'kpi' });
    // the flags formula as a whole has a bare TRUE HyperFormula cannot read: its disputed part is evaluated alone
    const word = lang === 'zh' ? '申诉中' : 'disputed';
    const part = (i: number) => {
      const f = spec.layout[i].outputs.flags;
      const formula = spec.sheets.find((x) => x.name === f.sheet)!.cells.find((c) => c.address === f.address)!.formula!;
      const m = /&(IF\(COUNTIFS\(.*\)>0," \S+ "&COUNTIFS\(.*\),""\))\)$/.exec(formula);
      expect(m).not.toBeNull();
      return `=${m![1]}`;
    };
    const roster = SHEET_NAMES[lang].roster;
    const ev = evaluateSpec(spec, { [roster]: { Z1: part(0), Z2: part(1) } });
    expect(plainValue(ev.get(roster, 'Z1'))).toBe(` ${word} 2`);
    expect(plainValue(ev.get(roster, 'Z2'))).toBe(` ${word} 1`);
  }
});

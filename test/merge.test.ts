/**
 * The department's month (forms.md D16, issue 11): a month split between two and three supervisors' workbooks,
 * merged with `kpi-forms merge`, gives exactly the results of the whole team built as one — the engine (scoring
 * the merged file), HyperFormula (the merged workbook with =KPI.… formulas) and LibreOffice (the merged plain file
 * recalculated) each against the engine's results for the whole team. Conflicts are refused naming both workbooks
 * and the cells; --prefer resolves them; the same workbook twice is no conflict; nothing is half-written.
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../src/cli/main';
import { mergedWorkbook } from '../src/cli/merge';
import { scoreMonth } from '../src/core/engine';
import { checkLimits, limitsViewOfSpec } from '../src/core/excel-limits';
import { MERGE, mergeMonthBooks, splitHistory } from '../src/core/merge';
import { KpiRecord, isSummedCode } from '../src/core/records';
import { DEFAULT_RULES } from '../src/core/rules';
import { Agent } from '../src/templates/model';
import { SHEET_NAMES } from '../src/templates/i18n';
import { buildWorkbook, quarterMonths } from '../src/templates/workbook';
import { readMonthBook } from '../src/xlsx/month-book';
import { scoreWorkbookFile } from '../src/xlsx/reader';
import { writeWorkbookFile } from '../src/xlsx/writer';
import { cellResult, engineOutputs, expectSame } from './helpers/compare';
import { evaluateSpec, plainValue } from './helpers/hf';
import { describeWith, recalcMany } from './helpers/oracles';
import { RandomMonth, randomMonth } from './helpers/random';
import { randomRecords } from './helpers/random-records';
import { englishIn, KEPT_AS_IS } from './helpers/zh-words';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-merge-'));
let n = 0;
const out = () => path.join(dir, `dept-${n++}.xlsx`);

async function cli(argv: string[], lang = 'en_US.UTF-8') {
  let stdout = '';
  let stderr = '';
  const before = process.env.LANG;
  process.env.LANG = lang;
  try {
    const code = await run(argv, {
      stdout: { write: (s: string | Uint8Array) => (stdout += String(s)) },
      stderr: { write: (s: string) => (stderr += s) },
    });
    return { code, stdout, stderr };
  } finally {
    process.env.LANG = before;
  }
}

const MONTH = '2015-03';
const MONTHS = quarterMonths(MONTH, 'calendar');
const whole: RandomMonth = randomMonth(
  4242,
  36,
  MONTHS.filter((m) => m !== MONTH),
);
whole.records = randomRecords(4343, whole, MONTH);

/** Part k of n of the whole team: every n-th agent from the k-th, its inputs, quarter months and records (part 0 also the records of no agent). */
function part(k: number, parts: number): RandomMonth {
  const agents = whole.agents.filter((_, i) => i % parts === k);
  const ids = new Set(agents.map((a) => a.id.toUpperCase()));
  const known = new Set(whole.agents.map((a) => a.id.toUpperCase()));
  const pick = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).filter(([id]) => ids.has(id.toUpperCase())));
  return {
    agents,
    inputs: pick(whole.inputs),
    history: pick(whole.history),
    records: whole.records!.filter((r) => ids.has(r.id.toUpperCase()) || (k === 0 && !known.has(r.id.toUpperCase()))),
  };
}

async function writePart(rm: RandomMonth, file: string, lang: 'zh' | 'en') {
  const spec = buildWorkbook({
    month: MONTH,
    agents: rm.agents,
    inputs: rm.inputs,
    history: rm.history,
    records: rm.records,
    mode: 'plain',
    lang,
  });
  await writeWorkbookFile(spec, file);
  return file;
}

/** The engine's results for the whole team, built as one. */
const wholeResults = scoreMonth({
  month: MONTH,
  agents: whole.agents,
  inputs: whole.inputs,
  history: whole.history,
  quarterMonths: MONTHS,
  records: whole.records,
}).results;
const view = (r: (typeof wholeResults)[number]) => ({
  id: r.id,
  items: r.items,
  total: r.total,
  rank: r.rank,
  bottomRank: r.bottomRank,
  bottom: r.bottom,
  redLines: r.redLines,
  pay: r.pay,
  quarter: r.quarter,
  award: r.award,
  counts: r.counts,
});

describe('a month split between two and three workbooks, merged, is the whole team built as one', () => {
  const splits = [2, 3].map((parts) => ({ parts, files: [] as string[], out: '' }));

  beforeAll(async () => {
    for (const s of splits) {
      for (let k = 0; k < s.parts; k++)
        s.files.push(await writePart(part(k, s.parts), path.join(dir, `split${s.parts}-part${k}.xlsx`), k % 2 ? 'en' : 'zh'));
      s.out = out();
      const r = await cli(['merge', ...s.files, '--out', s.out]);
      expect(r).toMatchObject({ code: 0, stderr: '' });
      expect(r.stdout).toContain(`${whole.agents.length} agents`);
    }
  });

  test('each part alone ranks and averages over a part of the team (why a merge is needed)', async () => {
    const alone = await scoreWorkbookFile(splits[0].files[0]);
    const byId = new Map(wholeResults.map((r) => [r.id, r]));
    const differs = alone.results.filter((r) => r.rank !== byId.get(r.id)!.rank || r.items.S01 !== byId.get(r.id)!.items.S01);
    expect(differs.length).toBeGreaterThan(0);
  });

  test.each([2, 3])('%i workbooks: the engine scoring the merged file gives the whole team’s results', async (parts) => {
    const s = splits.find((x) => x.parts === parts)!;
    const report = await scoreWorkbookFile(s.out);
    expect(report.month).toBe(MONTH);
    const got = new Map(report.results.map((r) => [r.id, view(r)]));
    expect(got.size).toBe(whole.agents.length);
    for (const r of wholeResults) expect(got.get(r.id)).toEqual(view(r));
    // the rows that break a rule stay flagged (none lost, none added)
    const flaggedWhole = whole.records!.length;
    expect(report.records.filter((r) => r.id || r.code).length).toBe(
      flaggedWhole + Object.values(whole.inputs).flatMap((i) => Object.keys(i).filter(isSummedCode)).length,
    );
  });

  test('every record and agent names the workbook it came from (records and roster sheets)', async () => {
    const s = splits[1];
    const report = await scoreWorkbookFile(s.out);
    const names = s.files.map((f) => path.basename(f));
    expect(new Set(report.records.filter((r) => r.id || r.code).map((r) => r.source))).toEqual(new Set(names));
    // an agent's source is the part it was put in
    expect(report.results.map((r) => r.id)).toEqual(
      whole.agents
        .map((a) => a.id)
        .sort(
          (x, y) =>
            (whole.agents.findIndex((a) => a.id === x) % 3) - (whole.agents.findIndex((a) => a.id === y) % 3) ||
            whole.agents.findIndex((a) => a.id === x) - whole.agents.findIndex((a) => a.id === y),
        ),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(s.out);
    const roster = wb.getWorksheet(SHEET_NAMES.zh.roster)!;
    whole.agents.forEach((a, i) => {
      const row = [...Array(roster.rowCount).keys()].map((k) => roster.getRow(k + 1)).find((rw) => rw.getCell(1).value === a.id)!;
      expect(row.getCell(6).value).toBe(names[i % 3]);
    });
    expect(roster.getRow(2).getCell(6).value).toBe('来源工作簿');
  });

  test('HyperFormula on the merged workbook with =KPI.… formulas: every output cell = the whole team’s engine value', async () => {
    const books = await Promise.all(splits[1].files.map(readMonthBook));
    const spec = mergedWorkbook(mergeMonthBooks(books), { mode: 'kpi' }, { splitHistory, buildWorkbook, isSummedCode });
    const ev = evaluateSpec(spec);
    const expected = engineOutputs(spec, MONTHS, whole);
    expect(expected.length).toBeGreaterThan(whole.agents.length * 5);
    for (const e of expected) expectSame(plainValue(ev.get(e.sheet, e.address)), e.value, `${e.sheet}!${e.address} (${e.key})`);
  });

  describeWith('libreoffice', 'LibreOffice recalculates the merged plain workbooks', () => {
    test.each([2, 3])('%i workbooks: every output cell = the whole team’s engine value', async (parts) => {
      const s = splits.find((x) => x.parts === parts)!;
      const [recalculated] = recalcMany([s.out], path.join(dir, `lo-${parts}`));
      const books = await Promise.all(s.files.map(readMonthBook));
      const spec = mergedWorkbook(mergeMonthBooks(books), {}, { splitHistory, buildWorkbook, isSummedCode });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(recalculated);
      const expected = engineOutputs(spec, MONTHS, whole);
      expect(expected.length).toBeGreaterThan(whole.agents.length * 5);
      for (const e of expected)
        expectSame(cellResult(wb.getWorksheet(e.sheet)!.getCell(e.address)), e.value, `${e.sheet}!${e.address} (${e.key})`);
    });
  });
});

// ---------------- conflicts ----------------

const A: Agent[] = [
  { id: 'E01', name: 'Ann', role: 'pre-sales', group: 'G1' },
  { id: 'E02', name: 'Bo', role: 'after-sales', group: 'G1' },
];
const B: Agent[] = [
  { id: 'E03', name: 'Cai', role: 'pre-sales', group: 'G2' },
  { id: 'E04', name: 'Dee', role: 'after-sales', group: 'G2' },
];
const INPUTS = {
  E01: { EX: 80, A01: 1 },
  E02: { S01: 30, S02: 'AAB', S03: 'A', S06: 'B' },
  E03: { EX: 70 },
  E04: { S01: 50, S02: 'BB', S03: 'B', S06: 'B' },
};
async function book(
  name: string,
  agents: Agent[],
  o: { month?: string; inputs?: Record<string, Record<string, number | string>>; rules?: typeof DEFAULT_RULES; records?: KpiRecord[] } = {},
) {
  const inputs = o.inputs ?? INPUTS;
  const spec = buildWorkbook({
    month: o.month ?? '2015-01',
    agents,
    inputs: Object.fromEntries(Object.entries(inputs).filter(([id]) => agents.some((a) => a.id === id))),
    rules: o.rules,
    records: o.records,
    mode: 'plain',
  });
  const f = path.join(dir, name);
  await writeWorkbookFile(spec, f, { force: true });
  return f;
}

describe('conflicts are refused naming both workbooks and the cells; --prefer resolves them', () => {
  test('the same agent with different inputs in two files; --prefer FILE takes that file’s', async () => {
    const a = await book('a.xlsx', A);
    const b = await book('b.xlsx', [...B, A[0]], { inputs: { ...INPUTS, E01: { EX: 95, A01: 1 } } });
    const o = out();
    const r = await cli(['merge', a, b, '--out', o]);
    expect(r.code).toBe(1);
    expect(fs.existsSync(o)).toBe(false);
    // the written test sheet (the workbooks are in Chinese): E01 is a.xlsx's first pre-sales agent, b.xlsx's second
    expect(r.stderr).toMatch(/E01 EX: 80 in \S*a\.xlsx 笔试!D4 but 95 in \S*b\.xlsx 笔试!D5/);
    expect(r.stderr).toContain('--prefer');
    const zh = await cli(['merge', a, b, '--out', o], 'zh_CN.UTF-8');
    expect(zh.stderr).toMatch(/E01 EX:\S*a\.xlsx 笔试!D4 为 80,\S*b\.xlsx 笔试!D5 为 95/);

    const ok = await cli(['merge', a, b, '--out', o, '--prefer', b]);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toContain(`${b} preferred: 1 conflict resolved`);
    const rep = await scoreWorkbookFile(o);
    expect(rep.results.find((x) => x.id === 'E01')!.items.EX).toBe(95);
  });

  test('the cells named are where the values are (worked by hand)', async () => {
    const a = await book('cells-a.xlsx', A);
    const b = await book('cells-b.xlsx', [...B, A[0]], { inputs: { ...INPUTS, E01: { EX: 95 } } });
    const books = [await readMonthBook(a), await readMonthBook(b)];
    const cellA = books[0].inputs.E01.EX;
    const cellB = books[1].inputs.E01.EX;
    const wa = new ExcelJS.Workbook();
    await wa.xlsx.readFile(a);
    const wbB = new ExcelJS.Workbook();
    await wbB.xlsx.readFile(b);
    expect(wa.getWorksheet(cellA.sheet)!.getCell(cellA.cell).value).toBe(80);
    expect(wbB.getWorksheet(cellB.sheet)!.getCell(cellB.cell).value).toBe(95);
    let msg = '';
    try {
      mergeMonthBooks(books);
    } catch (e) {
      msg = (e as Error & { list(l: string): string[] }).list('en').join('\n');
    }
    expect(msg).toContain(`E01 EX: 80 in ${a} ${cellA.sheet}!${cellA.cell} but 95 in ${b} ${cellB.sheet}!${cellB.cell}`);
  });

  test('different months are never merged, --prefer or not: refused alone, naming both files and months, nothing written', async () => {
    // February's workbook shares E01 and E02 with January's, with other inputs: conflicts that only follow from the months
    const a = await book('jan.xlsx', A);
    const b = await book('feb.xlsx', [...A, ...B], { month: '2015-02', inputs: { ...INPUTS, E01: { EX: 60, A01: 3 }, E02: { S01: 12 } } });
    for (const prefer of [[], ['--prefer', a], ['--prefer', b]]) {
      for (const lang of ['en_US.UTF-8', 'zh_CN.UTF-8']) {
        const o = out();
        const r = await cli(['merge', a, b, '--out', o, ...prefer], lang);
        expect(r.code).toBe(1);
        expect(fs.existsSync(o)).toBe(false);
        // one line: the months, no conflict of inputs listed, no --prefer offered
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stderr).not.toContain('--prefer');
        expect(r.stderr).not.toMatch(/E0\d/);
        if (lang.startsWith('en'))
          expect(r.stderr).toMatch(
            /^kpi-forms: not merged: \S*jan\.xlsx 规则!C\d+ is the month 2015-01, \S*feb\.xlsx 规则!C\d+ the month 2015-02; workbooks of different months are never merged/,
          );
        else
          expect(r.stderr).toMatch(
            /^kpi-forms: 未合并:\S*jan\.xlsx 规则!C\d+ 的月份为 2015-01,\S*feb\.xlsx 规则!C\d+ 的月份为 2015-02;不同月份的工作簿不能合并/,
          );
      }
    }
    // the cell named holds the month (KPI_MONTH's cell, worked by reading the file)
    const cell = /jan\.xlsx 规则!(C\d+)/.exec((await cli(['merge', a, b, '--out', out()])).stderr)![1];
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(a);
    expect(String(wb.getWorksheet('规则')!.getCell(cell).text)).toMatch(/2015/);
  });

  test('a roster conflict names the cell of the field that differs: name in B, kind in C, group in D, leader in E', async () => {
    const a = await book('ros-a.xlsx', [
      { ...A[0], leader: 'Li' },
      { ...A[1], leader: 'Li' },
    ]);
    // b.xlsx: E03, E04 first, then E01 (row 5) named Jim, and E02 (row 6) of another kind, group and leader
    const b = await book('ros-b.xlsx', [
      ...B,
      { ...A[0], name: 'Jim', leader: 'Li' },
      { id: 'E02', name: 'Bo', role: 'pre-sales', group: 'G9', leader: 'Wu' },
    ]);
    const r = await cli(['merge', a, b, '--out', out()]);
    expect(r.code).toBe(1);
    // the kinds in Chinese as the Chinese roster writes them
    expect((await cli(['merge', a, b, '--out', out()], 'zh_CN.UTF-8')).stderr).toContain(
      `E02:岗位在 ${a} 花名册!C4 为 "售后",在 ${b} 花名册!C6 为 "售前";`,
    );
    const lines = r.stderr.trim().split('\n').slice(1);
    const cells = await Promise.all(
      [a, b].map(async (f) => {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(f);
        return wb.getWorksheet('花名册')!;
      }),
    );
    const want = [
      ['E01', 'name', 'B3', 'B5', 'Ann', 'Jim'],
      ['E02', 'kind', 'C4', 'C6', '售后', '售前'],
      ['E02', 'group', 'D4', 'D6', 'G1', 'G9'],
      ['E02', 'leader', 'E4', 'E6', 'Li', 'Wu'],
    ];
    expect(lines).toHaveLength(want.length);
    want.forEach(([id, field, ca, cb, va, vb], i) => {
      expect(lines[i]).toContain(`${id}: ${field} `);
      expect(lines[i]).toContain(`in ${a} 花名册!${ca},`);
      expect(lines[i]).toContain(`in ${b} 花名册!${cb};`);
      // the cells named hold the values that differ
      expect(String(cells[0].getCell(ca).text)).toContain(va);
      expect(String(cells[1].getCell(cb).text)).toContain(vb);
    });
  });

  test('the refusal: a headline counting the conflicts, then each conflict once (not the headline again, not "in the same file")', async () => {
    const a = await book('head-a.xlsx', A);
    const b = await book('head-b.xlsx', [...B, ...A], { inputs: { ...INPUTS, E01: { EX: 95, A01: 1 }, E02: { ...INPUTS.E02, S01: 31 } } });
    for (const [lang, head, item] of [
      [
        'en_US.UTF-8',
        /^kpi-forms: not merged: 2 conflicts between the workbooks \(\S*head-a\.xlsx, \S*head-b\.xlsx\); nothing was written/,
        'E01 EX:',
      ],
      ['zh_CN.UTF-8', /^kpi-forms: 未合并:工作簿 \(\S*head-a\.xlsx、\S*head-b\.xlsx\) 之间有 2 处冲突;未写入任何内容/, 'E01 EX:'],
    ] as const) {
      const r = await cli(['merge', a, b, '--out', out()], lang);
      const lines = r.stderr.trim().split('\n');
      expect(lines[0]).toMatch(head);
      expect(r.stderr).not.toMatch(/same file|同一文件/);
      expect(lines.slice(1)).toHaveLength(2);
      expect(lines[1]).toMatch(new RegExp(`^  - ${item}`));
      expect(lines[2]).toMatch(/^ {2}- E02 S01/);
    }
  });

  test('one workbook merged: "1 workbook", "1 record" in the singular', async () => {
    const a = await book('one.xlsx', [A[0]], { inputs: { E01: { EX: 80, A01: 1 } } });
    const r = await cli(['merge', a, '--out', out()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(': department month 2015-01, 1 workbook, 1 agent (1 pre-sales, 0 after-sales); 1 record;');
  });

  test('different rules sheets: refused naming the rule, both files and cells', async () => {
    const a = await book('rules-a.xlsx', A);
    const b = await book('rules-b.xlsx', B, { rules: { ...DEFAULT_RULES, points: { ...DEFAULT_RULES.points, A01: 3 } } });
    const r = await cli(['merge', a, b, '--out', out()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the rule PTS_A01 is 2 in \S*rules-a\.xlsx 规则!C4 but 3 in \S*rules-b\.xlsx 规则!C4/);
    const o = out();
    expect((await cli(['merge', a, b, '--out', o, '--prefer', b])).code).toBe(0);
    expect((await scoreWorkbookFile(o)).rules.points.A01).toBe(3);
  });

  test('the same agent’s records differ: refused saying in which field, or which rows each has that the other has not', async () => {
    const a = await book('rec-a.xlsx', A);
    const b = await book('rec-b.xlsx', [...B, A[0]], { inputs: { ...INPUTS, E01: { EX: 80, A01: 2 } } });
    const r = await cli(['merge', a, b, '--out', out()]);
    expect(r.code).toBe(1);
    // E01's A01 count, typed on the form, is a month-level record on row 4 of each records sheet: 1 in one, 2 in the other
    expect(r.stderr).toContain(`E01 A01: the record in ${a} 考核记录 row 4 has count 1, the one in ${b} 考核记录 row 4 count 2;`);
    const zh = await cli(['merge', a, b, '--out', out()], 'zh_CN.UTF-8');
    expect(zh.stderr).toContain(`E01 A01:${a} 考核记录 第 4 行的记录次数为 1,${b} 考核记录 第 4 行的记录次数为 2;`);

    // dated records: c.xlsx has the two of d.xlsx (in another order) and one more, and one with other evidence
    const rec = (date: string, evidence: string): KpiRecord => ({ date, id: 'E01', code: 'A01', count: 1, evidence, by: '', status: '' });
    const c = await book('rec-c.xlsx', A, {
      inputs: { E01: { EX: 80 } },
      records: [rec('2015-01-05', 'call 1'), rec('2015-01-06', 'call 2'), rec('2015-01-07', 'call 3'), rec('2015-01-08', 'call 4')],
    });
    const d = await book('rec-d.xlsx', A, {
      inputs: { E01: { EX: 80 } },
      records: [rec('2015-01-06', 'call 2'), rec('2015-01-05', 'call 1'), rec('2015-01-08', 'call 9')],
    });
    const r2 = await cli(['merge', c, d, '--out', out()]);
    // rows 4–7 of c.xlsx hold its four records; rows 6 (call 3) and 7 (call 4) are not in d.xlsx, d.xlsx's row 6 (call 9) not in c.xlsx
    expect(r2.stderr).toContain(
      `E01 A01: the records differ: 2 records in ${c} 考核记录 (rows 6–7) not in ${d}, 1 record in ${d} 考核记录 (row 6) not in ${c};`,
    );
    const d2 = await book('rec-d2.xlsx', A, { inputs: { E01: { EX: 80 } }, records: [rec('2015-01-05', 'call 1')] });
    const r3 = await cli(['merge', d2, c, '--out', out()]);
    expect(r3.stderr).toContain(
      `E01 A01: the records differ: every record in ${d2} is also in ${c}, 3 records in ${c} 考核记录 (rows 5–7) not in ${d2};`,
    );
    // the one with other evidence alone: the fields that differ
    const e = await book('rec-e.xlsx', A, {
      inputs: { E01: { EX: 80 } },
      records: [rec('2015-01-05', 'call 1'), rec('2015-01-06', 'call 2'), rec('2015-01-07', 'call 3'), rec('2015-01-09', 'call 5')],
    });
    const r4 = await cli(['merge', c, e, '--out', out()]);
    expect(r4.stderr).toContain(
      `E01 A01: the record in ${c} 考核记录 row 7 has date "2015-01-08" and evidence "call 4", the one in ${e} 考核记录 row 7 date "2015-01-09" and evidence "call 5";`,
    );
  });

  test('the same workbook twice, or a copy of it, is no conflict: the month is that workbook’s', async () => {
    const a = await book('twice.xlsx', [...A, ...B]);
    const copy = path.join(dir, 'twice-copy.xlsx');
    fs.copyFileSync(a, copy);
    for (const files of [
      [a, a],
      [a, copy],
    ]) {
      const o = out();
      const r = await cli(['merge', ...files, '--out', o]);
      expect(r.code).toBe(0);
      const [got, alone] = [await scoreWorkbookFile(o), await scoreWorkbookFile(a)];
      expect(got.results.map(view)).toEqual(alone.results.map(view));
    }
    expect((await cli(['merge', a, a, '--out', out()])).stderr).toContain(`${a} given twice: read once`);
  });

  test('an agent only on one workbook’s roster (no inputs there) does not disagree', async () => {
    const a = await book('roster-only-a.xlsx', [...A, ...B], { inputs: { E01: INPUTS.E01, E02: INPUTS.E02 } });
    const b = await book('roster-only-b.xlsx', B);
    const o = out();
    const r = await cli(['merge', a, b, '--out', o]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const rep = await scoreWorkbookFile(o);
    expect(rep.results.find((x) => x.id === 'E03')!.items.EX).toBe(70);
  });

  test('the output is never half-written and never replaced without --force', async () => {
    const a = await book('force-a.xlsx', A);
    const b = await book('force-b.xlsx', B);
    const o = out();
    fs.writeFileSync(o, 'keep');
    const r = await cli(['merge', a, b, '--out', o]);
    expect(r.code).toBe(1);
    expect(fs.readFileSync(o, 'utf8')).toBe('keep');
    expect((await cli(['merge', a, b, '--out', o, '--force'])).code).toBe(0);
    expect((await scoreWorkbookFile(o)).results).toHaveLength(4);
    expect(fs.readdirSync(path.dirname(o)).filter((f) => f.startsWith(path.basename(o)) && f !== path.basename(o))).toEqual([]);
  });

  test('--prefer must be one of the workbooks', async () => {
    const a = await book('p-a.xlsx', A);
    const r = await cli(['merge', a, '--out', out(), '--prefer', 'nope.xlsx']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--prefer nope.xlsx is not one of the workbooks merged');
  });
});

describe('scale', () => {
  test('10 workbooks × 50 agents merge into a 500-agent workbook within Excel’s limits', async () => {
    const files: string[] = [];
    for (let k = 0; k < 10; k++) {
      const rm = randomMonth(700 + k, 50, []);
      rm.records = randomRecords(800 + k, rm, '2015-01', 2).filter((r) => rm.agents.some((a) => a.id === r.id));
      const spec = buildWorkbook({ month: '2015-01', agents: rm.agents, inputs: rm.inputs, records: rm.records, mode: 'plain' });
      files.push(path.join(dir, `big-${k}.xlsx`));
      await writeWorkbookFile(spec, files[k], { force: true });
    }
    const merged = mergeMonthBooks(await Promise.all(files.map(readMonthBook)));
    expect(merged.agents).toHaveLength(500);
    for (const mode of ['plain', 'kpi'] as const) {
      const spec = mergedWorkbook(merged, { mode }, { splitHistory, buildWorkbook, isSummedCode });
      expect(checkLimits(limitsViewOfSpec(spec))).toEqual([]);
    }
  }, 120_000);
});

describe('merge messages in both languages', () => {
  const samples: Array<[keyof typeof MERGE, Record<string, unknown>]> = [
    ['refused', { n: 2, files: ['a.xlsx', 'b.xlsx'] }],
    ['refusedPane', { n: 1, file: 'b.xlsx' }],
    ['month', { a: 'a.xlsx', aCell: '规则!C40', aMonth: '2015-01', b: 'b.xlsx', bCell: 'Rules!C40', bMonth: '2015-02' }],
    ['rule', { name: 'PTS_A01', a: 'a.xlsx', aCell: '规则!C5', aValue: '2', b: 'b.xlsx', bCell: '规则!C5', bValue: '3' }],
    ...(['name', 'role', 'group', 'leader'] as const).map((field): [keyof typeof MERGE, Record<string, unknown>] => [
      'roster',
      { id: 'E01', field, a: 'a.xlsx', aCell: '花名册!B3', aValue: '"Ann"', b: 'b.xlsx', bCell: '花名册!B5', bValue: '"Anne"' },
    ]),
    ['input', { id: 'E01', code: 'EX', a: 'a.xlsx', aCell: '笔试!C4', aValue: '80', b: 'b.xlsx', bCell: '笔试!C6', bValue: '95' }],
    ...[
      { aRows: '4–6', aN: 3, bRows: '9', bN: 1, fields: [], aValues: [], bValues: [] },
      { aRows: '', aN: 0, bRows: '9', bN: 1, fields: [], aValues: [], bValues: [] },
      { aRows: '4', aN: 1, bRows: '9', bN: 1, fields: ['date', 'count'], aValues: ['"2015-01-05"', '1'], bValues: ['"2015-01-06"', '2'] },
    ].map((r): [keyof typeof MERGE, Record<string, unknown>] => [
      'records',
      { id: 'E01', code: 'A01', a: 'a.xlsx', aSheet: '考核记录', b: 'b.xlsx', bSheet: '考核记录', ...r },
    ]),
    ['preferred', { file: 'b.xlsx', n: 2 }],
    ['twice', { file: 'a.xlsx' }],
    ['preferNotGiven', { file: 'c.xlsx', files: ['a.xlsx', 'b.xlsx'] }],
    ['merged', { out: 'dept.xlsx', month: '2015-01', files: 3, agents: 80, pre: 40, after: 40, records: 900 }],
  ];
  test('every merge message has a sample here', () => {
    expect([...new Set(samples.map(([k]) => k))].sort()).toEqual(Object.keys(MERGE).sort());
  });
  test.each(samples)('%s: Chinese without English words, English without Chinese', (key, p) => {
    const m = MERGE[key] as unknown as { zh: (p: unknown) => string; en: (p: unknown) => string };
    const values = Object.values(p).flatMap((v) => (Array.isArray(v) ? v.map(String) : [String(v)]));
    expect(englishIn(m.zh(p), p as never, [...KEPT_AS_IS, '--prefer', 'S01', 'D16'])).toEqual([]);
    let en = m.en(p);
    for (const v of values) en = en.split(v).join(' ');
    expect(en.match(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+/g)).toBeNull();
  });
});

describe('group leaders from the roster (its optional leader column)', () => {
  const { rosterFromRows, csvRows } = jest.requireActual('../src/io/records') as typeof import('../src/io/records');
  test('the leader named on any row of a group is the group’s; two leaders of one group are refused naming both rows', () => {
    const csv = 'employee_id,name,role,group,leader\nE01,Ann,pre-sales,G1,\nE02,Bo,after-sales,G1,李娜\nE03,Cai,pre-sales,G2,\n';
    const agents = rosterFromRows(csvRows(csv, 'r.csv'), 'r.csv');
    expect(agents.map((a) => [a.id, a.leader])).toEqual([
      ['E01', '李娜'],
      ['E02', '李娜'],
      ['E03', undefined],
    ]);
    const two = csv + 'E04,Dee,pre-sales,G1,王芳\n';
    expect(() => rosterFromRows(csvRows(two, 'r.csv'), 'r.csv')).toThrow(
      'r.csv row 5: the leader of group "G1" is "王芳" here but "李娜" on row 3; a group has one leader',
    );
  });
});

/**
 * "Add another supervisor's workbook" on the strict fake Excel (issue 11, D16): the open workbook holds one
 * supervisor's half of an 80-agent month, the other half comes as an .xlsx file; the merge writes the department's
 * month in 2 context.syncs, every request under Excel on the web's 5 MB, and every output cell of the merged
 * workbook — the fake's cells evaluated by HyperFormula — equals the engine's value for the whole team built as one.
 * A conflict is refused naming both workbooks and the cells, nothing written; choosing a side resolves it; the
 * same workbook twice adds nobody.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { MonthBook } from '../../src/core/merge';
import { Problem } from '../../src/core/problem';
import { isSummedCode } from '../../src/core/records';
import { mergeIntoWorkbook } from '../../src/office/merge';
import { checkSupport } from '../../src/office/requirements';
import { insertIntoWorkbook, requestBudgetFor } from '../../src/office/writer';
import { SHEET_NAMES } from '../../src/templates/i18n';
import { Agent, WorkbookSpec } from '../../src/templates/model';
import { RECORD_COLS, RECORDS_FIRST_ROW } from '../../src/templates/sheets/records';
import { ROSTER_COLS } from '../../src/templates/sheets/roster';
import { buildWorkbook, quarterMonths } from '../../src/templates/workbook';
import { readMonthBook } from '../../src/xlsx/month-book';
import { writeWorkbookFile } from '../../src/xlsx/writer';
import { engineOutputs, expectSame } from '../helpers/compare';
import { FakeWorkbook, HOSTS, WEB_REQUEST_LIMIT } from '../helpers/fakeExcel';
import { isSetSupported } from '../helpers/fake-excel/hosts';
import { evaluateSpec, plainValue } from '../helpers/hf';
import { RandomMonth, randomMonth } from '../helpers/random';
import { randomRecords } from '../helpers/random-records';

jest.setTimeout(120000);

const web = HOSTS.web;
const features = checkSupport((set, v) => isSetSupported(web, set, v)).features;
const budget = requestBudgetFor(web.platform);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-pane-merge-'));

const MONTH = '2015-03';
const MONTHS = quarterMonths(MONTH, 'calendar');
const whole: RandomMonth = randomMonth(
  5151,
  80,
  MONTHS.filter((m) => m !== MONTH),
);
whole.records = randomRecords(5252, whole, MONTH);

/** Every other agent from the k-th, with its inputs, quarter months and records (ids as Excel compares them; part 0 also the records of no agent). */
function part(k: number): RandomMonth {
  const ids = new Set(whole.agents.filter((_, i) => i % 2 === k).map((a) => a.id.toUpperCase()));
  const known = new Set(whole.agents.map((a) => a.id.toUpperCase()));
  const pick = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).filter(([id]) => ids.has(id.toUpperCase())));
  return {
    agents: whole.agents.filter((a) => ids.has(a.id.toUpperCase())),
    inputs: pick(whole.inputs),
    history: pick(whole.history),
    records: whole.records!.filter((r) => ids.has(r.id.toUpperCase()) || (k === 0 && !known.has(r.id.toUpperCase()))),
  };
}

/** The records a month holds: its records and each typed count as a month-level record (D12). */
const recordsOf = (rm: RandomMonth) =>
  rm.records!.length + Object.values(rm.inputs).flatMap((i) => Object.keys(i).filter(isSummedCode)).length;

/** A fake Excel on the web holding `rm` as a month workbook inserted by the pane. */
async function openWorkbook(rm: RandomMonth, lang: 'zh' | 'en', mode: 'kpi' | 'plain' = 'kpi', month = MONTH) {
  const wb = new FakeWorkbook(undefined, web);
  const spec = buildWorkbook({ month, agents: rm.agents, inputs: rm.inputs, history: rm.history, records: rm.records, lang, mode });
  await insertIntoWorkbook(spec, { run: wb.run, features, requestBudget: budget });
  return wb;
}

/** `rm` as an .xlsx file read as the merge takes it (the CLI's reader: another way than the pane's, the same MonthBook). */
async function fileBook(rm: RandomMonth, name: string, lang: 'zh' | 'en', month = MONTH): Promise<MonthBook> {
  const f = path.join(dir, name);
  const spec = buildWorkbook({
    month,
    agents: rm.agents,
    inputs: rm.inputs,
    history: rm.history,
    records: rm.records,
    lang,
    mode: 'plain',
  });
  await writeWorkbookFile(spec, f, { force: true });
  return { ...(await readMonthBook(f)), file: name };
}

/** The fake workbook's cells and names as a spec HyperFormula evaluates (what the writer left, not what it meant to). */
function specOfFake(wb: FakeWorkbook, like: WorkbookSpec): WorkbookSpec {
  return {
    ...like,
    sheets: wb.sheetNames.map((name) => ({
      ...like.sheets[0],
      name,
      cells: [...wb.sheet(name)!.cells].map(([address, c]) =>
        c.formula !== undefined
          ? { address, style: 'text' as const, formula: c.formula.replace(/^=/, '') }
          : { address, style: 'text' as const, value: c.value ?? undefined },
      ),
    })),
    names: [...wb.names.values()].map((n) => ({ name: n.name, ref: n.ref })),
  };
}

describe('an 80-agent month from two supervisors’ workbooks, merged in the pane', () => {
  let wb: FakeWorkbook;
  let r: Awaited<ReturnType<typeof mergeIntoWorkbook>>;
  let before: number;
  beforeAll(async () => {
    wb = await openWorkbook(part(0), 'zh');
    before = wb.stats.payloads.length;
    const other = await fileBook(part(1), 'after-sales-team.xlsx', 'en');
    r = await mergeIntoWorkbook(other, { run: wb.run, thisName: 'dept.xlsx', lang: 'zh', features, requestBudget: budget });
  });

  test('two context.syncs, each request under 5 MB (Excel on the web)', () => {
    expect(r.syncs).toBe(2);
    const payloads = wb.stats.payloads.slice(before);
    expect(payloads).toHaveLength(2);
    for (const p of payloads) expect(p).toBeLessThan(WEB_REQUEST_LIMIT);
  });

  test('the other workbook’s 40 agents are added, in its order; nobody else', () => {
    expect(r.added.map((a) => a.id)).toEqual(part(1).agents.map((a) => a.id));
    expect(r.agents).toBe(80);
    expect(r.records).toBe(recordsOf(whole));
    expect(r.files).toEqual(['dept.xlsx', 'after-sales-team.xlsx']);
  });

  test('every output cell of the merged workbook (HyperFormula on the fake’s cells) = the engine on the whole team built as one', () => {
    const spec = r.insert.spec;
    const ev = evaluateSpec(specOfFake(wb, spec));
    const expected = engineOutputs(spec, MONTHS, whole);
    expect(expected.length).toBeGreaterThan(80 * 5);
    for (const e of expected) expectSame(plainValue(ev.get(e.sheet, e.address)), e.value, `${e.sheet}!${e.address} (${e.key})`);
  });

  test('the roster and the records name the workbook each came from', () => {
    const roster = wb.sheet(SHEET_NAMES.zh.roster)!;
    const sourceOf = (a: Agent) => {
      const row = [...roster.cells].find(([addr, c]) => /^A\d+$/.test(addr) && c.value === a.id)![0].slice(1);
      return roster.cells.get(`F${row}`)?.value;
    };
    expect(ROSTER_COLS.source).toBe(6);
    for (const a of part(0).agents) expect(sourceOf(a)).toBe('dept.xlsx');
    for (const a of part(1).agents) expect(sourceOf(a)).toBe('after-sales-team.xlsx');
    const rec = wb.sheet(SHEET_NAMES.zh.records)!;
    const ids1 = new Set(part(1).agents.map((a) => a.id.toUpperCase()));
    let n = 0;
    for (let row = RECORDS_FIRST_ROW; rec.cells.get(`B${row}`)?.value; row++, n++) {
      const id = String(rec.cells.get(`B${row}`)!.value);
      expect([id, rec.cells.get(`L${row}`)?.value]).toEqual([id, ids1.has(id.toUpperCase()) ? 'after-sales-team.xlsx' : 'dept.xlsx']);
    }
    expect(RECORD_COLS.source).toBe(12);
    expect(n).toBe(recordsOf(whole));
  });
});

test('the whole 80-agent month merged into itself: this workbook read by Office.js agrees with the file read by the CLI in every input, record, rule and roster cell', async () => {
  const wb = await openWorkbook(whole, 'en', 'plain');
  const same = await fileBook(whole, 'copy.xlsx', 'zh');
  const r = await mergeIntoWorkbook(same, { run: wb.run, thisName: 'dept.xlsx', lang: 'en', features, requestBudget: budget });
  expect([r.added, r.notes, r.agents, r.records, r.syncs]).toEqual([[], [], 80, recordsOf(whole), 2]);
});

describe('conflicts, choices and the same workbook twice', () => {
  const A: Agent[] = [
    { id: 'E01', name: 'Ann', role: 'pre-sales', group: 'G1' },
    { id: 'E02', name: 'Bo', role: 'after-sales', group: 'G1' },
  ];
  const B: Agent[] = [
    { id: 'E03', name: 'Cai', role: 'pre-sales', group: 'G2' },
    { id: 'E04', name: 'Dee', role: 'after-sales', group: 'G2' },
  ];
  const inputs = {
    E01: { EX: 80 },
    E02: { S01: 30, S02: 'AAB', S03: 'A', S06: 'B' },
    E03: { EX: 70 },
    E04: { S01: 50, S02: 'BB', S03: 'B', S06: 'B' },
  };
  const month = (agents: Agent[], over: Record<string, Record<string, number | string>> = {}): RandomMonth => ({
    agents,
    inputs: Object.fromEntries(Object.entries({ ...inputs, ...over }).filter(([id]) => agents.some((a) => a.id === id))),
    history: {},
    records: [],
  });

  test('the same agent with different inputs: refused naming both workbooks and cells, nothing written; choosing one resolves it', async () => {
    const wb = await openWorkbook(month(A), 'zh', 'plain', '2015-01');
    const other = await fileBook(month([...B, A[0]], { E01: { EX: 95 } }), 'b.xlsx', 'zh', '2015-01');
    const syncs = wb.stats.syncs;
    const ops = wb.log.length;
    const opts = { run: wb.run, thisName: 'a.xlsx', lang: 'zh' as const, features, requestBudget: budget };
    const e = await mergeIntoWorkbook(other, opts).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(Problem);
    const p = e as Problem;
    expect(p.code).toBe('merge.refusedPane');
    expect(p.in('en')).toMatch(/^not merged: 1 conflict between this workbook and b\.xlsx; nothing was changed/);
    // E01 is a.xlsx's first pre-sales agent (笔试!D4), b.xlsx's second (D5)
    expect(p.all.slice(1).map((m) => m.one('en'))).toEqual([
      'E01 EX: 80 in a.xlsx 笔试!D4 but 95 in b.xlsx 笔试!D5; the same agent has different inputs in two workbooks',
    ]);
    expect(p.all[1].one('zh')).toBe('E01 EX:a.xlsx 笔试!D4 为 80,b.xlsx 笔试!D5 为 95;同一员工在两个工作簿中的输入不同');
    // one read, no write
    expect(wb.stats.syncs - syncs).toBe(1);
    expect(wb.log.slice(ops).filter((op) => !/load|get/i.test(op))).toEqual([]);
    expect(wb.sheet('笔试')!.cells.get('D4')!.value).toBe(80);

    const kept = await mergeIntoWorkbook(other, { ...opts, prefer: 'this' });
    expect(kept.notes.map((n) => n.in('en'))).toEqual(['a.xlsx preferred: 1 conflict resolved with its values']);
    expect(wb.sheet('笔试')!.cells.get('D4')!.value).toBe(80);
    const taken = await mergeIntoWorkbook(other, { ...opts, prefer: 'other' });
    expect(taken.added).toEqual([]);
    expect(taken.insert.replaced).toHaveLength(9);
    expect(wb.sheet('笔试')!.cells.get('D4')!.value).toBe(95);
  });

  test('another month is never merged, whichever workbook is chosen to win: refused alone naming both workbooks and months, nothing written', async () => {
    const wb = await openWorkbook(month(A), 'zh', 'plain', '2015-01');
    // February's workbook has E01 too, with another input: no conflict of inputs is listed, only the months
    const other = await fileBook(month([...B, A[0]], { E01: { EX: 95 } }), 'feb.xlsx', 'zh', '2015-02');
    for (const prefer of [undefined, 'this', 'other'] as const) {
      const [syncs, ops] = [wb.stats.syncs, wb.log.length];
      const e = (await mergeIntoWorkbook(other, { run: wb.run, thisName: 'a.xlsx', lang: 'zh', features, prefer }).catch(
        (x: unknown) => x,
      )) as Problem;
      expect(e).toBeInstanceOf(Problem);
      expect(e.code).toBe('merge.month');
      expect(e.all).toHaveLength(1);
      expect(e.in('en')).toBe(
        "not merged: a.xlsx 规则!C77 is the month 2015-01, feb.xlsx 规则!C77 the month 2015-02; workbooks of different months are never merged (D16), nothing was written: merge each month's workbooks on their own",
      );
      // one read, no write
      expect(wb.stats.syncs - syncs).toBe(1);
      expect(wb.log.slice(ops).filter((op) => !/load|get/i.test(op))).toEqual([]);
    }
    expect(wb.sheet('笔试')!.cells.get('D4')!.value).toBe(80);
  });

  test('the same workbook merged into itself adds nobody and changes no result', async () => {
    const wb = await openWorkbook(month([...A, ...B]), 'en', 'plain', '2015-01');
    const same = await fileBook(month([...A, ...B]), 'copy.xlsx', 'en', '2015-01');
    const r = await mergeIntoWorkbook(same, { run: wb.run, thisName: 'a.xlsx', lang: 'en', features });
    expect(r.added).toEqual([]);
    expect(r.agents).toBe(4);
    expect(r.notes).toEqual([]);
    expect(r.syncs).toBe(2);
  });

  test('a workbook in the other language than the pane expected: one more read finds its sheets', async () => {
    const wb = await openWorkbook(month(A), 'en', 'plain', '2015-01');
    const other = await fileBook(month(B), 'b.xlsx', 'zh', '2015-01');
    const r = await mergeIntoWorkbook(other, { run: wb.run, thisName: 'a.xlsx', lang: 'zh', features });
    expect(r.added.map((a) => a.id)).toEqual(['E03', 'E04']);
    expect(r.insert.spec.lang).toBe('en');
    expect(r.syncs).toBe(4);
  });

  test('a workbook without the month’s rules is not merged into', async () => {
    const wb = new FakeWorkbook(undefined, web);
    const other = await fileBook(month(B), 'b.xlsx', 'zh', '2015-01');
    const e = (await mergeIntoWorkbook(other, { run: wb.run, thisName: 'Book1', lang: 'zh', features }).catch(
      (x: unknown) => x,
    )) as Problem;
    expect(e.code).toBe('merge.notMonth');
    expect(e.in('en')).toMatch(/^Book1 is not a month's workbook of the KPI forms \(it has no KPI_MONTH\)/);
  });
});

/**
 * The summary's group views (issue 11): per kind and group (组) its leader, agents, agents scored, the average of
 * their totals and its spread (population standard deviation), as formulas. The figures LibreOffice recalculates
 * (plain .xlsx) and HyperFormula evaluates (=KPI.… workbook) equal figures worked here from the engine's totals;
 * the agents by group are under an AutoFilter in the .xlsx file and in the Office.js insertion (ExcelApi 1.9, gated),
 * usable on the protected sheet.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { scoreMonth } from '../../src/core/engine';
import { INCOMPLETE } from '../../src/core/rules';
import { checkSupport } from '../../src/office/requirements';
import { insertIntoWorkbook } from '../../src/office/writer';
import { Agent, SheetSpec, WorkbookSpec } from '../../src/templates/model';
import { buildWorkbook, quarterMonths } from '../../src/templates/workbook';
import { writeWorkbookFile } from '../../src/xlsx/writer';
import { cellResult, expectSame } from '../helpers/compare';
import { FakeWorkbook } from '../helpers/fakeExcel';
import { evaluateSpec, plainValue } from '../helpers/hf';
import { describeWith, recalcMany } from '../helpers/oracles';
import { randomMonth } from '../helpers/random';

const MONTH = '2015-03';
const MONTHS = quarterMonths(MONTH, 'calendar');
const GROUPS = ['一组', '二组', 'G3', 'All out', ''];
const LEADERS: Record<string, string | undefined> = {
  一组: '张组长',
  二组: '李组长',
  G3: 'Becky Lee',
  'All out': undefined,
  '': undefined,
};

/** 30 agents over five groups (one unnamed, one whose pre-sales agents all lack the written test: nobody scored). */
const rm = randomMonth(1111, 30, MONTHS.slice(0, 2));
rm.agents.forEach((a: Agent, i) => {
  a.group = GROUPS[i % GROUPS.length];
  const leader = LEADERS[a.group];
  if (leader) a.leader = leader;
  else delete a.leader;
  if (a.group === 'All out' && a.role === 'pre-sales') delete rm.inputs[a.id].EX;
});

const ROLE_WORDS = { zh: { 'pre-sales': '售前', 'after-sales': '售后' }, en: { 'pre-sales': 'pre-sales', 'after-sales': 'after-sales' } };
const NO_GROUP = { zh: '(无)', en: '(none)' };

/** Per kind and group, from the engine's totals: agents, scored (numeric totals), mean and population SD (two passes). */
function expectedFigures(lang: 'zh' | 'en') {
  const res = scoreMonth({ month: MONTH, agents: rm.agents, inputs: rm.inputs, history: rm.history, quarterMonths: MONTHS });
  const out = new Map<string, { leader: string; agents: number; scored: number; average: number | string; spread: number | string }>();
  for (const a of rm.agents) {
    const key = `${ROLE_WORDS[lang][a.role]}|${a.group === '' ? NO_GROUP[lang] : a.group}`;
    const f = out.get(key) ?? { leader: a.leader ?? '', agents: 0, scored: 0, average: '', spread: '', totals: [] as number[] };
    const t = res.results.find((r) => r.id === a.id)!.total;
    expect(typeof t === 'number' || t === INCOMPLETE).toBe(true); // no error totals in this month
    f.agents++;
    if (typeof t === 'number') (f as unknown as { totals: number[] }).totals.push(t);
    out.set(key, f);
  }
  for (const f of out.values()) {
    const totals = (f as unknown as { totals: number[] }).totals;
    f.scored = totals.length;
    if (totals.length === 0) continue;
    const mean = totals.reduce((s, x) => s + x, 0) / totals.length;
    f.average = mean;
    f.spread = Math.sqrt(totals.reduce((s, x) => s + (x - mean) ** 2, 0) / totals.length);
  }
  return out;
}

/** The figures rows of the summary: the kind word (a constant) in A, the group in D. */
function figureRows(sheet: SheetSpec): Map<string, number> {
  const at = new Map(sheet.cells.map((c) => [c.address, c]));
  const rows = new Map<string, number>();
  for (const c of sheet.cells) {
    const m = /^A(\d+)$/.exec(c.address);
    if (!m || c.formula !== undefined || typeof c.value !== 'string') continue;
    const r = Number(m[1]);
    const group = at.get(`D${r}`)?.value;
    if (['售前', '售后', 'pre-sales', 'after-sales'].includes(c.value) && typeof group === 'string') rows.set(`${c.value}|${group}`, r);
  }
  return rows;
}

const summaryOf = (spec: WorkbookSpec) => spec.sheets.find((s) => s.key === 'summary')!;
const build = (lang: 'zh' | 'en', mode: 'plain' | 'kpi') =>
  buildWorkbook({ month: MONTH, agents: rm.agents, inputs: rm.inputs, history: rm.history, lang, mode });

/** Every figure of the summary (read by `value(address)`) equals the engine's, the leader and agents as the roster says. */
function expectFigures(spec: WorkbookSpec, value: (address: string) => unknown): void {
  const expected = expectedFigures(spec.lang);
  const rows = figureRows(summaryOf(spec));
  expect([...rows.keys()].sort()).toEqual([...expected.keys()].sort());
  expect([...expected.values()].some((f) => f.scored === 0)).toBe(true);
  expect([...expected.values()].some((f) => f.scored > 2)).toBe(true);
  for (const [key, f] of expected) {
    const r = rows.get(key)!;
    expectSame(value(`E${r}`), f.leader, `${key} leader`);
    expectSame(value(`F${r}`), f.agents, `${key} agents`);
    expectSame(value(`G${r}`), f.scored, `${key} scored`);
    expectSame(value(`H${r}`), f.average, `${key} average`);
    expectSame(value(`I${r}`), f.spread, `${key} spread`);
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-groups-'));

describe('the summary’s group views', () => {
  test('HyperFormula on the =KPI.… workbook: each group’s figures = the engine’s totals worked by group', () => {
    const spec = build('en', 'kpi');
    const ev = evaluateSpec(spec);
    const name = summaryOf(spec).name;
    expectFigures(spec, (a) => plainValue(ev.get(name, a)));
  });

  describeWith('libreoffice', 'LibreOffice recalculates the plain workbook', () => {
    test.each(['zh', 'en'] as const)('%s: each group’s figures = the engine’s totals worked by group', async (lang) => {
      const spec = build(lang, 'plain');
      const file = path.join(dir, `groups-${lang}.xlsx`);
      await writeWorkbookFile(spec, file);
      const [recalculated] = recalcMany([file], path.join(dir, `lo-${lang}`));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(recalculated);
      const ws = wb.getWorksheet(summaryOf(spec).name)!;
      expectFigures(spec, (a) => cellResult(ws.getCell(a)));
    });
  });

  test('the agents by group: each agent once, by kind and then group in roster order, under the AutoFilter of the .xlsx file, usable on the protected sheet', async () => {
    const spec = build('zh', 'plain');
    const sheet = summaryOf(spec);
    const file = path.join(dir, 'filter.xlsx');
    await writeWorkbookFile(spec, file);
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const wbXml = await zip.file('xl/workbook.xml')!.async('string');
    const sheetIndex = [...wbXml.matchAll(/<sheet [^>]*name="([^"]+)"/g)].findIndex((m) => m[1] === sheet.name) + 1;
    const xml = await zip.file(`xl/worksheets/sheet${sheetIndex}.xml`)!.async('string');
    const ref = /<autoFilter ref="([A-Z]+\d+:[A-Z]+\d+)"/.exec(xml)![1];
    // the protection allows filtering: autoFilter="0" means "not protected against"
    expect(/<sheetProtection[^>]*autoFilter="0"/.test(xml)).toBe(true);
    const [, top, bottom] = /^A(\d+):G(\d+)$/.exec(ref)!.map(Number);
    const at = new Map(sheet.cells.map((c) => [c.address, c]));
    expect(at.get(`D${top}`)!.value).toBe('组');
    const listed = [];
    for (let r = top + 1; r <= bottom; r++)
      listed.push({ id: at.get(`B${r}`)!.value, group: at.get(`D${r}`)!.value, kind: at.get(`F${r}`)!.value });
    const byKind = (['pre-sales', 'after-sales'] as const).flatMap((role) => {
      const agents = rm.agents.filter((a) => a.role === role);
      const groups = [...new Set(agents.map((a) => a.group))];
      return groups.flatMap((g) =>
        agents.filter((a) => a.group === g).map((a) => ({ id: a.id, group: a.group, kind: ROLE_WORDS.zh[role] })),
      );
    });
    expect(listed).toEqual(byKind);
  });

  test('Office.js: the AutoFilter applied before protection (which allows it); without ExcelApi 1.9 none, and said skipped', async () => {
    const spec = build('en', 'plain');
    const name = summaryOf(spec).name;
    const wb = new FakeWorkbook();
    await insertIntoWorkbook(spec, { run: wb.run });
    expect(wb.sheet(name)!.autoFilter).toBe(summaryOf(spec).autoFilter);
    expect(wb.sheet(name)!.protectOptions).toMatchObject({ allowAutoFilter: true });
    expect(spec.sheets.filter((s) => s.autoFilter).map((s) => s.key)).toEqual(['summary']);

    const old = checkSupport((set, v) => set === 'ExcelApi' && Number(v.split('.')[1]) <= 8);
    expect(old.features.autoFilter).toBe(false);
    const wb2 = new FakeWorkbook();
    const r = await insertIntoWorkbook(spec, { run: wb2.run, features: old.features });
    expect(r.skipped).toContain('autoFilter');
    expect(wb2.sheet(name)!.autoFilter).toBeUndefined();
    expect(wb2.log.some((op) => op.startsWith('AutoFilter'))).toBe(false);
  });
});

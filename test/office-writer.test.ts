/**
 * The Office.js writer (src/office/writer.ts) against a strict fake Excel (test/helpers/fakeExcel.ts)
 * and office-addin-mock: every form for 1 and 80 agents in ≤ 2 syncs, cells and formulas (=KPI.… and
 * plain), validation, protection, text that looks like a formula, names that never overwrite, the
 * rules sheet reused, reading results back, jumping to a form, writing entries.
 */
import { OfficeMockObject } from 'office-addin-mock';
import { buildWorkbook } from '../src/templates/workbook';
import { Agent, SheetKey, STYLES, WorkbookSpec, parseAddr } from '../src/templates/model';
import {
  BUSY_RETRY_MS,
  activateAgent,
  insertIntoWorkbook,
  planInsertion,
  readRosterSheet,
  readSummary,
  requestBudgetFor,
  writeInputs,
} from '../src/office/writer';
import { Problem } from '../src/core/problem';
import type { ExcelRun, InsertOptions } from '../src/office/writer';
import { checkSupport, ALL_FEATURES } from '../src/office/requirements';
import {
  areaChunks,
  formulaRefs,
  mapFormula,
  needsQuote,
  renameSheets,
  sheetBounds,
  sheetClosure,
  toRects,
  uniqueSheetName,
} from '../src/office/plan';
import * as fs from 'fs';
import * as path from 'path';
import {
  FakeHost,
  FakeSheet,
  FakeWorkbook,
  ALL_HOSTS,
  HOSTS,
  WEB_REQUEST_LIMIT,
  manifestLoads,
  refsAfterDelete,
} from './helpers/fakeExcel';
import { isSetSupported } from './helpers/fake-excel/hosts';
import { countSyncs, measureInsertion, sampleAgents } from './helpers/sync-count';

const MONTH = '2024-03';
const spec = (agents: Agent[], mode: 'kpi' | 'plain' = 'kpi', lang: 'zh' | 'en' = 'zh'): WorkbookSpec =>
  buildWorkbook({ month: MONTH, agents, mode, lang });
const sheetOf = (s: WorkbookSpec, key: SheetKey) => s.sheets.find((x) => x.key === key)!;

/** What the pane gets from `checkSupport` on a host (its requirement sets, as `Office.context.requirements` says). */
const supportOn = (host: FakeHost) => checkSupport((set, v) => isSetSupported(host, set, v));

/**
 * The hosts that can insert (ExcelApi 1.4): every Office.js test below runs on each, with the features the
 * pane would pass there (`checkSupport`), on a fake Excel as strict as that host. Excel 2016 (ExcelApi 1.1)
 * has its own tests: the pane does not insert there.
 */
const INSERTING = ALL_HOSTS.filter((h) => supportOn(h).canInsert).map((h) => [h.name, h] as const);

/** A host's fake workbook, the writer with the host's features, and readSummary with short waits. */
function on(host: FakeHost) {
  const F = supportOn(host).features;
  return {
    F,
    fake: (names?: string[]) => new FakeWorkbook(names, host),
    insert: (s: WorkbookSpec, o: InsertOptions) =>
      insertIntoWorkbook(s, { features: F, requestBudget: requestBudgetFor(host.platform), ...o }),
    read: (layout: WorkbookSpec['layout'], o: { run: ExcelRun }) => readSummary(layout, { retryMs: [1, 1, 1, 1], ...o }),
  };
}

/** Every cell of the spec's sheet is in the fake as the spec says: formulas as =…, text as text, numbers as numbers. */
function expectSheetMatches(fake: FakeSheet, s: WorkbookSpec, key: SheetKey): void {
  const sh = sheetOf(s, key);
  expect(fake.name).toBe(sh.name);
  for (const c of sh.cells) {
    const got = fake.cells.get(c.address);
    if (c.formula !== undefined) {
      expect(`${sh.name}!${c.address} ${got?.formula}`).toBe(`${sh.name}!${c.address} =${c.formula}`);
    } else if (c.value === null || c.value === undefined || c.value === '') {
      expect(got?.value ?? null).toBeNull();
    } else {
      expect(`${sh.name}!${c.address} ${JSON.stringify(got?.value)} ${got?.formula ?? ''}`).toBe(
        `${sh.name}!${c.address} ${JSON.stringify(c.value)} `,
      );
    }
    if (!STYLES[c.style].locked) expect(got?.locked).toBe(false);
  }
  expect(fake.merges.sort()).toEqual([...sh.merges].sort());
  expect(fake.protected).toBe(sh.protect);
}

/** Every formula of a fake sheet, one per line. */
const allFormulas = (sh: FakeSheet) => [...sh.cells.values()].map((c) => c.formula ?? '').join('\n');

/**
 * Formulas of the workbook (cells, conditional formats, custom validations of every sheet, and
 * defined names) that contain #REF! or refer to a sheet the workbook does not have: `where: formula`.
 */
function brokenRefs(wb: FakeWorkbook): string[] {
  const all: Array<[string, string]> = [];
  for (const name of wb.sheetNames) {
    const sh = wb.sheet(name)!;
    for (const [a, c] of sh.cells) if (c.formula) all.push([`${name}!${a}`, c.formula]);
    for (const cf of sh.conditionalFormats) if (cf.formula) all.push([`${name} cf ${cf.address}`, cf.formula]);
    for (const v of sh.validations) {
      const f = (v.rule.custom as { formula?: string } | undefined)?.formula;
      if (f) all.push([`${name} validation ${v.address}`, f]);
    }
  }
  for (const n of wb.names.values()) all.push([`name ${n.name}`, n.ref]);
  return all.filter(([, f]) => f.includes('#REF!') || formulaRefs(f).sheets.some((x) => !wb.sheet(x))).map(([w, f]) => `${w}: ${f}`);
}

describe.each(INSERTING)('%s: insertIntoWorkbook: each form for 1 and for 80 agents', (_name, host) => {
  const { fake, insert } = on(host);
  const cases: Array<[SheetKey, number]> = [];
  for (const k of ['formA', 'formB', 'after', 'summary'] as SheetKey[]) for (const n of [1, 80]) cases.push([k, n]);

  test.each(cases)('%s for %i agents: ≤ 2 syncs, every cell, merges, protection', async (key, n) => {
    const agents = key === 'after' ? sampleAgents(n).map((a) => ({ ...a, role: 'after-sales' as const })) : sampleAgents(n);
    const s = spec(agents);
    const wb = fake();
    const r = await insert(s, { sheets: [key], run: wb.run });
    expect(wb.stats.syncs).toBeLessThanOrEqual(2);
    expect(r.syncs).toBe(wb.stats.syncs);
    // the sheet and what it needs (the rules sheet at least) are there
    const main = wb.sheet(sheetOf(s, key).name)!;
    expect(main).toBeDefined();
    expect(r.sheets).toContain(sheetOf(s, 'rules').name);
    for (const name of r.sheets) {
      const k = s.sheets.find((x) => x.name === name)!.key;
      expectSheetMatches(wb.sheet(name)!, s, k);
    }
    // every defined name of the spec exists and points where the spec says
    for (const d of s.names) expect(wb.names.get(d.name.toLowerCase())?.ref).toBe(d.ref);
    expect(wb.active).toBe(main.name);
  });

  test('the whole workbook for 80 agents in 2 syncs, below half the request limit where the host has one (the web: 5 MB)', async () => {
    const m = await measureInsertion(80, 'all', 'kpi', host);
    expect(m.syncs).toBe(2);
    if (host.requestLimitBytes) expect(m.maxSyncBytes).toBeLessThan(host.requestLimitBytes / 2);
    // the summary, forms A and B, the test, the after-sales form, the records (issue 9), the quarter, the rules, the roster
    expect(m.sheets).toHaveLength(9);
  });
});

test('countSyncs (the benchmark helper) gives 2 at 1 and 80 agents for every form', async () => {
  for (const form of ['formA', 'formB', 'after', 'summary', 'all']) {
    expect(await countSyncs(1, form)).toBe(2);
    expect(await countSyncs(80, form)).toBe(2);
  }
});

describe.each(INSERTING)('%s: formulas, validation, protection, layout', (_name, host) => {
  const { F, fake, insert } = on(host);
  const agents: Agent[] = [
    { id: 'E001', name: 'Ann', role: 'pre-sales', group: 'G1' },
    { id: 'E002', name: 'Bob', role: 'after-sales', group: 'G1' },
  ];

  test('=KPI.… formulas in kpi mode, plain Excel formulas in plain mode', async () => {
    for (const mode of ['kpi', 'plain'] as const) {
      const s = spec(agents, mode);
      const wb = fake();
      await insert(s, { run: wb.run });
      const a = sheetOf(s, 'formA');
      const scoreAddr = s.layout[0].outputs.A.address;
      const f = String(wb.sheet(a.name)!.formula(scoreAddr));
      expect(f).toBe(`=${a.cells.find((c) => c.address === scoreAddr)!.formula}`);
      if (mode === 'kpi') expect(f).toMatch(/^=KPI\.DEDUCT\(E6:E16,D6:D16\)$/);
      else {
        expect(f).not.toMatch(/KPI\./);
        expect(f).toMatch(/^=/);
      }
      // the summary's RANK is written without _xlfn. (Office.js takes the function name as Excel shows it)
      const sm = wb.sheet(sheetOf(s, 'summary').name)!;
      const rank = String(sm.formula(s.layout[0].outputs.rank.address));
      expect(rank).not.toMatch(/_xlfn/);
      if (mode === 'plain') expect(rank).toMatch(/RANK\.EQ\(/);
      else expect(rank).toMatch(/^=KPI\.RANK\(/);
    }
  });

  test('data validation with prompt and error alert on the input cells (none without ExcelApi 1.8)', async () => {
    const s = spec(agents, 'kpi', 'en');
    const wb = fake();
    await insert(s, { run: wb.run });
    const fa = wb.sheet('Form A')!;
    if (!F.dataValidation) {
      expect(wb.sheetNames.flatMap((n) => wb.sheet(n)!.validations)).toEqual([]);
      return;
    }
    // form A's counts are sums of the records (issue 9): no validation there, the records sheet checks each row
    expect(fa.validationAt(s.layout[0].outputs['n:A01'].address)).toBeUndefined();
    const rec = wb.sheet('Records')!;
    // the id column: one of the roster's ids (2 agents: Roster rows 3–4)
    expect(String((rec.validationAt('B4')!.rule.custom as { formula: string }).formula)).toContain('Roster!$A$3:$A$4');
    expect(rec.validationAt('D4')!.errorAlert).toMatchObject({ showAlert: true, style: 'Stop', message: expect.stringMatching(/D4/) });
    // S01 tickets (a monthly figure, typed on the after-sales form): a whole number ≥ 0
    const v = wb.sheet('After-sales')!.validationAt(s.layout[1].inputs.S01.address)!;
    expect(v.rule).toEqual({ wholeNumber: { formula1: 0, operator: 'GreaterThanOrEqualTo' } });
    expect(v.prompt).toMatchObject({ showPrompt: true, message: expect.stringMatching(/whole number/) });
    expect(v.errorAlert).toMatchObject({ showAlert: true, style: 'Stop', message: expect.stringMatching(/D4/) });
    // the records' count (B06 in half days, B13 points 0–100, …): one custom rule over the column's checked rows,
    // written for its first row (Excel moves the relative references down the range)
    const count = rec.validationAt('D5')!;
    const recSpec = sheetOf(s, 'records');
    const lastRow = Math.max(...recSpec.cells.filter((c) => /^D\d+$/.test(c.address)).map((c) => parseAddr(c.address).row));
    expect(count.address).toBe(`D4:D${lastRow}`);
    expect(count.rule).toEqual({
      custom: { formula: `=${(recSpec.cells.find((c) => c.address === 'D4')!.validation as { formula: string }).formula}` },
    });
    expect(count.rule.custom).toMatchObject({ formula: expect.stringContaining('$C4="B06",2,1') });
    // S03 grade list, EX score
    const af = wb.sheet('After-sales')!;
    expect(af.validationAt(s.layout[1].inputs.S03.address)!.rule).toEqual({ list: { inCellDropDown: true, source: 'A,B,C,D,E' } });
    expect(wb.sheet('Written test')!.validationAt(s.layout[0].inputs.EX.address)!.rule).toEqual({
      decimal: { formula1: 0, formula2: 100, operator: 'Between' },
    });
  });

  test('protection without password; inputs unlocked, formulas locked; formats by style', async () => {
    const s = spec(agents);
    const wb = fake();
    await insert(s, { run: wb.run });
    const fa = wb.sheet(sheetOf(s, 'formA').name)!;
    expect(fa.protected).toBe(true);
    expect(fa.protectOptions).toEqual({
      allowFormatColumns: true,
      allowFormatRows: true,
      allowAutoFilter: true,
      ...(F.freezePanes ? { selectionMode: 'Normal' } : {}),
    });
    // form A's count is a formula over the records (issue 9): locked; the records sheet's count is where it is typed
    const a01 = fa.cells.get(s.layout[0].outputs['n:A01'].address)!;
    expect(a01.formula).toMatch(/^=SUMIFS\(REC_COUNTED,REC_ID,"=E001",REC_CODE,"=A01"\)$/);
    expect(a01.locked).toBe(true);
    const rec = wb.sheet(sheetOf(s, 'records').name)!;
    expect(rec.protected).toBe(true);
    const input = rec.cells.get('D4')!;
    expect(input.locked).toBe(false);
    expect(input.fill).toBe('#FFF9DB');
    expect(input.borders).toEqual(new Set(['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideHorizontal']));
    const score = fa.cells.get(s.layout[0].outputs.A.address)!;
    expect(score.locked).toBe(true);
    // two decimals; a text result (an incomplete score) shown as 未完成 (issue 8)
    expect(score.numberFormat).toBe('0.00;-0.00;0.00;"未完成"');
    expect(score.bold).toBe(true);
    // the assessor field is text-formatted before anything is written
    expect(fa.cells.get('E2')!.numberFormat).toBe('@');
    // column widths in points, row heights as the spec says
    expect(fa.colWidths.get(3)).toBeCloseTo((44 * 7 + 5) * 0.75);
    // (the title row's height is measured from its font, issue 8: taller than Excel's default 15 pt)
    expect(fa.rowHeights.get(1)).toBe(sheetOf(s, 'formA').rowHeights[1]);
    expect(fa.rowHeights.get(1)).toBeGreaterThan(15);
  });

  test('page layout (ExcelApi 1.9): A4, orientation, print area, titles, one agent per page; freeze panes (1.7); conditional formats (1.6)', async () => {
    const many = sampleAgents(80);
    const s = spec(many);
    const wb = fake();
    await insert(s, { run: wb.run });
    const fa = wb.sheet(sheetOf(s, 'formA').name)!;
    const sm = wb.sheet(sheetOf(s, 'summary').name)!;
    if (F.pageLayout) {
      expect(fa.page).toMatchObject({
        paperSize: 'A4',
        orientation: 'Portrait',
        printArea: `A1:F${40 * 22}`,
        zoom: { scale: sheetOf(s, 'formA').printScale },
      });
      expect(fa.pageBreaks).toHaveLength(39); // 40 pre-sales agents: a break between each two
      expect(fa.pageBreaks[0]).toBe('A23');
      expect(sm.page).toMatchObject({ orientation: 'Landscape' });
      // 80 agents: a fixed scale (fit-to-pages is ignored), so its manual break is kept
      expect(sm.page.zoom).toEqual({ scale: expect.any(Number) });
      // worked by hand: pre-sales rows 6–45 on page 1, the after-sales table from its title row 48 on page 2, the groups
      // (issue 11) after the legend row 91 on page 3
      expect(sm.pageBreaks).toEqual(['A48', 'A92']);
      expect(wb.sheet(sheetOf(s, 'test').name)!.page.printTitleRows).toBe('$3:$3');
    } else {
      // without ExcelApi 1.9: no page setup at all (the pane says so)
      expect([fa.page, sm.page, fa.pageBreaks, sm.pageBreaks]).toEqual([{}, {}, [], []]);
    }
    expect(sm.freezeRows).toBe(F.freezePanes ? 5 : 0);
    if (!F.conditionalFormats) expect(sm.conditionalFormats).toEqual([]);
    else
      expect(sm.conditionalFormats.map((c) => [c.type, c.formula, c.fill])).toEqual([
        ['Custom', '=$J6>0', '#FFC7CE'],
        ['Custom', '=$A6=1', '#C6EFCE'],
        ['Custom', '=$U6=TRUE', '#FCE4D6'],
        ['Custom', `=$A${6 + 40 + 3 + 1}=1`, '#C6EFCE'],
        ['Custom', `=$U${6 + 40 + 3 + 1}=TRUE`, '#FCE4D6'],
      ]);
  });

  test('text that starts with = + - @ or looks like a number or date stays text', async () => {
    const odd: Agent[] = [
      { id: '007', name: '=SUM(1)', role: 'pre-sales', group: '+86' },
      { id: '2024-03', name: '@home', role: 'pre-sales', group: '-x' },
    ];
    const s = spec(odd);
    const wb = fake();
    await insert(s, { run: wb.run });
    const ro = wb.sheet(sheetOf(s, 'roster').name)!;
    expect(ro.cells.get('A3')).toMatchObject({ value: '007', quotePrefix: true });
    expect(ro.cells.get('B3')).toMatchObject({ value: '=SUM(1)', quotePrefix: true });
    expect(ro.cells.get('B3')!.formula).toBeUndefined();
    expect(ro.cells.get('D3')).toMatchObject({ value: '+86' });
    expect(ro.cells.get('A4')).toMatchObject({ value: '2024-03' });
    expect(ro.cells.get('B4')).toMatchObject({ value: '@home' });
    expect(ro.cells.get('D4')).toMatchObject({ value: '-x' });
    // the month in the forms' header, and the summary's name column
    const sm = wb.sheet(sheetOf(s, 'summary').name)!;
    expect(sm.cells.get('B2')).toMatchObject({ value: MONTH });
    // (rank in A, id in B, name in C)
    expect(sm.cells.get('B6')).toMatchObject({ value: '007', quotePrefix: true });
    expect(sm.cells.get('C6')).toMatchObject({ value: '=SUM(1)', quotePrefix: true });
    expect(sm.cells.get('C6')!.formula).toBeUndefined();
    // plain words are written as they are
    expect(sm.cells.get('A4')!.quotePrefix).toBeUndefined();
  });
});

describe.each(INSERTING)('%s: never overwrite: rename, replace, cancel, reuse the rules', (_name, host) => {
  const { fake, insert } = on(host);
  const agents = sampleAgents(4);

  function workbookWith(...names: string[]): FakeWorkbook {
    const wb = fake(['Sheet1', ...names]);
    for (const n of names) wb.sheet(n)!.cell('A1').value = 'keep me';
    return wb;
  }

  test('an existing sheet of the same name: the new one is renamed, the old one untouched', async () => {
    const s = spec(agents);
    const wb = workbookWith('表A-业务');
    const r = await insert(s, { sheets: ['formA'], run: wb.run });
    expect(r.renamed).toEqual({ '表A-业务': '表A-业务 (2)' });
    // form A's counts are sums over the records sheet (issue 9), whose checks read the roster
    expect(r.sheets).toEqual(['表A-业务 (2)', '考核记录', '规则', '花名册']);
    expect(wb.sheet('表A-业务')!.value('A1')).toBe('keep me');
    expect(wb.sheet('表A-业务')!.cells.size).toBe(1);
    expect(wb.sheet('表A-业务 (2)')!.value('A1')).toBe(sheetOf(s, 'formA').cells[0].value);
    expect(r.spec.layout[0].formCell.sheet).toBe('表A-业务 (2)');
    expect(r.spec.layout[0].idCell!.sheet).toBe('表A-业务 (2)');
    expect(r.syncs).toBe(2);
  });

  test('formulas referring to a renamed sheet use its final name', async () => {
    const s = spec(agents);
    const wb = workbookWith('表A-业务', '表A-业务 (2)', '月度汇总');
    const r = await insert(s, { sheets: ['summary'], run: wb.run });
    expect(r.renamed['表A-业务']).toBe('表A-业务 (3)');
    expect(r.renamed['月度汇总']).toBe('月度汇总 (2)');
    const sm = wb.sheet('月度汇总 (2)')!;
    const formulas = [...sm.cells.values()].map((c) => c.formula ?? '').join('\n');
    expect(formulas).toContain("'表A-业务 (3)'!");
    expect(formulas).not.toMatch(/'表A-业务'!/);
    // the after-sales S01 average reads the after-sales sheet's own hidden helper column, not the summary
    const af = wb.sheet('售后考核')!;
    expect(allFormulas(af)).toContain("'售后考核'!$I$1:$I$");
    expect(allFormulas(af)).not.toContain('月度汇总');
    expect(wb.sheet('月度汇总')!.cells.size).toBe(1);
  });

  test('onConflict cancel: nothing is written, one sync', async () => {
    const s = spec(agents);
    const wb = workbookWith('表A-业务');
    const before = wb.sheetNames.slice();
    const r = await insert(s, { sheets: ['formA'], onConflict: 'cancel', run: wb.run });
    expect(r.cancelled).toEqual(['表A-业务']);
    expect(r.sheets).toEqual([]);
    expect(wb.sheetNames).toEqual(before);
    expect(wb.names.size).toBe(0);
    expect(r.syncs).toBe(1);
  });

  test('onConflict replace: the existing sheet is cleared and written in place, never deleted', async () => {
    const s = spec(agents);
    const wb = workbookWith('表A-业务');
    const old = wb.sheet('表A-业务')!;
    const r = await insert(s, { sheets: ['formA'], onConflict: 'replace', run: wb.run });
    expect(r.replaced).toEqual(['表A-业务']);
    expect(r.sheets).toEqual(['表A-业务', '考核记录', '规则', '花名册']);
    expect(wb.sheetNames).toEqual(['Sheet1', '表A-业务', '考核记录', '规则', '花名册']);
    expect(wb.sheet('表A-业务')).toBe(old);
    expect(wb.sheet('表A-业务')!.value('A1')).not.toBe('keep me');
    expectSheetMatches(old, s, 'formA');
    expect(wb.log).not.toContain('Worksheet.delete');
    expect(r.syncs).toBe(2);
  });

  test('onConflict replace keeps the workbook’s spelling of the sheet name', async () => {
    const s = spec(agents, 'kpi', 'en');
    const wb = workbookWith('FORM A');
    const r = await insert(s, { sheets: ['formA'], onConflict: 'replace', run: wb.run });
    expect(r.replaced).toEqual(['FORM A']);
    expect(wb.sheetNames).toEqual(['Sheet1', 'FORM A', 'Records', 'Rules', 'Roster']);
    expect(r.spec.layout[0].formCell.sheet).toBe('FORM A');
    expect(r.spec.layout[0].idCell!.sheet).toBe('FORM A');
    expect(wb.active).toBe('FORM A');
  });

  test('a sheet protected with a password cannot be replaced: a problem naming it, the batch stopped before changing anything', async () => {
    const s = spec(agents);
    const wb = fake();
    await insert(s, { sheets: ['formA'], run: wb.run });
    const fa = wb.sheet('表A-业务')!;
    fa.protectPassword = 'secret';
    const cells = JSON.stringify([...fa.cells]);
    const names = JSON.stringify([...wb.names]);
    const sheets = wb.sheetNames.slice();
    const ops = wb.log.length;
    const refused = insert(s, { sheets: ['formA', 'test'], onConflict: 'replace', run: wb.run });
    await expect(refused).rejects.toBeInstanceOf(Problem);
    await expect(refused).rejects.toMatchObject({
      code: 'office.protectedSheets',
      params: { sheets: ['表A-业务'] },
      details: expect.stringMatching(/password/),
    });
    // the unprotect was the batch's first operation: nothing after it ran
    expect(wb.log.slice(ops)).toEqual(['WorksheetCollection.load', 'NamedItemCollection.load', 'WorksheetProtection.unprotect']);
    expect(JSON.stringify([...fa.cells])).toBe(cells);
    expect(JSON.stringify([...wb.names])).toBe(names);
    expect(wb.sheetNames).toEqual(sheets);
    expect(fa.protected).toBe(true);
  });

  test('the rules sheet is reused when its names exist: no second rules sheet, no name added twice', async () => {
    const s = spec(agents);
    const wb = fake();
    await insert(s, { sheets: ['formA'], run: wb.run });
    const names = wb.names.size;
    const r = await insert(s, { sheets: ['formB'], run: wb.run });
    expect(r.sheets).toEqual(['表B-纪律']);
    expect(r.reused).toContainEqual({ key: 'rules', name: '规则' });
    // form B needs form A (its red-line flag), the records and the rules; the roster only through the records,
    // which are reused as they are
    expect(r.reused.map((x) => x.key)).toEqual(['formA', 'records', 'rules']);
    expect(r.namesAdded).toEqual([]);
    expect(wb.names.size).toBe(names);
    expect(wb.sheetNames.filter((n) => n.startsWith('规则'))).toEqual(['规则']);
    // and the rules of an English workbook are found by name, whatever the sheet is called
    const r2 = await insert(spec(agents, 'kpi', 'en'), { sheets: ['formA'], run: wb.run });
    expect(r2.reused).toEqual([{ key: 'rules', name: '规则' }]);
    // its records and roster are the English sheets, which this workbook does not have yet
    expect(r2.sheets).toEqual(['Form A', 'Records', 'Roster']);
  });

  test('"insert or open the rules": an existing rules sheet is activated, not inserted again', async () => {
    const s = spec(agents);
    const wb = fake();
    await insert(s, { sheets: ['formA'], run: wb.run });
    wb.active = 'Sheet1';
    const r = await insert(s, { sheets: ['rules'], run: wb.run });
    expect(r.sheets).toEqual([]);
    expect(wb.active).toBe('规则');
  });

  test('replacing the rules sheet deletes and re-adds its names', async () => {
    const s = spec(agents);
    const wb = fake();
    await insert(s, { run: wb.run });
    const r = await insert(s, { sheets: ['rules'], onConflict: 'replace', run: wb.run });
    expect(r.replaced).toEqual(['规则']);
    // the names on the rules sheet; the records' REC_* names stay with the records sheet
    const onRules = s.names.filter((n) => /^'?规则'?!/.test(n.ref)).map((n) => n.name);
    expect(onRules).toContain('PAY_BASE');
    expect(onRules).not.toContain('REC_ID');
    expect(r.namesAdded.sort()).toEqual(onRules.sort());
    expect(wb.names.get('rec_id')!.ref).toBe(s.names.find((n) => n.name === 'REC_ID')!.ref);
    expect(wb.names.get('pay_base')!.ref).toBe(s.names.find((n) => n.name === 'PAY_BASE')!.ref);
  });

  test('names are case-insensitive like Excel; sheet names stay within 31 characters', () => {
    expect(uniqueSheetName('Summary', ['summary'])).toBe('Summary (2)');
    const long = 'X'.repeat(31);
    expect(uniqueSheetName(long, [long])).toBe(`${'X'.repeat(27)} (2)`);
  });
});

describe.each(INSERTING)('%s: replace in place: other sheets’ references to the replaced sheet stay valid', (_name, host) => {
  const { F, fake, insert } = on(host);
  test('the fake is Excel here: deleting a sheet turns references to it into #REF!, and a new sheet of that name does not undo it', async () => {
    const wb = new FakeWorkbook(['A', 'B', 'Old-1']);
    await wb.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('A').getRange('A1').formulas = [[`='Old-1'!B2+SUM('old-1'!$C$3:$C$9)+Old!A1&"'Old-1'!A1"`]];
      ctx.workbook.names.add('X', "='Old-1'!$C$5");
      await ctx.sync();
    });
    await wb.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Old-1').delete();
      ctx.workbook.worksheets.add('kpi-new-1').name = 'Old-1';
      await ctx.sync();
    });
    expect(wb.sheet('A')!.formula('A1')).toBe(`=#REF!+SUM(#REF!)+Old!A1&"'Old-1'!A1"`);
    expect(wb.names.get('x')!.ref).toBe('#REF!');
    expect(brokenRefs(wb)).toHaveLength(2);
    expect(refsAfterDelete('Sheet1!A:A+Sheet1!3:4', 'sheet1')).toBe('#REF!+#REF!');
  });

  test.each([1, 80])(
    '%i agents: insert everything, then replace form A, the after-sales form, the summary: no #REF!, same name and place, ≤ 2 syncs',
    async (n) => {
      const s = spec(sampleAgents(n));
      const wb = fake();
      await insert(s, { run: wb.run });
      expect(brokenRefs(wb)).toEqual([]);
      for (const key of ['formA', 'after', 'summary'] as SheetKey[]) {
        const sh = sheetOf(s, key);
        const old = wb.sheet(sh.name)!;
        const order = wb.sheetNames.slice();
        // what a user may have done to the sheet: entries, stray cells, merges, formats, validation, …
        const input = s.layout.find((l) => Object.values(l.inputs).some((p) => p.sheet === sh.name));
        const inputAt = input && Object.values(input.inputs).find((p) => p.sheet === sh.name)!.address;
        if (inputAt) old.cell(inputAt).value = 7;
        Object.assign(old.cell('Z99'), { value: 'junk', fill: '#FF0000' });
        old.merges.push('Y1:Z2');
        old.colWidths.set(30, 99);
        old.rowHeights.set(900, 77);
        old.hiddenColumns.add(29);
        old.hiddenRows.add(800);
        old.verticalPageBreaks.push('Z1');
        old.validations.push({ address: 'Z90', rule: { wholeNumber: { formula1: 0, operator: 'GreaterThan' } } });
        old.conditionalFormats.push({ address: 'Z80', type: 'Custom', formula: '=TRUE' });
        old.freezeRows = 9;
        old.page.zoom = { scale: 50 };
        old.visibility = 'Hidden';

        const before = wb.stats.syncs;
        const r = await insert(s, { sheets: [key], onConflict: 'replace', run: wb.run });
        expect(wb.stats.syncs - before).toBeLessThanOrEqual(2);
        expect(r.syncs).toBe(wb.stats.syncs - before);
        expect(r.replaced).toEqual([sh.name]);
        expect(r.sheets).toEqual([sh.name]);
        // nothing left dangling; the same worksheet, under its name, in its place
        expect(brokenRefs(wb)).toEqual([]);
        expect(wb.sheetNames).toEqual(order);
        expect(wb.sheet(sh.name)).toBe(old);
        // written as a new sheet: the spec's cells, merges, widths, heights, hidden columns, page setup, protection
        expectSheetMatches(old, s, key);
        if (inputAt) expect(old.value(inputAt)).toBe('');
        expect(old.cells.get('Z99')).toBeUndefined();
        expect([...old.colWidths.keys()].sort((a, b) => a - b)).toEqual(sh.widths.map((_, i) => i + 1));
        expect([...old.rowHeights.keys()].sort((a, b) => a - b)).toEqual(
          Object.keys(sh.rowHeights)
            .map(Number)
            .sort((a, b) => a - b),
        );
        expect([...old.hiddenColumns]).toEqual(sh.hiddenColumns ?? []);
        expect(old.hiddenRows.size).toBe(0);
        // what needs a set the host lacks is neither cleared nor written (the pane names what is skipped)
        expect(old.verticalPageBreaks).toEqual(F.pageLayout ? [] : ['Z1']);
        expect(old.pageBreaks).toHaveLength(F.pageLayout ? sh.rowBreaks.filter((b) => b < sheetBounds(sh).r2).length : 0);
        expect(old.validations.some((v) => v.address === 'Z90')).toBe(!F.dataValidation);
        expect(old.conditionalFormats.map((c) => c.formula)).toEqual(sh.conditionalFormats.map((c) => `=${c.formula}`));
        expect(old.freezeRows).toBe(sh.freezeRows);
        expect(old.page.zoom).toEqual(F.pageLayout ? { scale: sh.printScale ?? expect.any(Number) } : { scale: 50 });
        expect(old.visibility).toBe('Visible');
        expect(wb.active).toBe(sh.name);
        expect(wb.log).not.toContain('Worksheet.delete');
      }
      // the summary still reads form A and the after-sales form
      const sm = allFormulas(wb.sheet(sheetOf(s, 'summary').name)!);
      expect(sm).toContain(`'${sheetOf(s, 'formA').name}'!`);
      if (n > 1) expect(sm).toContain(`'${sheetOf(s, 'after').name}'!`);
    },
  );
});

describe.each(INSERTING)('%s: reuse: sheets this add-in made for the same month and roster are used, never copied', (_name, host) => {
  const { fake, insert } = on(host);
  const agents = sampleAgents(6);

  test('form A, an entry, then the summary: the summary reads the filled form A, no blank copy (D5/D8)', async () => {
    const s = spec(agents);
    const wb = fake();
    const first = await insert(s, { sheets: ['formA'], run: wb.run });
    expect(first.sheets).toEqual(['表A-业务', '考核记录', '规则', '花名册']);
    expect(wb.names.get('kpi_month')!.comment).toMatch(
      /^kpi-forms month=2024-03 lang=zh mode=kpi roster=6:[0-9a-f]{8} sheets=formA,records,rules,roster$/,
    );
    await writeInputs(first.spec.layout, { E001: { A01: 2 } }, { run: wb.run });
    const before = wb.stats.syncs;
    const r = await insert(s, { sheets: ['summary'], run: wb.run });
    expect(wb.stats.syncs - before).toBeLessThanOrEqual(2);
    expect(r.sheets).toEqual((['summary', 'formB', 'test', 'after', 'quarter'] as SheetKey[]).map((k) => sheetOf(s, k).name));
    expect(r.reused).toEqual([
      { key: 'formA', name: '表A-业务' },
      { key: 'records', name: '考核记录' },
      { key: 'rules', name: '规则' },
    ]);
    expect(r.renamed).toEqual({});
    expect(wb.sheetNames.filter((n) => / \(\d+\)$/.test(n))).toEqual([]);
    // the summary's form A column points at the form that holds the entry
    const sm = wb.sheet('月度汇总')!;
    const a = s.layout[0].outputs.A;
    // (the summary's total in H, form A's score in E)
    expect(sm.formula(s.layout[0].outputs.total.address.replace(/^H/, 'E'))).toBe(`='${a.sheet}'!$${a.address.replace(/(\d+)/, '$$$1')}`);
    // the entry went in as a month-level record on the records sheet's first row, which form A's A01 sums
    expect(['A4', 'B4', 'C4', 'D4'].map((x) => wb.sheet('考核记录')!.value(x))).toEqual(['', 'E001', 'A01', 2]);
    expect(wb.sheet('表A-业务')!.formula(s.layout[0].outputs['n:A01'].address)).toMatch(/^=SUMIFS\(REC_COUNTED,REC_ID,"=E001"/);
    // the stamp now lists every sheet of ours
    expect(wb.names.get('kpi_month')!.comment).toMatch(/ sheets=summary,formA,formB,test,after,records,quarter,rules,roster$/);
    // and the next insertion of any form inserts nothing: it opens the existing one
    const again = await insert(s, { sheets: ['after'], run: wb.run });
    expect(again.sheets).toEqual([]);
    expect(again.reused).toEqual([{ key: 'after', name: '售后考核' }]);
    expect(wb.active).toBe('售后考核');
    expect(again.syncs).toBe(2);
  });

  test.each([1, 80])(
    '%i agents: form A, then the summary, then the after-sales form, each in 2 syncs, chosen agents selected',
    async (n) => {
      const s = spec(sampleAgents(n));
      const wb = fake();
      const pick = [s.layout[s.layout.length - 1].agent.id];
      for (const key of ['formA', 'summary', 'after'] as SheetKey[]) {
        const before = wb.stats.syncs;
        const r = await insert(s, { sheets: [key], select: pick, run: wb.run });
        expect(wb.stats.syncs - before).toBe(2);
        expect(r.syncs).toBe(2);
      }
      expect(wb.sheetNames.filter((x) => / \(\d+\)$/.test(x))).toEqual([]);
      expect(wb.sheetNames).toHaveLength(1 + 9);
    },
  );

  test('the after-sales form stands alone: its S01 average reads every after-sales agent’s tickets on its own sheet (D5)', async () => {
    const s = spec(agents);
    const wb = fake();
    await insert(s, { sheets: ['formA'], run: wb.run });
    const r = await insert(s, { sheets: ['after'], run: wb.run });
    expect(r.sheets).toEqual(['售后考核']);
    // its S04/S05/SP1/SN1 are sums over the records sheet form A brought (issue 9)
    expect(r.reused.map((x) => x.key)).toEqual(['records', 'rules']);
    const af = wb.sheet('售后考核')!;
    // one helper cell per after-sales agent of the roster in the hidden column the S01 formulas average
    const nAfter = agents.filter((x) => x.role === 'after-sales').length;
    const helpers = [...af.cells.entries()].filter(([a, c]) => /^I\d+$/.test(a) && /^=IF\(ISBLANK\(D\d+\)/.test(c.formula ?? ''));
    expect(helpers).toHaveLength(nAfter);
    // the range the S01 formulas average is exactly the helper cells, with no blank among them (a blank
    // would arrive as 0 on Excel desktop, office-js #5262)
    const rows = helpers.map(([a]) => parseAddr(a).row).sort((x, y) => x - y);
    expect(rows[rows.length - 1] - rows[0] + 1).toBe(nAfter);
    expect(allFormulas(af)).toContain(`'售后考核'!$I$${rows[0]}:$I$${rows[rows.length - 1]}`);
  });

  test('"rename" asks for a fresh copy of the chosen sheet; what it needs is still reused', async () => {
    const s = spec(agents);
    const wb = fake();
    await insert(s, { run: wb.run });
    const r = await insert(s, { sheets: ['summary'], onConflict: 'rename', run: wb.run });
    expect(r.sheets).toEqual(['月度汇总 (2)']);
    expect(r.renamed).toEqual({ 月度汇总: '月度汇总 (2)' });
    expect(r.reused.map((x) => x.key)).toEqual(['formA', 'formB', 'test', 'after', 'records', 'quarter', 'rules']);
    expect(allFormulas(wb.sheet('月度汇总 (2)')!)).toContain("'表A-业务'!");
    // a renamed copy is not ours under the template's name: the stamp does not list it twice
    expect(wb.names.get('kpi_month')!.comment).toMatch(/ sheets=summary,formA,formB,test,after,records,quarter,rules,roster$/);
  });

  test('"replace" replaces the chosen sheet only, never a sheet it needs', async () => {
    const s = spec(agents);
    const wb = fake();
    await insert(s, { sheets: ['formA'], run: wb.run });
    wb.sheet('表A-业务')!.cell('H1').value = 'entries';
    const r = await insert(s, { sheets: ['summary'], onConflict: 'replace', run: wb.run });
    expect(r.replaced).toEqual([]);
    expect(r.reused.map((x) => x.key)).toEqual(['formA', 'records', 'rules']);
    expect(wb.sheet('表A-业务')!.value('H1')).toBe('entries');
  });

  test('another month or another roster: nothing is reused but the rules (and the same roster); the new sheets go alongside', async () => {
    const wb = fake();
    await insert(buildWorkbook({ month: '2024-02', agents, mode: 'kpi', lang: 'zh' }), { sheets: ['formA'], run: wb.run });
    const r = await insert(spec(agents), { sheets: ['summary'], run: wb.run });
    expect(r.renamed).toEqual({ '表A-业务': '表A-业务 (2)', 考核记录: '考核记录 (2)' });
    // February's roster is this roster (the stamp's hash): the new records sheet checks ids against it
    expect(r.reused).toEqual([
      { key: 'rules', name: '规则' },
      { key: 'roster', name: '花名册' },
    ]);
    expect(r.otherStamp).toEqual({ month: '2024-02', differs: ['month'] });
    expect(allFormulas(wb.sheet('月度汇总')!)).toContain("'表A-业务 (2)'!");
    // the stamp still describes February's sheets
    expect(wb.names.get('kpi_month')!.comment).toMatch(/month=2024-02 .* sheets=formA,records,rules,roster$/);

    const wb2 = fake();
    await insert(spec(agents), { sheets: ['formA'], run: wb2.run });
    const more = [...agents, { id: 'E999', name: 'New', role: 'pre-sales' as const, group: 'G9' }];
    const r2 = await insert(spec(more), { sheets: ['summary'], run: wb2.run });
    expect(r2.renamed['表A-业务']).toBe('表A-业务 (2)');
    expect(r2.otherStamp).toEqual({ month: MONTH, differs: ['roster'] });
    // the 6-agent roster sheet is not this roster: a copy with E999 goes alongside, and the new records sheet's
    // checks read it (else E999's records would be flagged "id not in the roster")
    expect(r2.renamed).toMatchObject({ 考核记录: '考核记录 (2)', 花名册: '花名册 (2)' });
    expect(r2.reused).toEqual([{ key: 'rules', name: '规则' }]);
    expect(wb2.sheet('花名册 (2)')!.value(`A${3 + more.length - 1}`)).toBe('E999');
    expect(allFormulas(wb2.sheet('考核记录 (2)')!)).toContain(`'花名册 (2)'!$A$3:$A$${3 + more.length - 1}`);
    expect(allFormulas(wb2.sheet('考核记录 (2)')!)).not.toMatch(/'?花名册'?!/);
  });

  test('a sheet of the template’s name that we did not make is never reused', async () => {
    const s = spec(agents);
    const wb = fake(['Sheet1', '表A-业务']);
    wb.sheet('表A-业务')!.cell('A1').value = 'mine';
    const r = await insert(s, { sheets: ['formA'], run: wb.run });
    expect(r.sheets).toEqual(['表A-业务 (2)', '考核记录', '规则', '花名册']);
    expect(wb.names.get('kpi_month')!.comment).toMatch(/ sheets=records,rules,roster$/);
    const r2 = await insert(s, { sheets: ['summary'], run: wb.run });
    expect(r2.reused.map((x) => x.key)).toEqual(['records', 'rules']);
    expect(r2.renamed['表A-业务']).toBe('表A-业务 (3)');
    expect(wb.sheet('表A-业务')!.value('A1')).toBe('mine');
  });

  test('a workbook without the stamp (an older insertion): sheets are not reused, as before', async () => {
    const s = spec(agents);
    const wb = fake();
    await insert(s, { sheets: ['formA'], run: wb.run });
    delete wb.names.get('kpi_month')!.comment;
    const r = await insert(s, { sheets: ['summary'], run: wb.run });
    expect(r.renamed).toEqual({ '表A-业务': '表A-业务 (2)', 考核记录: '考核记录 (2)' });
    expect(r.otherStamp).toBeUndefined();
  });
});

describe.each(INSERTING)('%s: chosen agents: every agent is written, the chosen ones are selected', (_name, host) => {
  const { F, fake, insert } = on(host);
  test('their pages of a form (consecutive ones as one area), their rows of the summary (several areas: ExcelApi 1.18, else the first); ≤ 2 syncs at 80 agents', async () => {
    const many = sampleAgents(80);
    const s = spec(many);
    const pre = s.layout.filter((l) => l.agent.role === 'pre-sales');
    const block = (l: (typeof pre)[number]) => parseAddr(l.formCell.address).row;
    const wb = fake();
    const r = await insert(s, { sheets: ['formA'], select: ['E001', 'E003', 'E009'], run: wb.run });
    expect(r.syncs).toBe(2);
    // E001 and E003 are the first two pre-sales agents (pages 1 and 2), E009 the fifth
    const [p1, p2, , , p5] = pre;
    expect([p2.agent.id, p5.agent.id]).toEqual(['E003', 'E009']);
    expect(block(p1)).toBe(1);
    const areas = F.selectAreas && F.rangeAreas;
    if (areas) {
      expect(wb.selected).toBe(`表A-业务!A1:F${block(p2) + 21},A${block(p5)}:F${block(p5) + 21}`);
      expect(r.selected).toEqual({ sheet: '表A-业务', address: 'A1:F44,A89:F110', agents: 3 });
    } else {
      // RangeAreas.select is ExcelApi 1.18: the first area (E001, E003), and not reported as all selected
      expect(wb.selected).toBe(`表A-业务!A1:F${block(p2) + 21}`);
      expect(r.selected).toBeUndefined();
    }
    // every agent's block is there
    expect(wb.sheet('表A-业务')!.value(pre[39].formCell.address)).not.toBe('');

    const r2 = await insert(s, { sheets: ['summary'], select: ['E002', 'E080'], run: wb.run });
    expect(r2.syncs).toBe(2);
    const row = (id: string) => parseAddr(s.layout.find((l) => l.agent.id === id)!.outputs.summaryRow.address).row;
    expect(wb.selected).toBe(`月度汇总!A${row('E002')}:S${row('E002')}${areas ? `,A${row('E080')}:S${row('E080')}` : ''}`);
  });

  test('without RangeAreas (ExcelApi 1.9) the first area is selected', async () => {
    const s = spec(sampleAgents(10));
    const wb = fake();
    const features = { ...F, rangeAreas: false };
    await insert(s, { sheets: ['formA'], select: ['E003', 'E007'], features, run: wb.run });
    expect(wb.selected).toBe('表A-业务!A23:F44');
  });
});

describe.each(INSERTING)('%s: protection comes last, as Excel needs', (_name, host) => {
  const { fake, insert } = on(host);
  test('the fake refuses page layout, breaks, validation, formats, merges and locked writes on a protected sheet', async () => {
    const wb = new FakeWorkbook(['S']);
    const attempt = (f: (ws: Excel.Worksheet) => void) =>
      wb.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem('S');
        f(ws);
        await ctx.sync();
      });
    await attempt((ws) => {
      ws.getRange('B2').format.protection.locked = false;
      ws.protection.protect({ allowFormatColumns: true, allowFormatRows: true });
    });
    const refused: Array<[string, (ws: Excel.Worksheet) => void]> = [
      ['print area', (ws) => ws.pageLayout.setPrintArea('A1:B2')],
      ['zoom', (ws) => (ws.pageLayout.zoom = { scale: 90 })],
      ['paper', (ws) => (ws.pageLayout.paperSize = 'A4' as Excel.PaperType)],
      ['page break', (ws) => ws.horizontalPageBreaks.add('A5')],
      ['validation', (ws) => (ws.getRange('B2').dataValidation.rule = { wholeNumber: { formula1: 0, operator: 'GreaterThan' } })],
      ['format', (ws) => (ws.getRange('B2').format.fill.color = '#FFFFFF')],
      ['number format', (ws) => (ws.getRange('B2').numberFormat = [['0.00']])],
      ['merge', (ws) => ws.getRange('C3:D3').merge(false)],
      ['conditional format', (ws) => ws.getRange('B2').conditionalFormats.add('Custom' as Excel.ConditionalFormatType)],
      ['locked cell', (ws) => (ws.getRange('A1').values = [[1]])],
    ];
    for (const [what, f] of refused) await expect(attempt(f).then(() => what)).rejects.toMatchObject({ code: 'AccessDenied' });
    // what a protected sheet allows: unlocked cells, column widths and row heights (allowFormat…), selecting
    await attempt((ws) => {
      ws.getRange('B2').values = [[5]];
      ws.getRange('A:A').format.columnWidth = 30;
      ws.getRange('2:2').format.rowHeight = 20;
      ws.activate();
      ws.getRange('A1').select();
    });
    expect(wb.sheet('S')!.value('B2')).toBe(5);
  });

  test('every sheet is protected after its page layout, print area and page breaks', async () => {
    const s = spec(sampleAgents(8));
    const wb = fake();
    await insert(s, { run: wb.run });
    const lastLayout = Math.max(...wb.log.map((op, i) => (/^(PageLayout|PageBreakCollection)\./.test(op) ? i : -1)));
    const firstProtect = wb.log.indexOf('WorksheetProtection.protect');
    expect(firstProtect).toBeGreaterThan(lastLayout);
    for (const sh of s.sheets) expect(wb.sheet(sh.name)!.protected).toBe(sh.protect);
  });
});

/** Excel's standard column width in points (8.43 characters, 64 px at 96 px per inch) */
const STANDARD_WIDTH_PT = 48;
/** A4 (210 × 297 mm) in points, less the writer's 0.5-inch left and right margins */
const A4_PRINTABLE = { portrait: (210 / 25.4) * 72 - 72, landscape: (297 / 25.4) * 72 - 72 };

describe.each(ALL_HOSTS.filter((h) => supportOn(h).features.pageLayout).map((h) => [h.name, h] as const))(
  '%s: print scale (fit-to-pages is not applied through Office.js, office-js #1860)',
  (_name, host) => {
    const { fake, insert } = on(host);

    test('every sheet prints at a fixed scale: its printScale (manual page breaks kept), else the scale at which its columns fit one A4 page wide', async () => {
      const base = spec(sampleAgents(80));
      const s: WorkbookSpec = {
        ...base,
        sheets: base.sheets.map((sh) =>
          sh.key === 'formA' ? { ...sh, printScale: 88 } : sh.key === 'summary' ? { ...sh, printScale: undefined } : sh,
        ),
      };
      const wb = fake();
      await insert(s, { run: wb.run });
      expect(wb.sheet('表A-业务')!.page.zoom).toEqual({ scale: 88 });
      expect(wb.sheet('表A-业务')!.pageBreaks[0]).toBe('A23');
      for (const sh of s.sheets) {
        const zoom = wb.sheet(sh.name)!.page.zoom as { scale?: number };
        expect(`${sh.name} ${JSON.stringify(zoom)}`).toMatch(/\{"scale":\d+\}$/);
        if (sh.printScale) {
          expect(zoom.scale).toBe(sh.printScale);
          continue;
        }
        // the printed columns (the print area's, hidden ones left out) as the workbook has them (widths in
        // points) at that scale fit the page's width, and not by much
        const ws = wb.sheet(sh.name)!;
        const [a, b] = (ws.page.printArea as string).split(':');
        let width = 0;
        for (let c = parseAddr(a).col; c <= parseAddr(b).col; c++)
          if (!ws.hiddenColumns.has(c)) width += ws.colWidths.get(c) ?? STANDARD_WIDTH_PT;
        const page = sh.landscape ? A4_PRINTABLE.landscape : A4_PRINTABLE.portrait;
        expect((width * zoom.scale!) / 100).toBeLessThanOrEqual(page);
        if (zoom.scale! < 100) expect((width * (zoom.scale! + 3)) / 100).toBeGreaterThan(page);
      }
    });
  },
);

describe('the fake Excel and fit-to-pages', () => {
  test('fit-to-pages is accepted and ignored, as Excel does unless the Page Layout tab is active; a scale is applied', async () => {
    const wb = new FakeWorkbook(['S']);
    await wb.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('S').pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      await ctx.sync();
    });
    expect(wb.sheet('S')!.page.zoom).toBeUndefined();
    await wb.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('S').pageLayout.zoom = { scale: 77 };
      await ctx.sync();
    });
    expect(wb.sheet('S')!.page.zoom).toEqual({ scale: 77 });
  });

  test('where it is applied (the Page Layout tab active), it keeps one page tall when the height is not said, as Excel may', async () => {
    const wb = new FakeWorkbook(['S'], { ...HOSTS['m365-windows'], fitToPages: 'applied' });
    await wb.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('S').pageLayout.zoom = { horizontalFitToPages: 1 };
      await ctx.sync();
    });
    expect(wb.sheet('S')!.page.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 1 });
  });
});

describe('hosts with fewer requirement sets', () => {
  test('without ExcelApi 1.9/1.8/1.7/1.6: still 2 syncs, one range per rectangle, no page layout', async () => {
    const support = checkSupport((set, v) => set === 'ExcelApi' && Number(v.split('.')[1]) <= 4);
    expect(support.canInsert).toBe(true);
    expect(support.features).toEqual({
      rangeAreas: false,
      pageLayout: false,
      dataValidation: false,
      freezePanes: false,
      conditionalFormats: false,
      autoFilter: false,
      selectAreas: false,
      copyFrom: false,
    });
    const s = spec(sampleAgents(10));
    const wb = new FakeWorkbook();
    const r = await insertIntoWorkbook(s, { features: support.features, run: wb.run });
    expect(r.syncs).toBe(2);
    expect(r.skipped.sort()).toEqual([
      'autoFilter',
      'conditionalFormats',
      'dataValidation',
      'freezePanes',
      'pageLayout',
      'rangeAreas',
      'selectAreas',
    ]);
    expect(wb.log.some((op) => op.startsWith('RangeAreas') || op.startsWith('PageLayout') || op.includes('dataValidation'))).toBe(false);
    expect(wb.sheet('表A-业务')!.protectOptions).toEqual({ allowFormatColumns: true, allowFormatRows: true, allowAutoFilter: true });
    expect(wb.sheet('考核记录')!.protectOptions).toEqual({ allowFormatColumns: true, allowFormatRows: true, allowAutoFilter: true });
    expect(wb.sheet('考核记录')!.cells.get('D4')!.locked).toBe(false);
    const after = s.layout.find((l) => l.agent.role === 'after-sales')!;
    expect(wb.sheet('售后考核')!.cells.get(after.inputs.S01.address)!.locked).toBe(false);
  });

  test('checkSupport: no checker = everything; a throwing checker = not supported', () => {
    expect(checkSupport(undefined).missing).toEqual([]);
    const s = checkSupport(() => {
      throw new Error('x');
    });
    expect(s.canInsert).toBe(false);
    expect(s.kpiFormulas).toBe(false);
  });
});

describe.each(INSERTING)('%s: reading back, jumping, writing entries', (_name, host) => {
  const { fake, insert, read } = on(host);
  const agents = sampleAgents(3);

  test('readSummary: rank, total, pay and flags per agent in one sync (two where the first read gives #BUSY!)', async () => {
    const s = spec(agents);
    const wb = fake();
    const { spec: final } = await insert(s, { run: wb.run });
    const sm = wb.sheet(sheetOf(final, 'summary').name)!;
    final.layout.forEach((l, i) => {
      sm.cell((l.outputs.summaryTotal ?? l.outputs.total).address).value = 80 + i;
      sm.cell(l.outputs.rank.address).value = i + 1;
      sm.cell(l.outputs.pay.address).value = 320 + i;
      sm.cell(l.outputs.flags.address).value = i === 0 ? '红线·上报开除处理' : '';
    });
    const syncsBefore = wb.stats.syncs;
    const r = await read(final.layout, { run: wb.run });
    // the =KPI.… cells were just written: a host with custom functions is still calculating them on the first read
    expect(wb.stats.syncs - syncsBefore).toBe(host.busyReads > 0 ? 2 : 1);
    expect(r.rows.map((x) => [x.id, x.total, x.rank, x.pay, x.flags])).toEqual([
      ['E001', 80, 1, 320, '红线·上报开除处理'],
      ['E002', 81, 2, 321, ''],
      ['E003', 82, 3, 322, ''],
    ]);
    expect(r.rows[1].role).toBe('after-sales');
    expect(r.rows[1].formCell.sheet).toBe('售后考核');
  });

  test('readSummary without the summary sheet: a problem naming it', async () => {
    const wb = fake();
    const refused = read(spec(agents).layout, { run: wb.run });
    await expect(refused).rejects.toBeInstanceOf(Problem);
    await expect(refused).rejects.toMatchObject({
      code: 'office.missingSheet',
      message: expect.stringContaining('月度汇总'),
    });
  });

  test('activateAgent activates the form and selects its first cell (fake Excel)', async () => {
    const s = spec(agents);
    const wb = fake();
    await insert(s, { run: wb.run });
    await activateAgent(s.layout[1], { run: wb.run });
    expect(wb.active).toBe('售后考核');
    expect(wb.selected).toBe('售后考核!A1');
    await activateAgent(s.layout[2].formCell, { run: wb.run });
    expect(wb.selected).toBe('表A-业务!A23');
  });

  test('activateAgent with office-addin-mock: getItem(sheet).activate(), getRange(address).select(), one sync', async () => {
    const calls: string[] = [];
    const context = new OfficeMockObject({
      workbook: {
        worksheets: {
          getItem: (name: string) => ({
            activate: () => calls.push(`activate ${name}`),
            getRange: (a: string) => ({ select: () => calls.push(`select ${a}`) }),
          }),
        },
      },
      sync: async () => {
        calls.push('sync');
      },
    });
    const run = (async (batch: (c: Excel.RequestContext) => Promise<unknown>) =>
      batch(context as unknown as Excel.RequestContext)) as never;
    await activateAgent({ sheet: '表A-业务', address: 'A23' }, { run });
    expect(calls).toEqual(['activate 表A-业务', 'select A23', 'sync']);
  });

  // D12: a form's count is a formula over the records sheet, so a count is written as a record (the
  // monthly figures still go into the form's input cells); 2 syncs: where the records end, then the write
  test('writeInputs: monthly figures into the unlocked input cells, counts as month-level records after the last one, in two syncs', async () => {
    const s = spec(agents);
    const wb = fake();
    await insert(s, { run: wb.run });
    const r = await writeInputs(
      s.layout,
      { E001: { A01: 2, B06: 1.5, EX: 80 }, E002: { S02: 'AABCD', S03: 'B' }, E003: { ZZ9: 1 } },
      { run: wb.run },
    );
    expect(r).toMatchObject({ cells: 3, records: 2, notInLayout: ['E003 ZZ9'], syncs: 2 });
    const fa = wb.sheet('表A-业务')!;
    expect(fa.protected).toBe(true);
    // the form's A01 stays the sum of the records
    expect(fa.formula(s.layout[0].outputs['n:A01'].address)).toMatch(/^=SUMIFS\(REC_COUNTED,REC_ID,"=E001",REC_CODE,"=A01"\)$/);
    const rec = wb.sheet('考核记录')!;
    expect(rec.protected).toBe(true);
    const row = (n: number) => ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((c) => rec.value(`${c}${n}`));
    expect(row(4)).toEqual(['', 'E001', 'A01', 2, '', '', '']);
    expect(row(5)).toEqual(['', 'E001', 'B06', 1.5, '', '', '']);
    expect(row(6)).toEqual(['', '', '', '', '', '', '']);
    expect(wb.sheet('售后考核')!.value(s.layout[1].inputs.S02.address)).toBe('AABCD');
    expect(wb.sheet('笔试')!.value(s.layout[0].inputs.EX.address)).toBe(80);
  });

  test('writeInputs: records with a date, evidence and status go after the last used row, worded in the workbook’s language', async () => {
    for (const lang of ['zh', 'en'] as const) {
      const s = spec(agents, 'plain', lang);
      const wb = fake();
      await insert(s, { run: wb.run });
      const rec = wb.sheet(lang === 'zh' ? '考核记录' : 'Records')!;
      // someone recorded on row 4 and left row 5 half filled (a note only): neither is overwritten
      rec.cell('B4').value = 'E001';
      rec.cell('C4').value = 'A03';
      rec.cell('D4').value = 1;
      rec.cell('E5').value = 'see tape';
      const r = await writeInputs(
        s.layout,
        {},
        {
          run: wb.run,
          records: [
            { date: '2024-03-05', id: 'E001', code: 'A01', count: 1, evidence: 'call ID7 10:42', by: 'call log', status: 'disputed' },
            { date: '', id: 'E001', code: 'A02', count: 1, evidence: '=1+1', by: '', status: '' },
            { date: '', id: 'E009', code: 'A02', count: 1, evidence: '', by: '', status: '' },
          ],
        },
      );
      expect(r).toMatchObject({ cells: 0, records: 2, notInLayout: ['E009 A02'], syncs: 2 });
      expect(rec.value('B4')).toBe('E001');
      expect(rec.value('E5')).toBe('see tape');
      const row = (n: number) => ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((c) => rec.value(`${c}${n}`));
      // 2024-03-05 is day 45356 (1 Jan 2024 = 45292, + 31 + 29 + 4)
      expect(row(6)).toEqual([45356, 'E001', 'A01', 1, 'call ID7 10:42', 'call log', lang === 'zh' ? '申诉中' : 'disputed']);
      // text Excel would run as a formula is written as text
      expect(row(7)).toEqual(['', 'E001', 'A02', 1, '=1+1', '', '']);
      expect(rec.formula('E7')).toBe('=1+1');
      expect(rec.cells.get('E7')?.formula).toBeUndefined();
    }
  });

  test('writeInputs: records past the rows the records sheet checks: another block of rows in the same batch (office/records-room.ts), 2 syncs', async () => {
    const s = spec(agents);
    const wb = fake();
    await insert(s, { run: wb.run });
    // 3 agents: room for 100 records (templates/sheets/records.ts recordsCapacity), rows 4–103; 101 and one typed form cell
    const many = Array.from({ length: 101 }, () => ({ date: '', id: 'E001', code: 'A01', count: 1, evidence: '', by: '', status: '' }));
    const r = await writeInputs(s.layout, { E001: { EX: 70 } }, { run: wb.run, records: many, features: supportOn(host).features });
    expect(r).toMatchObject({ cells: 1, records: 101, syncs: 2 });
    expect(wb.sheet('考核记录')!.value('B104')).toBe('E001');
    expect(wb.sheet('考核记录')!.formula('H104')).toMatch(/^=IF\(OR\(I104<>""/);
    expect(wb.names.get('rec_id')!.ref).toMatch(/!\$B\$4:\$B\$204$/);
    expect(wb.sheet('笔试')!.value(s.layout[0].inputs.EX.address)).toBe(70);
  });

  test('writeInputs: counts into a workbook without the records sheet: a problem naming it', async () => {
    const s = spec(agents);
    const wb = fake();
    await insert(s, { run: wb.run });
    wb.names.delete('rec_id');
    await expect(writeInputs(s.layout, { E001: { A01: 1 } }, { run: wb.run })).rejects.toMatchObject({
      code: 'office.missingSheet',
      message: expect.stringContaining('考核记录'),
    });
  });

  test('a locked cell of a protected sheet cannot be written (the fake is strict, like Excel)', async () => {
    const s = spec(agents);
    const wb = fake();
    await insert(s, { run: wb.run });
    const bad = s.layout.map((l) => ({ ...l, inputs: { EX: { sheet: '表A-业务', address: 'F6' } } }));
    await expect(writeInputs(bad, { E001: { EX: 1 } }, { run: wb.run })).rejects.toMatchObject({
      code: 'AccessDenied',
      debugInfo: expect.any(Object),
    });
  });

  test('readRosterSheet reads the roster the workbook has (or null)', async () => {
    const wb = fake();
    expect(await readRosterSheet(['花名册', 'Roster'], { run: wb.run })).toBeNull();
    await insert(spec(agents, 'kpi', 'en'), { sheets: ['roster'], run: wb.run });
    const r = await readRosterSheet(['花名册', 'Roster'], { run: wb.run });
    expect(r!.sheet).toBe('Roster');
    expect(r!.values[1]).toEqual(['ID', 'Name', 'Role', 'Group']);
    expect(r!.values[2]).toEqual(['E001', 'Agent 1', 'pre-sales', 'G1']);
  });
});

// ---------------- the fake Excel is as strict as each host ----------------

/**
 * The ExcelApi version of a member, read from its `[Api set: ExcelApi x.y …]` annotation in @types/office-js
 * (the class `Excel.<cls>`, the member's JSDoc): independent of the fake's own table.
 */
function annotatedApiSet(cls: string, member: string): string {
  const dts = fs.readFileSync(require.resolve('@types/office-js/index.d.ts'), 'utf8');
  const start = dts.indexOf(`\n    class ${cls} extends OfficeExtension.ClientObject`);
  if (start < 0) throw new Error(`no class ${cls}`);
  const body = dts.slice(start, dts.indexOf('\n    }', start));
  const at = body.search(new RegExp(String.raw`\n\s+(readonly )?${member}[(:?]`));
  if (at < 0) throw new Error(`no ${cls}.${member}`);
  const doc = body.slice(body.lastIndexOf('/**', at), at);
  const m = /\[Api set: ExcelApi (\d+\.\d+)/.exec(doc);
  if (!m) throw new Error(`no [Api set] on ${cls}.${member}`);
  return m[1];
}

/** One member each of what the writer uses, as a batch on sheet S (activated first, for select). */
const PROBES: Array<[cls: string, member: string, use: (ws: Excel.Worksheet, ctx: Excel.RequestContext) => void]> = [
  ['Range', 'formulas', (ws) => (ws.getRange('A1').formulas = [['=1+1']])],
  ['Range', 'merge', (ws) => ws.getRange('A2:B2').merge(false)],
  ['NamedItemCollection', 'add', (_ws, ctx) => ctx.workbook.names.add('PROBE', '=S!$A$1')],
  ['Range', 'conditionalFormats', (ws) => ws.getRange('A3').conditionalFormats.add('Custom' as Excel.ConditionalFormatType)],
  ['WorksheetFreezePanes', 'freezeRows', (ws) => ws.freezePanes.freezeRows(1)],
  ['Range', 'dataValidation', (ws) => (ws.getRange('A4').dataValidation.rule = { wholeNumber: { formula1: 0, operator: 'GreaterThan' } })],
  ['Worksheet', 'getRanges', (ws) => (ws.getRanges('A5,C5').format.fill.color = '#FFFF00')],
  ['PageLayout', 'zoom', (ws) => (ws.pageLayout.zoom = { scale: 90 })],
  ['RangeAreas', 'select', (ws) => ws.getRanges('A6,C6').select()],
];

const probe = (wb: FakeWorkbook, use: (ws: Excel.Worksheet, ctx: Excel.RequestContext) => void) =>
  wb.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem('S');
    ws.activate();
    use(ws, ctx);
    await ctx.sync();
  });

describe.each(ALL_HOSTS.map((h) => [h.name, h] as const))('%s: the fake Excel refuses what this Excel refuses', (_name, host) => {
  test.each(PROBES.map(([c, m, use]) => [`${c}.${m}`, c, m, use] as const))(
    '%s: works when the host has its requirement set (@types/office-js), else ApiNotFound',
    async (_what, cls, member, use) => {
      const needs = annotatedApiSet(cls, member);
      const wb = new FakeWorkbook(['S'], host);
      const done = probe(wb, use);
      if (isSetSupported(host, 'ExcelApi', needs)) await expect(done).resolves.toBeUndefined();
      else await expect(done).rejects.toMatchObject({ code: 'ApiNotFound' });
    },
  );

  test('a request over 5 MB (UTF-8 bytes) is refused on the web, before anything runs; elsewhere it goes through', async () => {
    // 1,000 × 2 cells of 900 CJK characters: 1.8 million UTF-16 code units, 5.4 million bytes in UTF-8
    const text = '考'.repeat(900);
    const wb = new FakeWorkbook(['S'], host);
    const done = wb.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('S');
      ws.getRange('Z1').values = [['first']];
      ws.getRange('A1:B1000').values = Array.from({ length: 1000 }, () => [text, text]);
      await ctx.sync();
    });
    if (host.id === 'web') {
      await expect(done).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
      expect(wb.sheet('S')!.cells.size).toBe(0);
    } else {
      await done;
      expect(wb.sheet('S')!.value('B1000')).toBe(text);
    }
    expect(wb.stats.payloads[0]).toBeGreaterThan(5_000_000);
    expect(1800 * 1000).toBeLessThan(5_000_000); // the same text counted in UTF-16 units would pass
  });

  test('a data-validation formula over 255 characters is refused (Excel would drop it); 255 is accepted', async () => {
    if (!isSetSupported(host, 'ExcelApi', '1.8')) return; // no data validation on this host at all (probe above)
    const formula = (n: number) => `=AND(ISNUMBER(A1),A1>=0${'+0'.repeat((n - 23) / 2)})`;
    expect(formula(255).length - 1).toBe(255);
    const wb = new FakeWorkbook(['S'], host);
    const set = (f: string) =>
      wb.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('S').getRange('A1').dataValidation.rule = { custom: { formula: f } };
        await ctx.sync();
      });
    await expect(set(formula(255))).resolves.toBeUndefined();
    await expect(set(formula(257))).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  test('a sheet protected with a password is not unprotected without it', async () => {
    const wb = new FakeWorkbook(['S'], host);
    Object.assign(wb.sheet('S')!, { protected: true, protectPassword: 'secret' });
    await expect(probe(wb, (ws) => ws.protection.unprotect())).rejects.toMatchObject({
      debugInfo: { errorLocation: 'WorksheetProtection.unprotect' },
    });
    expect(wb.sheet('S')!.protected).toBe(true);
  });

  test('in cell edit mode every request is refused (InvalidOperationInCellEditMode), reads included', async () => {
    const wb = new FakeWorkbook(['S'], host);
    wb.cellEditMode = true;
    await expect(probe(wb, (ws) => (ws.getRange('A1').values = [[1]]))).rejects.toMatchObject({ code: 'InvalidOperationInCellEditMode' });
    await expect(readRosterSheet(['S'], { run: wb.run })).rejects.toMatchObject({ code: 'InvalidOperationInCellEditMode' });
    expect(wb.sheet('S')!.cells.size).toBe(0);
    wb.cellEditMode = false;
    await probe(wb, (ws) => (ws.getRange('A1').values = [[1]]));
    expect(wb.sheet('S')!.value('A1')).toBe(1);
  });

  test(`custom-function cells read while they calculate: ${host.busyReads ? '#BUSY! on the first read after a write' : 'no custom functions here'}`, async () => {
    const wb = new FakeWorkbook(['S'], host);
    const read = () =>
      wb.run(async (ctx) => {
        const r = ctx.workbook.worksheets.getItem('S').getRange('A1:B1').load('values');
        await ctx.sync();
        return r.values[0];
      });
    await probe(wb, (ws) => (ws.getRange('A1:B1').formulas = [['=KPI.SCORE(1,2,3)', '=1+1']]));
    wb.sheet('S')!.cell('A1').value = 42;
    wb.sheet('S')!.cell('B1').value = 2;
    if (host.busyReads) expect(await read()).toEqual(['#BUSY!', 2]);
    expect(await read()).toEqual([42, 2]);
  });
});

describe('which Excel offers the add-in at all (manifest.xml <Requirements>)', () => {
  const manifest = fs.readFileSync(path.join(__dirname, '..', 'manifest.xml'), 'utf8');
  test.each(ALL_HOSTS.map((h) => [h.name, h] as const))('%s', (_name, host) => {
    // README "Which Excel": Excel 2016 and 2019 have no shared runtime and no custom functions, so Office does not offer it
    const offered = !['excel2016', 'excel2019'].includes(host.id);
    expect(manifestLoads(host, manifest)).toBe(offered);
  });
});

describe('Excel 2016 (ExcelApi 1.1): the pane does not insert; reading, entries and jumping work on a workbook made elsewhere', () => {
  const host = HOSTS.excel2016;
  test('inserting is off (ExcelApi 1.4 missing); an insertion anyway is refused by Excel in its first request, nothing written', async () => {
    const support = supportOn(host);
    expect(support.canInsert).toBe(false);
    expect(support.kpiFormulas).toBe(false);
    const wb = new FakeWorkbook(undefined, host);
    await expect(insertIntoWorkbook(spec(sampleAgents(3), 'plain'), { features: support.features, run: wb.run })).rejects.toMatchObject({
      code: 'ApiNotFound',
    });
    expect(wb.sheetNames).toEqual(['Sheet1']);
    expect(wb.names.size).toBe(0);
  });

  test('a plain-formula workbook (CLI or another Excel) opened in Excel 2016: results, entries, jumping', async () => {
    const s = spec(sampleAgents(3), 'plain');
    const wb = new FakeWorkbook();
    const { spec: final } = await insertIntoWorkbook(s, { run: wb.run });
    wb.host = host;
    // a count goes in as a month-level record (issue 9); a monthly figure into its input cell
    const w = await writeInputs(final.layout, { E001: { A01: 2, EX: 80 } }, { run: wb.run });
    expect(w).toMatchObject({ cells: 1, records: 1, syncs: 2 });
    expect(['A4', 'B4', 'C4', 'D4'].map((x) => wb.sheet('考核记录')!.value(x))).toEqual(['', 'E001', 'A01', 2]);
    expect(wb.sheet('笔试')!.value(final.layout[0].inputs.EX.address)).toBe(80);
    const sm = wb.sheet(sheetOf(final, 'summary').name)!;
    sm.cell(final.layout[0].outputs.rank.address).value = 1;
    const r = await readSummary(final.layout, { run: wb.run });
    expect(r.syncs).toBe(1); // plain formulas: nothing calculates asynchronously
    expect(r.rows[0].rank).toBe(1);
    await activateAgent(final.layout[1], { run: wb.run });
    expect(wb.active).toBe('售后考核');
  });
});

// ---------------- item 5: requests under 5 MB on the web ----------------

describe('Excel on the web: every request under 5 MB, however many agents', () => {
  const web = HOSTS.web;

  test('500 agents, every sheet: several requests, each under 5 MB; the workbook complete, protection last', async () => {
    const s = spec(sampleAgents(500));
    const wb = new FakeWorkbook(undefined, web);
    const { insert } = on(web);
    const r = await insert(s, { run: wb.run });
    expect(r.syncs).toBeGreaterThan(2);
    expect(r.syncs).toBe(wb.stats.syncs);
    expect(wb.stats.payloads.every((b) => b < WEB_REQUEST_LIMIT)).toBe(true);
    // one insertion of 500 agents is more than 5 MB in all: it had to be split
    expect(wb.stats.payloads.reduce((a, b) => a + b, 0)).toBeGreaterThan(WEB_REQUEST_LIMIT);
    for (const sh of s.sheets) expectSheetMatches(wb.sheet(sh.name)!, s, sh.key);
    for (const d of s.names) expect(wb.names.get(d.name.toLowerCase())?.ref).toBe(d.ref);
    const lastWrite = Math.max(...wb.log.map((op, i) => (/^(Range|RangeAreas|PageLayout|PageBreakCollection)\./.test(op) ? i : -1)));
    expect(wb.log.indexOf('WorksheetProtection.protect')).toBeGreaterThan(lastWrite);
    expect(wb.active).toBe(sheetOf(s, 'summary').name);
  }, 60000);

  test('80 agents on the web: every sheet in 2 syncs, the request far below 5 MB', async () => {
    for (const form of ['all', 'summary', 'after', 'formA'] as const) {
      const m = await measureInsertion(80, form, 'kpi', web);
      expect(`${form} ${m.syncs}`).toBe(`${form} 2`);
      expect(m.maxSyncBytes).toBeLessThan(WEB_REQUEST_LIMIT / 2);
    }
  });

  test('a small request budget splits one sheet’s formulas into bands of rows and keeps the order: same workbook as in one request', async () => {
    const s = spec(sampleAgents(20));
    const one = new FakeWorkbook();
    await insertIntoWorkbook(s, { run: one.run });
    const many = new FakeWorkbook();
    const r = await insertIntoWorkbook(s, { run: many.run, requestBudget: 20_000 });
    expect(r.syncs).toBeGreaterThan(10);
    expect(many.log.filter((op) => op === 'Range.formulas').length).toBeGreaterThan(one.log.filter((op) => op === 'Range.formulas').length);
    for (const sh of s.sheets) {
      const a = one.sheet(sh.name)!;
      const b = many.sheet(sh.name)!;
      expect(JSON.stringify([...b.cells].sort())).toBe(JSON.stringify([...a.cells].sort()));
      expect([b.merges, b.validations, b.conditionalFormats, b.page, b.pageBreaks, b.protected]).toEqual([
        a.merges,
        a.validations,
        a.conditionalFormats,
        a.page,
        a.pageBreaks,
        a.protected,
      ]);
    }
  });
});

// ---------------- item 8: #BUSY! while custom functions calculate ----------------

describe('reading results while the KPI functions calculate (#BUSY!)', () => {
  async function filled(host = HOSTS['m365-windows']) {
    const s = spec(sampleAgents(3));
    const wb = new FakeWorkbook(undefined, host);
    const { spec: final } = await insertIntoWorkbook(s, { run: wb.run, features: supportOn(host).features });
    const sm = wb.sheet(sheetOf(final, 'summary').name)!;
    final.layout.forEach((l, i) => (sm.cell(l.outputs.rank.address).value = i + 1));
    return { wb, final };
  }

  test('the first reads give #BUSY!: read again after a short wait, then the values', async () => {
    const { wb, final } = await filled();
    wb.calculating = 2;
    const r = await readSummary(final.layout, { run: wb.run, retryMs: [5, 5, 5, 5] });
    expect(r.syncs).toBe(3);
    expect(r.rows.map((x) => x.rank)).toEqual([1, 2, 3]);
  });

  test('still #BUSY! after the last wait: the problem office.stillCalculating (the pane says: still calculating, try again)', async () => {
    const { wb, final } = await filled();
    wb.calculating = 99;
    const t0 = Date.now();
    const refused = readSummary(final.layout, { run: wb.run, retryMs: [5, 10, 20] });
    await expect(refused).rejects.toBeInstanceOf(Problem);
    await expect(refused).rejects.toMatchObject({ code: 'office.stillCalculating', act: 'calcRetry' });
    expect(wb.stats.syncs).toBeGreaterThan(0);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(30);
  });

  test('by default the waits are bounded: at most 5 reads within about 3 seconds', () => {
    expect(BUSY_RETRY_MS.length + 1).toBe(5);
    expect(BUSY_RETRY_MS.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(3000);
  });
});

// ---------------- cell edit mode ----------------

test('cell edit mode: an insertion is refused with InvalidOperationInCellEditMode and writes nothing', async () => {
  const wb = new FakeWorkbook();
  wb.cellEditMode = true;
  await expect(insertIntoWorkbook(spec(sampleAgents(2)), { run: wb.run })).rejects.toMatchObject({
    code: 'InvalidOperationInCellEditMode',
  });
  expect(wb.sheetNames).toEqual(['Sheet1']);
  expect(wb.names.size).toBe(0);
});

describe('plan: pure helpers', () => {
  test('mapFormula rewrites sheet references, not string literals', () => {
    const f = `IF('表A-业务'!$F$20>0,"表A-业务!",Summary!A1&'it''s'!B2)`;
    const out = mapFormula(f, (n) => ({ '表A-业务': 'X (2)', Summary: 'Summary (2)', "it's": 'ok' })[n] ?? n);
    expect(out).toBe(`IF('X (2)'!$F$20>0,"表A-业务!",'Summary (2)'!A1&ok!B2)`);
  });

  test('renameSheets renames formulas, names and layout', () => {
    const s = spec(sampleAgents(2));
    const r = renameSheets(s, { 规则: 'Rules X' });
    // the rules' names follow the sheet; the records' REC_* names stay on the records sheet
    const onRules = (n: { ref: string }) => /^'?规则'?!/.test(n.ref);
    expect(s.names.filter(onRules).length).toBeGreaterThan(40);
    expect(r.names.map((n) => n.ref)).toEqual(s.names.map((n) => (onRules(n) ? n.ref.replace(/^'?规则'?!/, "'Rules X'!") : n.ref)));
    expect(r.names.find((n) => n.name === 'REC_ID')!.ref).toMatch(/^'?考核记录'?!/);
    expect(r.sheets.find((x) => x.key === 'rules')!.name).toBe('Rules X');
    expect(renameSheets(s, {})).toBe(s);
  });

  test('renameSheets renames the layout’s id cells too (the readers check them)', () => {
    const s = spec(sampleAgents(2));
    expect(s.layout.map((l) => l.idCell?.sheet)).toEqual(['表A-业务', '售后考核']);
    const r = renameSheets(s, { '表A-业务': 'A (2)', 售后考核: 'After (2)' });
    expect(r.layout.map((l) => l.idCell)).toEqual([
      { sheet: 'A (2)', address: s.layout[0].idCell!.address },
      { sheet: 'After (2)', address: s.layout[1].idCell!.address },
    ]);
    expect(r.layout.map((l) => l.formCell.sheet)).toEqual(['A (2)', 'After (2)']);
    // a layout without an id cell stays without one
    const none = { ...s, layout: s.layout.map(({ idCell: _, ...l }) => l) };
    expect(renameSheets(none, { '表A-业务': 'A (2)' }).layout.every((l) => !('idCell' in l))).toBe(true);
  });

  test('sheetClosure: form A needs the records (and through them the roster) and the rules; the summary needs the forms', () => {
    const s = spec(sampleAgents(4));
    expect(sheetClosure(s, ['formA'])).toEqual(['formA', 'records', 'rules', 'roster']);
    expect(sheetClosure(s, ['records'])).toEqual(['records', 'roster']);
    expect(sheetClosure(s, ['test'])).toEqual(['test']);
    expect(sheetClosure(s, ['summary'])).toEqual(['summary', 'formA', 'formB', 'test', 'after', 'records', 'quarter', 'rules', 'roster']);
  });

  test('planInsertion refuses a spec whose formulas refer to a sheet that is nowhere: a fault of the program, not a problem', () => {
    const s = spec(sampleAgents(2));
    const partial = { ...s, sheets: s.sheets.filter((x) => x.key === 'formA') };
    expect(() => planInsertion(partial, { sheets: [], names: new Map() })).toThrow(
      /^The sheets to insert (refer to|use the defined names) .*, which neither/,
    );
    try {
      planInsertion(partial, { sheets: [], names: new Map() });
    } catch (e) {
      expect(e).not.toBeInstanceOf(Problem);
    }
  });

  test('needsQuote and rectangles', () => {
    expect(['=1', '+1', '-1', '@a', '007', '2024-03', 'TRUE', 'May 2024', '#N/A', '—'].every(needsQuote)).toBe(true);
    expect(['Ann', '张三', 'A', 'incomplete', 'Maybe'].some(needsQuote)).toBe(false);
    const rects = toRects([
      { row: 1, col: 1 },
      { row: 1, col: 2 },
      { row: 2, col: 1 },
      { row: 2, col: 2 },
      { row: 4, col: 2 },
    ]);
    expect(rects).toEqual([
      { r1: 1, c1: 1, r2: 2, c2: 2 },
      { r1: 4, c1: 2, r2: 4, c2: 2 },
    ]);
    const many = Array.from({ length: 250 }, (_, i) => ({ r1: i * 2 + 1, c1: 1, r2: i * 2 + 1, c2: 1 }));
    const chunks = areaChunks(many);
    expect(chunks).toHaveLength(3);
    expect(chunks.every((c) => c.split(',').length <= 100 && c.length <= 2000)).toBe(true);
  });

  test('every style rectangle of a sheet covers exactly its cells', () => {
    const s = spec(sampleAgents(6));
    for (const sh of s.sheets) {
      const byStyle = new Map<string, Set<string>>();
      for (const c of sh.cells) (byStyle.get(c.style) ?? byStyle.set(c.style, new Set()).get(c.style)!).add(c.address);
      for (const [, cells] of byStyle) {
        const covered = new Set<string>();
        for (const r of toRects([...cells].map(parseAddr)))
          for (let row = r.r1; row <= r.r2; row++) for (let col = r.c1; col <= r.c2; col++) covered.add(`${col},${row}`);
        expect([...covered].sort()).toEqual(
          [...cells]
            .map((a) => parseAddr(a))
            .map((p) => `${p.col},${p.row}`)
            .sort(),
        );
      }
    }
  });
});

test('ALL_FEATURES is everything on', () => {
  expect(Object.values(ALL_FEATURES).every(Boolean)).toBe(true);
});

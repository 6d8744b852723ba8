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
  activateAgent,
  insertIntoWorkbook,
  planInsertion,
  readRosterSheet,
  readSummary,
  writeInputs,
  WriterError,
} from '../src/office/writer';
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
import { FakeSheet, FakeWorkbook, refsAfterDelete } from './helpers/fakeExcel';
import { countSyncs, measureInsertion, sampleAgents } from './helpers/sync-count';

const MONTH = '2024-03';
const spec = (agents: Agent[], mode: 'kpi' | 'plain' = 'kpi', lang: 'zh' | 'en' = 'zh'): WorkbookSpec =>
  buildWorkbook({ month: MONTH, agents, mode, lang });
const sheetOf = (s: WorkbookSpec, key: SheetKey) => s.sheets.find((x) => x.key === key)!;

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

describe('insertIntoWorkbook: each form for 1 and for 80 agents', () => {
  const cases: Array<[SheetKey, number]> = [];
  for (const k of ['formA', 'formB', 'after', 'summary'] as SheetKey[]) for (const n of [1, 80]) cases.push([k, n]);

  test.each(cases)('%s for %i agents: ≤ 2 syncs, every cell, merges, protection', async (key, n) => {
    const agents = key === 'after' ? sampleAgents(n).map((a) => ({ ...a, role: 'after-sales' as const })) : sampleAgents(n);
    const s = spec(agents);
    const wb = new FakeWorkbook();
    const r = await insertIntoWorkbook(s, { sheets: [key], run: wb.run });
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

  test('countSyncs (the benchmark helper) gives 2 at 1 and 80 agents for every form', async () => {
    for (const form of ['formA', 'formB', 'after', 'summary', 'all']) {
      expect(await countSyncs(1, form)).toBe(2);
      expect(await countSyncs(80, form)).toBe(2);
    }
  });

  test('the whole workbook for 80 agents stays far below Excel on the web’s 5 MB request limit', async () => {
    const m = await measureInsertion(80, 'all');
    expect(m.syncs).toBe(2);
    expect(m.maxSyncBytes).toBeLessThan(2.5 * 1024 * 1024);
    expect(m.sheets).toHaveLength(8);
  });
});

describe('formulas, validation, protection, layout', () => {
  const agents: Agent[] = [
    { id: 'E001', name: 'Ann', role: 'pre-sales', group: 'G1' },
    { id: 'E002', name: 'Bob', role: 'after-sales', group: 'G1' },
  ];

  test('=KPI.… formulas in kpi mode, plain Excel formulas in plain mode', async () => {
    for (const mode of ['kpi', 'plain'] as const) {
      const s = spec(agents, mode);
      const wb = new FakeWorkbook();
      await insertIntoWorkbook(s, { run: wb.run });
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

  test('data validation with prompt and error alert on the input cells', async () => {
    const s = spec(agents, 'kpi', 'en');
    const wb = new FakeWorkbook();
    await insertIntoWorkbook(s, { run: wb.run });
    const fa = wb.sheet('Form A')!;
    const a01 = s.layout[0].inputs.A01.address;
    const v = fa.validationAt(a01)!;
    expect(v.rule).toEqual({ wholeNumber: { formula1: 0, operator: 'GreaterThanOrEqualTo' } });
    expect(v.prompt).toMatchObject({ showPrompt: true, message: expect.stringMatching(/whole number/) });
    expect(v.errorAlert).toMatchObject({ showAlert: true, style: 'Stop', message: expect.stringMatching(/D4/) });
    // B06: half days, a custom formula relative to its own cell
    const fb = wb.sheet('Form B')!;
    const b06 = s.layout[0].inputs.B06.address;
    expect(fb.validationAt(b06)!.rule).toEqual({ custom: { formula: `=AND(ISNUMBER(${b06}),${b06}>=0,MOD(${b06}*2,1)=0)` } });
    // B13 points 0–100, S03 grade list, EX score
    expect(fb.validationAt(s.layout[0].inputs.B13.address)!.rule).toEqual({ decimal: { formula1: 0, formula2: 100, operator: 'Between' } });
    const af = wb.sheet('After-sales')!;
    expect(af.validationAt(s.layout[1].inputs.S03.address)!.rule).toEqual({ list: { inCellDropDown: true, source: 'A,B,C,D,E' } });
    expect(wb.sheet('Written test')!.validationAt(s.layout[0].inputs.EX.address)!.rule).toEqual({
      decimal: { formula1: 0, formula2: 100, operator: 'Between' },
    });
  });

  test('protection without password; inputs unlocked, formulas locked; formats by style', async () => {
    const s = spec(agents);
    const wb = new FakeWorkbook();
    await insertIntoWorkbook(s, { run: wb.run });
    const fa = wb.sheet(sheetOf(s, 'formA').name)!;
    expect(fa.protected).toBe(true);
    expect(fa.protectOptions).toEqual({ allowFormatColumns: true, allowFormatRows: true, selectionMode: 'Normal' });
    const input = fa.cells.get(s.layout[0].inputs.A01.address)!;
    expect(input.locked).toBe(false);
    expect(input.fill).toBe('#FFF9DB');
    expect(input.borders).toEqual(new Set(['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideHorizontal']));
    const score = fa.cells.get(s.layout[0].outputs.A.address)!;
    expect(score.locked).toBe(true);
    expect(score.numberFormat).toBe('0.00');
    expect(score.bold).toBe(true);
    // the assessor field is text-formatted before anything is written
    expect(fa.cells.get('E2')!.numberFormat).toBe('@');
    // column widths in points, row heights as the spec says
    expect(fa.colWidths.get(3)).toBeCloseTo((44 * 7 + 5) * 0.75);
    expect(fa.rowHeights.get(1)).toBe(24);
  });

  test('page layout: A4, orientation, print area, titles, one agent per page; freeze panes; conditional formats', async () => {
    const many = sampleAgents(80);
    const s = spec(many);
    const wb = new FakeWorkbook();
    await insertIntoWorkbook(s, { run: wb.run });
    const fa = wb.sheet(sheetOf(s, 'formA').name)!;
    const scale = sheetOf(s, 'formA').printScale;
    expect(fa.page).toMatchObject({
      paperSize: 'A4',
      orientation: 'Portrait',
      printArea: `A1:F${40 * 22}`,
      zoom: scale ? { scale } : { horizontalFitToPages: 1, verticalFitToPages: 0 },
    });
    expect(fa.pageBreaks).toHaveLength(39); // 40 pre-sales agents: a break between each two
    expect(fa.pageBreaks[0]).toBe('A23');
    const sm = wb.sheet(sheetOf(s, 'summary').name)!;
    expect(sm.page).toMatchObject({ orientation: 'Landscape' });
    // 80 agents: one page wide, as many tall as needed (not squeezed onto one page), its manual break kept
    if (!sheetOf(s, 'summary').printScale) expect(sm.page.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 0 });
    expect(sm.pageBreaks).toHaveLength(1);
    expect(sm.freezeRows).toBe(5);
    expect(wb.sheet(sheetOf(s, 'test').name)!.page.printTitleRows).toBe('$3:$3');
    expect(sm.conditionalFormats.map((c) => [c.type, c.formula, c.fill])).toEqual([
      ['Custom', '=$K6=TRUE', '#FCE4D6'],
      ['Custom', '=$J6>0', '#FFC7CE'],
      ['Custom', `=$P${6 + 40 + 3 + 1}=TRUE`, '#FCE4D6'],
    ]);
  });

  test('text that starts with = + - @ or looks like a number or date stays text', async () => {
    const odd: Agent[] = [
      { id: '007', name: '=SUM(1)', role: 'pre-sales', group: '+86' },
      { id: '2024-03', name: '@home', role: 'pre-sales', group: '-x' },
    ];
    const s = spec(odd);
    const wb = new FakeWorkbook();
    await insertIntoWorkbook(s, { run: wb.run });
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
    expect(sm.cells.get('B6')).toMatchObject({ value: '=SUM(1)' });
    expect(sm.cells.get('B6')!.formula).toBeUndefined();
    // plain words are written as they are
    expect(sm.cells.get('A4')!.quotePrefix).toBeUndefined();
  });
});

describe('never overwrite: rename, replace, cancel, reuse the rules', () => {
  const agents = sampleAgents(4);

  function workbookWith(...names: string[]): FakeWorkbook {
    const wb = new FakeWorkbook(['Sheet1', ...names]);
    for (const n of names) wb.sheet(n)!.cell('A1').value = 'keep me';
    return wb;
  }

  test('an existing sheet of the same name: the new one is renamed, the old one untouched', async () => {
    const s = spec(agents);
    const wb = workbookWith('表A-业务');
    const r = await insertIntoWorkbook(s, { sheets: ['formA'], run: wb.run });
    expect(r.renamed).toEqual({ '表A-业务': '表A-业务 (2)' });
    expect(r.sheets).toEqual(['表A-业务 (2)', '规则']);
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
    const r = await insertIntoWorkbook(s, { sheets: ['summary'], run: wb.run });
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
    const r = await insertIntoWorkbook(s, { sheets: ['formA'], onConflict: 'cancel', run: wb.run });
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
    const r = await insertIntoWorkbook(s, { sheets: ['formA'], onConflict: 'replace', run: wb.run });
    expect(r.replaced).toEqual(['表A-业务']);
    expect(r.sheets).toEqual(['表A-业务', '规则']);
    expect(wb.sheetNames).toEqual(['Sheet1', '表A-业务', '规则']);
    expect(wb.sheet('表A-业务')).toBe(old);
    expect(wb.sheet('表A-业务')!.value('A1')).not.toBe('keep me');
    expectSheetMatches(old, s, 'formA');
    expect(wb.log).not.toContain('Worksheet.delete');
    expect(r.syncs).toBe(2);
  });

  test('onConflict replace keeps the workbook’s spelling of the sheet name', async () => {
    const s = spec(agents, 'kpi', 'en');
    const wb = workbookWith('FORM A');
    const r = await insertIntoWorkbook(s, { sheets: ['formA'], onConflict: 'replace', run: wb.run });
    expect(r.replaced).toEqual(['FORM A']);
    expect(wb.sheetNames).toEqual(['Sheet1', 'FORM A', 'Rules']);
    expect(r.spec.layout[0].formCell.sheet).toBe('FORM A');
    expect(r.spec.layout[0].idCell!.sheet).toBe('FORM A');
    expect(wb.active).toBe('FORM A');
  });

  test('a sheet protected with a password cannot be replaced: the batch fails before changing anything', async () => {
    const s = spec(agents);
    const wb = new FakeWorkbook();
    await insertIntoWorkbook(s, { sheets: ['formA'], run: wb.run });
    const fa = wb.sheet('表A-业务')!;
    fa.protectPassword = 'secret';
    const cells = JSON.stringify([...fa.cells]);
    const names = JSON.stringify([...wb.names]);
    const sheets = wb.sheetNames.slice();
    const ops = wb.log.length;
    await expect(insertIntoWorkbook(s, { sheets: ['formA', 'test'], onConflict: 'replace', run: wb.run })).rejects.toMatchObject({
      code: 'InvalidArgument',
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
    const wb = new FakeWorkbook();
    await insertIntoWorkbook(s, { sheets: ['formA'], run: wb.run });
    const names = wb.names.size;
    const r = await insertIntoWorkbook(s, { sheets: ['formB'], run: wb.run });
    expect(r.sheets).toEqual(['表B-纪律']);
    expect(r.reused).toContainEqual({ key: 'rules', name: '规则' });
    expect(r.reused.map((x) => x.key)).toEqual(sheetClosure(s, ['formB']).filter((k) => k !== 'formB'));
    expect(r.namesAdded).toEqual([]);
    expect(wb.names.size).toBe(names);
    expect(wb.sheetNames.filter((n) => n.startsWith('规则'))).toEqual(['规则']);
    // and the rules of an English workbook are found by name, whatever the sheet is called
    const r2 = await insertIntoWorkbook(spec(agents, 'kpi', 'en'), { sheets: ['formA'], run: wb.run });
    expect(r2.reused).toEqual([{ key: 'rules', name: '规则' }]);
    expect(r2.sheets).toEqual(['Form A']);
  });

  test('"insert or open the rules": an existing rules sheet is activated, not inserted again', async () => {
    const s = spec(agents);
    const wb = new FakeWorkbook();
    await insertIntoWorkbook(s, { sheets: ['formA'], run: wb.run });
    wb.active = 'Sheet1';
    const r = await insertIntoWorkbook(s, { sheets: ['rules'], run: wb.run });
    expect(r.sheets).toEqual([]);
    expect(wb.active).toBe('规则');
  });

  test('replacing the rules sheet deletes and re-adds its names', async () => {
    const s = spec(agents);
    const wb = new FakeWorkbook();
    await insertIntoWorkbook(s, { run: wb.run });
    const r = await insertIntoWorkbook(s, { sheets: ['rules'], onConflict: 'replace', run: wb.run });
    expect(r.replaced).toEqual(['规则']);
    expect(r.namesAdded).toHaveLength(s.names.length);
    expect(wb.names.get('pay_base')!.ref).toBe(s.names.find((n) => n.name === 'PAY_BASE')!.ref);
  });

  test('names are case-insensitive like Excel; sheet names stay within 31 characters', () => {
    expect(uniqueSheetName('Summary', ['summary'])).toBe('Summary (2)');
    const long = 'X'.repeat(31);
    expect(uniqueSheetName(long, [long])).toBe(`${'X'.repeat(27)} (2)`);
  });
});

describe('replace in place: other sheets’ references to the replaced sheet stay valid', () => {
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
      const wb = new FakeWorkbook();
      await insertIntoWorkbook(s, { run: wb.run });
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
        const r = await insertIntoWorkbook(s, { sheets: [key], onConflict: 'replace', run: wb.run });
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
        expect(old.verticalPageBreaks).toEqual([]);
        expect(old.pageBreaks).toHaveLength(sh.rowBreaks.filter((b) => b < sheetBounds(sh).r2).length);
        expect(old.validations.some((v) => v.address === 'Z90')).toBe(false);
        expect(old.conditionalFormats.map((c) => c.formula)).toEqual(sh.conditionalFormats.map((c) => `=${c.formula}`));
        expect(old.freezeRows).toBe(sh.freezeRows);
        expect(old.page.zoom).toEqual(sh.printScale ? { scale: sh.printScale } : { horizontalFitToPages: 1, verticalFitToPages: 0 });
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

describe('reuse: sheets this add-in made for the same month and roster are used, never copied', () => {
  const agents = sampleAgents(6);

  test('form A, an entry, then the summary: the summary reads the filled form A, no blank copy (D5/D8)', async () => {
    const s = spec(agents);
    const wb = new FakeWorkbook();
    const first = await insertIntoWorkbook(s, { sheets: ['formA'], run: wb.run });
    expect(first.sheets).toEqual(['表A-业务', '规则']);
    expect(wb.names.get('kpi_month')!.comment).toMatch(
      /^kpi-forms month=2024-03 lang=zh mode=kpi roster=6:[0-9a-f]{8} sheets=formA,rules$/,
    );
    await writeInputs(first.spec.layout, { E001: { A01: 2 } }, { run: wb.run });
    const before = wb.stats.syncs;
    const r = await insertIntoWorkbook(s, { sheets: ['summary'], run: wb.run });
    expect(wb.stats.syncs - before).toBeLessThanOrEqual(2);
    expect(r.sheets).toEqual((['summary', 'formB', 'test', 'after', 'quarter'] as SheetKey[]).map((k) => sheetOf(s, k).name));
    expect(r.reused).toEqual([
      { key: 'formA', name: '表A-业务' },
      { key: 'rules', name: '规则' },
    ]);
    expect(r.renamed).toEqual({});
    expect(wb.sheetNames.filter((n) => / \(\d+\)$/.test(n))).toEqual([]);
    // the summary's form A column points at the form that holds the entry
    const sm = wb.sheet('月度汇总')!;
    const a = s.layout[0].outputs.A;
    expect(sm.formula(s.layout[0].outputs.total.address.replace(/^G/, 'D'))).toBe(`='${a.sheet}'!$${a.address.replace(/(\d+)/, '$$$1')}`);
    expect(wb.sheet('表A-业务')!.value(s.layout[0].inputs.A01.address)).toBe(2);
    // the stamp now lists every sheet of ours
    expect(wb.names.get('kpi_month')!.comment).toMatch(/ sheets=summary,formA,formB,test,after,quarter,rules$/);
    // and the next insertion of any form inserts nothing: it opens the existing one
    const again = await insertIntoWorkbook(s, { sheets: ['after'], run: wb.run });
    expect(again.sheets).toEqual([]);
    expect(again.reused).toEqual([{ key: 'after', name: '售后考核' }]);
    expect(wb.active).toBe('售后考核');
    expect(again.syncs).toBe(2);
  });

  test.each([1, 80])(
    '%i agents: form A, then the summary, then the after-sales form, each in 2 syncs, chosen agents selected',
    async (n) => {
      const s = spec(sampleAgents(n));
      const wb = new FakeWorkbook();
      const pick = [s.layout[s.layout.length - 1].agent.id];
      for (const key of ['formA', 'summary', 'after'] as SheetKey[]) {
        const before = wb.stats.syncs;
        const r = await insertIntoWorkbook(s, { sheets: [key], select: pick, run: wb.run });
        expect(wb.stats.syncs - before).toBe(2);
        expect(r.syncs).toBe(2);
      }
      expect(wb.sheetNames.filter((x) => / \(\d+\)$/.test(x))).toEqual([]);
      expect(wb.sheetNames).toHaveLength(1 + 7);
    },
  );

  test('the after-sales form stands alone: its S01 average reads every after-sales agent’s tickets on its own sheet (D5)', async () => {
    const s = spec(agents);
    const wb = new FakeWorkbook();
    await insertIntoWorkbook(s, { sheets: ['formA'], run: wb.run });
    const r = await insertIntoWorkbook(s, { sheets: ['after'], run: wb.run });
    expect(r.sheets).toEqual(['售后考核']);
    expect(r.reused.map((x) => x.key)).toEqual(['rules']);
    const af = wb.sheet('售后考核')!;
    // one helper cell per after-sales agent of the roster in the hidden column the S01 formulas average
    const nAfter = agents.filter((x) => x.role === 'after-sales').length;
    const helpers = [...af.cells.entries()].filter(([a, c]) => /^I\d+$/.test(a) && /^=IF\(ISBLANK\(D\d+\)/.test(c.formula ?? ''));
    expect(helpers).toHaveLength(nAfter);
    expect(allFormulas(af)).toContain(`'售后考核'!$I$1:$I$${nAfter * 17}`);
  });

  test('"rename" asks for a fresh copy of the chosen sheet; what it needs is still reused', async () => {
    const s = spec(agents);
    const wb = new FakeWorkbook();
    await insertIntoWorkbook(s, { run: wb.run });
    const r = await insertIntoWorkbook(s, { sheets: ['summary'], onConflict: 'rename', run: wb.run });
    expect(r.sheets).toEqual(['月度汇总 (2)']);
    expect(r.renamed).toEqual({ 月度汇总: '月度汇总 (2)' });
    expect(r.reused.map((x) => x.key)).toEqual(['formA', 'formB', 'test', 'after', 'quarter', 'rules']);
    expect(allFormulas(wb.sheet('月度汇总 (2)')!)).toContain("'表A-业务'!");
    // a renamed copy is not ours under the template's name: the stamp does not list it twice
    expect(wb.names.get('kpi_month')!.comment).toMatch(/ sheets=summary,formA,formB,test,after,quarter,rules,roster$/);
  });

  test('"replace" replaces the chosen sheet only, never a sheet it needs', async () => {
    const s = spec(agents);
    const wb = new FakeWorkbook();
    await insertIntoWorkbook(s, { sheets: ['formA'], run: wb.run });
    wb.sheet('表A-业务')!.cell('H1').value = 'entries';
    const r = await insertIntoWorkbook(s, { sheets: ['summary'], onConflict: 'replace', run: wb.run });
    expect(r.replaced).toEqual([]);
    expect(r.reused.map((x) => x.key)).toEqual(['formA', 'rules']);
    expect(wb.sheet('表A-业务')!.value('H1')).toBe('entries');
  });

  test('another month or another roster: nothing is reused but the rules; the new sheets go alongside', async () => {
    const wb = new FakeWorkbook();
    await insertIntoWorkbook(buildWorkbook({ month: '2024-02', agents, mode: 'kpi', lang: 'zh' }), { sheets: ['formA'], run: wb.run });
    const r = await insertIntoWorkbook(spec(agents), { sheets: ['summary'], run: wb.run });
    expect(r.renamed).toEqual({ '表A-业务': '表A-业务 (2)' });
    expect(r.reused).toEqual([{ key: 'rules', name: '规则' }]);
    expect(r.otherStamp).toEqual({ month: '2024-02', differs: ['month'] });
    expect(allFormulas(wb.sheet('月度汇总')!)).toContain("'表A-业务 (2)'!");
    // the stamp still describes February's sheets
    expect(wb.names.get('kpi_month')!.comment).toMatch(/month=2024-02 .* sheets=formA,rules$/);

    const wb2 = new FakeWorkbook();
    await insertIntoWorkbook(spec(agents), { sheets: ['formA'], run: wb2.run });
    const more = [...agents, { id: 'E999', name: 'New', role: 'pre-sales' as const, group: 'G9' }];
    const r2 = await insertIntoWorkbook(spec(more), { sheets: ['summary'], run: wb2.run });
    expect(r2.renamed['表A-业务']).toBe('表A-业务 (2)');
    expect(r2.otherStamp).toEqual({ month: MONTH, differs: ['roster'] });
  });

  test('a sheet of the template’s name that we did not make is never reused', async () => {
    const s = spec(agents);
    const wb = new FakeWorkbook(['Sheet1', '表A-业务']);
    wb.sheet('表A-业务')!.cell('A1').value = 'mine';
    const r = await insertIntoWorkbook(s, { sheets: ['formA'], run: wb.run });
    expect(r.sheets).toEqual(['表A-业务 (2)', '规则']);
    expect(wb.names.get('kpi_month')!.comment).toMatch(/ sheets=rules$/);
    const r2 = await insertIntoWorkbook(s, { sheets: ['summary'], run: wb.run });
    expect(r2.reused.map((x) => x.key)).toEqual(['rules']);
    expect(r2.renamed['表A-业务']).toBe('表A-业务 (3)');
    expect(wb.sheet('表A-业务')!.value('A1')).toBe('mine');
  });

  test('a workbook without the stamp (an older insertion): sheets are not reused, as before', async () => {
    const s = spec(agents);
    const wb = new FakeWorkbook();
    await insertIntoWorkbook(s, { sheets: ['formA'], run: wb.run });
    delete wb.names.get('kpi_month')!.comment;
    const r = await insertIntoWorkbook(s, { sheets: ['summary'], run: wb.run });
    expect(r.renamed).toEqual({ '表A-业务': '表A-业务 (2)' });
    expect(r.otherStamp).toBeUndefined();
  });
});

describe('chosen agents: every agent is written, the chosen ones are selected', () => {
  test('their pages of a form (consecutive ones as one area), their rows of the summary; ≤ 2 syncs at 80 agents', async () => {
    const many = sampleAgents(80);
    const s = spec(many);
    const pre = s.layout.filter((l) => l.agent.role === 'pre-sales');
    const block = (l: (typeof pre)[number]) => parseAddr(l.formCell.address).row;
    const wb = new FakeWorkbook();
    const r = await insertIntoWorkbook(s, { sheets: ['formA'], select: ['E001', 'E003', 'E009'], run: wb.run });
    expect(r.syncs).toBe(2);
    // E001 and E003 are the first two pre-sales agents (pages 1 and 2), E009 the fifth
    const [p1, p2, , , p5] = pre;
    expect([p2.agent.id, p5.agent.id]).toEqual(['E003', 'E009']);
    expect(block(p1)).toBe(1);
    expect(wb.selected).toBe(`表A-业务!A1:F${block(p2) + 21},A${block(p5)}:F${block(p5) + 21}`);
    expect(r.selected).toEqual({ sheet: '表A-业务', address: 'A1:F44,A89:F110', agents: 3 });
    // every agent's block is there
    expect(wb.sheet('表A-业务')!.value(pre[39].formCell.address)).not.toBe('');

    const r2 = await insertIntoWorkbook(s, { sheets: ['summary'], select: ['E002', 'E080'], run: wb.run });
    expect(r2.syncs).toBe(2);
    const row = (id: string) => parseAddr(s.layout.find((l) => l.agent.id === id)!.outputs.summaryRow.address).row;
    expect(wb.selected).toBe(`月度汇总!A${row('E002')}:S${row('E002')},A${row('E080')}:S${row('E080')}`);
  });

  test('without RangeAreas (ExcelApi 1.9) the first area is selected', async () => {
    const s = spec(sampleAgents(10));
    const wb = new FakeWorkbook();
    const features = { ...ALL_FEATURES, rangeAreas: false };
    await insertIntoWorkbook(s, { sheets: ['formA'], select: ['E003', 'E007'], features, run: wb.run });
    expect(wb.selected).toBe('表A-业务!A23:F44');
  });
});

describe('protection comes last, as Excel needs', () => {
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
    const wb = new FakeWorkbook();
    await insertIntoWorkbook(s, { run: wb.run });
    const lastLayout = Math.max(...wb.log.map((op, i) => (/^(PageLayout|PageBreakCollection)\./.test(op) ? i : -1)));
    const firstProtect = wb.log.indexOf('WorksheetProtection.protect');
    expect(firstProtect).toBeGreaterThan(lastLayout);
    for (const sh of s.sheets) expect(wb.sheet(sh.name)!.protected).toBe(sh.protect);
  });
});

describe('print scale', () => {
  test('a sheet with printScale prints at that scale (manual page breaks kept); the others fit to one page wide, automatic height', async () => {
    const base = spec(sampleAgents(4));
    const s: WorkbookSpec = {
      ...base,
      sheets: base.sheets.map((sh) =>
        sh.key === 'formA' ? { ...sh, printScale: 88 } : sh.key === 'summary' ? { ...sh, printScale: undefined } : sh,
      ),
    };
    const wb = new FakeWorkbook();
    await insertIntoWorkbook(s, { run: wb.run });
    expect(wb.sheet('表A-业务')!.page.zoom).toEqual({ scale: 88 });
    expect(wb.sheet('表A-业务')!.pageBreaks).toEqual(['A23']);
    // the height is said (0: automatic): Excel (and the fake) would otherwise keep one page tall
    expect(wb.sheet('月度汇总')!.page.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 0 });
  });

  test('the fake keeps one page tall when the height is not said, as Excel may', async () => {
    const wb = new FakeWorkbook(['S']);
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
      selectAreas: false,
    });
    const s = spec(sampleAgents(10));
    const wb = new FakeWorkbook();
    const r = await insertIntoWorkbook(s, { features: support.features, run: wb.run });
    expect(r.syncs).toBe(2);
    expect(r.skipped.sort()).toEqual(['conditionalFormats', 'dataValidation', 'freezePanes', 'pageLayout', 'rangeAreas', 'selectAreas']);
    expect(wb.log.some((op) => op.startsWith('RangeAreas') || op.startsWith('PageLayout') || op.includes('dataValidation'))).toBe(false);
    expect(wb.sheet('表A-业务')!.protectOptions).toEqual({ allowFormatColumns: true, allowFormatRows: true });
    expect(wb.sheet('表A-业务')!.cells.get(s.layout[0].inputs.A01.address)!.locked).toBe(false);
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

describe('reading back, jumping, writing entries', () => {
  const agents = sampleAgents(3);

  test('readSummary: rank, total, pay and flags per agent in one sync', async () => {
    const s = spec(agents);
    const wb = new FakeWorkbook();
    const { spec: final } = await insertIntoWorkbook(s, { run: wb.run });
    const sm = wb.sheet(sheetOf(final, 'summary').name)!;
    final.layout.forEach((l, i) => {
      sm.cell((l.outputs.summaryTotal ?? l.outputs.total).address).value = 80 + i;
      sm.cell(l.outputs.rank.address).value = i + 1;
      sm.cell(l.outputs.pay.address).value = 320 + i;
      sm.cell(l.outputs.flags.address).value = i === 0 ? '红线·上报开除处理' : '';
    });
    const syncsBefore = wb.stats.syncs;
    const r = await readSummary(final.layout, { run: wb.run });
    expect(wb.stats.syncs - syncsBefore).toBe(1);
    expect(r.rows.map((x) => [x.id, x.total, x.rank, x.pay, x.flags])).toEqual([
      ['E001', 80, 1, 320, '红线·上报开除处理'],
      ['E002', 81, 2, 321, ''],
      ['E003', 82, 3, 322, ''],
    ]);
    expect(r.rows[1].role).toBe('after-sales');
    expect(r.rows[1].formCell.sheet).toBe('售后考核');
  });

  test('readSummary without the summary sheet: a WriterError naming it', async () => {
    const wb = new FakeWorkbook();
    await expect(readSummary(spec(agents).layout, { run: wb.run })).rejects.toMatchObject({
      name: 'WriterError',
      code: 'missing-sheet',
      message: expect.stringContaining('月度汇总'),
    });
  });

  test('activateAgent activates the form and selects its first cell (fake Excel)', async () => {
    const s = spec(agents);
    const wb = new FakeWorkbook();
    await insertIntoWorkbook(s, { run: wb.run });
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

  test('writeInputs writes entries into the unlocked input cells of protected sheets, in one sync', async () => {
    const s = spec(agents);
    const wb = new FakeWorkbook();
    await insertIntoWorkbook(s, { run: wb.run });
    const r = await writeInputs(
      s.layout,
      { E001: { A01: 2, B06: 1.5, EX: 80 }, E002: { S02: 'AABCD', S03: 'B' }, E003: { ZZ9: 1 } },
      { run: wb.run },
    );
    expect(r).toMatchObject({ cells: 5, notInLayout: ['E003 ZZ9'], syncs: 1 });
    const fa = wb.sheet('表A-业务')!;
    expect(fa.protected).toBe(true);
    expect(fa.value(s.layout[0].inputs.A01.address)).toBe(2);
    expect(wb.sheet('售后考核')!.value(s.layout[1].inputs.S02.address)).toBe('AABCD');
    expect(wb.sheet('笔试')!.value(s.layout[0].inputs.EX.address)).toBe(80);
  });

  test('a locked cell of a protected sheet cannot be written (the fake is strict, like Excel)', async () => {
    const s = spec(agents);
    const wb = new FakeWorkbook();
    await insertIntoWorkbook(s, { run: wb.run });
    const bad = s.layout.map((l) => ({ ...l, inputs: { A01: { sheet: '表A-业务', address: 'F6' } } }));
    await expect(writeInputs(bad, { E001: { A01: 1 } }, { run: wb.run })).rejects.toMatchObject({
      code: 'AccessDenied',
      debugInfo: expect.any(Object),
    });
  });

  test('readRosterSheet reads the roster the workbook has (or null)', async () => {
    const wb = new FakeWorkbook();
    expect(await readRosterSheet(['花名册', 'Roster'], { run: wb.run })).toBeNull();
    await insertIntoWorkbook(spec(agents, 'kpi', 'en'), { sheets: ['roster'], run: wb.run });
    const r = await readRosterSheet(['花名册', 'Roster'], { run: wb.run });
    expect(r!.sheet).toBe('Roster');
    expect(r!.values[1]).toEqual(['ID', 'Name', 'Role', 'Group']);
    expect(r!.values[2]).toEqual(['E001', 'Agent 1', 'pre-sales', 'G1']);
  });
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
    expect(r.names.every((n) => n.ref.startsWith("'Rules X'!"))).toBe(true);
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

  test('sheetClosure: form A needs the rules; the summary needs the forms', () => {
    const s = spec(sampleAgents(4));
    expect(sheetClosure(s, ['formA'])).toEqual(['formA', 'rules']);
    expect(sheetClosure(s, ['test'])).toEqual(['test']);
    expect(sheetClosure(s, ['summary'])).toEqual(['summary', 'formA', 'formB', 'test', 'after', 'quarter', 'rules']);
  });

  test('planInsertion refuses a spec whose formulas refer to a sheet that is nowhere', () => {
    const s = spec(sampleAgents(2));
    const partial = { ...s, sheets: s.sheets.filter((x) => x.key === 'formA') };
    expect(() => planInsertion(partial, { sheets: [], names: new Map() })).toThrow(WriterError);
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

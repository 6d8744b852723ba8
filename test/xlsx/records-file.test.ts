/**
 * The .xlsx writer at the records sheet's scale: each column of per-row formulas is stored once (a shared
 * formula, CellSpec.shares), and the parts are deflated by Node's zlib after ExcelJS wrote them stored.
 * Read back by independent readers (ExcelJS translating shared formulas itself, JSZip checking CRC-32s), the
 * file holds what the spec says.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { slideFormula } = require('exceljs/lib/utils/shared-formula') as { slideFormula: (f: string, from: string, to: string) => string };
import { buildWorkbook, quarterMonths } from '../../src/templates/workbook';
import { SHEET_NAMES } from '../../src/templates/i18n';
import { workbookBuffer, workbookToExcelJS } from '../../src/xlsx/writer';
import { deflateStoredZip } from '../../src/xlsx/zip-deflate';
import { randomMonth } from '../helpers/random';
import { randomRecords } from '../helpers/random-records';

const month = '2015-03';
const rm = randomMonth(
  31,
  12,
  quarterMonths(month, 'calendar').filter((m) => m !== month),
);
const records = randomRecords(32, rm, month, 5);

describe.each(['zh', 'en'] as const)('%s: a workbook with records', (lang) => {
  const spec = buildWorkbook({ month, agents: rm.agents, inputs: {}, records, lang, mode: 'plain' });
  const sheet = spec.sheets.find((s) => s.key === 'records')!;

  test('every formula of the records sheet, read back by ExcelJS, is the spec’s (the shared ones moved by ExcelJS’s slideFormula)', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await workbookBuffer(spec)) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet(SHEET_NAMES[lang].records)!;
    const formulas = sheet.cells.filter((c) => c.formula !== undefined);
    expect(formulas.length).toBeGreaterThan(4 * 100);
    let shared = 0;
    for (const c of formulas) {
      const cell = ws.getCell(c.address);
      const master = (cell.value as { sharedFormula?: string }).sharedFormula;
      let formula = cell.formula;
      if (master) {
        shared++;
        // Excel and LibreOffice move a shared formula's references, never text: ExcelJS's own reading would also
        // move "B13" inside a string, so its slideFormula is applied outside the string literals only
        formula = ws
          .getCell(master)
          .formula.split(/("(?:[^"]|"")*")/)
          .map((part, i) => (i % 2 === 1 ? part : slideFormula(part, master, c.address)))
          .join('');
      }
      expect([c.address, formula]).toEqual([c.address, c.formula]);
    }
    // all but the first of each column's formulas are stored as shared
    expect(shared).toBe(formulas.length - 4);
  });

  test('the deflated file holds each part as ExcelJS wrote it (JSZip checks every CRC-32); every part deflated', async () => {
    const stored = Buffer.from(
      await workbookToExcelJS(spec).xlsx.writeBuffer({ zip: { compression: 'STORE' } } as ExcelJS.XlsxWriteOptions),
    );
    const deflated = deflateStoredZip(stored);
    expect(deflated.length).toBeLessThan(stored.length / 3);
    const a = await JSZip.loadAsync(stored, { checkCRC32: true });
    const b = await JSZip.loadAsync(deflated, { checkCRC32: true });
    expect(Object.keys(b.files)).toEqual(Object.keys(a.files));
    for (const name of Object.keys(a.files)) {
      if (a.files[name].dir) continue;
      expect([name, await b.files[name].async('nodebuffer')]).toEqual([name, await a.files[name].async('nodebuffer')]);
      // JSZip keeps the method it read: deflated parts are re-deflated by it when written, stored ones are not
      expect([name, (b.files[name] as unknown as { _data: { compression: { magic: string } } })._data.compression.magic]).toEqual([
        name,
        '\x08\x00',
      ]);
    }
  });
});

test('a zip whose parts are not stored is refused (a fault of the writer, not silently passed on)', async () => {
  const zip = new JSZip();
  zip.file('a.xml', '<a/>'.repeat(100));
  const deflated = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  expect(() => deflateStoredZip(deflated)).toThrow('a part is not stored');
});

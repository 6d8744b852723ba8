/**
 * The limits check reads a records sheet's data validations as the file holds them: one rule per column (a custom
 * rule its cells share, the status list), each over the column's run of rows, not one validation per cell (a month
 * of 12,000 records gave the check 60,000). Expected ranges from the records sheet's own constants
 * (RECORDS_FIRST_ROW, recordsCapacity, RECORD_COLS); overlaps are still found in such a range.
 */
import { KpiRecord } from '../src/core/records';
import { LimitsView, checkLimits, limitsViewOfSpec } from '../src/core/excel-limits';
import { colName } from '../src/templates/model';
import { RECORDS_FIRST_ROW, RECORD_COLS, recordsCapacity } from '../src/templates/sheets/records';
import { buildWorkbook } from '../src/templates/workbook';

const agents = [
  { id: 'P1', name: 'Pre', role: 'pre-sales' as const, group: 'G' },
  { id: 'S1', name: 'After', role: 'after-sales' as const, group: 'G' },
];
const records: KpiRecord[] = Array.from({ length: 30 }, (_, i) => ({
  date: `2015-03-${String((i % 28) + 1).padStart(2, '0')}`,
  id: i % 2 ? 'S1' : 'P1',
  code: i % 2 ? 'S04' : 'A01',
  count: 1,
  evidence: `call ${i}`,
  by: 'sup',
  status: '',
}));

test.each(['zh', 'en'] as const)(
  '%s: a records sheet of 30 records: five validations, one per validated column over all its rows',
  (lang) => {
    const spec = buildWorkbook({ month: '2015-03', agents, lang, records });
    const sheet = spec.sheets.find((s) => s.key === 'records')!;
    const view = limitsViewOfSpec(spec).sheets.find((s) => s.name === sheet.name)!;
    const last = RECORDS_FIRST_ROW + recordsCapacity(records.length, agents.length) - 1;
    const col = (c: number) => `${colName(c)}${RECORDS_FIRST_ROW}:${colName(c)}${last}`;
    expect(view.validations.map((v) => [v.range, v.type])).toEqual([
      [col(RECORD_COLS.date), 'custom'],
      [col(RECORD_COLS.id), 'custom'],
      [col(RECORD_COLS.code), 'custom'],
      [col(RECORD_COLS.count), 'custom'],
      [col(RECORD_COLS.status), 'list'],
    ]);
    // the first row's rule, as the file writes it (its references relative to that row)
    expect(view.validations[0].formula1).toContain(`ISNUMBER(A${RECORDS_FIRST_ROW})`);
    expect(checkLimits(limitsViewOfSpec(spec))).toEqual([]);
  },
);

test('an overlap inside a column range is found and named by its cell', () => {
  const sheet = (validations: LimitsView['sheets'][number]['validations']): LimitsView => ({
    sheets: [{ name: 'R', cells: [], validations, conditionalFormats: [], rowHeights: [], columnWidths: [], rowBreaks: [], colBreaks: [] }],
    names: [],
  });
  const found = (v: LimitsView) => checkLimits(v).map((x) => `${x.rule} ${x.where} ${x.found}`);
  expect(
    found(
      sheet([
        { range: 'A4:A12003', type: 'custom', formula1: 'TRUE' },
        { range: 'A500', type: 'whole', formula1: '0' },
      ]),
    ),
  ).toEqual(["validationOverlap 'R'!A500 validation A500"]);
  expect(
    found(
      sheet([
        { range: 'B9', type: 'whole', formula1: '0' },
        { range: '$B$4:$C$12003', type: 'custom', formula1: 'TRUE' },
      ]),
    ),
  ).toEqual(["validationOverlap 'R'!$B$4:$C$12003 validation B9"]);
  expect(
    found(
      sheet([
        { range: 'A4:A12003', type: 'custom', formula1: 'TRUE' },
        { range: 'B4:B12003', type: 'list', formula1: '"a"' },
      ]),
    ),
  ).toEqual([]);
});

/**
 * The annual review sheet (D15) in Excel 2016 terms: every formula of the ledger workbook uses functions Excel 2016
 * has (MAXIFS/MINIFS, Excel 2019+, show #NAME? there), and HyperFormula, without array arithmetic, evaluates the
 * sheet to what `ledger --format json` gives (core/ledger.ts annualOf, computed in JavaScript) — ties for the best
 * and worst total resolved to the earliest month, as annualOf does. LibreOffice: test/ledger-libreoffice.test.ts.
 */
import { ledgerJson } from '../../src/cli/ledger';
import { checkLimits, limitsViewOfSpec } from '../../src/core/excel-limits';
import { Ledger, LedgerRow, withQuarters } from '../../src/core/ledger';
import { buildLedgerWorkbook } from '../../src/templates/ledger-book';
import { ANNUAL_COLS, ANNUAL_HEADER_ROW } from '../../src/templates/sheets/annual';
import { addr } from '../../src/templates/model';
import { evaluateSpec, plainValue } from '../helpers/hf';
import { team } from '../helpers/ledger-team';

/** Functions added after Excel 2016 (Excel 2019 and Microsoft 365): #NAME? in Excel 2016. */
const AFTER_2016 = [
  'MAXIFS',
  'MINIFS',
  'IFS',
  'SWITCH',
  'CONCAT',
  'TEXTJOIN',
  'XLOOKUP',
  'XMATCH',
  'FILTER',
  'SORT',
  'SORTBY',
  'UNIQUE',
  'SEQUENCE',
  'LET',
  'LAMBDA',
];

/** Two agents, with a best and a worst total reached in two months each (the earliest counts). */
function ties(): LedgerRow[] {
  const row = (month: string, id: string, total: number): LedgerRow => ({
    month,
    id,
    name: id === 'A' ? 'Ann' : 'Bo',
    role: 'pre-sales',
    group: 'G1',
    items: {},
    total,
    rank: 1,
    bottomRank: 1,
    bottom: false,
    redLines: 0,
    pay: 100,
    quarter: '',
    award: 0,
    flags: [],
    notice: `${month}-28`,
    inputs: '',
    fingerprint: 'x',
  });
  // A: best 90 in March and May, worst 70 in February and April; B: one month
  return [
    row('2024-01', 'A', 80),
    row('2024-02', 'A', 70),
    row('2024-03', 'A', 90),
    row('2024-04', 'A', 70),
    row('2024-05', 'A', 90),
    row('2024-05', 'B', 55.25),
  ];
}

test('the ledger workbook uses no function newer than Excel 2016', () => {
  const spec = buildLedgerWorkbook(team(), 'zh', { year: 2024 });
  const used = new Set<string>();
  for (const s of spec.sheets) for (const c of s.cells) for (const m of (c.formula ?? '').matchAll(/([A-Z][A-Z0-9.]*)\(/g)) used.add(m[1]);
  expect(used.has('INDEX')).toBe(true);
  expect([...used].filter((f) => AFTER_2016.includes(f))).toEqual([]);
});

test("the annual review reads each agent's own rows of the ledger: no formula scans the ledger (COUNTIFS/SUMIFS over L_…)", () => {
  const ledger = team();
  const spec = buildLedgerWorkbook(ledger, 'en', { year: 2024 });
  const sheet = spec.sheets.find((s) => s.name === 'Annual')!;
  const formulas = sheet.cells.map((c) => c.formula ?? '').filter(Boolean);
  // a ledger name only as INDEX(name,k): one cell of the ledger, whatever its length (500 × 12: 6,000 rows)
  const names = formulas.flatMap((f) => [...f.matchAll(/L_[A-Z]+/g)].map((m) => f.slice(m.index! - 6, m.index! + m[0].length + 1)));
  expect(names.length).toBeGreaterThan(0);
  expect(names.filter((n) => !/^INDEX\(L_[A-Z]+,$/.test(n))).toEqual([]);
  // E01's January total: its own row of the ledger (rows as written, L_ names from the first row)
  const k = ledger.rows.findIndex((r) => r.id === 'E01' && r.month === '2024-01') + 1;
  const e01 = Number(sheet.cells.find((c) => /^A\d+$/.test(c.address) && c.value === 'E01')!.address.slice(1));
  expect(e01).toBeGreaterThan(ANNUAL_HEADER_ROW);
  expect(sheet.cells.find((c) => c.address === addr(e01, ANNUAL_COLS.trend0))?.formula).toBe(`INDEX(L_TOTAL,${k})`);
});

test.each([
  ['a team', () => team(), 2024],
  ['ties for best and worst', (): Ledger => ({ rows: withQuarters(ties(), 300), closes: [], submitted: {}, planDays: 7 }), 2024],
])('HyperFormula evaluates the annual review to ledger --format json: %s', async (_, ledger, year) => {
  const l = ledger();
  const spec = buildLedgerWorkbook(l, 'en', { year });
  const sheet = spec.sheets.find((s) => s.name === 'Annual')!;
  const hf = evaluateSpec(spec);
  const get = (r: number, c: number) => plainValue(hf.get(sheet.name, addr(r, c)));
  const json = await ledgerJson(l, year);
  expect(json.annual.length).toBeGreaterThan(0);
  const C = ANNUAL_COLS;
  json.annual.forEach((a, i) => {
    const r = ANNUAL_HEADER_ROW + 1 + i;
    expect(get(r, C.id)).toBe(a.id);
    expect(get(r, C.months)).toBe(a.months);
    expect(get(r, C.average) as number).toBeCloseTo(a.average!, 9);
    expect({ month: get(r, C.bestMonth), total: get(r, C.best) }).toEqual(a.best);
    expect({ month: get(r, C.worstMonth), total: get(r, C.worst) }).toEqual(a.worst);
    expect([get(r, C.lastTwo), get(r, C.redLines), get(r, C.awards), get(r, C.transfers)]).toEqual([
      a.lastTwo,
      a.redLines,
      a.awards,
      a.transfers,
    ]);
    expect(get(r, C.pay) as number).toBeCloseTo(a.pay, 6);
  });
});

test('a ledger of 500 agents × 12 months stays within Excel limits', () => {
  const rows: LedgerRow[] = [];
  for (let m = 1; m <= 12; m++)
    for (let i = 0; i < 500; i++) {
      const month = `2024-${String(m).padStart(2, '0')}`;
      rows.push({
        ...ties()[0],
        month,
        id: `E${i}`,
        name: `Agent ${i}`,
        total: (i * 7 + m) % 100,
        rank: i + 1,
        bottomRank: 500 - i,
        bottom: i >= 498,
        notice: `${month}-28`,
      });
    }
  const spec = buildLedgerWorkbook({ rows: withQuarters(rows, 300), closes: [], submitted: {}, planDays: 7 }, 'zh');
  expect(checkLimits(limitsViewOfSpec(spec))).toEqual([]);
});

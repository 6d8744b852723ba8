/**
 * `kpi-forms close` writes the ledger sheet's rows straight from the ledger (xlsx/ledger-write.ts): the file must be
 * the ledger workbook's spec rendered whole (templates/ledger-book.ts through fast-write.ts), part for part, byte
 * for byte — the same cells, styles, shared strings, names and formats — in both languages, for an empty ledger,
 * and for rows with text where numbers usually are and characters XML escapes.
 */
import { Ledger, LedgerRow } from '../../src/core/ledger';
import { buildLedgerWorkbook } from '../../src/templates/ledger-book';
import { workbookXlsx } from '../../src/xlsx/fast-write';
import { ledgerXlsx } from '../../src/xlsx/ledger-write';
import { checkXlsxPackage } from '../../src/xlsx/package';
import { team } from '../helpers/ledger-team';

function parts(buf: Buffer): Map<string, string> {
  const pkg = checkXlsxPackage('ledger.xlsx', buf);
  return new Map([...pkg.entries.keys()].map((name) => [name, pkg.unpacked.get(name)!.toString('utf8')]));
}

function expectSameFile(ledger: Ledger, lang: 'zh' | 'en'): void {
  const whole = parts(workbookXlsx(buildLedgerWorkbook(ledger, lang)));
  const direct = parts(ledgerXlsx(ledger, lang));
  expect([...direct.keys()]).toEqual([...whole.keys()]);
  for (const [name, xml] of whole) expect({ name, xml: direct.get(name) }).toEqual({ name, xml });
}

const odd = (): Ledger => {
  const base = team();
  const rows: LedgerRow[] = base.rows.map((r, i) =>
    i === 3
      ? { ...r, name: 'A & B <"x">', total: 'incomplete', items: { ...r.items, B: 'n/a' }, rank: '', bottomRank: '', inputs: '' }
      : i === 5
        ? { ...r, group: '', flags: [], pay: '', redLines: 2 }
        : r,
  );
  return { ...base, rows };
};

describe('the ledger written by close = the ledger workbook rendered whole', () => {
  test.each(['zh', 'en'] as const)('a team of 12 over 7 months (%s)', (lang) => expectSameFile(team(), lang));
  test('an empty ledger', () => expectSameFile({ rows: [], closes: [], submitted: {}, planDays: 7 }, 'zh'));
  test('text in number columns, escaped characters, empty cells', () => {
    expectSameFile(odd(), 'zh');
    expectSameFile(odd(), 'en');
  });
  test('the rows are in the ledger sheet', () => {
    const xml = parts(ledgerXlsx(team(), 'en')).get('xl/worksheets/sheet1.xml')!;
    // 7 months × 12 agents below the header
    expect((xml.match(/<row /g) ?? []).length).toBe(1 + 7 * 12);
    // 29 columns, A…AC (sheets/ledger.ts LEDGER_COLS)
    expect(xml.match(/<dimension ref="([^"]*)"/)?.[1]).toBe(`A1:AC${1 + 7 * 12}`);
  });
});

/**
 * A ledger as close writes it is read in one pass (xlsx/ledger-read.ts) and gives what the general reader gives
 * (fast-read.ts, cell by cell): the same rows, log, plans and language — texts with characters XML escapes, empty
 * cells, text where numbers usually are, dates, booleans. Any other form of the sheet (a row with Excel's `spans`, an
 * `_xHHHH_` escape the general reader decodes) is left to the general reader.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Ledger, LedgerRow } from '../../src/core/ledger';
import { zipParts } from '../../src/xlsx/fast-write';
import { readLedger, readLedgerFile, readWorkbookFile } from '../../src/xlsx/ledger';
import { ownSheetCells } from '../../src/xlsx/ledger-read';
import { ledgerXlsx } from '../../src/xlsx/ledger-write';
import { checkXlsxPackage } from '../../src/xlsx/package';
import { team } from '../helpers/ledger-team';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-ledger-read-'));
let n = 0;
const write = (buf: Buffer): string => {
  const f = path.join(dir, `ledger-${++n}.xlsx`);
  fs.writeFileSync(f, buf);
  return f;
};

const odd = (): Ledger => {
  const base = team();
  const rows: LedgerRow[] = base.rows.map((r, i) =>
    i === 3
      ? { ...r, name: `A & B <"x"> 'y'`, total: 'incomplete', items: { ...r.items, B: 'n/a' }, rank: '', bottomRank: '', inputs: '' }
      : i === 5
        ? { ...r, group: ' G 2 ', flags: [], pay: '', redLines: 2, name: '王芳\n二' }
        : r,
  );
  return {
    ...base,
    rows,
    closes: [
      {
        month: '2024-01',
        status: 'reopened',
        closedOn: '2024-02-01',
        notice: '2024-01-28',
        agents: 12,
        fingerprint: 'abc',
        source: 'a&b.xlsx',
        reopenedOn: '2024-02-03',
        reason: 'E03 <fix>',
      },
    ],
  };
};

/** The file's parts, one replaced. */
function withPart(buf: Buffer, name: string, edit: (xml: string) => string): Buffer {
  const pkg = checkXlsxPackage('x.xlsx', buf);
  return zipParts(
    [...pkg.entries.keys()].map((k): [string, Buffer] => [
      k,
      k === name ? Buffer.from(edit(pkg.unpacked.get(k)!.toString('utf8'))) : pkg.unpacked.get(k)!,
    ]),
  );
}

const ledgerPart = (file: string) => {
  const pkg = checkXlsxPackage(file, fs.readFileSync(file));
  return { pkg, part: pkg.sheets[0].part };
};

describe('the ledger as close writes it, read in one pass = read by the general reader', () => {
  test.each([
    ['a team (zh)', () => team(), 'zh'],
    ['a team (en)', () => team(), 'en'],
    ['odd values and a reopened month', odd, 'zh'],
    ['an empty ledger', (): Ledger => ({ rows: [], closes: [], submitted: {}, planDays: 5 }), 'en'],
  ] as const)('%s', async (_, ledger, lang) => {
    const file = write(ledgerXlsx(ledger(), lang));
    const { pkg, part } = ledgerPart(file);
    expect(ownSheetCells(pkg, part)).not.toBeNull();
    const general = readLedger(await readWorkbookFile(file), file);
    expect(await readLedgerFile(file)).toEqual(general);
    // and what was written
    expect(general.ledger.rows).toEqual(ledger().rows.map((r) => ({ ...r, name: r.name.trim(), group: r.group.trim() })));
  });

  test('another form of the sheet or of its texts: the general reader reads it', async () => {
    const buf = ledgerXlsx(odd(), 'zh');
    const spans = write(withPart(buf, 'xl/worksheets/sheet1.xml', (x) => x.replace(/<row r="(\d+)">/g, '<row r="$1" spans="1:29">')));
    const mac = write(withPart(buf, 'xl/workbook.xml', (x) => x.replace('<workbookPr/>', '<workbookPr date1904="1"/>')));
    const escaped = write(withPart(buf, 'xl/sharedStrings.xml', (x) => x.replace('<si><t>E01</t></si>', '<si><t>E_x0030_1</t></si>')));
    for (const file of [spans, escaped, mac]) {
      if (file !== mac) expect(ownSheetCells(ledgerPart(file).pkg, ledgerPart(file).part)).toBeNull();
      expect(await readLedgerFile(file)).toEqual(readLedger(await readWorkbookFile(file), file));
    }
    // notices counted from 1904 are four years later, as the general reader reads them
    expect((await readLedgerFile(mac)).ledger.rows[0].notice).toBe('2027-12-29');
    // the escape decoded as Excel does: E01 still
    expect((await readLedgerFile(escaped)).ledger.rows.filter((r) => r.id === 'E01')).toHaveLength(7);
  });
});

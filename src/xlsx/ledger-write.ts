/**
 * The ledger workbook as `kpi-forms close` writes it: the sheets of templates/ledger-book.ts rendered by the direct
 * writer (fast-write.ts), the ledger sheet's rows straight from the ledger's rows (sheets/ledger.ts `ledgerRowCells`,
 * the cells the sheet itself would hold) rather than through a CellSpec per cell: at 500 agents × 12 months those
 * are 174,000 cells, most of the time `close` spent writing. The file is the same, part for part, as the ledger
 * workbook's spec rendered whole (test/xlsx/ledger-write.test.ts).
 */
import { Ledger } from '../core/ledger';
import { buildLedgerWorkbook } from '../templates/ledger-book';
import { Lang } from '../templates/model';
import { renderStyle } from '../templates/render';
import { LEDGER_FIRST_ROW, ledgerRowCells } from '../templates/sheets/ledger';
import { DirectRows, workbookXlsx, writeXlsxFile } from './fast-write';

function ledgerParts(ledger: Ledger, lang: Lang) {
  const spec = buildLedgerWorkbook(ledger, lang, { rowsApart: true });
  const at = spec.sheets.findIndex((s) => s.key === 'ledger');
  const rows: DirectRows = {
    lastRow: LEDGER_FIRST_ROW + ledger.rows.length - 1,
    render(row, cell) {
      ledger.rows.forEach((r, i) => {
        row(LEDGER_FIRST_ROW + i);
        ledgerRowCells(r, lang, (col, style, value) => cell(col, renderStyle(style, lang), value));
      });
    },
  };
  return { spec, direct: new Map([[at, rows]]) };
}

/** The ledger workbook's .xlsx bytes. */
export function ledgerXlsx(ledger: Ledger, lang: Lang): Buffer {
  const { spec, direct } = ledgerParts(ledger, lang);
  return workbookXlsx(spec, undefined, direct);
}

/** Writes the ledger workbook whole or not at all (a temporary file renamed into place), replacing `file`. */
export function writeLedgerFile(ledger: Ledger, lang: Lang, file: string): number {
  const { spec, direct } = ledgerParts(ledger, lang);
  return writeXlsxFile(spec, file, { force: true, direct });
}

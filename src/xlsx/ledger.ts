/**
 * The ledger workbook as a file (forms.md D13–D15): read back into a `Ledger` (core/ledger.ts) — its rows, log
 * of closes, plan rule and the plans' submitted dates — and written whole (templates/ledger-book.ts), never half:
 * the writer writes a temporary file beside it and renames it into place. A ledger open in Excel or WPS (their
 * lock file `~$name` beside it) or read-only is refused before anything is read or written.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Role } from '../core/agent';
import { DEFAULT_PLAN_DAYS, LEDGER_ITEMS, Ledger, LedgerClose, LedgerRow } from '../core/ledger';
import { Problem } from '../core/problem';
import { serialDate } from '../core/records';
import { LEDGER } from './ledger-messages';
import { normaliseRole } from '../io/records';
import { Lang, colName } from '../templates/model';
import { SHEET_NAMES } from '../templates/registry';
import {
  closeOfRow,
  CLOSES_HEADER_ROW,
  LEDGER_COLS,
  LEDGER_FIRST_ROW,
  LEDGER_MARK,
  PLAN_DAYS_CELL,
  YEAR_WORDS,
} from '../templates/sheets/ledger';
import { PLANS_COLS, PLANS_HEADER_ROW } from '../templates/sheets/plans';
import { CellValue, ReadSheet, ReadWorkbook, readXlsx } from './fast-read';
import { OwnCells, ownSheetCells } from './ledger-read';
import { XlsxPackage, checkXlsxPackage, partBytes } from './package';
import { X } from './messages';

import { readWorkbookFile } from './reader';
export { readWorkbookFile };

/** Is this workbook a ledger (the defined name KPI_LEDGER)? */
export const isLedgerWorkbook = (wb: ReadWorkbook): boolean => wb.definedNames.some((n) => n.name.toUpperCase() === LEDGER_MARK);

/** Refuses a ledger that cannot be replaced now: open in Excel/WPS (lock file beside it) or read-only. */
export function checkWritable(file: string): void {
  const lock = path.join(path.dirname(file), `~$${path.basename(file)}`);
  if (fs.existsSync(lock)) throw new Problem(LEDGER.ledgerLocked, { file, lock: path.basename(lock) });
  if (!fs.existsSync(file)) return;
  try {
    fs.accessSync(file, fs.constants.W_OK);
    fs.accessSync(path.dirname(path.resolve(file)), fs.constants.W_OK);
  } catch {
    throw new Problem(LEDGER.ledgerReadOnly, { file });
  }
  if ((fs.statSync(file).mode & 0o222) === 0) throw new Problem(LEDGER.ledgerReadOnly, { file });
}

const text = (v: CellValue): string =>
  v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim();
const dayOf = (v: CellValue): string =>
  typeof v === 'number' ? serialDate(v) : v instanceof Date ? v.toISOString().slice(0, 10) : text(v);
const numOrText = (v: CellValue): number | string => (typeof v === 'number' ? v : text(v));

/** A ledger workbook read: its language and contents. */
export interface LedgerFile {
  lang: Lang;
  ledger: Ledger;
}

/** The ledger sheet's cells read another way than through `wb` (ledger-read.ts: the form close writes, in one pass). */
interface LedgerCells {
  lang: Lang;
  cells: OwnCells;
}

/**
 * Reads a ledger workbook.
 * @param own the ledger sheet's cells when they were read already (then `wb` need not hold that sheet)
 * @throws Problem: not a ledger (a month's workbook, or any other), a sheet missing, a row whose cells are not the values written
 */
export function readLedger(wb: ReadWorkbook, file: string, own?: LedgerCells): LedgerFile {
  if (!isLedgerWorkbook(wb)) {
    if (wb.definedNames.some((n) => n.name.toUpperCase() === 'KPI_MONTH')) throw new Problem(LEDGER.ledgerIsMonth, { file });
    throw new Problem(LEDGER.notLedger, { file });
  }
  const lang: Lang =
    own?.lang ?? (['zh', 'en'] as const).find((l) => wb.sheet(SHEET_NAMES[l].ledger) && wb.sheet(SHEET_NAMES[l].closes)) ?? 'zh';
  const sheet = (key: 'ledger' | 'closes' | 'plans'): ReadSheet => {
    const ws = wb.sheet(SHEET_NAMES[lang][key]);
    if (!ws) throw new Problem(X.sheetMissing, { file, sheet: SHEET_NAMES[lang][key] });
    return ws;
  };
  const bad = (ws: { name: string }, row: number, col: number, found: CellValue, expected: string) =>
    new Problem(LEDGER.ledgerBadCell, {
      file,
      sheet: ws.name,
      cell: `${colName(col)}${row}`,
      found: JSON.stringify(found ?? ''),
      expected,
    });

  const words = YEAR_WORDS[lang];
  const flagKeys = new Map(Object.entries(words.flagWords).map(([k, v]) => [v, k]));
  // the notice days: a few days on thousands of rows
  const noticeDays = new Map<number, string>();
  const dayOfCell = (x: CellValue): string =>
    typeof x === 'number' ? (noticeDays.get(x) ?? noticeDays.set(x, dayOf(x)).get(x)!) : dayOf(x);
  const L = own ? { name: SHEET_NAMES[lang].ledger, rowCount: own.cells.rowCount } : sheet('ledger');
  const cellAt = own ? own.cells.cellAt : (r: number, c: number) => (L as ReadSheet).cellAt(r, c).value;
  const C = LEDGER_COLS;
  const rows: LedgerRow[] = [];
  for (let r = LEDGER_FIRST_ROW; r <= L.rowCount; r++) {
    const v = (c: number) => cellAt(r, c);
    const month = text(v(C.month));
    if (month === '' && text(v(C.id)) === '') continue;
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw bad(L, r, C.month, v(C.month), lang === 'zh' ? '月份(YYYY-MM)' : 'a month (YYYY-MM)');
    const role = normaliseRole(text(v(C.role))) as Role | null;
    if (!role) throw bad(L, r, C.role, v(C.role), lang === 'zh' ? '岗位' : 'a kind of agent');
    const items: Record<string, number | string> = {};
    LEDGER_ITEMS.forEach((code, j) => {
      const x = v(C.item0 + j);
      if (x !== null && x !== undefined && x !== '') items[code] = numOrText(x);
    });
    const rank = v(C.rank);
    const bottomRank = v(C.bottomRank);
    const q = text(v(C.quarter));
    const bottom = v(C.bottom);
    rows.push({
      month,
      id: text(v(C.id)),
      name: text(v(C.name)),
      role,
      group: text(v(C.group)),
      items,
      total: numOrText(v(C.total)),
      rank: typeof rank === 'number' ? rank : '',
      bottomRank: typeof bottomRank === 'number' ? bottomRank : '',
      bottom: bottom === true || bottom === 1,
      redLines: Number(v(C.redLines)) || 0,
      pay: numOrText(v(C.pay)),
      quarter: q === words.award ? 'award' : q === words.transfer ? 'transfer' : '',
      award: Number(v(C.award)) || 0,
      flags: text(v(C.flags))
        .split(', ')
        .filter(Boolean)
        .map((f) => flagKeys.get(f) ?? f),
      notice: dayOfCell(v(C.notice)),
      inputs: text(v(C.inputs)),
      fingerprint: text(v(C.fingerprint)),
    });
  }

  const M = sheet('closes');
  const days = M.cellAt(PLAN_DAYS_CELL.row, PLAN_DAYS_CELL.col).value;
  const closes: LedgerClose[] = [];
  for (let r = CLOSES_HEADER_ROW + 1; r <= M.rowCount; r++) {
    const close = closeOfRow((c) => M.cellAt(r, c).value, lang);
    if (close) closes.push(close);
  }

  const P = sheet('plans');
  const submitted: Record<string, string> = {};
  for (let r = PLANS_HEADER_ROW + 1; r <= P.rowCount; r++) {
    const v = (c: number) => P.cellAt(r, c).value;
    const s = v(PLANS_COLS.submitted);
    if (s === null || s === undefined || s === '') continue;
    submitted[`${text(v(PLANS_COLS.month))}|${text(v(PLANS_COLS.id))}`] = dayOf(s);
  }
  return {
    lang,
    ledger: { rows, closes, submitted, planDays: typeof days === 'number' && days >= 0 ? Math.round(days) : DEFAULT_PLAN_DAYS },
  };
}

/**
 * A ledger file as close writes it, read without the general reader's cell by cell search (ledger-read.ts): the ledger
 * sheet in one pass, the log and the plans through the general reader, the sheets close does not read (the annual
 * review, the quarters: formulas and words worked out again from the rows) not at all. null for any other file:
 * one saved by Excel, WPS or LibreOffice, a damaged one, or not a ledger — the general reader reads it, or names its fault.
 */
function readOwnLedger(file: string): LedgerFile | null {
  let pkg: XlsxPackage;
  try {
    pkg = checkXlsxPackage(file, fs.readFileSync(file));
  } catch {
    return null;
  }
  // dates counted from 1904 (a Mac workbook's setting): the general reader's business
  if (/date1904/.test(partBytes(pkg, 'xl/workbook.xml').toString('latin1'))) return null;
  const has = (name: string) => pkg.sheets.some((s) => s.name === name);
  const lang = (['zh', 'en'] as const).find((l) => has(SHEET_NAMES[l].ledger) && has(SHEET_NAMES[l].closes));
  if (!lang) return null;
  const names = SHEET_NAMES[lang];
  const ledgerPart = pkg.sheets.find((s) => s.name === names.ledger)!.part;
  let cells: OwnCells | null;
  let wb: ReadWorkbook;
  try {
    cells = ownSheetCells(pkg, ledgerPart);
    if (!cells) return null;
    const read = new Set<string>([names.closes, names.plans]);
    const skipped = new Set(pkg.sheets.filter((s) => !read.has(s.name)).map((s) => s.part));
    wb = readXlsx({
      ...pkg,
      sheets: pkg.sheets.filter((s) => read.has(s.name)),
      entries: new Map([...pkg.entries].filter(([part]) => !skipped.has(part))),
    });
  } catch {
    return null;
  }
  if (!isLedgerWorkbook(wb)) return null;
  return readLedger(wb, file, { lang, cells });
}

/** Reads a ledger file. */
export async function readLedgerFile(file: string): Promise<LedgerFile> {
  return readOwnLedger(file) ?? readLedger(await readWorkbookFile(file), file);
}

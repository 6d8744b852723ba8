/**
 * The year's workbooks as data: the ledger workbook (the ledger, plans, quarters, annual review and the log of
 * closes, registry.ts YEAR_SHEET_KINDS) and a month's notice — `WorkbookSpec`s that the .xlsx writer renders as
 * files and the Office.js writer can insert as sheets (both through templates/render.ts).
 */
import { DEFAULT_RULES } from '../core/rules';
import { Ledger, latestYear, ledgerMonths } from '../core/ledger';
import { DefinedNameSpec, Lang, SheetKey, WorkbookSpec } from './model';
import { YEAR_SHEET_KINDS } from './registry';
import { LedgerBook } from './sheets/ledger';

function book(
  ledger: Ledger,
  lang: Lang,
  names: DefinedNameSpec[],
  o: { year?: number; award?: number; noticeMonth?: string; rowsApart?: boolean },
): LedgerBook {
  return {
    ledger,
    lang,
    year: o.year ?? latestYear(ledger.rows) ?? new Date().getUTCFullYear(),
    award: o.award ?? DEFAULT_RULES.quarterAward,
    names,
    sheetName: (key: SheetKey) => YEAR_SHEET_KINDS.find((k) => k.key === key)!.words[lang].sheet,
    noticeMonth: o.noticeMonth,
    rowsApart: o.rowsApart,
  };
}

/**
 * The ledger workbook: every year kind but the notice, in tab order. `year`: the annual review's (default the latest month's);
 * `rowsApart`: the ledger sheet's rows left for the .xlsx writer to render (sheets/ledger.ts `ledgerRowCells`).
 */
export function buildLedgerWorkbook(ledger: Ledger, lang: Lang, o: { year?: number; rowsApart?: boolean } = {}): WorkbookSpec {
  const names: DefinedNameSpec[] = [];
  const b = book(ledger, lang, names, o);
  const sheets = YEAR_SHEET_KINDS.filter((k) => k.key !== 'notice').map((k) => k.build(b, k.words[lang].sheet).spec);
  const months = ledgerMonths(ledger.rows);
  return { month: months[months.length - 1] ?? '', lang, mode: 'plain', sheets, names, layout: [] };
}

/** A closed month's notice: one sheet, one A4 page. */
export function buildNoticeWorkbook(ledger: Ledger, month: string, lang: Lang): WorkbookSpec {
  const names: DefinedNameSpec[] = [];
  const kind = YEAR_SHEET_KINDS.find((k) => k.key === 'notice')!;
  const sheet = kind.build(book(ledger, lang, names, { noticeMonth: month }), kind.words[lang].sheet).spec;
  return { month, lang, mode: 'plain', sheets: [sheet], names, layout: [] };
}

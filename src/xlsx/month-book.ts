/**
 * A supervisor's workbook as the department merge takes it (core/merge.ts `MonthBook`): read and checked as `score`
 * reads it (rules, roster, every input, the records), with the cell of each thing, so a conflict names it.
 */
import * as path from 'path';
import { BookCell, MonthBook } from '../core/merge';
import { isEmptyRecord } from '../core/records';
import { checkValue } from '../io/records';
import { SHEET_NAMES } from '../templates/i18n';
import { workbookLayout } from '../templates/layout';
import { RULE_NAMES } from '../templates/rule-names';
import { RECORDS_FIRST_ROW } from '../templates/sheets/records';
import { ROSTER_FIRST_ROW, rosterCells } from '../templates/sheets/roster';
import { ReadWorkbook } from './fast-read';
import { readRoster, readWorkbookFile, scoreWorkbook } from './reader';

/** The defined names that are rules (the language and formula mode are a view of the month, not a rule; the month is compared apart). */
const MERGED_RULES = RULE_NAMES.filter((n) => n !== 'KPI_LANG' && n !== 'KPI_MODE' && n !== 'KPI_MONTH');

/** `Sheet!$A$1:$B$2` as its sheet and cells, row by row (a rule's name covers a few cells). */
function cellsOf(ref: string): { sheet: string; cells: string[] } | null {
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(ref.trim());
  if (!m) return null;
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const name = (c: number) => {
    let s = '';
    for (let x = c; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
    return s;
  };
  const [c1, r1] = [col(m[3]), Number(m[4])];
  const [c2, r2] = m[5] ? [col(m[5]), Number(m[6])] : [c1, r1];
  if ((r2 - r1 + 1) * (c2 - c1 + 1) > 1000) return null;
  const cells: string[] = [];
  for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) cells.push(`${name(c)}${r}`);
  return { sheet: (m[1] ?? m[2]).replace(/''/g, "'"), cells };
}

/** A workbook already read (fast reader) as a MonthBook; `file` names it in messages. @throws Problem as `score` does */
export function monthBookOf(wb: ReadWorkbook, file: string): MonthBook {
  // everything `score` checks (rules, roster, layout, every input's rule): a workbook it refuses is not merged
  const report = scoreWorkbook(wb, file);
  const { month, lang, mode, rules } = report;
  const agents = readRoster(wb, file, lang);
  const rosterSheet = SHEET_NAMES[lang].roster;
  const ws = wb.sheet(rosterSheet)!;
  const rowOf = new Map<string, number>();
  for (let r = ROSTER_FIRST_ROW; r <= ws.rowCount; r++) {
    const v = ws.cellAt(r, 1).value;
    const id = v === null || v === undefined ? '' : String(v).trim();
    if (id && !rowOf.has(id)) rowOf.set(id, r);
  }
  const refs = new Map(wb.definedNames.map((d) => [d.name.toUpperCase(), d.ranges[0]]));
  const text = (v: unknown) => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
  const ruleCells: MonthBook['ruleCells'] = [];
  for (const name of MERGED_RULES) {
    const c = cellsOf(refs.get(name) ?? '');
    if (!c) continue;
    const sheet = wb.sheet(c.sheet);
    for (const cell of c.cells) ruleCells.push({ name, sheet: c.sheet, cell, value: text(sheet?.cell(cell).value).trim() });
  }
  const mc = cellsOf(refs.get('KPI_MONTH') ?? '');
  const monthCell: BookCell = mc ? { sheet: mc.sheet, cell: mc.cells[0] } : { sheet: '', cell: 'KPI_MONTH' };

  const inputs: MonthBook['inputs'] = {};
  for (const lay of workbookLayout({ month, agents, lang, rules }).layout) {
    for (const [code, loc] of Object.entries(lay.inputs)) {
      const v = checkValue(code, wb.sheet(loc.sheet)!.cell(loc.address).value, `${file} ${loc.sheet}!${loc.address}`, false);
      if (v !== null) (inputs[lay.agent.id] ??= {})[code] = { value: v, sheet: loc.sheet, cell: loc.address };
    }
  }
  const recordsSheet = SHEET_NAMES[lang].records;
  const records = report.records
    // the reader marks what is not a date or a status (`'text`, `?text`): the cell's own text is what a merge writes again
    .map((r, i) => ({
      ...r,
      date: r.date.startsWith("'") ? r.date.slice(1) : r.date,
      status: r.status.startsWith('?') ? r.status.slice(1) : r.status,
      sheet: recordsSheet,
      row: RECORDS_FIRST_ROW + i,
    }))
    .filter((r) => !isEmptyRecord(r));
  return {
    file,
    source: path.basename(file),
    month,
    monthCell,
    lang,
    mode,
    rules,
    ruleCells,
    agents: agents.map((a) => {
      const row = rowOf.get(a.id) ?? ROSTER_FIRST_ROW;
      return { ...a, at: { sheet: rosterSheet, cell: `A${row}` }, cells: rosterCells(rosterSheet, row) };
    }),
    inputs,
    records,
  };
}

/** Reads a workbook file as a MonthBook (the same reading as `score`: a damaged file names its part). */
export async function readMonthBook(file: string): Promise<MonthBook> {
  const wb = await readWorkbookFile(file);
  return monthBookOf(wb, file);
}

/**
 * The ledger sheet's cells read straight from the XML `kpi-forms close` writes (fast-write.ts through ledger-write.ts):
 * a row `<row r="N">`, its cells `<c r="A2" s="2" t="s"><v>29</v></c>`, `<c r="J2" s="2"/>`, a number or `t="b"`,
 * texts in the shared strings as `<si><t>…</t></si>`. The general reader (fast-read.ts) finds a cell when it is asked
 * for, which suits a month's workbook (scoring reads a fifth of its cells); the ledger's reader asks for every cell
 * of 6,000 rows × 29, and reading them in one pass here takes a fraction of that time.
 * Only that exact form is read: anything else — a ledger saved by Excel, WPS or LibreOffice, a text with an escape
 * the general reader would decode — gives null, and the general reader reads the file. Where both read a file they
 * give the same values (test/xlsx/ledger-read.test.ts).
 */
import { CellValue } from './fast-read';
import { XlsxPackage, partBytes } from './package';

/** A sheet's cells by row and column (from 1), as the general reader would give them. */
export interface OwnCells {
  rowCount: number;
  cellAt(row: number, col: number): CellValue;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The shared strings as fast-write.ts writes them; null for any other form. */
function ownStrings(pkg: XlsxPackage): string[] | null {
  const PART = 'xl/sharedStrings.xml';
  if (!pkg.entries.has(PART)) return [];
  const xml = partBytes(pkg, PART).toString('utf8');
  const open = /^<\?xml [^>]*\?>\n<sst [^>]*>/.exec(xml);
  if (!open) return null;
  const out: string[] = [];
  const SI = /<si><t(?: xml:space="preserve")?>([^<]*)<\/t><\/si>/y;
  let p = open[0].length;
  for (SI.lastIndex = p; ; SI.lastIndex = p) {
    const m = SI.exec(xml);
    if (!m) break;
    let t = m[1];
    // line ends an XML parser turns into \n, ExcelJS's _xHHHH_ escapes: the general reader's business
    if (t.includes('\r') || /_x[0-9A-F]{4}_/.test(t)) return null;
    if (t.includes('&')) {
      let bad = false;
      t = t.replace(/&([a-z]*);|&/g, (all, name: string | undefined) => {
        const c = name === undefined ? undefined : ENTITIES[name];
        if (c === undefined) bad = true;
        return c ?? all;
      });
      if (bad) return null;
    }
    out.push(t);
    p = SI.lastIndex;
  }
  return xml.startsWith('</sst>', p) && p + 6 === xml.length ? out : null;
}

/** A row's start, as fast-write.ts writes it (no height, no spans). */
const ROW = /<row r="(\d+)">/y;
/** A cell of the row: column letters, row; then empty, a text's index, a boolean or a number. */
const CELL = /<c r="([A-Z]{1,3})(\d+)" s="\d+"(?:\/>| t="s"><v>(\d+)<\/v><\/c>| t="b"><v>([01])<\/v><\/c>|><v>([^<]*)<\/v><\/c>)/y;

/**
 * The cells of the worksheet part `part` as close writes a ledger sheet; null when the part (or the shared strings)
 * is in any other form. Numbers stay numbers (no date formats are applied: the caller reads its date column as a serial).
 * A cell is one match of a regular expression (native code): a process that reads the ledger once runs its own code
 * mostly unoptimised, where a loop over characters took three times as long.
 */
export function ownSheetCells(pkg: XlsxPackage, part: string): OwnCells | null {
  const strings = ownStrings(pkg);
  if (!strings) return null;
  const xml = partBytes(pkg, part).toString('latin1');
  const from = xml.indexOf('<sheetData>');
  const to = xml.indexOf('</sheetData>');
  if (from < 0 || to < from || xml.indexOf('<sheetData', from + 1) >= 0) return null;
  const rows: CellValue[][] = [];
  let p = from + '<sheetData>'.length;
  let last = 0;
  while (p < to) {
    ROW.lastIndex = p;
    const r = ROW.exec(xml);
    if (!r) return null;
    const row = Number(r[1]);
    if (row <= last) return null;
    last = row;
    const cells: CellValue[] = [];
    rows[row] = cells;
    p = ROW.lastIndex;
    let col = 0;
    for (CELL.lastIndex = p; ; CELL.lastIndex = p) {
      const c = CELL.exec(xml);
      if (!c) break;
      if (c[2] !== r[1]) return null;
      const letters = c[1];
      let k = 0;
      for (let i = 0; i < letters.length; i++) k = k * 26 + letters.charCodeAt(i) - 64;
      if (k <= col) return null;
      col = k;
      if (c[3] !== undefined) {
        const i = Number(c[3]);
        if (i >= strings.length) return null;
        cells[k] = strings[i];
      } else if (c[4] !== undefined) cells[k] = c[4] === '1';
      else if (c[5] !== undefined) {
        const x = parseFloat(c[5]);
        // a number as fast-write prints it (String(x)): anything else is another writer's
        if (String(x) !== c[5]) return null;
        cells[k] = x;
      } else cells[k] = null;
      p = CELL.lastIndex;
    }
    if (!xml.startsWith('</row>', p)) return null;
    p += '</row>'.length;
  }
  if (p !== to) return null;
  return { rowCount: last, cellAt: (row, col) => rows[row]?.[col] ?? null };
}

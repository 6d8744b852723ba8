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

/**
 * The cells of the worksheet part `part` as close writes a ledger sheet; null when the part (or the shared strings)
 * is in any other form. Numbers stay numbers (no date formats are applied: the caller reads its date column as a serial).
 * Read character by character: a regular expression with captures per cell took as long as the general reader.
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
  const at = (s: string) => xml.startsWith(s, p) && ((p += s.length), true);
  /** digits at p: their value (−1: none) */
  const digits = (): number => {
    let n = -1;
    for (let c = xml.charCodeAt(p); c >= 48 && c <= 57; c = xml.charCodeAt(++p)) n = (n < 0 ? 0 : n * 10) + c - 48;
    return n;
  };
  let last = 0;
  while (p < to) {
    if (!at('<row r="')) return null;
    const row = digits();
    if (row <= last || !at('">')) return null;
    last = row;
    const cells: CellValue[] = [];
    rows[row] = cells;
    let col = 0;
    while (at('<c r="')) {
      let k = 0;
      for (let c = xml.charCodeAt(p); c >= 65 && c <= 90; c = xml.charCodeAt(++p)) k = k * 26 + c - 64;
      if (k <= col || digits() !== row || !at('" s="') || digits() < 0 || !at('"')) return null;
      col = k;
      if (at('/>')) {
        cells[k] = null;
        continue;
      }
      if (at(' t="s"><v>')) {
        const i = digits();
        if (i < 0 || i >= strings.length) return null;
        cells[k] = strings[i];
      } else if (at(' t="b"><v>')) {
        const b = xml.charCodeAt(p++) - 48;
        if (b !== 0 && b !== 1) return null;
        cells[k] = b === 1;
      } else if (at('><v>')) {
        const end = xml.indexOf('<', p);
        const v = xml.slice(p, end);
        const x = parseFloat(v);
        // a number as fast-write prints it (String(x)): anything else is another writer's
        if (String(x) !== v) return null;
        cells[k] = x;
        p = end;
      } else return null;
      if (!at('</v></c>')) return null;
    }
    if (!at('</row>')) return null;
  }
  if (p !== to) return null;
  return { rowCount: last, cellAt: (row, col) => rows[row]?.[col] ?? null };
}

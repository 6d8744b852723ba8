/**
 * Layout from measured text: column widths, row heights and the print scale of a sheet, from the advance
 * widths of Calibri (its metric twin Carlito) and of a full-width CJK font (font-metrics.ts, read from the
 * font files by scripts/font-metrics.ts). Pure: no font library at run time.
 *
 * The renderers differ, so every measure takes the least favourable of them, with a margin:
 * - a column `w` characters wide is `7w + 5` px in Excel (0.75 pt each; text area `7w` px) and `5.55w` pt
 *   in LibreOffice (Carlito's digit, 0.507 em at 11 pt; text area that less about 1 pt each side);
 * - text is measured unhinted and given 5% more (Excel hints Calibri at 96 dpi, and Excel/WPS fall back to
 *   DengXian, YaHei or SimSun for Chinese, all full-width; LibreOffice to Noto Sans CJK);
 * - a line holding Chinese is Noto Sans CJK's line tall (1.45 em), a Latin line Calibri's (1.22 em).
 */
import { EXCEL_LIMITS } from '../core/excel-limits';
import { INCOMPLETE } from '../core/rules';
import { FONT_METRICS } from './font-metrics';
import { CellSpec, INCOMPLETE_SHOWN, INCOMPLETE_WORDS, Lang, STYLES, SheetSpec, colName, parseAddr } from './model';

/** The font size of a cell without its own (Calibri 11). */
export const DEFAULT_SIZE = 11;
/** Excel's default row height for Calibri 11, in points. */
export const DEFAULT_ROW_HEIGHT = 15;
/** The widest a column is made for a formula's text (characters). */
const MAX_COMPUTED_WIDTH = 30;
/** Extra width allowed for hinting and fallback fonts. */
const TEXT_MARGIN = 1.05;
/** Extra height per line, and padding per cell, in points. */
const LINE_MARGIN = 1.08;
const CELL_PAD_V = 3;

const ADVANCE = (() => {
  const decode = (s: string) => Array.from({ length: s.length / 2 }, (_, i) => parseInt(s.slice(2 * i, 2 * i + 2), 36));
  const reg = decode(FONT_METRICS.regular);
  const bold = decode(FONT_METRICS.bold);
  const m = new Map<string, [number, number]>();
  [...FONT_METRICS.chars].forEach((ch, i) => m.set(ch, [reg[i], bold[i]]));
  return m;
})();

/**
 * The advances by UTF-16 code unit, regular and bold (0: a character Calibri does not have): the measures below
 * read tens of thousands of texts (a records sheet's evidence), and an array is read faster than a Map of strings.
 */
const [ADVANCE_REGULAR, ADVANCE_BOLD] = (() => {
  const size = Math.max(...[...ADVANCE.keys()].map((ch) => ch.charCodeAt(0))) + 1;
  const reg = new Uint16Array(size);
  const bold = new Uint16Array(size);
  for (const [ch, [r, b]] of ADVANCE)
    if (ch.length === 1) {
      reg[ch.charCodeAt(0)] = r;
      bold[ch.charCodeAt(0)] = b;
    }
  return [reg, bold];
})();

/** A character Calibri does not have: full-width (CJK ideographs, kana, full-width forms, CJK punctuation). */
const isWide = (ch: string) => !ADVANCE.has(ch);

/** Whether the text holds a character set in the CJK font (its lines are that font's height). */
export function hasWide(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    // every character of the metrics is one code unit with an advance: any other (a surrogate pair too) is wide
    if (u >= ADVANCE_REGULAR.length || ADVANCE_REGULAR[u] === 0) return true;
  }
  return false;
}

/** The advance width of `text` in points, unhinted, at `size` (Calibri, or full-width for CJK). */
export function textWidth(text: string, size = DEFAULT_SIZE, bold = false): number {
  const adv = bold ? ADVANCE_BOLD : ADVANCE_REGULAR;
  let em = 0;
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    const a = u < adv.length ? adv[u] : 0;
    em += a === 0 ? 1000 : a;
    // a character of two code units (outside the BMP) is one full-width character
    if (u >= 0xd800 && u <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return (em * size) / 1000;
}

/** The width `text` is given room for: its measure and the margin. */
const needs = (text: string, size: number, bold: boolean) => textWidth(text, size, bold) * TEXT_MARGIN;

/** A column `w` characters wide as printed by the wider of Excel and LibreOffice, in points. */
export function columnPoints(w: number): number {
  return Math.max((w * 7 + 5) * 0.75, w * 5.55);
}

/** The room for text in columns of these widths (merged), in points: the narrower of Excel's and LibreOffice's text areas. */
export function textRoom(widths: readonly number[]): number {
  const excel = widths.reduce((s, w) => s + (w * 7 + 5) * 0.75, 0) - 3.75;
  const lo = widths.reduce((s, w) => s + w * 5.55, 0) - 2.5;
  return Math.min(excel, lo);
}

/** The width a cell's text needs: its longest Latin word when it wraps, else its widest line. */
const needOf = (text: string, size: number, bold: boolean, wrap: boolean): number =>
  wrap ? longestWord(text, size, bold) : Math.max(...text.split('\n').map((l) => needs(l, size, bold)));

/** `textRoom` of one column. */
const oneColumnRoom = (w: number): number => Math.min((w * 7 + 5) * 0.75 - 3.75, w * 5.55 - 2.5);

/** The column width (characters) whose text room holds `points` (inverse of `textRoom` for one column), to 0.1. */
export function widthFor(points: number): number {
  return Math.ceil(Math.max(points / 5.25, (points + 2.5) / 5.55) * 10) / 10;
}

/** Line height in points of text at `size`, a Chinese line taller. */
export function lineHeight(size: number, wide: boolean): number {
  return size * (wide ? FONT_METRICS.cjkLine : FONT_METRICS.latinLine) * LINE_MARGIN;
}

/**
 * The lines `text` wraps into within `room` points, as a renderer wraps it: at spaces between Latin words
 * (a word longer than the room is broken, which a layout avoids: `longestWord`), anywhere between CJK
 * characters; an explicit line feed starts a line.
 */
export function wrapLines(text: string, room: number, size = DEFAULT_SIZE, bold = false): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    // pieces: runs of Latin without spaces, single wide characters, spaces
    let line = '';
    for (const p of mergeLatin(para)) {
      const next = line + p;
      if (line.trim() !== '' && needs(next.trimEnd(), size, bold) > room && p.trim() !== '') {
        out.push(line.trimEnd());
        line = p;
      } else line = next;
    }
    out.push(line.trimEnd());
  }
  return out;
}

/** A paragraph as wrap pieces: Latin words (with trailing punctuation), spaces, and each wide character alone. */
function mergeLatin(para: string): string[] {
  const out: string[] = [];
  let word = '';
  for (const ch of para) {
    if (ch === ' ' || isWide(ch)) {
      if (word) out.push(word);
      word = '';
      out.push(ch);
    } else word += ch;
  }
  if (word) out.push(word);
  return out;
}

/** The widest Latin word of `text` in points (with the margin): a wrapped cell must hold it whole. */
export function longestWord(text: string, size = DEFAULT_SIZE, bold = false): number {
  let max = 0;
  for (const p of mergeLatin(text)) if (p !== ' ') max = Math.max(max, needs(p, size, bold));
  return max;
}

/**
 * The text a cell shows, as long as it can be: its `sample` (an input's longest expected entry), a
 * constant's text (numbers are short: left out), or a formula's text literals (all of them when the formula
 * is a label with conditional parts after it, else the longest: an IF's branches); at least the word for `incomplete` where the
 * style's number format shows it.
 */
export function shownText(c: Pick<CellSpec, 'value' | 'formula' | 'sample' | 'style'>, lang: Lang): string {
  const shows = STYLES[c.style].numFmt?.includes(INCOMPLETE_SHOWN);
  // the text `incomplete` a formula gives shows as the workbook's word for it (model.ts INCOMPLETE_SHOWN)
  const text = shows && c.formula !== undefined ? ownText(c).replace(INCOMPLETE, INCOMPLETE_WORDS[lang]) : ownText(c);
  if (!shows) return text;
  const word = INCOMPLETE_WORDS[lang];
  return textWidth(text) >= textWidth(word) ? text : word;
}

function ownText(c: Pick<CellSpec, 'value' | 'formula' | 'sample'>): string {
  if (c.sample !== undefined) return c.sample;
  if (typeof c.value === 'string') return c.value;
  if (c.formula === undefined || !c.formula.includes('"')) return '';
  const lits = (c.formula.match(/"(?:[^"]|"")*"/g) ?? []).map((x) => x.slice(1, -1).replace(/""/g, '"'));
  // a label with conditional parts after it ("Score…"&IF(…,"  RED LINE","")): all of it; else one branch's text
  if (c.formula.startsWith('"')) return lits.join('');
  return lits.reduce((a, b) => (b.length > a.length ? b : a), '');
}

/** The styles whose number format shows the word for `incomplete` (shownText gives at least that word). */
const SHOWS_INCOMPLETE = new Set(
  (Object.keys(STYLES) as Array<keyof typeof STYLES>).filter((k) => STYLES[k].numFmt?.includes(INCOMPLETE_SHOWN)),
);

/** A cell that may need a taller row: where it is, its last column (merged), its text and font. */
interface Tall {
  row: number;
  col: number;
  lastCol: number;
  text: string;
  size: number;
  bold: boolean;
  wrap: boolean;
}

/** A cell's address as row × 32768 + column (`parseAddr`'s, without an object per cell). */
function cellKey(a1: string): number {
  let col = 0;
  let i = 0;
  for (; i < a1.length && i < 4; i++) {
    const ch = a1.charCodeAt(i);
    if (ch < 65 || ch > 90) break;
    col = col * 26 + ch - 64;
  }
  let row = 0;
  const digits = i;
  for (; i < a1.length; i++) {
    const ch = a1.charCodeAt(i);
    if (ch < 48 || ch > 57) break;
    row = row * 10 + ch - 48;
  }
  if (digits === 0 || digits > 3 || i === digits || i < a1.length) {
    // `$A$1`, or not an address: parseAddr reads the one and names the other
    const p = parseAddr(a1);
    return p.row * 32768 + p.col;
  }
  return row * 32768 + col;
}

/**
 * Lays out a sheet from its measured text, in place:
 * 1. widths: a cell that does not wrap holds its text on one line (a left-aligned, unbordered, unmerged
 *    label may run on over empty cells to its right, as every renderer lets it); a wrapped cell holds its
 *    longest Latin word; where it does not, the cell's last column is widened;
 * 2. heights: a row holding text on more than one line, larger than 11 pt, or Chinese, is as tall as
 *    its tallest cell's lines (never lower than the sheet module set it);
 * 3. the print scale of a sheet with manual page breaks (Excel ignores them under fit-to-pages, so such a
 *    sheet prints at a fixed scale, render.ts): for one block per page (`printScale` set) the largest at
 *    which the printed columns fit A4's width and the tallest block its height; for tables split by a break
 *    (the summary) the largest at which the columns fit the width. Every renderer uses that scale.
 *
 * Only cells that show text are laid out (each merge at its first cell), in the spec's order, the widths as each is
 * met. A records sheet has 140,000 cells: a shared formula's text (CellSpec.shares: the first cell's formula with its
 * references moved, the same literals) is worked out once, and only cells that may need a taller row are kept for 2.
 */
export function fitSheet(sheet: SheetSpec, lang: Lang): void {
  // merges keyed by row × 32768 + column
  const extent = new Map<number, { r2: number; c2: number }>();
  const covered = new Set<number>();
  for (const m of sheet.merges) {
    const [a, b] = m.split(':');
    const p = parseAddr(a);
    const q = parseAddr(b ?? a);
    extent.set(p.row * 32768 + p.col, { r2: q.row, c2: q.col });
    for (let r = p.row; r <= q.row; r++) for (let c = p.col; c <= q.col; c++) if (r !== p.row || c !== p.col) covered.add(r * 32768 + c);
  }
  // every agent's block repeats the same labels: each measured once
  const memos = new Map<string, unknown>();
  const memo = <T>(key: string, f: () => T): T => {
    let v = memos.get(key) as T | undefined;
    if (v === undefined) memos.set(key, (v = f()));
    return v;
  };
  // the width a text of the common case needs (11 pt, regular, not wrapped): keyed by the text alone
  const plainNeeds = new Map<string, number>();
  const widths = sheet.widths;
  const hidden = new Set(sheet.hiddenColumns ?? []);
  // cells a label cannot run on over: with content, or boxed (worked out when a label needs it)
  let filled: Set<number> | undefined;
  const occupied = (row: number, col: number) => {
    if (filled === undefined) {
      filled = new Set();
      for (const c of sheet.cells) if (c.value != null || c.formula !== undefined || STYLES[c.style].border) filled.add(cellKey(c.address));
    }
    return filled.has(row * 32768 + col);
  };
  // the text room of a cell from `col` to `lastCol` (merged); one column's without an array (most cells)
  const roomOf = (col: number, lastCol: number) =>
    col === lastCol
      ? oneColumnRoom(widths[col - 1] ?? 8.43)
      : textRoom(Array.from({ length: lastCol - col + 1 }, (_, i) => widths[col - 1 + i] ?? 8.43));
  const widen = (col: number, deficit: number) => {
    while (widths.length < col) widths.push(8.43);
    // never past Excel's limit (a name of hundreds of characters runs on, cut, rather than break the file)
    widths[col - 1] = Math.min(EXCEL_LIMITS.columnWidth.max, widthFor(textRoom([widths[col - 1]]) + deficit));
  };

  // 1. widths, cell by cell; the cells 2 needs kept
  const sharedText = new Map<string, { style: string; text: string; computed: boolean }>();
  const tall: Tall[] = [];
  for (const cell of sheet.cells) {
    let text: string;
    let computed: boolean;
    if (cell.formula === undefined && cell.sample === undefined && !SHOWS_INCOMPLETE.has(cell.style)) {
      // a constant (most cells): its text as shownText gives it, without a call per cell
      if (typeof cell.value !== 'string' || cell.value === '') continue;
      text = cell.value;
      computed = false;
    } else if (cell.shares !== undefined && cell.formula !== undefined && cell.sample === undefined && typeof cell.value !== 'string') {
      // by key, then style (a key's cells have one style, as a rule)
      let known = sharedText.get(cell.shares);
      if (known === undefined || known.style !== cell.style) {
        const k = `${cell.shares}\u0000${cell.style}`;
        known = sharedText.get(k);
        if (known === undefined) {
          known = { style: cell.style, text: shownText(cell, lang), computed: !cell.formula.startsWith('"') };
          sharedText.set(k, known);
          if (!sharedText.has(cell.shares)) sharedText.set(cell.shares, known);
        }
      }
      ({ text, computed } = known);
    } else {
      text = shownText(cell, lang);
      computed = cell.sample === undefined && cell.formula !== undefined && !cell.formula.startsWith('"');
    }
    if (!text) continue;
    const key = cellKey(cell.address);
    if (covered.has(key)) continue;
    const row = Math.floor(key / 32768);
    const col = key - row * 32768;
    const st = STYLES[cell.style];
    const e = extent.get(key);
    const lastRow = e?.r2 ?? row;
    const lastCol = e?.c2 ?? col;
    const size = st.size ?? DEFAULT_SIZE;
    const bold = st.bold ?? false;
    const wrap = st.wrap ?? false;
    // one Latin line of 11 pt or less that does not wrap: the default height holds it, nothing for 2
    if (lastRow === row && (wrap || size > DEFAULT_SIZE || text.includes('\n') || hasWide(text)))
      tall.push({ row, col, lastCol, text, size, bold, wrap });
    if (hidden.has(col)) continue;
    let need: number;
    if (!wrap && !bold && size === DEFAULT_SIZE) {
      const known = plainNeeds.get(text);
      if (known !== undefined) need = known;
      // one line (most texts): measured without splitting it
      else plainNeeds.set(text, (need = text.includes('\n') ? needOf(text, size, bold, wrap) : needs(text, size, bold)));
    } else need = memo(`w${+wrap}${+bold}${size}|${text}`, () => needOf(text, size, bold, wrap));
    let room = roomOf(col, lastCol);
    if (!wrap && !st.border && lastCol === col && st.align !== 'center' && st.align !== 'right') {
      // runs on over empty cells to its right, up to the last column with a width
      for (let c = col + 1; c <= widths.length && !occupied(row, c) && room < need; c++) room += textRoom([widths[c - 1]]) + 3.75;
    }
    // a computed message (the records sheet's checks) widens its column only so far: past that it runs on
    if (need > room) widen(lastCol, Math.min(need, computed ? textRoom([MAX_COMPUTED_WIDTH]) : need) - room);
  }

  // 2. heights
  const tallest = new Map<number, number>();
  for (const c of tall) {
    const room = roomOf(c.col, c.lastCol);
    const lines = c.wrap
      ? memo(`l${room}|${+c.bold}${c.size}|${c.text}`, () => wrapLines(c.text, room, c.size, c.bold))
      : c.text.split('\n');
    // one Latin line of 11 pt or less: the default height (15 pt) holds it; a Chinese line is taller (Noto Sans CJK)
    if (lines.length === 1 && c.size <= DEFAULT_SIZE && !hasWide(lines[0])) continue;
    const h = lines.reduce((s, l) => s + lineHeight(c.size, hasWide(l)), 0) + CELL_PAD_V;
    tallest.set(c.row, Math.max(tallest.get(c.row) ?? 0, h));
  }
  for (const [row, h] of tallest) {
    const need = Math.ceil(h * 4) / 4;
    if (need > (sheet.rowHeights[row] ?? DEFAULT_ROW_HEIGHT)) sheet.rowHeights[row] = Math.min(EXCEL_LIMITS.rowHeight.max, need);
  }

  // 3. a fixed print scale where there are manual page breaks
  if (sheet.printScale !== undefined) sheet.printScale = blockScale(sheet, true);
  else if (sheet.rowBreaks.length) sheet.printScale = blockScale(sheet, false);
}

/** A4's printable area in points at the margins of render.ts (0.5" sides, 0.6" top and bottom). */
const PRINTABLE = { portrait: { w: 595.28 - 72, h: 841.89 - 86.4 }, landscape: { w: 841.89 - 72, h: 595.28 - 86.4 } };

/**
 * The print scale (percent, 1% to spare: the widths are already the wider renderer's) at which the print
 * area's columns fit the page's width and, with `blocks`, the tallest block between manual page breaks
 * its height.
 */
export function blockScale(sheet: SheetSpec, blocks: boolean): number {
  const page = sheet.landscape ? PRINTABLE.landscape : PRINTABLE.portrait;
  const [a, b] = (sheet.printArea ?? `A1:${colName(Math.max(1, sheet.widths.length))}1`).replace(/\$/g, '').split(':');
  const c1 = parseAddr(a).col;
  const c2 = parseAddr(b ?? a).col;
  const hidden = new Set(sheet.hiddenColumns ?? []);
  let width = 0;
  for (let c = c1; c <= c2; c++) if (!hidden.has(c)) width += columnPoints(sheet.widths[c - 1] ?? 8.43);
  let tallest = 0;
  let top = 1;
  for (const br of blocks ? [...sheet.rowBreaks].sort((x, y) => x - y) : []) {
    let h = 0;
    for (let r = top; r <= br; r++) h += sheet.rowHeights[r] ?? DEFAULT_ROW_HEIGHT;
    tallest = Math.max(tallest, h);
    top = br + 1;
  }
  const fit = Math.min(page.w / Math.max(1, width), page.h / Math.max(1, tallest));
  return Math.max(10, Math.min(100, Math.floor(fit * 99)));
}

/**
 * A1 rectangles: grouping cells into few rectangles, so that a writer sets a style or a data validation
 * once per rectangle instead of once per cell. Pure (no ExcelJS, no Office.js).
 */
import { colName, parseAddr } from './model';

/** A rectangle of cells, rows and columns 1-based, inclusive. */
export interface Rect {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

/** `A1` for one cell, `A1:F22` for more. */
export const rectAddress = (r: Rect): string =>
  r.r1 === r.r2 && r.c1 === r.c2 ? `${colName(r.c1)}${r.r1}` : `${colName(r.c1)}${r.r1}:${colName(r.c2)}${r.r2}`;

/** "A1:F22" or "A1" (with or without `$`) as a rectangle. */
export function parseRect(a1: string): Rect {
  const [x, y] = a1.split(':');
  const p = parseAddr(x);
  const q = y ? parseAddr(y) : p;
  return { r1: p.row, c1: p.col, r2: q.row, c2: q.col };
}

/**
 * Groups cells into few rectangles that do not overlap: runs along each row, then runs of rows with the
 * same column span.
 * @param cells 1-based row/col pairs (duplicates allowed)
 */
export function toRects(cells: Array<{ row: number; col: number }>): Rect[] {
  // one column (a records sheet's 12,000 rows of one validation): its runs of rows, without a set per row
  if (cells.length > 0 && cells.every((p) => p.col === cells[0].col)) {
    const col = cells[0].col;
    const out: Rect[] = [];
    for (const r of cells.map((p) => p.row).sort((a, b) => a - b)) {
      const last = out[out.length - 1];
      if (last && r <= last.r2 + 1) last.r2 = r;
      else out.push({ r1: r, c1: col, r2: r, c2: col });
    }
    return out;
  }
  const rows = new Map<number, number[]>();
  for (const { row, col } of cells) {
    const a = rows.get(row) ?? [];
    a.push(col);
    rows.set(row, a);
  }
  const open = new Map<string, Rect>(); // "c1:c2" → rect still growing downwards
  const done: Rect[] = [];
  for (const r of [...rows.keys()].sort((a, b) => a - b)) {
    const cols = [...new Set(rows.get(r)!)].sort((a, b) => a - b);
    const spans: Array<[number, number]> = [];
    for (const c of cols) {
      const last = spans[spans.length - 1];
      if (last && c === last[1] + 1) last[1] = c;
      else spans.push([c, c]);
    }
    const seen = new Set<string>();
    for (const [c1, c2] of spans) {
      const k = `${c1}:${c2}`;
      seen.add(k);
      const o = open.get(k);
      if (o && o.r2 === r - 1) o.r2 = r;
      else {
        if (o) done.push(o);
        open.set(k, { r1: r, c1, r2: r, c2 });
      }
    }
    for (const [k, o] of open) {
      if (!seen.has(k) && o.r2 < r) {
        done.push(o);
        open.delete(k);
      }
    }
  }
  done.push(...open.values());
  return done.sort((a, b) => a.r1 - b.r1 || a.c1 - b.c1);
}

/**
 * The fake Excel's state of a sheet (cells, validations, conditional formats, page setup, protection),
 * its A1 ranges, and errors shaped like OfficeExtension.Error.
 */
import { parseAddr } from '../../../src/templates/model';

export interface FakeCell {
  value: string | number | boolean | null;
  formula?: string;
  quotePrefix?: boolean;
  numberFormat?: string;
  locked: boolean;
  bold?: boolean;
  size?: number;
  color?: string;
  fill?: string;
  hAlign?: string;
  vAlign?: string;
  wrap?: boolean;
  borders?: Set<string>;
}

export interface FakeValidation {
  address: string;
  rule: Record<string, unknown>;
  prompt?: { showPrompt: boolean; title: string; message: string };
  errorAlert?: { showAlert: boolean; style: string; title: string; message: string };
}

export interface FakeConditionalFormat {
  address: string;
  type: string;
  formula?: string;
  fill?: string;
  fontColor?: string;
  bold?: boolean;
}

export class FakeSheet {
  cells = new Map<string, FakeCell>();
  merges: string[] = [];
  colWidths = new Map<number, number>();
  rowHeights = new Map<number, number>();
  validations: FakeValidation[] = [];
  conditionalFormats: FakeConditionalFormat[] = [];
  protected = false;
  protectOptions: Record<string, unknown> | undefined;
  protectPassword: string | undefined;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden' = 'Visible';
  hiddenColumns = new Set<number>();
  hiddenRows = new Set<number>();
  freezeRows = 0;
  /** the worksheet's AutoFilter range, if any */
  autoFilter: string | undefined;
  page: Record<string, unknown> = {};
  pageBreaks: string[] = [];
  verticalPageBreaks: string[] = [];
  deleted = false;
  constructor(public name: string) {}

  cell(a1: string): FakeCell {
    let c = this.cells.get(a1);
    if (!c) {
      c = { value: null, locked: true };
      this.cells.set(a1, c);
    }
    return c;
  }
  /** The cell's value as `Range.values` gives it ('' for empty). */
  value(a1: string): string | number | boolean {
    return this.cells.get(a1)?.value ?? '';
  }
  /** The cell's formula as `Range.formulas` gives it (the value for a constant). */
  formula(a1: string): string | number | boolean {
    const c = this.cells.get(a1);
    return c?.formula ?? c?.value ?? '';
  }
  validationAt(a1: string): FakeValidation | undefined {
    const p = parseAddr(a1);
    return this.validations.find((v) => v.address.split(',').some((a) => inRect(p, rectOf(a))));
  }
}

/** An error shaped like OfficeExtension.Error. */
export class FakeOfficeError extends Error {
  name = 'RichApi.Error';
  debugInfo: { code: string; message: string; errorLocation: string; statement?: string };
  constructor(
    public code: string,
    message: string,
    location: string,
  ) {
    super(message);
    this.debugInfo = { code, message, errorLocation: location, statement: location };
  }
}

/** Throws like Excel when `what` is changed on a protected sheet (unless the protection allows it). */
export function mustBeUnprotected(s: FakeSheet, what: string, allowedBy?: string): void {
  if (!s.protected) return;
  if (allowedBy && s.protectOptions?.[allowedBy] === true) return;
  throw new FakeOfficeError('AccessDenied', `${what}: ${s.name} is protected (unprotect it first)`, what);
}

export interface Rect {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}
const MAXR = 1048576;
const MAXC = 16384;

function colNum(s: string): number {
  let c = 0;
  for (const ch of s.toUpperCase()) c = c * 26 + ch.charCodeAt(0) - 64;
  return c;
}

export function rectOf(address: string): Rect {
  const a = address.replace(/\$/g, '');
  let m = /^([A-Z]+):([A-Z]+)$/i.exec(a);
  if (m) return { r1: 1, c1: colNum(m[1]), r2: MAXR, c2: colNum(m[2]) };
  m = /^(\d+):(\d+)$/.exec(a);
  if (m) return { r1: Number(m[1]), c1: 1, r2: Number(m[2]), c2: MAXC };
  const [x, y] = a.split(':');
  const p = parseAddr(x);
  const q = y ? parseAddr(y) : p;
  if (q.row < p.row || q.col < p.col) throw new FakeOfficeError('InvalidArgument', `bad range ${address}`, 'Worksheet.getRange');
  return { r1: p.row, c1: p.col, r2: q.row, c2: q.col };
}
export const inRect = (p: { row: number; col: number }, r: Rect) => p.row >= r.r1 && p.row <= r.r2 && p.col >= r.c1 && p.col <= r.c2;
export const overlap = (a: Rect, b: Rect) => a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;
/** `Worksheet.getRange()` without an address: the whole sheet */
export const WHOLE_SHEET = 'A1:XFD1048576';

export function colName(col: number): string {
  let s = '';
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}
export function* cellsOf(r: Rect): Generator<string> {
  for (let row = r.r1; row <= r.r2; row++) for (let col = r.c1; col <= r.c2; col++) yield `${colName(col)}${row}`;
}

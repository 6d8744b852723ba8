/**
 * The fake workbook (`FakeWorkbook`: its state and `run`, the shape of `Excel.run`) and its request context
 * (`FakeContext`: the proxies for workbook, worksheets, names, ranges, page layout… that queue operations,
 * and `sync`, which runs them as the host would). See ../fakeExcel.ts for what it models.
 */
/* eslint-disable @typescript-eslint/no-this-alias -- the fake's proxy objects close over their request context */
import { parseAddr } from '../../../src/templates/model';
import type { ExcelRun } from '../../../src/office/writer';
import { CUSTOM_FUNCTION, movedFormula, refsAfterDelete, typed } from './cells';
import { DEFAULT_HOST, FakeHost, isSetSupported, versionAtLeast } from './hosts';
import { FakeRunStats, apiSetOf, payloadBytes } from './requests';
import {
  FakeCell,
  FakeConditionalFormat,
  FakeOfficeError,
  FakeSheet,
  Rect,
  WHOLE_SHEET,
  cellsOf,
  colName,
  inRect,
  mustBeUnprotected,
  overlap,
  rectOf,
} from './sheet';

/** How a range proxy tells `copyFrom` where it is. */
const SOURCE = Symbol('range source');

/** The fake workbook: state, plus `run` with the shape of `Excel.run`. */
export class FakeWorkbook {
  sheets: FakeSheet[] = [];
  names = new Map<string, { name: string; ref: string; comment?: string }>();
  active: string | null = null;
  selected: string | null = null;
  stats: FakeRunStats = { syncs: 0, ops: 0, payloads: [] };
  /** every operation ever run, as "Object.member" (for tests that look at what was called) */
  log: string[] = [];
  /** a cell is being edited: every sync fails with InvalidOperationInCellEditMode */
  cellEditMode = false;
  /** reads of custom-function cells still to give #BUSY! (set to host.busyReads by every sync that writes) */
  calculating = 0;
  /** co-authors' edits to merge at the next sync (`coauthor`) */
  remote: Array<{ when: 'before' | 'after'; edit: (wb: FakeWorkbook) => void }> = [];

  /**
   * Another person's edit of the same workbook (co-authoring: each Excel edits its own copy and the copies
   * exchange edits), merged into this copy at the next sync: `before` — it arrived before this pane's batch
   * runs (the batch sees it); `after` — it was made at the same time on the other copy and arrives after the
   * batch ran, its cells replacing this batch's (Excel merges cell by cell, the later edit's value staying).
   * The edit sets cells directly: `(wb) => wb.sheet('S')!.cell('A5').value = 'x'`.
   */
  coauthor(edit: (wb: FakeWorkbook) => void, when: 'before' | 'after' = 'after'): void {
    this.remote.push({ when, edit });
  }

  /**
   * @param sheetNames the workbook's sheets (default: one, Sheet1)
   * @param host the Excel it is (default: Microsoft 365 current, as strict as Excel but with every set);
   *   assign another to open the same workbook in another Excel
   */
  constructor(
    sheetNames: string[] = ['Sheet1'],
    public host: FakeHost = DEFAULT_HOST,
  ) {
    for (const n of sheetNames) this.sheets.push(new FakeSheet(n));
    this.active = sheetNames[0] ?? null;
  }

  /** `Office.context.requirements.isSetSupported` of this workbook's host */
  isSetSupported = (set: string, version?: string): boolean => isSetSupported(this.host, set, version);

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => !s.deleted && s.name.toLowerCase() === name.toLowerCase());
  }
  get sheetNames(): string[] {
    return this.sheets.filter((s) => !s.deleted).map((s) => s.name);
  }

  /** Excel.run: a fresh request context per batch. */
  run: ExcelRun = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const ctx = new FakeContext(this);
    return batch(ctx as unknown as Excel.RequestContext);
  };
}

type Op = { what: string; bytes: number; api: string; apply: () => void };

class FakeContext {
  private queue: Op[] = [];
  workbook: ReturnType<FakeContext['makeWorkbook']>;
  constructor(readonly wb: FakeWorkbook) {
    this.workbook = this.makeWorkbook();
  }
  q(what: string, payload: unknown, apply: () => void): void {
    this.queue.push({ what, bytes: payloadBytes(what, payload), api: apiSetOf(what, payload), apply });
  }
  /** set by Range.load while it runs: a custom-function cell was read */
  readCustom = false;
  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    const wb = this.wb;
    const host = wb.host;
    wb.stats.syncs++;
    wb.stats.ops += ops.length;
    const bytes = ops.reduce((s, o) => s + o.bytes, 0);
    wb.stats.payloads.push(bytes);
    if (wb.cellEditMode)
      throw new FakeOfficeError(
        'InvalidOperationInCellEditMode',
        'The operation is not allowed while a cell is being edited.',
        'RequestContext.sync',
      );
    if (host.requestLimitBytes !== null && bytes > host.requestLimitBytes)
      throw new FakeOfficeError(
        'RequestPayloadSizeLimitExceeded',
        `The request payload size (${bytes} bytes) exceeds the limit (${host.requestLimitBytes} bytes).`,
        'RequestContext.sync',
      );
    const have = host.sets.ExcelApi ?? '0';
    const merged = (when: 'before' | 'after') => {
      const due = wb.remote.filter((r) => r.when === when);
      wb.remote = wb.remote.filter((r) => r.when !== when);
      for (const r of due) r.edit(wb);
    };
    merged('before');
    let wrote = false;
    this.readCustom = false;
    try {
      for (const op of ops) {
        if (!versionAtLeast(have, op.api))
          throw new FakeOfficeError('ApiNotFound', `${op.what} needs ExcelApi ${op.api}; ${host.name} has ${have}`, op.what);
        wb.log.push(op.what);
        op.apply();
        if (/^Range\.(formulas|values|copyFrom)$/.test(op.what)) wrote = true;
      }
      merged('after');
    } finally {
      // a read of custom-function cells while they calculate used up one #BUSY!; a write starts a new calculation
      if (this.readCustom && wb.calculating > 0) wb.calculating--;
      if (wrote) wb.calculating = host.busyReads;
    }
  }

  // ---------- object model ----------
  private makeWorkbook() {
    const ctx = this;
    const wb = this.wb;
    const worksheets = {
      _items: null as null | Array<{ name: string }>,
      get items() {
        if (!this._items)
          throw new FakeOfficeError(
            'PropertyNotLoaded',
            'worksheets.items is not loaded: call load() and sync()',
            'WorksheetCollection.items',
          );
        return this._items;
      },
      load(_p?: unknown) {
        ctx.q('WorksheetCollection.load', _p, () => (worksheets._items = wb.sheetNames.map((name) => ({ name }))));
        return worksheets;
      },
      add(name: string) {
        const s = new FakeSheet(name);
        ctx.q('WorksheetCollection.add', name, () => {
          if (!/^[^:\\/?*[\]]{1,31}$/.test(name) || name.startsWith("'") || name.endsWith("'"))
            throw new FakeOfficeError('InvalidArgument', `bad sheet name ${name}`, 'WorksheetCollection.add');
          if (wb.sheet(name)) throw new FakeOfficeError('ItemAlreadyExists', `A sheet named ${name} exists`, 'WorksheetCollection.add');
          wb.sheets.push(s);
        });
        return ctx.sheetProxy(() => {
          if (!wb.sheets.includes(s) || s.deleted) throw new FakeOfficeError('ItemNotFound', 'sheet not found', 'Worksheet');
          return s;
        });
      },
      getItem(name: string) {
        return ctx.sheetProxy(() => {
          const s = wb.sheet(name);
          if (!s)
            throw new FakeOfficeError(
              'ItemNotFound',
              `The requested resource doesn't exist (sheet ${name})`,
              'WorksheetCollection.getItem',
            );
          return s;
        });
      },
      getItemOrNullObject(name: string) {
        return ctx.sheetProxy(() => wb.sheet(name) ?? null);
      },
    };
    const names = {
      _items: null as null | Array<{ name: string; value: string; comment: string }>,
      get items() {
        if (!this._items) throw new FakeOfficeError('PropertyNotLoaded', 'names.items is not loaded', 'NamedItemCollection.items');
        return this._items;
      },
      load(_p?: unknown) {
        ctx.q(
          'NamedItemCollection.load',
          _p,
          () => (names._items = [...wb.names.values()].map((n) => ({ name: n.name, value: n.ref, comment: n.comment ?? '' }))),
        );
        return names;
      },
      add(name: string, ref: string, comment?: string) {
        ctx.q('NamedItemCollection.add', [name, ref, comment], () => {
          if (wb.names.has(name.toLowerCase()))
            throw new FakeOfficeError('ItemAlreadyExists', `The name ${name} exists`, 'NamedItemCollection.add');
          const r = String(ref).replace(/^=/, '');
          const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!/.exec(r);
          const sheet = m ? (m[1] ?? m[2]).replace(/''/g, "'") : null;
          if (!sheet || !wb.sheet(sheet))
            throw new FakeOfficeError(
              'InvalidArgument',
              `name ${name}: ${ref} does not refer to a sheet of the workbook`,
              'NamedItemCollection.add',
            );
          if (comment !== undefined && comment.length > 255)
            throw new FakeOfficeError('InvalidArgument', `a name's comment is at most 255 characters`, 'NamedItemCollection.add');
          wb.names.set(name.toLowerCase(), { name, ref: r, ...(comment !== undefined ? { comment } : {}) });
        });
      },
      getItem(name: string) {
        const found = () => {
          const n = wb.names.get(name.toLowerCase());
          if (!n) throw new FakeOfficeError('ItemNotFound', `no name ${name}`, 'NamedItemCollection.getItem');
          return n;
        };
        /** the name's reference split into its sheet and address, when the batch runs (ItemNotFound without the name) */
        const target = () => {
          const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$/.exec(found().ref)!;
          return { sheet: (m[1] ?? m[2]).replace(/''/g, "'"), address: m[3].replace(/\$/g, '') };
        };
        return {
          /** NamedItem.getRange (ExcelApi 1.1): the range it refers to */
          getRange() {
            const sheetOf = () => {
              const s = wb.sheet(target().sheet);
              if (!s) throw new FakeOfficeError('ItemNotFound', `name ${name}: no sheet`, 'NamedItem.getRange');
              return s;
            };
            // Range.worksheet (ExcelApi 1.1): the sheet it is on, found when the batch runs
            return Object.defineProperty(
              ctx.rangeProxy(sheetOf, () => [target().address]),
              'worksheet',
              {
                get: () => ctx.sheetProxy(() => wb.sheet(target().sheet) ?? null),
              },
            );
          },
          delete() {
            ctx.q('NamedItem.delete', name, () => {
              found();
              wb.names.delete(name.toLowerCase());
            });
          },
          set comment(v: string) {
            ctx.q('NamedItem.comment', [name, v], () => {
              if (v.length > 255)
                throw new FakeOfficeError('InvalidArgument', `a name's comment is at most 255 characters`, 'NamedItem.comment');
              found().comment = v;
            });
          },
        };
      },
    };
    return { worksheets, names };
  }

  sheetProxy(resolve: () => FakeSheet | null) {
    const ctx = this;
    const wb = this.wb;
    const must = () => {
      const s = resolve();
      if (!s) throw new FakeOfficeError('ItemNotFound', 'sheet not found', 'Worksheet');
      return s;
    };
    const pageProp = (k: string) => ({
      set(v: unknown) {
        ctx.q(`PageLayout.${k}`, v, () => {
          const s = must();
          mustBeUnprotected(s, `PageLayout.${k}`);
          if (k === 'zoom') {
            const z = v as Record<string, unknown>;
            const keys = Object.keys(z ?? {});
            if (!keys.length || keys.some((x) => !['scale', 'horizontalFitToPages', 'verticalFitToPages'].includes(x)))
              throw new FakeOfficeError('InvalidArgument', `zoom ${JSON.stringify(v)}`, 'PageLayout.zoom');
            if ('scale' in z && (keys.length > 1 || typeof z.scale !== 'number' || z.scale < 10 || z.scale > 400))
              throw new FakeOfficeError('InvalidArgument', `zoom: scale is 10–400 and excludes fit to pages`, 'PageLayout.zoom');
            for (const x of ['horizontalFitToPages', 'verticalFitToPages'])
              if (x in z && !(Number.isInteger(z[x]) && (z[x] as number) >= 0))
                throw new FakeOfficeError('InvalidArgument', `zoom: ${x} is a whole number ≥ 0 (0: automatic)`, 'PageLayout.zoom');
            if (!('scale' in z)) {
              if (wb.host.fitToPages === 'ignored') return; // office-js #1860: not applied unless the Page Layout tab is active
              // fit to pages: what is not said is kept (Excel's default: 1 page wide, 1 page tall)
              const before = (s.page.zoom ?? {}) as Record<string, unknown>;
              s.page.zoom = {
                horizontalFitToPages: z.horizontalFitToPages ?? before.horizontalFitToPages ?? 1,
                verticalFitToPages: z.verticalFitToPages ?? before.verticalFitToPages ?? 1,
              };
              return;
            }
          }
          s.page[k] = v;
        });
      },
      get() {
        return undefined;
      },
    });
    const pageLayout = Object.defineProperties(
      {
        setPrintArea(a: string) {
          ctx.q('PageLayout.setPrintArea', a, () => {
            const s = must();
            mustBeUnprotected(s, 'PageLayout.setPrintArea');
            s.page.printArea = a;
          });
        },
        setPrintTitleRows(a: string) {
          ctx.q('PageLayout.setPrintTitleRows', a, () => {
            if (!/^\$\d+:\$\d+$/.test(a))
              throw new FakeOfficeError('InvalidArgument', `print title rows ${a}`, 'PageLayout.setPrintTitleRows');
            const s = must();
            mustBeUnprotected(s, 'PageLayout.setPrintTitleRows');
            s.page.printTitleRows = a;
          });
        },
      },
      Object.fromEntries(
        [
          'paperSize',
          'orientation',
          'centerHorizontally',
          'leftMargin',
          'rightMargin',
          'topMargin',
          'bottomMargin',
          'headerMargin',
          'footerMargin',
          'zoom',
        ].map((k) => [k, pageProp(k)]),
      ),
    );
    const proxy = {
      _loaded: null as null | { name: string; isNullObject: boolean },
      get isNullObject() {
        if (!this._loaded) throw new FakeOfficeError('PropertyNotLoaded', 'isNullObject not loaded', 'Worksheet.isNullObject');
        return this._loaded.isNullObject;
      },
      get name(): string {
        if (!this._loaded) throw new FakeOfficeError('PropertyNotLoaded', 'name not loaded', 'Worksheet.name');
        return this._loaded.name;
      },
      set name(v: string) {
        ctx.q('Worksheet.name', v, () => {
          const s = must();
          const other = wb.sheet(v);
          if (other && other !== s) throw new FakeOfficeError('ItemAlreadyExists', `A sheet named ${v} exists`, 'Worksheet.name');
          s.name = v;
        });
      },
      load(_p?: unknown) {
        ctx.q('Worksheet.load', _p, () => {
          const s = resolve();
          proxy._loaded = { name: s?.name ?? '', isNullObject: !s };
        });
        return proxy;
      },
      delete() {
        ctx.q('Worksheet.delete', null, () => {
          const s = must();
          if (wb.sheetNames.length <= 1)
            throw new FakeOfficeError('InvalidOperation', 'a workbook must keep one visible sheet', 'Worksheet.delete');
          s.deleted = true;
          // Excel: every reference to the deleted sheet becomes #REF!, for good
          const fix = (f: string) => refsAfterDelete(f, s.name);
          for (const o of wb.sheets) {
            if (o.deleted) continue;
            for (const c of o.cells.values()) if (c.formula) c.formula = fix(c.formula);
            for (const cf of o.conditionalFormats) if (cf.formula) cf.formula = fix(cf.formula);
            for (const v of o.validations) {
              const custom = v.rule.custom as { formula?: string } | undefined;
              if (custom?.formula) v.rule = { custom: { ...custom, formula: fix(custom.formula) } };
            }
          }
          for (const n of wb.names.values()) n.ref = fix(n.ref);
        });
      },
      set visibility(v: 'Visible' | 'Hidden' | 'VeryHidden') {
        ctx.q('Worksheet.visibility', v, () => {
          const s = must();
          if (v !== 'Visible' && wb.sheets.filter((x) => !x.deleted && x.visibility === 'Visible' && x !== s).length === 0)
            throw new FakeOfficeError('InvalidOperation', 'a workbook must keep one visible sheet', 'Worksheet.visibility');
          s.visibility = v;
        });
      },
      activate() {
        ctx.q('Worksheet.activate', null, () => {
          const s = must();
          if (s.visibility !== 'Visible') throw new FakeOfficeError('InvalidOperation', `${s.name} is hidden`, 'Worksheet.activate');
          wb.active = s.name;
        });
      },
      protection: {
        protect(o?: Record<string, unknown>, password?: string) {
          ctx.q('WorksheetProtection.protect', password ? [o, password] : [o], () => {
            const s = must();
            if (s.protected) throw new FakeOfficeError('InvalidOperation', 'already protected', 'WorksheetProtection.protect');
            s.protected = true;
            s.protectOptions = o;
            s.protectPassword = password || undefined;
          });
        },
        unprotect(password?: string) {
          ctx.q('WorksheetProtection.unprotect', password ?? null, () => {
            const s = must();
            if (!s.protected) return; // nothing to do, as in Excel
            if (s.protectPassword !== undefined && password !== s.protectPassword)
              throw new FakeOfficeError('InvalidArgument', `${s.name}: the password is wrong`, 'WorksheetProtection.unprotect');
            s.protected = false;
            s.protectOptions = undefined;
            s.protectPassword = undefined;
          });
        },
      },
      freezePanes: {
        freezeRows(n: number) {
          ctx.q('WorksheetFreezePanes.freezeRows', n, () => (must().freezeRows = n));
        },
        unfreeze() {
          ctx.q('WorksheetFreezePanes.unfreeze', null, () => (must().freezeRows = 0));
        },
      },
      pageLayout,
      autoFilter: {
        apply(range: string) {
          ctx.q('AutoFilter.apply', range, () => {
            const s = must();
            mustBeUnprotected(s, 'AutoFilter.apply');
            s.autoFilter = range;
          });
        },
        remove() {
          ctx.q('AutoFilter.remove', null, () => {
            const s = must();
            mustBeUnprotected(s, 'AutoFilter.remove');
            s.autoFilter = undefined;
          });
        },
      },
      horizontalPageBreaks: {
        add(a: string) {
          ctx.q('PageBreakCollection.add', a, () => {
            const s = must();
            mustBeUnprotected(s, 'PageBreakCollection.add');
            s.pageBreaks.push(a);
          });
        },
        removePageBreaks() {
          ctx.q('PageBreakCollection.removePageBreaks', null, () => {
            const s = must();
            mustBeUnprotected(s, 'PageBreakCollection.removePageBreaks');
            s.pageBreaks = [];
          });
        },
      },
      verticalPageBreaks: {
        add(a: string) {
          ctx.q('PageBreakCollection.add', a, () => {
            const s = must();
            mustBeUnprotected(s, 'PageBreakCollection.add');
            s.verticalPageBreaks.push(a);
          });
        },
        removePageBreaks() {
          ctx.q('PageBreakCollection.removePageBreaks', null, () => {
            const s = must();
            mustBeUnprotected(s, 'PageBreakCollection.removePageBreaks');
            s.verticalPageBreaks = [];
          });
        },
      },
      /** without an address: the whole sheet */
      getRange(address?: string) {
        return ctx.rangeProxy(must, [address ?? WHOLE_SHEET]);
      },
      getRanges(address: string) {
        return ctx.rangeProxy(must, address.split(','), true);
      },
      getUsedRange(valuesOnly?: boolean) {
        const r = {
          _v: null as null | { values: unknown[][]; rowIndex: number; columnIndex: number; isNullObject: boolean },
          load() {
            ctx.q('Worksheet.getUsedRange', valuesOnly, () => {
              const s = must();
              const used = [...s.cells.entries()]
                .filter(([, c]) => c.value !== null || (!valuesOnly && c.formula))
                .map(([a]) => parseAddr(a));
              if (!used.length) {
                r._v = { values: [['']], rowIndex: 0, columnIndex: 0, isNullObject: false };
                return;
              }
              const rect = {
                r1: Math.min(...used.map((p) => p.row)),
                c1: Math.min(...used.map((p) => p.col)),
                r2: Math.max(...used.map((p) => p.row)),
                c2: Math.max(...used.map((p) => p.col)),
              };
              const values: unknown[][] = [];
              for (let row = rect.r1; row <= rect.r2; row++) {
                const line: unknown[] = [];
                for (let col = rect.c1; col <= rect.c2; col++) line.push(s.value(`${colName(col)}${row}`));
                values.push(line);
              }
              r._v = { values, rowIndex: rect.r1 - 1, columnIndex: rect.c1 - 1, isNullObject: false };
            });
            return r;
          },
          get values() {
            return loaded().values;
          },
          get rowIndex() {
            return loaded().rowIndex;
          },
          get columnIndex() {
            return loaded().columnIndex;
          },
          get isNullObject() {
            return loaded().isNullObject;
          },
        };
        const loaded = () => {
          if (!r._v) throw new FakeOfficeError('PropertyNotLoaded', 'used range not loaded', 'Range.values');
          return r._v;
        };
        return r;
      },
    };
    return proxy;
  }

  /**
   * A range (or RangeAreas) proxy. `addresses` is fixed (getRange) or found when the batch runs: a range
   * another range's method returns (getUsedRange, getLastRow, getOffsetRange) is bound when that method's
   * action runs in the batch, as in Excel, not when the add-in queued it.
   */
  rangeProxy(sheet: () => FakeSheet, addresses: string[] | (() => string[]), areas = false) {
    const ctx = this;
    const label = areas ? 'RangeAreas' : 'Range';
    const resolve = typeof addresses === 'function' ? addresses : () => addresses;
    const rects = () => resolve().map(rectOf);
    // what the request carries: the address, or for a range found at sync the method that finds it
    const where = typeof addresses === 'function' ? '(found at sync)' : addresses.join(',');
    /** a range this range's method returns, bound when the method's action runs (`find` gets this range's rectangle) */
    const derived = (what: string, payload: unknown, find: (r: Rect, s: FakeSheet) => Rect) => {
      let bound: string | null = null;
      ctx.q(`Range.${what}`, payload, () => {
        const s = sheet();
        const r = find(rects()[0], s);
        bound = `${colName(r.c1)}${r.r1}:${colName(r.c2)}${r.r2}`;
      });
      return ctx.rangeProxy(sheet, () => {
        if (bound === null) throw new FakeOfficeError('InvalidOperation', `a range of ${what} used before its action ran`, `Range.${what}`);
        return [bound];
      });
    };
    /** check a format change against sheet protection: Excel refuses it on any cell without allowFormatCells */
    const writable = (s: FakeSheet, rs: Rect[], what: string) => {
      if (!s.protected) return;
      if (s.protectOptions?.allowFormatCells !== true) mustBeUnprotected(s, `${label}.${what}`);
      for (const r of rs)
        for (const a of cellsOf(r))
          if (s.cells.get(a)?.locked ?? true)
            throw new FakeOfficeError('AccessDenied', `${what}: ${s.name}!${a} is locked on a protected sheet`, `${label}.${what}`);
    };
    const cellProp = (what: string, apply: (c: FakeCell, v: unknown) => void) => ({
      set(v: unknown) {
        ctx.q(`${label}.format.${what}`, [where, v], () => {
          const s = sheet();
          const rs = rects();
          writable(s, rs, `format.${what}`);
          for (const r of rs) for (const a of cellsOf(r)) apply(s.cell(a), v);
        });
      },
      get() {
        return undefined;
      },
    });
    const matrix = (what: 'formulas' | 'values' | 'numberFormat') => ({
      set(m: unknown[][]) {
        if (areas) throw new FakeOfficeError('InvalidArgument', `${what} is not on RangeAreas`, `RangeAreas.${what}`);
        ctx.q(`Range.${what}`, [where, m], () => {
          const s = sheet();
          if (what === 'numberFormat') writable(s, [], 'numberFormat');
          const [r] = rects();
          const rows = r.r2 - r.r1 + 1;
          const cols = r.c2 - r.c1 + 1;
          if (!Array.isArray(m) || m.length !== rows || m.some((line) => !Array.isArray(line) || line.length !== cols)) {
            throw new FakeOfficeError('InvalidArgument', `${what}: a ${rows}×${cols} array is needed for ${where}`, `Range.${what}`);
          }
          m.forEach((line, i) =>
            line.forEach((v, j) => {
              if (v === null) return; // null leaves the cell unchanged
              const a = `${colName(r.c1 + j)}${r.r1 + i}`;
              if (s.protected && (s.cells.get(a)?.locked ?? true))
                throw new FakeOfficeError('AccessDenied', `${s.name}!${a} is locked`, `Range.${what}`);
              const c = s.cell(a);
              if (what === 'numberFormat') c.numberFormat = String(v);
              else {
                delete c.formula;
                delete c.quotePrefix;
                Object.assign(c, typed(v, c.numberFormat));
              }
            }),
          );
        });
      },
      get() {
        if (!loaded) throw new FakeOfficeError('PropertyNotLoaded', `${what} not loaded`, `Range.${what}`);
        return loaded[what];
      },
    });
    let loaded: null | { values: unknown[][]; formulas: unknown[][]; numberFormat: unknown[][]; rowIndex: number; columnIndex: number } =
      null;
    /** Range.columnHidden / rowHidden (ExcelApi 1.2): allowed on a protected sheet with allowFormatColumns / Rows */
    const hidden = (what: 'column' | 'row') => ({
      set(v: boolean) {
        ctx.q(`${label}.${what}Hidden`, [where, v], () => {
          const s = sheet();
          mustBeUnprotected(s, `${label}.${what}Hidden`, what === 'column' ? 'allowFormatColumns' : 'allowFormatRows');
          const set = what === 'column' ? s.hiddenColumns : s.hiddenRows;
          for (const r of rects()) {
            const [lo, hi] = what === 'column' ? [r.c1, r.c2] : [r.r1, r.r2];
            if (v) for (let i = lo; i <= hi; i++) set.add(i);
            else for (const i of [...set]) if (i >= lo && i <= hi) set.delete(i);
          }
        });
      },
      get() {
        return undefined;
      },
    });
    const format = Object.defineProperties(
      {
        font: Object.defineProperties(
          {},
          {
            bold: cellProp('font.bold', (c, v) => (c.bold = !!v)),
            size: cellProp('font.size', (c, v) => (c.size = Number(v))),
            color: cellProp('font.color', (c, v) => (c.color = String(v))),
          },
        ),
        fill: Object.defineProperties({}, { color: cellProp('fill.color', (c, v) => (c.fill = String(v))) }),
        protection: Object.defineProperties(
          {},
          {
            locked: {
              set(v: boolean) {
                ctx.q(`${label}.format.protection.locked`, [where, v], () => {
                  const s = sheet();
                  if (s.protected)
                    throw new FakeOfficeError('AccessDenied', 'cannot change locking on a protected sheet', `${label}.format.protection`);
                  for (const r of rects()) for (const a of cellsOf(r)) s.cell(a).locked = v;
                });
              },
            },
          },
        ),
        borders: {
          getItem(edge: string) {
            const b = {};
            for (const k of ['style', 'weight', 'color']) {
              Object.defineProperty(b, k, {
                set(v: unknown) {
                  ctx.q(`${label}.format.borders.${edge}.${k}`, [where, v], () => {
                    const s = sheet();
                    const rs = rects();
                    writable(s, rs, 'borders');
                    for (const r of rs) {
                      if (edge === 'InsideHorizontal' && r.r1 === r.r2)
                        throw new FakeOfficeError(
                          'InvalidArgument',
                          `no inside horizontal border in one row ${where}`,
                          `${label}.format.borders`,
                        );
                      if (edge === 'InsideVertical' && r.c1 === r.c2)
                        throw new FakeOfficeError(
                          'InvalidArgument',
                          `no inside vertical border in one column ${where}`,
                          `${label}.format.borders`,
                        );
                      if (k === 'style') for (const a of cellsOf(r)) (s.cell(a).borders ??= new Set()).add(edge);
                    }
                  });
                },
              });
            }
            return b;
          },
        },
      },
      {
        horizontalAlignment: cellProp('horizontalAlignment', (c, v) => (c.hAlign = String(v))),
        verticalAlignment: cellProp('verticalAlignment', (c, v) => (c.vAlign = String(v))),
        wrapText: cellProp('wrapText', (c, v) => (c.wrap = !!v)),
        columnWidth: {
          set(v: number) {
            ctx.q(`${label}.format.columnWidth`, [where, v], () => {
              const s = sheet();
              mustBeUnprotected(s, `${label}.format.columnWidth`, 'allowFormatColumns');
              for (const r of rects()) for (let c = r.c1; c <= r.c2; c++) s.colWidths.set(c, v);
            });
          },
        },
        rowHeight: {
          set(v: number) {
            ctx.q(`${label}.format.rowHeight`, [where, v], () => {
              const s = sheet();
              mustBeUnprotected(s, `${label}.format.rowHeight`, 'allowFormatRows');
              for (const r of rects()) for (let row = r.r1; row <= r.r2; row++) s.rowHeights.set(row, v);
            });
          },
        },
        // ExcelApi 1.7; only `true` does something
        useStandardWidth: {
          set(v: boolean) {
            ctx.q(`${label}.format.useStandardWidth`, [where, v], () => {
              const s = sheet();
              mustBeUnprotected(s, `${label}.format.useStandardWidth`, 'allowFormatColumns');
              if (v) for (const r of rects()) for (const c of [...s.colWidths.keys()]) if (c >= r.c1 && c <= r.c2) s.colWidths.delete(c);
            });
          },
        },
        useStandardHeight: {
          set(v: boolean) {
            ctx.q(`${label}.format.useStandardHeight`, [where, v], () => {
              const s = sheet();
              mustBeUnprotected(s, `${label}.format.useStandardHeight`, 'allowFormatRows');
              if (v)
                for (const r of rects())
                  for (const row of [...s.rowHeights.keys()]) if (row >= r.r1 && row <= r.r2) s.rowHeights.delete(row);
            });
          },
        },
      },
    );
    const dataValidation = {
      /** removes the validation of every cell of the range (the fake: every rule touching it) */
      clear() {
        ctx.q(`${label}.dataValidation.clear`, where, () => {
          const s = sheet();
          mustBeUnprotected(s, `${label}.dataValidation.clear`);
          const rs = rects();
          s.validations = s.validations.filter((v) => !v.address.split(',').some((a) => rs.some((r) => overlap(rectOf(a), r))));
        });
      },
    };
    for (const k of ['rule', 'prompt', 'errorAlert'] as const) {
      Object.defineProperty(dataValidation, k, {
        set(v: Record<string, unknown>) {
          ctx.q(`${label}.dataValidation.${k}`, [where, v], () => {
            const s = sheet();
            mustBeUnprotected(s, `${label}.dataValidation.${k}`);
            if (k === 'rule') {
              const kinds = Object.keys(v);
              if (kinds.length !== 1 || !['wholeNumber', 'decimal', 'list', 'custom', 'textLength', 'date', 'time'].includes(kinds[0])) {
                throw new FakeOfficeError('InvalidArgument', `a rule needs exactly one kind: ${kinds}`, 'DataValidation.rule');
              }
              // Excel's limit on a validation formula (and a list's source): 255 characters (without the leading =)
              const body = v[kinds[0]] as { formula?: unknown; source?: unknown; formula1?: unknown; formula2?: unknown };
              for (const t of [body.formula, body.source, body.formula1, body.formula2])
                if (typeof t === 'string' && t.replace(/^=/, '').length > 255)
                  throw new FakeOfficeError(
                    'InvalidArgument',
                    `a data-validation formula is at most 255 characters (${t.length}: ${t.slice(0, 40)}…)`,
                    'DataValidation.rule',
                  );
              s.validations.push({ address: where, rule: v });
              return;
            }
            const title = String((v as { title?: string }).title ?? '');
            const message = String((v as { message?: string }).message ?? '');
            if (title.length > 32 || message.length > 255)
              throw new FakeOfficeError('InvalidArgument', `${k}: title ≤ 32, message ≤ 255 characters`, `DataValidation.${k}`);
            const dv = [...s.validations].reverse().find((x) => x.address === where);
            if (!dv) throw new FakeOfficeError('InvalidOperation', `${k} before rule`, `DataValidation.${k}`);
            (dv as unknown as Record<string, unknown>)[k] = v;
          });
        },
      });
    }
    const loadedOr = (k: 'rowIndex' | 'columnIndex') => {
      if (!loaded) throw new FakeOfficeError('PropertyNotLoaded', `${k} not loaded`, `Range.${k}`);
      return loaded[k];
    };
    const range = Object.defineProperties(
      {
        format,
        dataValidation,
        conditionalFormats: {
          clearAll() {
            ctx.q(`${label}.conditionalFormats.clearAll`, where, () => {
              const s = sheet();
              mustBeUnprotected(s, `${label}.conditionalFormats.clearAll`);
              const rs = rects();
              s.conditionalFormats = s.conditionalFormats.filter(
                (cf) => !cf.address.split(',').some((a) => rs.some((r) => overlap(rectOf(a), r))),
              );
            });
          },
          add(type: string) {
            const cf: FakeConditionalFormat = { address: where, type };
            ctx.q(`${label}.conditionalFormats.add`, [where, type], () => {
              const s = sheet();
              mustBeUnprotected(s, `${label}.conditionalFormats.add`);
              s.conditionalFormats.push(cf);
            });
            const setter = (k: keyof FakeConditionalFormat) => ({
              set(v: unknown) {
                ctx.q(`ConditionalFormat.custom.${k}`, v, () => ((cf as unknown as Record<string, unknown>)[k] = v));
              },
            });
            return {
              custom: {
                rule: Object.defineProperties({}, { formula: setter('formula') }),
                format: {
                  fill: Object.defineProperties({}, { color: setter('fill') }),
                  font: Object.defineProperties({}, { color: setter('fontColor'), bold: setter('bold') }),
                },
              },
            };
          },
        },
        /** Range.clear: All (contents, formulas and formats; cells relocked), Contents, or Formats; merges stay */
        clear(applyTo: string = 'All') {
          ctx.q(`${label}.clear`, [where, applyTo], () => {
            const s = sheet();
            mustBeUnprotected(s, `${label}.clear`);
            if (!['All', 'Contents', 'Formats'].includes(applyTo))
              throw new FakeOfficeError('InvalidArgument', `the fake knows no clear(${applyTo})`, `${label}.clear`);
            const rs = rects();
            for (const [a, c] of [...s.cells]) {
              if (!rs.some((r) => inRect(parseAddr(a), r))) continue;
              if (applyTo === 'All') s.cells.delete(a);
              else if (applyTo === 'Contents') {
                c.value = null;
                delete c.formula;
                delete c.quotePrefix;
              } else s.cells.set(a, { value: c.value, ...(c.formula ? { formula: c.formula } : {}), locked: true });
            }
          });
        },
        unmerge() {
          ctx.q(`${label}.unmerge`, where, () => {
            const s = sheet();
            mustBeUnprotected(s, `${label}.unmerge`);
            const rs = rects();
            s.merges = s.merges.filter((m) => !rs.some((r) => overlap(rectOf(m), r)));
          });
        },
        merge(across?: boolean) {
          ctx.q('Range.merge', [where, across], () => {
            const s = sheet();
            mustBeUnprotected(s, 'Range.merge');
            const r = rects()[0];
            if (s.merges.some((m) => overlap(rectOf(m), r)))
              throw new FakeOfficeError('InvalidArgument', `merge ${where} overlaps a merged area`, 'Range.merge');
            s.merges.push(where);
          });
        },
        select() {
          ctx.q(`${label}.select`, where, () => {
            const s = sheet();
            if (ctx.wb.active !== s.name)
              throw new FakeOfficeError('InvalidOperation', 'select a range on the active sheet', `${label}.select`);
            ctx.wb.selected = `${s.name}!${where}`;
          });
        },
        /**
         * Range.getUsedRange (ExcelApi 1.1; valuesOnly 1.2): the smallest rectangle of this range holding every
         * used cell of it (valuesOnly: cells with a value; else also formulas and formats); none: ItemNotFound.
         */
        getUsedRange(valuesOnly?: boolean) {
          return derived('getUsedRange', valuesOnly ?? null, (r, s) => {
            const used = [...s.cells.entries()]
              .filter(([, c]) => c.value !== null || (!valuesOnly && (c.formula || c.numberFormat || c.fill || c.bold || !c.locked)))
              .map(([a]) => parseAddr(a))
              .filter((p) => inRect(p, r));
            if (!used.length) throw new FakeOfficeError('ItemNotFound', 'The range has no used cells', 'Range.getUsedRange');
            return {
              r1: Math.min(...used.map((p) => p.row)),
              c1: Math.min(...used.map((p) => p.col)),
              r2: Math.max(...used.map((p) => p.row)),
              c2: Math.max(...used.map((p) => p.col)),
            };
          });
        },
        /** Range.getLastRow (ExcelApi 1.1) */
        getLastRow() {
          return derived('getLastRow', null, (r) => ({ ...r, r1: r.r2 }));
        },
        /** Range.getOffsetRange (ExcelApi 1.1): beyond the sheet's edge is InvalidArgument */
        getOffsetRange(rows: number, cols: number) {
          return derived('getOffsetRange', [rows, cols], (r) => {
            const o = { r1: r.r1 + rows, c1: r.c1 + cols, r2: r.r2 + rows, c2: r.c2 + cols };
            if (o.r1 < 1 || o.c1 < 1 || o.r2 > 1048576 || o.c2 > 16384)
              throw new FakeOfficeError('InvalidArgument', 'the offset range is outside the sheet', 'Range.getOffsetRange');
            return o;
          });
        },
        /**
         * Range.copyFrom (ExcelApi 1.9), the copy types 'Formulas' and 'Values' (what the writer uses): like a paste,
         * a destination that is an exact multiple of the source in rows and columns gets it repeated, a smaller one
         * is expanded to the source's size; a larger one that is not a multiple is refused here (the docs say
         * nothing of it). 'Formulas' pastes each source cell's formula with its relative references moved by the
         * offset (`movedFormula`, as a fill does) and constants as they are; number formats, styles and validation
         * stay. Locked cells of a protected sheet refuse it. The source is an address (`A1:B2` on this sheet,
         * `'Sheet'!A1:B2`) or a range of this context.
         */
        copyFrom(
          source: string | { [SOURCE]?: () => { sheet: FakeSheet; rect: Rect } },
          copyType = 'All',
          skipBlanks = false,
          transpose = false,
        ) {
          const src = typeof source === 'string' ? source : source[SOURCE] ? '(range)' : String(source);
          ctx.q(`Range.copyFrom`, [where, src, copyType, skipBlanks, transpose], () => {
            if (areas) throw new FakeOfficeError('InvalidArgument', 'the fake knows copyFrom on a Range only', 'RangeAreas.copyFrom');
            if (!['Formulas', 'Values'].includes(copyType) || skipBlanks || transpose)
              throw new FakeOfficeError(
                'InvalidArgument',
                `the fake knows no copyFrom(${copyType}, ${skipBlanks}, ${transpose})`,
                'Range.copyFrom',
              );
            const s = sheet();
            let from: { sheet: FakeSheet; rect: Rect };
            if (typeof source === 'string') {
              const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$/.exec(source);
              const other = m ? ctx.wb.sheet((m[1] ?? m[2]).replace(/''/g, "'")) : s;
              if (!other) throw new FakeOfficeError('ItemNotFound', `copyFrom: no sheet in ${source}`, 'Range.copyFrom');
              from = { sheet: other, rect: rectOf(m ? m[3] : source) };
            } else if (source[SOURCE]) from = source[SOURCE]();
            else throw new FakeOfficeError('InvalidArgument', 'copyFrom: a range or an address', 'Range.copyFrom');
            const sr = from.rect;
            const [h, w] = [sr.r2 - sr.r1 + 1, sr.c2 - sr.c1 + 1];
            let dr = rects()[0];
            const [H, W] = [dr.r2 - dr.r1 + 1, dr.c2 - dr.c1 + 1];
            if (H < h || W < w) dr = { r1: dr.r1, c1: dr.c1, r2: dr.r1 + h - 1, c2: dr.c1 + w - 1 };
            else if (H % h !== 0 || W % w !== 0)
              throw new FakeOfficeError(
                'InvalidArgument',
                `copyFrom: ${where} is not a multiple of the source's ${h}×${w}`,
                'Range.copyFrom',
              );
            // the source as it is before anything is pasted (source and destination may overlap)
            const before = new Map<string, FakeCell | undefined>();
            for (const a of cellsOf(sr)) before.set(a, from.sheet.cells.get(a));
            for (let r = dr.r1; r <= dr.r2; r++)
              for (let c = dr.c1; c <= dr.c2; c++) {
                const [fr, fc] = [sr.r1 + ((r - dr.r1) % h), sr.c1 + ((c - dr.c1) % w)];
                const a = `${colName(c)}${r}`;
                if (s.protected && (s.cells.get(a)?.locked ?? true))
                  throw new FakeOfficeError('AccessDenied', `${s.name}!${a} is locked`, 'Range.copyFrom');
                const f = before.get(`${colName(fc)}${fr}`);
                const d = s.cell(a);
                delete d.formula;
                delete d.quotePrefix;
                d.value = f?.value ?? null;
                if (f?.quotePrefix) d.quotePrefix = true;
                if (f?.formula && copyType === 'Formulas') d.formula = movedFormula(f.formula, r - fr, c - fc);
              }
          });
        },
        load(_p?: unknown) {
          ctx.q(`${label}.load`, [where, _p], () => {
            const s = sheet();
            const r = rects()[0];
            const grid = (f: (a: string) => unknown) => {
              const out: unknown[][] = [];
              for (let row = r.r1; row <= r.r2; row++) {
                const line: unknown[] = [];
                for (let col = r.c1; col <= r.c2; col++) line.push(f(`${colName(col)}${row}`));
                out.push(line);
              }
              return out;
            };
            const busy = (a: string) => {
              const c = s.cells.get(a);
              if (!c?.formula || !CUSTOM_FUNCTION.test(c.formula)) return false;
              ctx.readCustom = true;
              return ctx.wb.calculating > 0;
            };
            loaded = {
              values: grid((a) => (busy(a) ? '#BUSY!' : s.value(a))),
              formulas: grid((a) => s.formula(a)),
              numberFormat: grid((a) => s.cells.get(a)?.numberFormat ?? 'General'),
              rowIndex: r.r1 - 1,
              columnIndex: r.c1 - 1,
            };
          });
          return range;
        },
      },
      {
        rowIndex: { get: () => loadedOr('rowIndex') },
        columnIndex: { get: () => loadedOr('columnIndex') },
        formulas: matrix('formulas'),
        values: matrix('values'),
        numberFormat: matrix('numberFormat'),
        columnHidden: hidden('column'),
        rowHidden: hidden('row'),
      },
    );
    // what a copyFrom of another range reads: its sheet and (bound) rectangle, when the batch runs
    Object.defineProperty(range, SOURCE, { value: () => ({ sheet: sheet(), rect: rects()[0] }) });
    return range;
  }
}
